/// `multipleOf`, exactly: `0.3` is a multiple of `0.1` here, which `Double` arithmetic gets wrong.
extension JSONNumber {
    /// Whether `self / divisor` is a whole number. The divisor comes from the spec and is positive (JSON Schema
    /// requires `multipleOf > 0`); a zero divisor answers false rather than trapping.
    ///
    /// With `self = a × 10^e1` and `divisor = b × 10^e2` (significands without trailing zeros), the quotient is
    /// whole exactly when `b` divides `a × 10^(e1 − e2)`; when `e1 < e2` it never is, because `a` has no factor of
    /// ten to spare. The remainder is taken with modular exponentiation, so `1e999999999` costs microseconds.
    public func isMultiple(of divisor: JSONNumber) -> Bool {
        if divisor.isZero { return false }
        if isZero { return true }
        if case .integer(let value) = value, case .integer(let step) = divisor.value, step != -1 {
            return value % step == 0
        }
        let dividend = decimalParts
        let step = divisor.decimalParts
        let shift = dividend.exponent - step.exponent
        guard shift >= 0 else { return false }
        if step.significand.count <= 19, let modulus = UInt64(digits: step.significand) {
            return Self.remainder(dividend.significand, timesTenToThe: shift, modulo: modulus) == 0
        }
        return DecimalNatural(step.significand).dividesShifted(dividend.significand, by: shift)
    }

    /// `(digits × 10^shift) mod modulus` for a modulus that fits `UInt64`.
    private static func remainder(_ digits: [UInt8], timesTenToThe shift: Int, modulo modulus: UInt64) -> UInt64 {
        let modulus128 = UInt128(modulus)
        var remainder: UInt128 = 0
        for digit in digits { remainder = (remainder * 10 + UInt128(digit)) % modulus128 }
        var power: UInt128 = 1 % modulus128
        var base: UInt128 = 10 % modulus128
        var exponent = shift
        while exponent > 0 {
            if exponent & 1 == 1 { power = power * base % modulus128 }
            base = base * base % modulus128
            exponent >>= 1
        }
        return UInt64(remainder * power % modulus128)
    }
}

extension UInt64 {
    /// The value of up to 19 decimal digits (most significant first), or nil when it overflows.
    init?(digits: [UInt8]) {
        var value: UInt64 = 0
        for digit in digits {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        self = value
    }
}

/// A natural number as decimal digits, for the rare `multipleOf` whose significand exceeds `UInt64`. Only what
/// divisibility needs: remainder, multiplication and comparison, schoolbook style (the divisor is the spec's and
/// short; the dividend's length is bounded by the request).
private struct DecimalNatural {
    /// Digits, most significant first, no leading zeros; empty for zero.
    var digits: [UInt8]

    init(_ digits: [UInt8]) {
        self.digits = Array(digits.drop { $0 == 0 })
    }

    /// Whether `self` divides `dividend × 10^shift`.
    func dividesShifted(_ dividend: [UInt8], by shift: Int) -> Bool {
        let base = remainder(of: dividend)
        var power = remainder(of: [1])
        var square = remainder(of: [1, 0])
        var exponent = shift
        while exponent > 0 {
            if exponent & 1 == 1 { power = remainder(of: Self.product(power, square)) }
            square = remainder(of: Self.product(square, square))
            exponent >>= 1
        }
        return remainder(of: Self.product(base, power)).isEmpty
    }

    /// `value mod self`, by long division one digit at a time.
    func remainder(of value: [UInt8]) -> [UInt8] {
        var current: [UInt8] = []
        for digit in value {
            if !(current.isEmpty && digit == 0) { current.append(digit) }
            while Self.compare(current, digits) >= 0 { current = Self.difference(current, digits) }
        }
        return current
    }

    private static func product(_ lhs: [UInt8], _ rhs: [UInt8]) -> [UInt8] {
        if lhs.isEmpty || rhs.isEmpty { return [] }
        var result = [Int](repeating: 0, count: lhs.count + rhs.count)
        for (i, left) in lhs.reversed().enumerated() {
            for (j, right) in rhs.reversed().enumerated() { result[i + j] += Int(left) * Int(right) }
        }
        var carry = 0
        for position in result.indices {
            let total = result[position] + carry
            result[position] = total % 10
            carry = total / 10
        }
        return Array(result.reversed().map { UInt8($0) }.drop { $0 == 0 })
    }

    private static func compare(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        if lhs.count != rhs.count { return lhs.count < rhs.count ? -1 : 1 }
        for (left, right) in zip(lhs, rhs) where left != right { return left < right ? -1 : 1 }
        return 0
    }

    /// `lhs − rhs` for `lhs ≥ rhs`.
    private static func difference(_ lhs: [UInt8], _ rhs: [UInt8]) -> [UInt8] {
        var result = lhs
        var borrow = 0
        var rhsIndex = rhs.count - 1
        for position in result.indices.reversed() {
            var value = Int(result[position]) - borrow - (rhsIndex >= 0 ? Int(rhs[rhsIndex]) : 0)
            borrow = 0
            if value < 0 {
                value += 10
                borrow = 1
            }
            result[position] = UInt8(value)
            rhsIndex -= 1
        }
        return Array(result.drop { $0 == 0 })
    }
}
