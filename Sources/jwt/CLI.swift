// Shared plumbing of the `jwt` tool: outcomes and exit codes, argument scanning, input.
//
// Exit codes (a contract scripts rely on): 0 success; 1 the input was judged and rejected — the
// first stderr line is "error: CODE: message" with CODE one of the stable codes, and nothing is
// written to stdout; 2 usage error (unknown flag, missing file, bad option value).
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import PureJWT
import PureJWK
import PureJWTFoundation

enum CLIFailure: Error {
    case usage(String)
    case rejected(JWTError)
}

func usage(_ message: String) -> CLIFailure { .usage(message) }

/// Runs a library call, turning its JWTError into a rejection (exit 1).
func judged<T>(_ body: () throws(JWTError) -> T) throws(CLIFailure) -> T {
    do { return try body() } catch { throw .rejected(error) }
}

/// The same for async work.
func judgedAsync<T>(_ body: () async throws(JWTError) -> T) async throws(CLIFailure) -> T {
    do { return try await body() } catch { throw .rejected(error) }
}

/// Arguments after the subcommand: options (with values) and positionals, scanned by hand.
struct Arguments {
    var options: [(name: String, value: String?)] = []
    var positionals: [String] = []

    /// `valued`: options that take a value; `flags`: options that do not.
    init(_ args: [String], valued: Set<String>, flags: Set<String>) throws(CLIFailure) {
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "-" || !a.hasPrefix("-") {
                positionals.append(a)
            } else if a == "--" {
                positionals.append(contentsOf: args[(i + 1)...])
                break
            } else if valued.contains(a) {
                guard i + 1 < args.count else { throw usage("\(a) needs a value") }
                options.append((a, args[i + 1]))
                i += 1
            } else if flags.contains(a) {
                options.append((a, nil))
            } else {
                throw usage("unknown option \(a)")
            }
            i += 1
        }
    }

    func values(_ name: String) -> [String] { options.filter { $0.name == name }.compactMap(\.value) }
    func value(_ name: String) throws(CLIFailure) -> String? {
        let v = values(name)
        guard v.count <= 1 else { throw usage("\(name) given more than once") }
        return v.first
    }
    func flag(_ name: String) -> Bool { options.contains { $0.name == name } }

    func singlePositional(_ what: String) throws(CLIFailure) -> String {
        guard positionals.count == 1, let p = positionals.first else {
            throw usage(positionals.isEmpty ? "missing \(what)" : "expected one \(what), got \(positionals.count) arguments")
        }
        return p
    }
}

enum Input {
    /// Reads at most `limit` bytes of `path` (one byte more is read only to detect an oversized
    /// file, which is refused: no input can make the tool buffer more than its limit).
    static func file(_ path: String, limit: Int, what: String) throws(CLIFailure) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw usage("cannot read file \(path)") }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: limit + 1) ?? Data() } catch { throw usage("cannot read file \(path)") }
        guard data.count <= limit else { throw .rejected(oversized(what, limit)) }
        return Array(data)
    }

    static func oversized(_ what: String, _ limit: Int) -> JWTError {
        JWTError(what == "token" ? .malformedToken : .invalidJWKS, "the \(what) is over the \(limit)-byte limit")
    }

    static func isURL(_ s: String) -> Bool { s.hasPrefix("https://") || s.hasPrefix("http://") }

    /// A key set file path or an http(s) URL (fetched with the library's fetcher: HTTPS, or HTTP
    /// to loopback; its size cap applies while reading).
    static func keyFileOrURL(_ s: String) async throws(CLIFailure) -> [UInt8] {
        let limit = JWKSetLimits.default.maxBytes
        guard isURL(s) else { return try file(s, limit: limit, what: "key set") }
        do { return try await URLSessionJWKSFetcher(maxBytes: limit).fetch(s).body } catch {
            throw .rejected(JWTError(.jwksFetchFailed, "fetching \(s) failed: \(sanitizedForDisplay("\(error)"))"))
        }
    }

    /// The token from an argument, or from stdin for "-", surrounding whitespace removed. Stdin is
    /// read only up to the token limit plus a little room for whitespace.
    static func token(_ arg: String, limits: Limits = .default) throws(CLIFailure) -> [UInt8] {
        let room = limits.maxTokenBytes + 1024
        let raw: [UInt8]
        if arg == "-" {
            let data = (try? FileHandle.standardInput.read(upToCount: room + 1)) ?? Data()
            guard data.count <= room else { throw .rejected(oversized("token", limits.maxTokenBytes)) }
            raw = Array(data)
        } else {
            raw = Array(arg.utf8)
        }
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard let first = raw.firstIndex(where: { !isSpace($0) }), let last = raw.lastIndex(where: { !isSpace($0) }) else { return [] }
        return Array(raw[first...last])
    }

    /// A JWK Set (or a single JWK) from a file or URL.
    static func keySet(_ source: String) async throws(CLIFailure) -> JWKSet {
        let bytes = try await keyFileOrURL(source)
        do { return try JWKSet(jsonKeyOrSet: bytes) } catch { throw .rejected(JWTError(error)) }
    }

    /// A single JWK from a file: a public key, or — `kty` "oct", loaded on purpose from a local
    /// file — an HMAC secret.
    static func jwk(_ path: String) throws(CLIFailure) -> JWK {
        let bytes = try file(path, limit: JWKSetLimits.default.maxBytes, what: "JWK")
        if isSymmetric(bytes) {
            do {
                let keys = try JWK.symmetricKeys(json: bytes)
                guard keys.count == 1, let key = keys.first else { throw usage("--jwk \(path) holds \(keys.count) keys; give one JWK") }
                return key
            } catch let error as JWKError { throw .rejected(JWTError(error)) } catch let error as CLIFailure { throw error } catch { throw usage("\(error)") }
        }
        do { return try JWK(json: bytes) } catch { throw .rejected(JWTError(error)) }
    }

    /// A raw HMAC secret: the file's bytes exactly (no newline is stripped), as a key without `kid`.
    static func secret(_ path: String) throws(CLIFailure) -> JWK {
        let bytes = try file(path, limit: 64 * 1024, what: "secret")
        guard !bytes.isEmpty else { throw usage("--secret-file \(path) is empty") }
        return JWK(symmetricKey: SymmetricKey(bytes), keyID: nil)
    }

    /// Whether a JWK or JWK Set file holds `oct` keys (HMAC secrets).
    static func isSymmetric(_ bytes: [UInt8]) -> Bool {
        guard case .object(let o)? = try? JSONParser.parse(bytes) else { return false }
        if case .array(let keys)? = o["keys"], case .object(let first)? = keys.first { return first["kty"] == .string("oct") }
        return o["kty"] == .string("oct")
    }
}

func algorithms(_ names: [String]) throws(CLIFailure) -> [JWSAlgorithm] {
    guard !names.isEmpty else { return [.rs256] }
    var out: [JWSAlgorithm] = []
    for n in names {
        guard let a = JWSAlgorithm(rawValue: n) else {
            throw usage("unsupported --alg \(n) (\(JWSAlgorithm.allCases.map { $0.rawValue }.joined(separator: ", ")))")
        }
        out.append(a)
    }
    return out
}

func seconds(_ s: String?, _ name: String) throws(CLIFailure) -> Double? {
    guard let s else { return nil }
    guard let v = Double(s), v.isFinite, v >= 0 else { throw usage("\(name) needs a non-negative number of seconds, got \(s)") }
    return v
}

func writeStdout(_ bytes: [UInt8]) { FileHandle.standardOutput.write(Data(bytes)) }
/// Writes one line to stderr, sanitized (messages may quote text from tokens, keys or servers; a
/// line break inside is escaped too, so one message is always one line).
func printErr(_ s: String) { FileHandle.standardError.write(Data((sanitizedForDisplay(s) + "\n").utf8)) }
/// Writes the tool's own multi-line text (help) to stderr, unchanged.
func printErrText(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
/// True when standard output is a terminal (raw bytes are then escaped before printing).
var stdoutIsTerminal: Bool { isatty(1) == 1 }
