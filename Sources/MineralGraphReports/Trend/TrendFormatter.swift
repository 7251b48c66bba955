import MineralGraphAnalysis
import MineralGraphCore

/// Formats a ``TrendReport``: Markdown and HTML through ``ReportDocument`` (HTML adds a line chart
/// of HHI with its bounds and of the top supplier's share per series), JSON, and CSV with one
/// row per series and year.
public struct TrendFormatter: Sendable {
    public var format: ReportFormat

    public init(format: ReportFormat) {
        self.format = format
    }

    public func format(_ report: TrendReport) throws -> String {
        switch format {
        case .markdown: MarkdownFormatter().render(ReportDocument(report, charts: false))
        case .html: HTMLFormatter().render(ReportDocument(report, charts: true))
        case .json: try JSONFormatter.encode(report)
        case .csv: Self.csv(report)
        case .text: TextFormatter().render(ReportDocument(report, charts: false))
        }
    }

    static func csv(_ report: TrendReport) -> String {
        // With uncertain figures: each year's change on the previous year with its interval.
        let uncertain = report.uncertainty != nil
        var lines = ["mineral,stage,year,basis,hhi,hhi_lo,hhi_hi,cr1,cr3,n_eq,band,complete,top_country,top_share,unavailable"
            + (uncertain ? ",hhi_change,hhi_change_low,hhi_change_high,change_exceeds_uncertainty" : "")]
        func number(_ value: Double?) -> String { value.map(NumberFormatting.plain) ?? "" }
        for series in report.series {
            for point in series.points {
                let step = series.yearOnYear.first { $0.year == point.year }
                let changeFields = !uncertain ? [] : [
                    number(step?.hhiChange), number(step?.uncertainty?.interval.first), number(step?.uncertainty?.interval.last),
                    step?.uncertainty.map { String($0.exceedsUncertainty) } ?? "",
                ]
                lines.append([
                    series.mineral.rawValue, series.stage.rawValue, String(point.year), CSVText.field(point.basis), number(point.hhi),
                    number(point.hhiLo), number(point.hhiHi), number(point.cr1), number(point.cr3), number(point.nEq),
                    point.band?.rawValue ?? "", point.complete ? "true" : "false", point.top.first?.country.rawValue ?? "",
                    number(point.top.first?.share), point.unavailable?.code.rawValue ?? "",
                ].joined(separator: ",") + changeFields.map { "," + $0 }.joined())
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ReportDocument {
    /// The trend laid out for people; `charts` adds the SVG line charts (HTML).
    public init(_ report: TrendReport, charts: Bool) {
        let title = "Concentration over the years"
        var blocks: [Block] = [.heading(level: 1, text: title)]
        blocks.append(.paragraph([.text(
            "HHI per mineral and stage and year (METHODS §1.1–1.4), countries as suppliers, from "
                + report.files.joined(separator: ", ") + ". Each point is the figure the report of that file gives for that year; the headline is the upper bound hhi_hi where an \"other countries\" residual exists. Bands: \(report.guidelines.title).")]))
        if let run = report.uncertainty {
            let percent = { (p: Double) in NumberFormatting.plain((p * 1_000).rounded() / 10) }
            blocks.append(.paragraph([.text(
                "Some figures carry an interval (METHODS §11): each change is followed by the \(percent(run.interval[0]))–\(percent(run.interval[1])) % interval of its value over \(NumberFormatting.grouped(Double(run.draws))) Monte Carlo draws (seed \(run.seed)), the years drawn independently, and \"exceeds\" where that interval leaves out zero: the change is larger than the uncertainty of the figures (METHODS §11.4).")]))
        }
        for series in report.series {
            blocks.append(.heading(level: 2, text: "\(Display.mineral(series.mineral)), \(series.stage.rawValue) (\(series.basis))"))
            var summary: [String] = []
            if let change = series.change, let first = series.points.first(where: { $0.hhi != nil }), let last = series.points.last(where: { $0.hhi != nil }) {
                summary.append("HHI \(Display.hhi(first.hhi)) in \(first.year) → \(Display.hhi(last.hhi)) in \(last.year) (\(change >= 0 ? "+" : "−")\(Display.hhi(abs(change)))"
                    + (series.changeUncertainty.map { ", " + Self.changeInterval($0) } ?? "") + ")")
            }
            if !series.topSupplierChanges.isEmpty {
                summary.append("top supplier changed in " + series.topSupplierChanges.map(String.init).joined(separator: ", "))
            }
            if !series.bandChanges.isEmpty { summary.append("band changed in " + series.bandChanges.map(String.init).joined(separator: ", ")) }
            if !summary.isEmpty { blocks.append(.paragraph([.text(Display.capitalized(summary.joined(separator: "; ")) + ".")])) }
            blocks.append(.table(Table(
                columns: [
                    Column("Year", .right), Column("HHI", .right), Column("HHI range", .right), Column("Change", .right), Column("Band"),
                    Column("CR1", .right), Column("CR3", .right), Column("N_eq", .right), Column("Top suppliers"),
                ],
                rows: series.points.map { point in
                    let delta = series.yearOnYear.first { $0.year == point.year }?.hhiChange
                    return [
                        [.text(String(point.year))], [.text(point.hhi.map { Display.hhi($0) } ?? "n/a" + (point.unavailable.map { " (\($0.code))" } ?? ""))],
                        [.text(Display.range(point.hhiLo, point.hhiHi))],
                        [.text((delta.map { Self.signedHHI($0) } ?? "—")
                            + (series.yearOnYear.first { $0.year == point.year }?.uncertainty.map { " (" + Self.changeInterval($0) + ")" } ?? ""))],
                        [.text(Display.band(point.band, robust: nil))], [.text(Display.percent(point.cr1))], [.text(Display.percent(point.cr3))],
                        [.text(Display.decimal(point.nEq))],
                        [.text(point.top.map { "\($0.name) (\($0.country)) \(Display.percent($0.share))" }.joined(separator: "; ") + (point.complete ? "" : " (incomplete)"))],
                    ]
                })))
            if charts, case let figures = Self.charts(series), !figures.isEmpty {
                blocks.append(.figures(figures))
            }
        }
        blocks.append(.paragraph([.emphasis("Generated by mineral-graph trend (\(report.format)); do not edit by hand.")]))
        self.init(title: title, blocks: blocks)
    }
}

extension ReportDocument {
    /// `+300`, `−50`.
    static func signedHHI(_ value: Double) -> String { (value >= 0 ? "+" : "−") + Display.hhi(abs(value)) }

    /// `+120 to +480, exceeds the uncertainty` or `−180 to +90, within the uncertainty`.
    static func changeInterval(_ change: TrendReport.ChangeInterval) -> String {
        "\(signedHHI(change.interval[0])) to \(signedHHI(change.interval[2])), "
            + (change.exceedsUncertainty ? "exceeds the uncertainty" : "within the uncertainty")
    }

    /// The HHI and top-share line charts of a series with two or more years of HHI; none otherwise.
    static func charts(_ series: TrendReport.Series) -> [Figure] {
        guard series.points.filter({ $0.hhi != nil }).count >= 2 else { return [] }
        return [
            Figure(svg: TrendChartSVG.hhi(series), caption: "HHI of \(series.mineral) \(series.stage.rawValue) with its bounds"),
            Figure(svg: TrendChartSVG.topShare(series), caption: "Share of the top supplier of each year"),
        ]
    }

    /// Every chart of a trend report, series by series (the HTML report of a multi-year graph).
    static func trendCharts(_ report: TrendReport) -> [Figure] {
        report.series.flatMap(charts)
    }
}

/// Line charts of a series as SVG elements (fixed layout and one-decimal coordinates, so the same
/// series gives the same bytes).
enum TrendChartSVG {
    static let width = 560.0, height = 250.0, left = 56.0, right = 32.0, top = 40.0, bottom = 32.0

    static func hhi(_ series: TrendReport.Series) -> String {
        let points = series.points.filter { $0.hhi != nil }
        let maximum = 10_000.0
        var body = ""
        // The hhi_lo–hhi_hi band.
        let upper = points.map { (x(for: $0.year, in: points), y(for: $0.hhiHi ?? $0.hhi!, maximum: maximum)) }
        let lower = points.reversed().map { (x(for: $0.year, in: points), y(for: $0.hhiLo ?? $0.hhi!, maximum: maximum)) }
        body += "<polygon fill=\"#c9d8ea\" points=\"" + (upper + lower).map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ") + "\"/>"
        body += line(points.map { (x(for: $0.year, in: points), y(for: $0.hhi!, maximum: maximum)) }, color: "#3b6ea5")
        for threshold in [1_000.0, 1_800.0] {
            let ty = y(for: threshold, maximum: maximum)
            body += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(ty))\" y2=\"\(f(ty))\" stroke=\"#bbbbbb\" stroke-dasharray=\"4 3\"/>"
        }
        return frame(title: "HHI, \(series.mineral) \(series.stage.rawValue)", points: points, maximum: maximum, ticks: [0, 2_500, 5_000, 7_500, 10_000], label: { NumberFormatting.grouped($0, decimals: 0) }, body: body)
    }

    static func topShare(_ series: TrendReport.Series) -> String {
        let points = series.points.filter { $0.hhi != nil && $0.top.first?.share != nil }
        let body = line(points.map { (x(for: $0.year, in: points), y(for: $0.top.first!.share! * 100, maximum: 100)) }, color: "#a5563b")
            + points.map { "<text x=\"\(f(x(for: $0.year, in: points)))\" y=\"\(f(y(for: $0.top.first!.share! * 100, maximum: 100) - 6))\" text-anchor=\"middle\" font-size=\"10\">" + Escaping.html($0.top.first!.country.rawValue) + "</text>" }.joined()
        return frame(title: "Top supplier's share (%)", points: points, maximum: 100, ticks: [0, 25, 50, 75, 100], label: { NumberFormatting.grouped($0, decimals: 0) + " %" }, body: body)
    }

    private static func frame(
        title: String, points: [TrendReport.Point], maximum: Double, ticks: [Double], label: (Double) -> String, body: String
    ) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" font-family=\"system-ui, sans-serif\" font-size=\"12\">"
        out += "<title>" + Escaping.html(title) + "</title><text x=\"0\" y=\"16\" font-weight=\"600\">" + Escaping.html(title) + "</text>"
        for tick in ticks {
            let ty = y(for: tick, maximum: maximum)
            out += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(ty))\" y2=\"\(f(ty))\" stroke=\"#eeeeee\"/>"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(ty + 4))\" text-anchor=\"end\">" + Escaping.html(label(tick)) + "</text>"
        }
        for point in points {
            out += "<text x=\"\(f(x(for: point.year, in: points)))\" y=\"\(f(height - 10))\" text-anchor=\"middle\">\(point.year)</text>"
        }
        return out + body + "</svg>"
    }

    private static func line(_ coordinates: [(Double, Double)], color: String) -> String {
        "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"" + coordinates.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ") + "\"/>"
            + coordinates.map { "<circle cx=\"\(f($0.0))\" cy=\"\(f($0.1))\" r=\"3\" fill=\"\(color)\"/>" }.joined()
    }

    private static func x(for year: Int, in points: [TrendReport.Point]) -> Double {
        let years = points.map(\.year)
        guard let first = years.min(), let last = years.max(), last > first else { return (left + width - right) / 2 }
        return left + Double(year - first) / Double(last - first) * (width - right - left)
    }

    private static func y(for value: Double, maximum: Double) -> Double {
        top + (1 - min(max(value / maximum, 0), 1)) * (height - top - bottom)
    }

    private static func f(_ value: Double) -> String { BarChartSVG.f(value) }
}
