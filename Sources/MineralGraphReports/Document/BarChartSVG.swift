import MineralGraphCore

/// A horizontal bar chart of supplier shares as an SVG element, for the HTML report.
///
/// Layout is fixed (560 px wide, 22 px per bar) and every number is printed with one decimal,
/// so the same shares give the same bytes. Text is XML-escaped.
enum BarChartSVG {
    enum Style {
        case named, otherNamed, residual

        var fill: String {
            switch self {
            case .named: "#3b6ea5"
            case .otherNamed: "#9bb4d0"
            case .residual: "#c9ccd1"
            }
        }
    }

    struct Bar {
        var label: String
        /// 0…1.
        var share: Double
        var style: Style
    }

    static let width = 560.0
    static let labelWidth = 200.0
    static let barArea = 280.0
    static let rowHeight = 22.0
    static let top = 28.0

    static func render(title: String, bars: [Bar]) -> String {
        let height = top + Double(bars.count) * rowHeight + 8
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" font-family=\"system-ui, sans-serif\" font-size=\"12\">"
        out += "<title>" + Escaping.html(title) + "</title>"
        out += "<text x=\"0\" y=\"16\" font-weight=\"600\">" + Escaping.html(title) + "</text>"
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * rowHeight
            let share = min(max(bar.share, 0), 1)
            let barWidth = share * barArea
            out += "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y + 15))\" text-anchor=\"end\">" + Escaping.html(truncated(bar.label)) + "</text>"
            out += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 4))\" width=\"\(f(barWidth))\" height=\"16\" fill=\"\(bar.style.fill)\"/>"
            out += "<text x=\"\(f(labelWidth + barWidth + 6))\" y=\"\(f(y + 15))\">" + NumberFormatting.grouped(bar.share * 100, decimals: 1) + " %</text>"
        }
        return out + "</svg>"
    }

    /// One decimal, no grouping (SVG coordinates).
    static func f(_ value: Double) -> String {
        NumberFormatting.grouped(value, decimals: 1).replacingAll(",", with: "")
    }

    /// Labels longer than 30 characters end in an ellipsis so they stay in the label column.
    static func truncated(_ label: String) -> String {
        let oneLine = String(label.map { $0.isNewline ? " " : $0 })
        return oneLine.count <= 30 ? oneLine : String(oneLine.prefix(29)) + "…"
    }
}
