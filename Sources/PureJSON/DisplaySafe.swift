// One sanitizer for text that came from outside (token headers and claims, JWK members, fetched key
// sets) before it reaches an error message, a log line or a terminal. A `kid` or claim is chosen by
// whoever made the token or the key set; printed raw it could move the cursor, clear an operator's
// terminal (ESC, CSI), hide or reorder text (bidi overrides, "Trojan Source", CVE-2021-42574) or
// break a log line in two (U+2028/U+2029).
//
// Escaped as `\u{XX}` (so the reader still sees that something was there):
//   C0 controls U+0000–U+001F, DEL U+007F, C1 controls U+0080–U+009F (Unicode §23.1),
//   LINE/PARAGRAPH SEPARATOR U+2028/U+2029,
//   the bidirectional formatting characters of UAX #9 §2: ALM U+061C, LRM/RLM U+200E/U+200F,
//   LRE/RLE/PDF/LRO/RLO U+202A–U+202E, LRI/RLI/FSI/PDI U+2066–U+2069.
// Everything else passes unchanged. The output is for display only; never compare it.

/// True for the scalars `sanitizedForDisplay` escapes.
public func isDisplayUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x2028, 0x2029: true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
}

/// `text` with every display-unsafe scalar written as `\u{XX}`, cut after `limit` scalars (with "…").
public func sanitizedForDisplay(_ text: String, limit: Int = .max) -> String {
    var out = ""
    var count = 0
    for scalar in text.unicodeScalars {
        if count >= limit { out += "…"; break }
        count += 1
        if isDisplayUnsafe(scalar) {
            out += "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}

/// `text` sanitized, cut after `limit` scalars and put in double quotes: the form every error
/// message of PureJWT uses for a value that came from outside.
package func displayQuoted(_ text: String, limit: Int = 64) -> String {
    "\"" + sanitizedForDisplay(text, limit: limit) + "\""
}
