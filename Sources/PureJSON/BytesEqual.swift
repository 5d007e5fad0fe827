// Byte-exact string comparison (STYLE.md: strings from tokens are compared as UTF-8 bytes, never
// with `String ==`, which is Unicode canonical equivalence). Lengths first (O(1) for native
// strings), then one contiguous compare; the generic element-wise path only for bridged strings.

/// True when `a` and `b` have identical UTF-8 bytes.
package func utf8Equal(_ a: String, _ b: String) -> Bool {
    let au = a.utf8, bu = b.utf8
    guard au.count == bu.count else { return false }
    let fast = au.withContiguousStorageIfAvailable { pa in
        bu.withContiguousStorageIfAvailable { pb in
            var i = 0
            while i < pa.count {
                if pa[i] != pb[i] { return false }
                i += 1
            }
            return true
        }
    }
    if let result = fast ?? nil { return result }
    return au.elementsEqual(bu)
}

/// True when `a` and `b` hold the same bytes: eight at a time, then the tail. Variable time
/// (public data only: tokens, key ids).
package func bytesEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    guard let pa = a.baseAddress, let pb = b.baseAddress else { return a.count == 0 }
    var i = 0
    while i &+ 8 <= a.count {
        if pa.loadUnaligned(fromByteOffset: i, as: UInt64.self) != pb.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
        i &+= 8
    }
    while i < a.count {
        if pa.load(fromByteOffset: i, as: UInt8.self) != pb.load(fromByteOffset: i, as: UInt8.self) { return false }
        i &+= 1
    }
    return true
}
