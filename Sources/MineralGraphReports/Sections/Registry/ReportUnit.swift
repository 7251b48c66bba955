import MineralGraphCore

/// What a report figure measures, and with it how the figure is rounded when the report is
/// built, how it prints in Markdown and HTML, and its label in the CSV's `unit` column and in
/// ``ReportRow/Key/unit`` (the join key of `diff` and `whatif`).
///
/// Sections round every number with its unit (``round(_:)``) so that all formats print the
/// same figures and the JSON is byte-for-byte stable.
public struct ReportUnit: Hashable, Sendable, CustomStringConvertible {
    /// How a figure of the unit prints for people.
    public enum Style: Hashable, Sendable {
        /// `4,732` (HHI on the 0–10,000 scale).
        case index
        /// `68.0 %` (a share 0…1).
        case percent
        /// `$2.79 billion`, `$845.3 million`, `$12,345`.
        case money
        /// Two decimals (`0.53`).
        case ratio
        /// Whole units with separators (`566,667`).
        case amount
        /// A label or flag: not a number.
        case label
    }

    /// The CSV `unit` label: `HHI`, `share`, `USD`, `t`, `t Co`, `m3`, `label` …
    public let label: String
    /// Decimals kept by ``round(_:)``.
    public let decimals: Int
    public let style: Style

    public init(_ label: String, decimals: Int, style: Style) {
        self.label = label
        self.decimals = decimals
        self.style = style
    }

    public var description: String { label }

    /// HHI on the 0–10,000 scale, to 0.01.
    public static let hhi = ReportUnit("HHI", decimals: 2, style: .index)
    /// Shares (0…1) and normalized indices, to 0.0001.
    public static let share = ReportUnit("share", decimals: 4, style: .percent)
    /// The equivalent number of suppliers `N_eq`, to 0.01.
    public static let suppliers = ReportUnit("suppliers", decimals: 2, style: .ratio)
    /// USD, to the cent.
    public static let usd = ReportUnit("USD", decimals: 2, style: .money)
    /// USD per tonne, to the cent.
    public static let usdPerTonne = ReportUnit("USD/t", decimals: 2, style: .amount)
    /// Ratios (ETT, T_eq, exchange, value-capture, burden–benefit, unit-value ratios), to 0.0001.
    public static let ratio = ReportUnit("ratio", decimals: 4, style: .ratio)
    /// Gross tonnes, to 0.001 (a kilogram).
    public static let tonnes = ReportUnit("t", decimals: 3, style: .amount)
    /// m³ (and m³ world-eq), to 0.001 (a litre).
    public static let cubicMetres = ReportUnit("m3", decimals: 3, style: .amount)
    public static let count = ReportUnit("count", decimals: 0, style: .amount)
    /// A band, quadrant or stage name.
    public static let label = ReportUnit("label", decimals: 0, style: .label)
    /// `true` or `false`.
    public static let flag = ReportUnit("flag", decimals: 0, style: .label)

    /// Tonnes on a basis (`t Co`, `t Li₂O`, `t gross`), to 0.001.
    public static func tonnes(_ basis: String) -> ReportUnit { ReportUnit(basis, decimals: 3, style: .amount) }

    /// A water quantity (`m3 world-eq`, `m3/t`), to 0.001.
    public static func cubicMetres(_ label: String) -> ReportUnit { ReportUnit(label, decimals: 3, style: .amount) }

    /// A unit the rows name by its label only (`m3 world-eq`, `0-10`, `score`), rounded like a ratio.
    public static func named(_ label: String) -> ReportUnit { ReportUnit(label, decimals: 4, style: .ratio) }

    /// `value` to ``decimals`` decimals; never `-0`.
    public func round(_ value: Double) -> Double {
        Self.round(value, decimals)
    }

    /// `value` to `decimals` (0…6) decimals; never `-0`; infinities and NaN unchanged.
    static func round(_ value: Double, _ decimals: Int) -> Double {
        guard value.isFinite else { return value }
        let scale = [1.0, 10, 100, 1_000, 10_000, 100_000, 1_000_000][decimals]
        let rounded = (value * scale).rounded() / scale
        return rounded == 0 ? 0 : rounded // no "-0"
    }

    /// The figure for people, `n/a` when missing.
    public func display(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        switch style {
        case .index, .amount: return NumberFormatting.grouped(value)
        case .percent: return NumberFormatting.grouped(value * 100, decimals: 1) + " %"
        case .ratio: return NumberFormatting.grouped(value, decimals: 2)
        case .label: return NumberFormatting.plain(value)
        case .money:
            let sign = value < 0 ? "−" : ""
            let a = abs(value)
            if a >= 1e9 { return sign + "$" + NumberFormatting.grouped(a / 1e9, decimals: 2) + " billion" }
            if a >= 1e6 { return sign + "$" + NumberFormatting.grouped(a / 1e6, decimals: 1) + " million" }
            return sign + "$" + NumberFormatting.grouped(a)
        }
    }
}
