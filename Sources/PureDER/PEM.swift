// PEM textual encoding, RFC 7468.
//
// Encoding follows the "stricttextualmsg" of §3: the pre-boundary, base64 (RFC 4648 §4, padded) in
// lines of exactly 64 characters but the last, the post-boundary, each line ended by "\n" (as
// OpenSSL writes it). Decoding accepts exactly one block in that strict form, with "\n" or "\r\n"
// line ends, optional whitespace only after the post-boundary; labels must match (§2).
import PureBase64URL

public enum PEM {
    public static func encode(_ der: [UInt8], label: String) -> String {
        "-----BEGIN \(label)-----\n" + Base64.encode(der, lineLength: 64) + "-----END \(label)-----\n"
    }

    /// Returns the label and the DER bytes of a single strict PEM block.
    public static func decode(_ text: String) throws(DERError) -> (label: String, der: [UInt8]) {
        // Split on LF as bytes ("\r\n" is one Character in Swift, so split the UTF-8 view), drop a CR.
        var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> Substring in
            let bytes = line.last == 0x0D ? line.dropLast() : line
            return Substring(String(decoding: bytes, as: UTF8.self))
        }
        // Trailing empty lines after the post-boundary are allowed.
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        guard lines.count >= 3 else { throw .invalidPEM("too few lines") }
        let begin = lines[0], end = lines[lines.count - 1]
        // §2: "-----BEGIN " label "-----" … "-----END " label "-----"
        guard begin.hasPrefix("-----BEGIN "), begin.hasSuffix("-----"), begin.count > 16 else { throw .invalidPEM("missing pre-encapsulation boundary") }
        guard end.hasPrefix("-----END "), end.hasSuffix("-----"), end.count > 14 else { throw .invalidPEM("missing post-encapsulation boundary") }
        let label = String(begin.dropFirst(11).dropLast(5))
        guard String(end.dropFirst(9).dropLast(5)) == label else { throw .invalidPEM("BEGIN and END labels differ") }
        let body = lines[1..<(lines.count - 1)]
        var joined: [UInt8] = []
        for (i, line) in body.enumerated() {
            // §3 strict: every base64 line but the last is exactly 64 characters; none is empty.
            let isLast = i == body.count - 1
            guard line.utf8.count == 64 || (isLast && !line.isEmpty && line.utf8.count < 64) else {
                throw .invalidPEM("base64 line \(i + 2) is \(line.utf8.count) characters (64 required)")
            }
            joined.append(contentsOf: line.utf8)
        }
        do {
            return (label, try Base64.decode(joined))
        } catch {
            throw .invalidPEM("base64: \(error)")
        }
    }
}
