// PEM textual encoding, RFC 7468.
//
// Encoding follows the "stricttextualmsg" of §3: the pre-boundary, base64 (RFC 4648 §4, padded) in
// lines of exactly 64 characters but the last, the post-boundary, each line ended by "\n" (as
// OpenSSL writes it). Decoding accepts exactly one block in that strict form, with "\n" or "\r\n"
// line ends, optional whitespace only after the post-boundary; labels must match (§2).
import PureBase64URL

/// PEM armour (RFC 7468) around DER.
public enum PEM {
    /// `-----BEGIN <label>-----`, the base64 of `der` in 64-character lines, `-----END <label>-----`.
    public static func encode(_ der: [UInt8], label: String) -> String {
        "-----BEGIN \(label)-----\n" + Base64.encode(der, lineLength: 64) + "-----END \(label)-----\n"
    }

    /// Returns the label and the DER bytes of a single strict PEM block.
    ///
    /// Everything is compared as bytes (a `String ==` would accept a label spelled with U+212A
    /// KELVIN SIGN for `K`, being Unicode canonical equivalence); the label must match RFC 7468 §3's
    /// grammar, `label = [ labelchar *( ["-" / SP] labelchar ) ]` with labelchar = %x21-2C / %x2E-7E,
    /// and the END label must equal the BEGIN label byte for byte (§2).
    public static func decode(_ text: String) throws(DERError) -> (label: String, der: [UInt8]) {
        // Split on LF as bytes and drop one CR per line ("\r\n" is a single Character in Swift).
        var lines: [ArraySlice<UInt8>] = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? line.dropLast() : line
        }
        // Trailing empty (or blank) lines after the post-boundary are allowed.
        while let last = lines.last, last.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { lines.removeLast() }
        guard lines.count >= 3 else { throw .invalidPEM("too few lines") }
        guard let label = boundaryLabel(lines[0], "-----BEGIN ") else { throw .invalidPEM("missing pre-encapsulation boundary") }
        guard let endLabel = boundaryLabel(lines[lines.count - 1], "-----END ") else { throw .invalidPEM("missing post-encapsulation boundary") }
        guard isRFC7468Label(label) else { throw .invalidPEM("the label is not an RFC 7468 label (printable ASCII, single spaces or hyphens)") }
        guard label.elementsEqual(endLabel) else { throw .invalidPEM("BEGIN and END labels differ") }
        let body = lines[1..<(lines.count - 1)]
        var joined: [UInt8] = []
        for (i, line) in body.enumerated() {
            // §3 strict: every base64 line but the last is exactly 64 characters; none is empty.
            let isLast = i == body.count - 1
            guard line.count == 64 || (isLast && !line.isEmpty && line.count < 64) else {
                throw .invalidPEM("base64 line \(i + 2) is \(line.count) characters (64 required)")
            }
            joined.append(contentsOf: line)
        }
        do {
            return (String(decoding: label, as: UTF8.self), try Base64.decode(joined))
        } catch {
            throw .invalidPEM("base64: \(error)")
        }
    }

    /// The label of `line` when it is `prefix` + label + "-----" (bytes), else nil.
    static func boundaryLabel(_ line: ArraySlice<UInt8>, _ prefix: StaticString) -> ArraySlice<UInt8>? {
        let p = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        let dashes: [UInt8] = Array("-----".utf8)
        guard line.count >= p.count + dashes.count, line.prefix(p.count).elementsEqual(p),
              line.suffix(dashes.count).elementsEqual(dashes) else { return nil }
        return line.dropFirst(p.count).dropLast(dashes.count)
    }

    /// RFC 7468 §3: labelchar = %x21-2C / %x2E-7E; a single "-" or SP only between labelchars.
    static func isRFC7468Label(_ label: ArraySlice<UInt8>) -> Bool {
        var previousWasSeparator = true   // no separator first
        for c in label {
            if c == 0x2D || c == 0x20 {
                guard !previousWasSeparator else { return false }
                previousWasSeparator = true
            } else {
                guard (0x21...0x7E).contains(c) else { return false }
                previousWasSeparator = false
            }
        }
        return !previousWasSeparator || label.isEmpty
    }
}
