import ArgumentParser
import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import MineralGraphReports
import MineralGraphRendering

extension MergerGuidelines: ExpressibleByArgument {}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a concentration report: HHI per mineral and stage, bottlenecks, import sources.",
        discussion: """
            Formats: md (Markdown, the default, to standard output), html (one self-contained \
            file with charts), txt (plain text with aligned tables, for pasting), json (stable \
            keys for scripts), csv (one row per mineral, stage \
            and year; with --out-dir also one tidy table per section, DIR/<graph-file-stem>/<section>.csv), \
            or all (with --out-dir: DIR/<graph-file-stem>.md, .html, .json, .csv). --excel writes \
            the CSV files with a UTF-8 byte-order mark and CRLF line ends, for Excel. --sections \
            keeps only the named sections (a briefing); --detail adds the per-node and per-pair tables \
            (JSON and CSV otherwise carry what the Markdown shows); --ascii writes '-' for the minus sign. \
            Graphs with validation errors are refused; run `mineral-graph validate` for details. \
            Reports in reports/ are regenerated with: scripts/update-reports.sh
            """
    )

    enum FormatOption: String, ExpressibleByArgument, CaseIterable {
        case md, html, txt, json, csv, all

        var formats: [ReportFormat] {
            switch self {
            case .all: ReportFormat.published
            default: [ReportFormat(rawValue: rawValue)!]
            }
        }
    }

    @Argument(help: "Graph files (- for standard input).")
    var files: [String]

    @Option(help: "Output format: md, html, txt, json, csv, or all (md, html, json and csv; needs --out-dir).")
    var format: FormatOption = .md

    @Option(name: .shortAndLong, help: "Write to this file (one graph, one format; - for standard output).")
    var output: String?

    @Option(help: "Write DIR/<graph-file-stem>.<ext> for every graph and format.")
    var outDir: String?

    @OptionGroup var reportOptions: ReportOptions

    @OptionGroup var detail: DetailOption

    @OptionGroup var spreadsheet: SpreadsheetOptions

    @OptionGroup var typography: TypographyOptions

    @Option(help: ArgumentHelp(
        "Only these sections, comma-separated (concentration,imports,bottleneck,…): a briefing-sized report.",
        discussion: "Names: " + ReportBuilder.sectionNames.joined(separator: ", ") + "; also imports, exports, facilities, bottleneck."))
    var sections: String?

    /// The keys of `--sections`, `nil` without it.
    func sectionKeys() throws -> [String]? {
        guard let sections else { return nil }
        do {
            return try ReportBuilder.sectionKeys(named: sections.split(separator: ",").map(String.init))
        } catch {
            throw ValidationError(error.description)
        }
    }

    @Flag(inversion: .prefixedNo, help: "Embed the supply-chain diagram (drawn with Graphviz) in HTML reports.")
    var diagram = true

    func validate() throws {
        if output != nil && outDir != nil { throw ValidationError("use either --output or --out-dir, not both") }
        if format == .all && outDir == nil { throw ValidationError("--format all writes several files: give --out-dir") }
        if files.count > 1 && outDir == nil { throw ValidationError("several graphs need --out-dir (one report per graph)") }
        if outDir != nil && files.contains("-") { throw ValidationError("standard input has no file name to name a report after; use --output") }
        try spreadsheet.check(writesCSV: format.formats.contains(.csv), format: format.rawValue)
        _ = try sectionKeys()
    }

    /// The default diagram of `render`, embedded in the HTML report (`--no-diagram` leaves it out).
    /// A graph without flows (a production table) has no chain to draw: its report shows the
    /// supplier bar charts instead of a column of unconnected nodes.
    func diagramSVG(_ graph: SupplyGraph, path: String) throws -> String? {
        guard diagram, !graph.flows.isEmpty else { return nil }
        do {
            let rendered = try DiagramRenderer().render(graph, as: .svg)
            return String(decoding: rendered.data, as: UTF8.self)
        } catch {
            throw UserError("\(path): cannot draw the diagram for the HTML report: \(error) (use --no-diagram to leave it out)")
        }
    }

    @Flag(inversion: .prefixedNo, help: "Embed world maps of the mining and processing shares in HTML reports.")
    var maps = true

    /// The choropleth of each mineral's mining and processing shares in its latest year, for the
    /// HTML report (`--no-maps` leaves them out).
    func mapFigures(_ graph: SupplyGraph) -> [ReportDocument.Figure] {
        guard maps else { return [] }
        let markets = StageConcentrationPass(stages: [.mining, .processing]).run(on: graph).markets.filter { $0.totalTonnes > 0 }
        let latest = Dictionary(grouping: markets) { "\($0.mineral.rawValue) \($0.stage.rawValue)" }.values.compactMap { $0.max { $0.year < $1.year } }
        return latest.sorted { ($0.mineral, $0.stage) < ($1.mineral, $1.stage) }.compactMap { market in
            let prefix = "map-\(market.mineral.rawValue)-\(market.stage.rawValue)-"
            guard let svg = try? mineralMapSVG(graph, mineral: market.mineral, stage: market.stage, year: market.year, idPrefix: prefix)
            else { return nil }
            let name = MineralCatalog.info(market.mineral)?.name ?? market.mineral.rawValue
            return ReportDocument.Figure(
                svg: svg, caption: "\(name), \(market.stage.rawValue) \(market.year): each country's share (\(market.basis)); grey: no supply in the graph.")
        }
    }

    /// The concentration trend of a graph with several years, for the HTML report's charts.
    func trend(_ graph: SupplyGraph, file: String) -> TrendReport? {
        guard graph.years.count > 1 else { return nil }
        return try? TrendReportBuilder(guidelines: reportOptions.bands, topSuppliers: reportOptions.top).build([graph], files: [file])
    }

    func run() throws {
        var builder = detail.applied(to: try reportOptions.builder())
        builder.sections = try sectionKeys()
        // Render everything first, so a failure leaves no report half-updated.
        var outputs: [(path: String, text: String)] = []
        var stems: [String: String] = [:]
        var directories = outDir.map { [$0] } ?? []
        var failed = false
        for path in files {
            let document = try loadDocument(path)
            if printValidationErrors(of: document, path: path, refusal: "not reported") {
                failed = true
                continue
            }
            let name = path == "-" ? nil : URL(fileURLWithPath: path).lastPathComponent
            let report: Report
            do {
                report = try builder.build(document.graph, file: name)
            } catch {
                throw UserError("\(path): \(error)")
            }
            for reportFormat in format.formats {
                let formatted = try reportFormat == .html
                    ? HTMLFormatter(
                        diagramSVG: try diagramSVG(document.graph, path: path), maps: mapFigures(document.graph),
                        trend: trend(document.graph, file: name ?? "standard input")
                    ).format(report)
                    : reportFormat.formatter.format(report)
                let text = reportFormat == .csv ? spreadsheet.csv(formatted) : typography.apply(formatted, format: reportFormat)
                if let outDir {
                    let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
                    if let other = stems[stem], other != path {
                        throw UserError("\(path) and \(other) would both be reported as \(stem).*; rename one")
                    }
                    stems[stem] = path
                    let directory = URL(fileURLWithPath: outDir)
                    outputs.append((directory.appendingPathComponent("\(stem).\(reportFormat.fileExtension)").path, text))
                    if format == .csv {
                        // One tidy table per section beside the long table: DIR/<stem>/<section>.csv.
                        let tables = directory.appendingPathComponent(stem)
                        directories.append(tables.path)
                        for table in report.tables() {
                            outputs.append((tables.appendingPathComponent(table.name + ".csv").path, spreadsheet.csv(table.csv)))
                        }
                    }
                } else {
                    outputs.append((output ?? "-", text))
                }
            }
        }
        if failed { throw ExitCode.failure }
        try writeOutputs(outputs, creating: directories, inputs: files)
    }
}
