import Foundation

/// Deterministic number formatting shared by messages, files and reports.
public enum NumberFormatting {
    /// Integral values without a fraction (`170000`), others in Swift's shortest
    /// round-trip form (`0.35`, `1e-05`); `.nan`, `.inf`, `-.inf` for non-finite values.
    /// Reading the text back with `Double(_:)` gives the same value.
    public static func plain(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value > 0 ? ".inf" : "-.inf" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// Up to `decimals` decimals with trailing zeros removed (`12.5`, `3`), no grouping.
    public static func compact(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return plain(value) }
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// Fixed decimals with thousands separators (`12,345.6`), locale-independent.
    public static func grouped(_ value: Double, decimals: Int = 0) -> String {
        guard value.isFinite else { return plain(value) }
        let fixed = String(format: "%.\(decimals)f", abs(value))
        let parts = fixed.split(separator: ".", omittingEmptySubsequences: false)
        var digits = Array(parts[0])
        var grouped: [Character] = []
        while digits.count > 3 {
            grouped = [","] + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        var text = String(digits + grouped)
        if parts.count > 1 { text += "." + parts[1] }
        let isZero = text.allSatisfy { $0 == "0" || $0 == "," || $0 == "." }
        return (value < 0 && !isZero ? "-" : "") + text
    }
}
