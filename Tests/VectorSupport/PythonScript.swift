// Starts a helper Python script from Tests/Support for integration tests and reads the first line it
// prints. The script runs until its stdin (held here) closes — i.e. until the test process ends.
import Foundation

public final class PythonScript: @unchecked Sendable {
    public let firstLine: String
    private let process: Process
    private let stdin: Pipe

    public init(_ name: String) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Vectors.root.appendingPathComponent("Tests/Support/" + name).path]
        stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while let chunk = try stdout.fileHandleForReading.read(upToCount: 1), let b = chunk.first, b != 0x0A { line.append(b) }
        guard !line.isEmpty, let text = String(data: line, encoding: .utf8) else {
            throw Vectors.Missing(description: "Tests/Support/\(name) printed nothing (is python3 with its modules installed?)")
        }
        firstLine = text
    }

    /// Runs `python3 -c source` with `stdin` and returns its standard output; nil (with a printed
    /// note) when python3 is not available outside CI. Throws when the script fails.
    public static func run(_ source: String, stdin input: [UInt8] = []) throws -> String? {
        guard hasModule("sys") else {
            if Vectors.isCI { throw Vectors.Missing(description: "python3 is required under CI=true") }
            print("note: python3 not found; skipping a differential test")
            return nil
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", source]
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = errPipe
        try p.run()
        let writer = Thread { inPipe.fileHandleForWriting.write(Data(input)); try? inPipe.fileHandleForWriting.close() }
        writer.start()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        let err = errPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw Vectors.Missing(description: "python3 script failed: \(String(decoding: err, as: UTF8.self))")
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `python3 -c "import <module>"` succeeds.
    public static func hasModule(_ module: String) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import \(module)"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}

/// The moto Cognito interop fixture, started once per test process.
public struct MotoCognito: Decodable, Sendable {
    public let pool: String
    public let client: String
    public let access: String
    public let id: String
    public let jwks: String

    /// Run the interop tests when moto is importable — and always under CI=true, where a missing
    /// emulator must fail rather than skip.
    public static var available: Bool {
        if PythonScript.hasModule("moto") && PythonScript.hasModule("boto3") { return true }
        print("note: moto/boto3 not importable; skipping the Cognito emulator interop tests")
        return Vectors.isCI
    }

    nonisolated(unsafe) private static var script: PythonScript? = nil
    public static let shared: Result<MotoCognito, any Error> = Result {
        let s = try PythonScript("moto_cognito.py")
        script = s
        return try JSONDecoder().decode(MotoCognito.self, from: Data(s.firstLine.utf8))
    }
}
