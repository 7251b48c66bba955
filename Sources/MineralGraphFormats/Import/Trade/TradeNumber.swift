/// Reading numbers straight from CSV field bytes, without making strings (trade tables have
/// millions of rows). Generic over the byte view: a record's `ArraySlice` or a slice of the
/// buffer a file was read into.
enum TradeNumber {
    enum Parsed: Equatable {
        case value(Double)
        /// Empty, spaces only, `NA`, `N/A`, `null`, `None`, `NaN` (as pandas writes it), `..` (UN "not available"): no figure.
        case missing
        case invalid
    }

    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    static let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")

    /// The field without leading and trailing spaces and tabs.
    @inline(__always)
    static func trimmed<Bytes: RandomAccessCollection>(_ bytes: Bytes) -> Bytes
    where Bytes.Element == UInt8, Bytes.Index == Int, Bytes.SubSequence == Bytes {
        var lower = bytes.startIndex, upper = bytes.endIndex
        while lower < upper, bytes[lower] == space || bytes[lower] == tab { lower += 1 }
        while upper > lower, bytes[upper - 1] == space || bytes[upper - 1] == tab { upper -= 1 }
        return bytes[lower..<upper]
    }

    /// A non-negative integer of up to 18 digits, `nil` otherwise.
    @inline(__always)
    static func integer<Bytes: RandomAccessCollection>(_ field: Bytes) -> Int?
    where Bytes.Element == UInt8, Bytes.Index == Int, Bytes.SubSequence == Bytes {
        let bytes = trimmed(field)
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= zero && byte <= nine else { return nil }
            value = value &* 10 &+ Int(byte &- zero)
        }
        return value
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var power = 1.0
        for _ in 0..<exponent { power *= 10 }
        return power
    }

    /// A decimal number such as `1234.567`, `-0.001`, `1e-05`; missing markers as ``Parsed/missing``.
    ///
    /// Plain decimals with at most 15 significant digits are converted exactly (Clinger's fast
    /// path: an integer below 2^53 divided by an exact power of ten is correctly rounded); every
    /// other form goes through the standard library's parser.
    static func decimal<Bytes: RandomAccessCollection>(_ field: Bytes) -> Parsed
    where Bytes.Element == UInt8, Bytes.Index == Int, Bytes.SubSequence == Bytes {
        let bytes = trimmed(field)
        if bytes.isEmpty { return .missing }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        var negative = false
        var anyDigit = false
        var index = bytes.startIndex
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var simple = index < bytes.endIndex
        while simple && index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= zero && byte <= nine {
                anyDigit = true
                if digits > 0 || byte != zero { digits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(byte &- zero)
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else {
                simple = false
            }
            index += 1
        }
        if simple && anyDigit && digits <= 15 && fractionDigits <= 22 {
            let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
            return .value(negative ? -magnitude : magnitude)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        switch text.lowercased() {
        case "na", "n/a", "nan", "null", "none", "..": return .missing
        default: break
        }
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }), let value = Double(text), value.isFinite else {
            return .invalid
        }
        return .value(value)
    }
}
