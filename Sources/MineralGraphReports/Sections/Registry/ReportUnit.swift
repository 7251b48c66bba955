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
    /// Shares (0…1) and normalized indices, to 0.000001: full figures for JSON and CSV, and
    /// fine enough that the one-decimal percentage for people is the unrounded share's (to
    /// 0.0001 first, 0.707460 was 0.7075 and showed as 70.8 % instead of 70.7 %).
    public static let share = ReportUnit("share", decimals: 6, style: .percent)
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

    /// The unit a ``ReportRow/Key/unit`` label names (`HHI`, `share`, `USD`, `t Co`, `m3` …),
    /// so that `diff` and `whatif` print a row's figures as the report does.
    public static func labelled(_ label: String) -> ReportUnit {
        switch label {
        case "HHI": return .hhi
        case "share": return .share
        case "suppliers": return .suppliers
        case "USD": return .usd
        case "USD/t": return .usdPerTonne
        case "ratio": return .ratio
        case "count": return .count
        case "label": return .label
        case "flag": return .flag
        default:
            if label == "t" || label.hasPrefix("t ") { return .tonnes(label) }
            if label == "m3" || label.hasPrefix("m3 ") { return .cubicMetres(label) }
            return .named(label)
        }
    }

    /// A change of a figure for people, in the style of ``display(_:)`` with a sign: HHI
    /// `+120`, shares in percentage points `−2.3 pp`, money `+$1.2 million`. A change too small
    /// for the style's decimals is shown with the figure's own decimals, never as `0`.
    public func displayChange(_ delta: Double) -> String {
        let sign = delta > 0 ? "+" : delta < 0 ? "−" : ""
        var magnitude = style == .percent
            ? NumberFormatting.grouped(abs(delta) * 100, decimals: 1)
            : display(abs(delta))
        if delta != 0, magnitude.allSatisfy({ !("1"..."9").contains($0) }) {
            let exact = NumberFormatting.grouped(abs(delta) * (style == .percent ? 100 : 1), decimals: style == .percent ? max(decimals - 2, 1) : decimals)
            magnitude = style == .money ? "$" + exact : exact
        }
        return sign + magnitude + (style == .percent ? " pp" : "")
    }

    /// The figure for people, `n/a` when missing: one style shared by `report`, `diff`,
    /// `whatif` and `brief` (Markdown, HTML, text) — HHI and amounts whole with separators,
    /// shares as percentages with one decimal, ratios with two, money in millions or billions
    /// — with the minus sign U+2212 (`--ascii` prints `-`). Each figure is rounded once, from
    /// the report's value (shares carry six decimals, ``share``). JSON and CSV carry the full
    /// figures instead.
    public func display(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        let minus: (String) -> String = { $0.hasPrefix("-") ? "−" + $0.dropFirst() : $0 }
        switch style {
        case .index, .amount: return minus(NumberFormatting.grouped(value))
        case .percent: return minus(NumberFormatting.grouped(value * 100, decimals: 1)) + " %"
        case .ratio: return minus(NumberFormatting.grouped(value, decimals: 2))
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
