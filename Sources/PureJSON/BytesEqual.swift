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
