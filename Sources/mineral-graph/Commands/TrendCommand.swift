import ArgumentParser
import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphReports

/// `mineral-graph trend FILE…`: concentration over the years.
struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Concentration over the years: HHI with bounds, band, CR1, CR3, N_eq and top supplier per mineral, stage and year, with the changes.",
        discussion: "From several graph files of different years, or one graph with outputs in several years (an imported multi-year table). Each point is the figure `report` gives for that file and year. When figures carry uncertainty, each change gets its Monte Carlo interval and whether it exceeds the uncertainty (docs/methods.md §11.4).")

    @Argument(help: "Graph files (- for standard input).")
    var files: [String]

    @Option(help: "Only this mineral.")
    var mineral: String?

    @Option(help: "Only this stage (mining, processing, manufacturing, waste).")
    var stage: Stage?

    @Option(help: "Output format: md, html, txt, json or csv.")
    var format: ReportFormat = .markdown

    @Option(name: .shortAndLong, help: "Write to this file (- for standard output).")
    var output: String = "-"

    @OptionGroup var spreadsheet: SpreadsheetOptions

    @OptionGroup var typography: TypographyOptions

    @Option(help: "HHI bands: 2023 (default) or 2010.")
    var bands: MergerGuidelines = .us2023

    @Option(help: "How many top suppliers each point lists.")
    var top = 3

    @Option(help: "Monte Carlo draws for the intervals of the changes (graphs with uncertain figures only).")
    var draws = MonteCarloSettings.standard.draws

    @Option(help: "Seed of the Monte Carlo draws: the same seed gives the same intervals.")
    var seed = MonteCarloSettings.standard.seed

    @Option(help: ArgumentHelp("The interval of each change, in percent: LOW-HIGH.", valueName: "low-high"))
    var interval = "5-95"

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one graph file") }
        if top < 1 { throw ValidationError("--top must be at least 1") }
        try spreadsheet.check(writesCSV: format == .csv, format: format.rawValue)
        if draws < 1 || draws > 1_000_000 { throw ValidationError("--draws must be between 1 and 1,000,000") }
        if ReportOptions.probabilities(interval) == nil {
            throw ValidationError("--interval takes LOW-HIGH in percent with LOW below 50 and HIGH above 50, such as 5-95 or 2.5-97.5")
        }
    }

    func run() throws {
        var mineralID: MineralID?
        if let mineral {
            guard let info = MineralCatalog.resolve(mineral) else {
                throw UserError("unknown mineral '\(mineral)'; closest: " + MineralCatalog.suggestions(for: mineral).map(\.rawValue).joined(separator: ", "))
            }
            mineralID = info.id
        }
        let graphs = try files.map { try loadValidDocument($0, refusal: "no trend written").graph }
        let report: TrendReport
        do {
            let (low, high) = ReportOptions.probabilities(interval) ?? (0.05, 0.95)
            let settings = MonteCarloSettings(draws: draws, seed: seed, lowerProbability: low, upperProbability: high)
            report = try TrendReportBuilder(guidelines: bands, topSuppliers: top, mineral: mineralID, stage: stage, monteCarlo: settings)
                .build(graphs, files: files.map { $0 == "-" ? "standard input" : URL(fileURLWithPath: $0).lastPathComponent })
        } catch {
            throw UserError(error.description)
        }
        if report.series.isEmpty {
            throw UserError("no concentration figures" + (mineral.map { " for \($0)" } ?? "") + (stage.map { " at the \($0.rawValue) stage" } ?? "") + " in the graphs")
        }
        let text = try TrendFormatter(format: format).format(report)
        try writeOutputs([(output, format == .csv ? spreadsheet.csv(text) : typography.apply(text, format: format))], inputs: files)
    }
}

extension Stage: ExpressibleByArgument {}
