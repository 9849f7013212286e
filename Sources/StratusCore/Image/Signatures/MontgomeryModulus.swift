/// An odd modulus for Montgomery arithmetic on 64-bit limbs (least significant
/// first): just enough big-integer code for RSA's public operation s^e mod n.
/// Verification handles public data only, so nothing here tries to be constant-time.
struct MontgomeryModulus: Sendable {
    let limbs: [UInt64]
    /// -n⁻¹ mod 2⁶⁴.
    private let inverse: UInt64
    /// R² mod n, R = 2^(64·limbs.count): converts into Montgomery form.
    private let rSquared: [UInt64]

    /// `modulus` big-endian; nil if it is even or zero (never an RSA modulus).
    init?(bigEndian modulus: [UInt8]) {
        let limbs = Self.limbs(bigEndian: modulus, count: (modulus.count + 7) / 8)
        guard let first = limbs.first, first & 1 == 1 else { return nil }
        self.limbs = limbs
        // Newton's iteration doubles the correct low bits each step: 1 → 64 in 6 steps
        // (an odd n is its own inverse mod 8, so 3 bits are right from the start).
        var x = first
        for _ in 0..<5 { x = x &* (2 &- first &* x) }
        inverse = 0 &- x
        // 1 doubled 2·64·k times, reduced each time, is R² mod n.
        var r: [UInt64] = [1] + [UInt64](repeating: 0, count: limbs.count - 1)
        for _ in 0..<(128 * limbs.count) { Self.doubleModulo(&r, limbs) }
        rSquared = r
    }

    /// base^exponent mod n, both big-endian; nil unless base < n. Returns `byteCount` bytes, big-endian.
    func power(_ base: [UInt8], _ exponent: [UInt8], byteCount: Int) -> [UInt8]? {
        let count = limbs.count
        guard base.count <= count * 8 else { return nil }
        let b = Self.limbs(bigEndian: base, count: count)
        guard Self.compare(b, limbs) < 0 else { return nil }
        let one: [UInt64] = [1] + [UInt64](repeating: 0, count: count - 1)
        let baseM = multiply(b, rSquared)
        var result = multiply(one, rSquared)
        // Left to right square-and-multiply over the exponent's bits.
        for byte in exponent {
            for bit in (0..<8).reversed() {
                result = multiply(result, result)
                if (byte >> UInt8(bit)) & 1 == 1 { result = multiply(result, baseM) }
            }
        }
        result = multiply(result, one)
        var out = [UInt8](repeating: 0, count: byteCount)
        for (index, limb) in result.enumerated() {
            for shift in 0..<8 {
                let position = byteCount - 1 - (index * 8 + shift)
                let byte = UInt8(truncatingIfNeeded: limb >> (8 * UInt64(shift)))
                if position >= 0 {
                    out[position] = byte
                } else if byte != 0 {
                    return nil  // does not fit in byteCount
                }
            }
        }
        return out
    }

    /// a·b·R⁻¹ mod n for a, b < n (CIOS Montgomery multiplication).
    func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let k = limbs.count
        var t = [UInt64](repeating: 0, count: k + 2)
        for i in 0..<k {
            var carry: UInt64 = 0
            for j in 0..<k {
                (carry, t[j]) = Self.multiplyAdd(a[i], b[j], t[j], carry)
            }
            let (sum, overflow) = t[k].addingReportingOverflow(carry)
            t[k] = sum
            t[k + 1] = overflow ? 1 : 0
            // Add m·n so the lowest limb becomes zero, then drop it.
            let m = t[0] &* inverse
            (carry, _) = Self.multiplyAdd(m, limbs[0], t[0], 0)
            for j in 1..<k {
                (carry, t[j - 1]) = Self.multiplyAdd(m, limbs[j], t[j], carry)
            }
            let (top, topOverflow) = t[k].addingReportingOverflow(carry)
            t[k - 1] = top
            t[k] = t[k + 1] &+ (topOverflow ? 1 : 0)
        }
        var result = Array(t[0..<k])
        if t[k] != 0 || Self.compare(result, limbs) >= 0 {
            Self.subtract(&result, limbs)
        }
        return result
    }

    /// x·y + a + c as (high, low); it never overflows 128 bits.
    private static func multiplyAdd(_ x: UInt64, _ y: UInt64, _ a: UInt64, _ c: UInt64) -> (UInt64, UInt64) {
        let (high, low) = x.multipliedFullWidth(by: y)
        let (s1, o1) = low.addingReportingOverflow(a)
        let (s2, o2) = s1.addingReportingOverflow(c)
        return (high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0), s2)
    }

    private static func limbs(bigEndian bytes: [UInt8], count: Int) -> [UInt64] {
        var limbs = [UInt64](repeating: 0, count: count)
        for (offset, byte) in bytes.reversed().enumerated() {
            limbs[offset / 8] |= UInt64(byte) << (8 * UInt64(offset % 8))
        }
        return limbs
    }

    /// -1, 0, 1 as a <, ==, > b; same limb counts.
    private static func compare(_ a: [UInt64], _ b: [UInt64]) -> Int {
        for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != b[i] {
            return a[i] < b[i] ? -1 : 1
        }
        return 0
    }

    /// a -= b, modulo 2^(64·count): callers subtract only when the true a ≥ b.
    private static func subtract(_ a: inout [UInt64], _ b: [UInt64]) {
        var borrow = false
        for i in 0..<a.count {
            let (d1, o1) = a[i].subtractingReportingOverflow(b[i])
            let (d2, o2) = d1.subtractingReportingOverflow(borrow ? 1 : 0)
            a[i] = d2
            borrow = o1 || o2
        }
    }

    /// x = 2x mod n, for x < n.
    private static func doubleModulo(_ x: inout [UInt64], _ n: [UInt64]) {
        var carry: UInt64 = 0
        for i in 0..<x.count {
            let next = x[i] >> 63
            x[i] = x[i] << 1 | carry
            carry = next
        }
        if carry != 0 || compare(x, n) >= 0 { subtract(&x, n) }
    }
}
