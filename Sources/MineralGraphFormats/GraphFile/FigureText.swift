import MineralGraphCore

/// How a figure and its uncertainty statement are written in a graph file (METHODS §11): the
/// bare number when it states none, else a flow mapping — `{value: 157000, range: [140000,
/// 170000]}`, `{value: 157000, uncertainty: 10%}`, `{value: 157000, estimated: true}` (or
/// `rounded: true`, `grade: true`). The
/// writer and the edit patcher both write figures through here, so they agree byte for byte.
enum FigureText {
    static func yaml(_ value: Double, _ statement: FigureUncertainty?) -> String {
        let number = NumberFormatting.plain(value)
        guard let statement else { return number }
        let key = FigureKey.self
        switch statement {
        case let .range(low, high):
            return "{\(key.value.rawValue): \(number), \(key.range.rawValue): [\(NumberFormatting.plain(low)), \(NumberFormatting.plain(high))]}"
        case let .relative(fraction):
            return "{\(key.value.rawValue): \(number), \(key.uncertainty.rawValue): \(percent(fraction))}"
        case .estimated, .rounded, .grade:
            return "{\(key.value.rawValue): \(number), \(statement.markKey!.rawValue): true}"
        }
    }

    /// `0.1` → `10%` (to nine decimals of a percent, so that 0.1 · 100 prints as 10).
    static func percent(_ fraction: Double) -> String {
        NumberFormatting.plain((fraction * 100 * 1e9).rounded() / 1e9) + "%"
    }

    /// `10%`, `± 10 %`, `+-10%` or a plain fraction `0.1`, as a fraction; `nil` otherwise.
    static func fraction(_ text: String) -> Double? {
        var body = text.filter { $0 != " " }
        for prefix in ["±", "+/-", "+-"] where body.hasPrefix(prefix) { body.removeFirst(prefix.count) }
        if body.hasSuffix("%") {
            return Decoding.parseNumber(String(body.dropLast())).map { $0 / 100 }
        }
        return Decoding.parseNumber(body)
    }
}
