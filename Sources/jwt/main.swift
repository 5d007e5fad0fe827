// The `jwt` command-line tool. See Help.swift for the interface and CLI.swift for exit codes.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

let arguments = Array(CommandLine.arguments.dropFirst())

func runCommand(_ command: String, _ rest: [String]) async throws(CLIFailure) {
    switch command {
    case "verify": try await Commands.verify(rest)
    case "jws-verify": try await Commands.jwsVerify(rest)
    case "decode": try Commands.decode(rest)
    case "jwks": try await Commands.jwks(rest)
    case "pem": try await Commands.pem(rest)
    case "thumbprint": try await Commands.thumbprint(rest)
    case "demo":
        guard rest.isEmpty else { throw usage("demo takes no arguments") }
        try Demo.run()
    default: throw usage("unknown command \(command)")
    }
}

// No arguments is a usage error: usage on stderr, nothing on stdout, exit 2. Asking for help is not.
guard let command = arguments.first else {
    printErr("usage error: no command given")
    printErrText("\n" + Help.tool)
    exit(2)
}
if command == "--help" || command == "-h" || command == "help" {
    print(Help.tool)
    exit(0)
}
let rest = Array(arguments.dropFirst())
if rest.contains("--help") || rest.contains("-h") {
    guard let text = Help.commands[command] else {
        printErr("usage error: unknown command \(command)")
        printErrText("\n" + Help.tool)
        exit(2)
    }
    print(text)
    exit(0)
}
do {
    try await runCommand(command, rest)
    exit(0)
} catch {
    switch error {
    case .usage(let message):
        printErr("usage error: \(message)")
        printErr("run `jwt \(Help.commands[command] == nil ? "" : command + " ")--help` for usage")
        exit(2)
    case .rejected(let e):
        printErr("error: \(e.code.rawValue): \(e.message)")
        exit(1)
    }
}
