// The one error type of PureBase64URL: what was wrong and where (byte offset into the input).
//
// Decoding is strict (RFC 4648 §3.1-§3.5 "implementations MUST reject ... characters outside the
// base alphabet"; RFC 7515 §2 base64url without padding): every rejection rule below is a case.

/// Why a base64url / base64 input was rejected.
public struct Base64URLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The rule that was broken.
    public enum Kind: Equatable, Sendable {
        /// A byte outside the alphabet (this includes `=`, `+`/`/` in base64url, `-`/`_` in base64,
        /// whitespace and every non-ASCII byte).
        case invalidCharacter
        /// The length is impossible: ≡ 1 (mod 4) for unpadded input; not a multiple of 4 for padded input.
        case invalidLength
        /// The last character carries non-zero bits that the decoded length does not use
        /// (RFC 4648 §3.5: canonical encoding; `QR` would otherwise decode like `QQ`).
        case nonCanonicalTrailingBits
        /// Padding in the wrong place or of the wrong amount (standard base64 only).
        case invalidPadding
    }

    /// The rule that was broken.
    public let kind: Kind
    /// Offset of the first offending byte in the input.
    public let offset: Int

    /// An error of `kind` at byte `offset`.
    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// The rule and the offset, in words.
    public var description: String {
        switch kind {
        case .invalidCharacter: "invalid base64 character at offset \(offset)"
        case .invalidLength: "invalid base64 length \(offset)"
        case .nonCanonicalTrailingBits: "non-canonical base64 trailing bits at offset \(offset)"
        case .invalidPadding: "invalid base64 padding at offset \(offset)"
        }
    }
}
