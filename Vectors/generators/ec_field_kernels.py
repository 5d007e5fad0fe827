#!/usr/bin/env python3
"""Generates Sources/PureEC/FieldKernels.swift: straight-line Montgomery arithmetic for the six
prime fields PureEC verifies in — GF(p) and the scalars mod n of P-256, P-384 and P-521 (SP 800-186
§3.2.1.3–3.2.1.5) — on 4, 6 and 9 64-bit words, and the curve constants (b, G) in Montgomery form.

Why generated: a field multiplication is a fixed sequence of word products. Written out with every
index a constant and every modulus word a literal, the compiler keeps the operands in registers,
drops the products by zero words (P-256's p has one), and needs no loop bookkeeping; a loop over a
word count it cannot see through costs ~5x the instructions (measured with callgrind; README).
The method is the same product scanning with integrated reduction as PureBigNum's RSA kernel
(Koç–Acar–Kaliski 1996, "FIPS"): column c sums a[i]·b[c−i] and m[i]·p[c−i] into a three-word
accumulator (c0, c1, c2); for c < k, m[c] = c0·(−p⁻¹ mod 2^64) clears the low word; for c ≥ k the
low word is output word c − k. Squaring adds each cross product once, doubled (HAC 14.16).
Addition, subtraction and the final conditional subtraction are branch-free selections.

Everything is computed here with Python's integers from the published constants; the tests check
the generated arithmetic against an independent slow reference on random inputs.

    python3 Vectors/generators/ec_field_kernels.py > Sources/PureEC/FieldKernels.swift
"""

CURVES = {
    # SP 800-186 §3.2.1.3 (P-256), §3.2.1.4 (P-384), §3.2.1.5 (P-521): p, b, Gx, Gy, n.
    "P256": dict(
        p=0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff,
        b=0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b,
        gx=0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296,
        gy=0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5,
        n=0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551),
    "P384": dict(
        p=0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff,
        b=0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef,
        gx=0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7,
        gy=0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f,
        n=0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973),
    "P521": dict(
        p=2**521 - 1,
        b=0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00,
        gx=0x00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66,
        gy=0x011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650,
        n=0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409),
}
MASK = 2**64 - 1


def words(x, k):
    return [(x >> (64 * i)) & MASK for i in range(k)]


def lit(x):
    return "0x%016x" % x


def element(name, x, k):
    return "%s(%s)" % (name, ", ".join(lit(w) for w in words(x, k)))


def limbs_literal(x):
    return "Limbs(words: (%s))" % ", ".join(lit(w) for w in words(x, 9))


def storage(k):
    names = ", ".join("w%d" % i for i in range(k))
    params = ", ".join("_ w%d: UInt64" % i for i in range(k))
    assigns = "; ".join("self.w%d = w%d" % (i, i) for i in range(k))
    eq = " && ".join("a.w%d == b.w%d" % (i, i) for i in range(k))
    zero = " | ".join("w%d" % i for i in range(k))
    load = ", ".join("l[%d]" % i for i in range(k))
    store = "\n".join("        l[%d] = w%d" % (i, i) for i in range(k))
    return f"""/// {k} words, least significant first.
struct Words{k}: FieldWords {{
    var {names}: UInt64

    @inline(__always) init({params}) {{ {assigns} }}
    @inline(__always) init(_ l: Limbs) {{ self.init({load}) }}

    var limbs: Limbs {{
        var l = Limbs()
{store}
        return l
    }}

    @inline(__always) var isZero: Bool {{ ({zero}) == 0 }}

    @inline(__always) static func == (a: Words{k}, b: Words{k}) -> Bool {{ {eq} }}
}}
"""


def select_lines(k, out, a, b, cond):
    # out_i = cond ? a_i : b_i, branch-free (cond is a 0 / all-ones mask).
    return ["        let %s%d = (%s%d & %s) | (%s%d & ~%s)" % (out, i, a, i, cond, b, i, cond) for i in range(k)]


def field(name, m, k, doc):
    R = 2**(64 * k)
    n0inv = (-pow(m, -1, 2**64)) % 2**64
    mw = words(m, k)
    W = "Words%d" % k
    L = []
    L.append(f"/// {doc}")
    L.append(f"enum {name}: ECField {{")
    L.append(f"    typealias Element = {W}")
    L.append(f"    static var zero: {W} {{ {element(W, 0, k)} }}")
    L.append(f"    /// R mod m, R = 2^{64 * k}: the Montgomery form of 1.")
    L.append(f"    static var one: {W} {{ {element(W, R % m, k)} }}")
    L.append(f"    /// R² mod m.")
    L.append(f"    static var rSquared: {W} {{ {element(W, R * R % m, k)} }}")
    L.append(f"    /// The modulus m.")
    L.append(f"    static var modulusLimbs: Limbs {{ {limbs_literal(m)} }}")
    L.append(f"    /// m − 2, the Fermat inversion exponent.")
    L.append(f"    static var inversionExponent: Limbs {{ {limbs_literal(m - 2)} }}")
    L.append("")

    def reduce_and_return(prefix_lines):
        out = list(prefix_lines)
        # (top : r) < 2m; subtract m, keep the difference unless it borrowed.
        out.append("        var borrow: UInt64 = 0")
        for i in range(k):
            if mw[i] == 0:
                out.append(f"        let d{i} = sub(r{i}, 0, &borrow)")
            else:
                out.append(f"        let d{i} = sub(r{i}, {lit(mw[i])}, &borrow)")
        out.append("        _ = sub(top, 0, &borrow)")
        out.append("        let keep = 0 &- borrow   // all ones when (top : r) < m")
        out += select_lines(k, "s", "r", "d", "keep")
        out.append(f"        return {W}({', '.join('s%d' % i for i in range(k))})")
        return out

    def column_reduce(c, has_products):
        # The m·p products of column c, then m[c] for c < k, or output word c − k.
        out = []
        for i in range(max(0, c - k + 1), min(c, k)):
            j = c - i
            if j < k and mw[j] != 0:
                out.append(f"        mac(&c0, &c1, &c2, m{i}, {lit(mw[j])})")
        if c < k:
            if n0inv == 1:
                out.append(f"        let m{c} = c0")
            else:
                out.append(f"        let m{c} = c0 &* {lit(n0inv)}")
            if mw[0] == MASK:
                # m·(2^64 − 1) + c0 = m·2^64 when m = c0: the low word clears, m carries up.
                out.append(f"        carryIn(&c1, &c2, m{c})" if n0inv == 1 else f"        mac(&c0, &c1, &c2, m{c}, {lit(mw[0])})")
            else:
                out.append(f"        mac(&c0, &c1, &c2, m{c}, {lit(mw[0])})")
            out.append("        c0 = c1; c1 = c2; c2 = 0")
        else:
            out.append(f"        let r{c - k} = c0")
            out.append("        c0 = c1; c1 = c2; c2 = 0")
        return out

    # multiply
    body = ["        var c0: UInt64 = 0, c1: UInt64 = 0, c2: UInt64 = 0"]
    for c in range(2 * k - 1):
        body.append(f"        // column {c}")
        for i in range(max(0, c - k + 1), min(c, k - 1) + 1):
            body.append(f"        mac(&c0, &c1, &c2, a.w{i}, b.w{c - i})")
        body += column_reduce(c, True)
    body.append(f"        let r{k - 1} = c0, top = c1")
    L.append("    /// a·b·R⁻¹ mod m (a, b < m).")
    L.append(f"    static func multiply(_ a: {W}, _ b: {W}) -> {W} {{")
    L += reduce_and_return(body)
    L.append("    }")
    L.append("")

    # square
    body = ["        var c0: UInt64 = 0, c1: UInt64 = 0, c2: UInt64 = 0"]
    for c in range(2 * k - 1):
        body.append(f"        // column {c}")
        cross = [(i, c - i) for i in range(max(0, c - k + 1), k) if i < c - i and c - i < k]
        if cross:
            body.append("        do {")
            body.append("            var d0: UInt64 = 0, d1: UInt64 = 0, d2: UInt64 = 0")
            for i, j in cross:
                body.append(f"            mac(&d0, &d1, &d2, a.w{i}, a.w{j})")
            body.append("            addDoubled(&c0, &c1, &c2, d0, d1, d2)")
            body.append("        }")
        if c % 2 == 0 and c // 2 < k:
            body.append(f"        mac(&c0, &c1, &c2, a.w{c // 2}, a.w{c // 2})")
        body += column_reduce(c, True)
    body.append(f"        let r{k - 1} = c0, top = c1")
    L.append("    /// a²·R⁻¹ mod m (a < m).")
    L.append(f"    static func square(_ a: {W}) -> {W} {{")
    L += reduce_and_return(body)
    L.append("    }")
    L.append("")

    L += add_sub(k, W, mw)
    L.append("}")
    L.append("")
    return "\n".join(L)


def element58(x):
    assert 0 <= x < 2**521
    return "P521Element(%s)" % ", ".join(lit((x >> (58 * i)) & (2**58 - 1)) for i in range(9))


def p521_kernels():
    """GF(2^521 − 1) on nine unsaturated 58-bit limbs (P521Field.swift has the representation and
    its bounds). Column c of a product sums a[i]·b[j] for i + j = c and, because 2^522 ≡ 2 (mod p),
    2·a[i]·b[j] for i + j = c + 9 — nine 128-bit products per column, no carries between them."""
    L = []
    L.append("extension P521Field {")
    L.append("    /// a·b mod p (loose in, loose out).")
    L.append("    static func multiply(_ a: P521Element, _ b: P521Element) -> P521Element {")
    L.append("        // 2·b[j] for the products that wrap past 2^522 ≡ 2.")
    for j in range(1, 9):
        L.append(f"        let b2x{j} = b.l{j} &<< 1")
    for c in range(9):
        terms = []
        for i in range(9):
            j = c - i
            if 0 <= j < 9:
                terms.append(f"wide(a.l{i}, b.l{j})")
        for i in range(9):
            j = c + 9 - i
            if 0 <= j < 9:
                terms.append(f"wide(a.l{i}, b2x{j})")
        L.append(f"        let t{c} = " + " &+ ".join(terms))
    L.append("        return carried(" + ", ".join(f"t{c}" for c in range(9)) + ")")
    L.append("    }")
    L.append("")
    L.append("    /// a² mod p (loose in, loose out): each cross product once, doubled by its operand.")
    L.append("    static func square(_ a: P521Element) -> P521Element {")
    body = []
    for c in range(9):
        terms = []
        for i in range(9):
            j = c - i
            if i < j < 9:
                terms.append(f"wide(a2x{i}, a.l{j})")
            elif i == j:
                terms.append(f"wide(a.l{i}, a.l{i})")
        for i in range(9):
            j = c + 9 - i
            if i < j < 9:
                terms.append(f"wide(a4x{i}, a.l{j})")
            elif i == j:
                terms.append(f"wide(a2x{i}, a.l{i})")
        body.append(f"        let t{c} = " + " &+ ".join(terms))
    text = "\n".join(body)
    for i in range(9):
        for f, sh in (("a2x", 1), ("a4x", 2)):
            if f"{f}{i}," in text:
                L.append(f"        let {f}{i} = a.l{i} &<< {sh}")
    L += body
    L.append("        return carried(" + ", ".join(f"t{c}" for c in range(9)) + ")")
    L.append("    }")
    L.append("}")
    L.append("")
    return "\n".join(L)


def add_sub(k, W, mw):
    L = []
    # add
    L.append("    /// a + b mod m (a, b < m).")
    L.append(f"    @inline(__always) static func add(_ a: {W}, _ b: {W}) -> {W} {{")
    L.append("        var carry: UInt64 = 0")
    for i in range(k):
        L.append(f"        let r{i} = addc(a.w{i}, b.w{i}, &carry)")
    L.append("        var borrow: UInt64 = 0")
    for i in range(k):
        L.append(f"        let d{i} = sub(r{i}, {lit(mw[i])}, &borrow)")
    L.append("        _ = sub(carry, 0, &borrow)")
    L.append("        let keep = 0 &- borrow")
    L += select_lines(k, "s", "r", "d", "keep")
    L.append(f"        return {W}({', '.join('s%d' % i for i in range(k))})")
    L.append("    }")
    L.append("")

    # subtract
    L.append("    /// a − b mod m (a, b < m).")
    L.append(f"    @inline(__always) static func subtract(_ a: {W}, _ b: {W}) -> {W} {{")
    L.append("        var borrow: UInt64 = 0")
    for i in range(k):
        L.append(f"        let r{i} = sub(a.w{i}, b.w{i}, &borrow)")
    L.append("        let fix = 0 &- borrow   // all ones when a < b: add m back")
    L.append("        var carry: UInt64 = 0")
    for i in range(k):
        L.append(f"        let s{i} = addc(r{i}, {lit(mw[i])} & fix, &carry)")
    L.append(f"        return {W}({', '.join('s%d' % i for i in range(k))})")
    L.append("    }")
    return L


def main():
    out = []
    out.append("// Generated by Vectors/generators/ec_field_kernels.py — do not edit; run the script instead.")
    out.append("//")
    out.append("// Montgomery arithmetic on fixed word counts for GF(p) and Z/nZ of P-256, P-384 and P-521")
    out.append("// (constants: SP 800-186 §3.2.1.3–3.2.1.5), and the curves' b and G in Montgomery form.")
    out.append("// Product scanning with the reduction integrated (the method: PrimeField.swift). The final")
    out.append("// conditional subtraction and the add / subtract corrections are branch-free selections;")
    out.append("// the data is public either way (verification), this only avoids mispredicted branches.")
    out.append("")
    for k in (4, 6, 9):
        out.append(storage(k))
    for name, c in CURVES.items():
        k = (c["p"].bit_length() + 63) // 64
        bits = c["p"].bit_length()
        if name == "P521":
            out.append(p521_kernels())
            R = 1
        else:
            out.append(field(f"{name}Field", c["p"], k, f"GF(p) of {name[0]}-{name[1:]} ({bits}-bit p), {k} words."))
            R = 2**(64 * k)
        out.append(field(f"{name}Scalar", c["n"], k, f"Z/nZ of {name[0]}-{name[1:]} (the group order n), {k} words."))
        p = c["p"]
        assert (c["gy"]**2 - (c["gx"]**3 - 3 * c["gx"] + c["b"])) % p == 0
        W = "Words%d" % k
        out.append(f"extension {name} {{")
        out.append(f"    /// b in the field's form (Montgomery; ordinary for P-521).")
        E = (lambda x: element58(x)) if name == "P521" else (lambda x: element(W, x, k))
        FE = "P521Element" if name == "P521" else W
        out.append(f"    static var b: {FE} {{ {E(c['b'] * R % p)} }}")
        out.append(f"    /// The base point G (affine, in the field's form).")
        out.append(f"    static var g: AffinePoint<{name}Field> {{")
        out.append(f"        AffinePoint(x: {E(c['gx'] * R % p)},")
        out.append(f"                    y: {E(c['gy'] * R % p)})")
        out.append("    }")
        out.append("}")
        out.append("")
    print("\n".join(out).rstrip() + "")


main()
