import ArgumentParser
import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import MineralGraphReports

/// The options that shape a report's figures (`--bands`, `--scheme`, `--top`), shared by the
/// commands that build reports.
struct ReportOptions: ParsableArguments {
    @Option(help: "HHI bands: 2023 (US Merger Guidelines, default) or 2010 (Horizontal Merger Guidelines).")
    var bands: MergerGuidelines = .us2023

    @Option(help: "Country-group scheme id (default: the graph's country_scheme, else unctad-der-2024).")
    var scheme: String?

    @Option(help: "How many top suppliers each row lists.")
    var top = 5

    @Option(help: ArgumentHelp(
        "A World Bank WGI table for the supply-risk section (wide by year, a DataBank export of several indicators, or code,series,year,estimate).",
        discussion: "Default: the bundled political-stability estimates 1996–2022 (World Bank, CC BY 4.0). The EU governance-weighted HHI needs all six dimensions."))
    var governance: String?

    @Option(help: "CSV of mineral,importer,import_reliance,eol_rir,substitution_index[,source] for the full EU supply risk (SR); without it SR is 'gross'.")
    var riskInputs: String?

    @Option(help: "Monte Carlo draws for the intervals of the figures (graphs with uncertain figures only).")
    var draws = MonteCarloSettings.standard.draws

    @Option(help: "Seed of the Monte Carlo draws: the same seed gives the same intervals.")
    var seed = MonteCarloSettings.standard.seed

    @Option(help: ArgumentHelp("The reported interval, in percent: LOW-HIGH.", valueName: "low-high"))
    var interval = "5-95"

    /// `--interval` as probabilities, or `nil` when malformed.
    var intervalProbabilities: (Double, Double)? { Self.probabilities(interval) }

    /// `LOW-HIGH` in percent as probabilities, or `nil` when malformed.
    static func probabilities(_ interval: String) -> (Double, Double)? {
        let parts = interval.split(separator: "-").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, parts[0] >= 0, parts[0] < 50, parts[1] > 50, parts[1] <= 100 else { return nil }
        return (parts[0] / 100, parts[1] / 100)
    }

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if draws < 1 || draws > 1_000_000 { throw ValidationError("--draws must be between 1 and 1,000,000") }
        if intervalProbabilities == nil {
            throw ValidationError("--interval takes LOW-HIGH in percent with LOW below 50 and HIGH above 50, such as 5-95 or 2.5-97.5")
        }
        if let scheme, CountryGroupScheme.named(scheme) == nil {
            throw ValidationError("unknown scheme '\(scheme)' (known: " + CountryGroupScheme.all.map(\.id).joined(separator: ", ") + ")")
        }
    }

    /// The report builder with the governance table: `--governance`, else the bundled one.
    func builder() throws -> ReportBuilder {
        let table: GovernanceTable
        let inputs: [SupplyRiskInput]
        do {
            table = try governance.map { try GovernanceTableReader().read(contentsOf: $0) } ?? GovernanceTableReader.bundledPoliticalStability()
            inputs = try riskInputs.map { try SupplyRiskInputReader().read(contentsOf: $0) } ?? []
        } catch let error as DiagnosticError {
            printError(error.description)
            throw ExitCode.failure
        }
        let (low, high) = intervalProbabilities ?? (0.05, 0.95)
        return ReportBuilder(
            guidelines: bands, scheme: scheme, topSuppliers: top, governance: table, riskInputs: inputs,
            monteCarlo: MonteCarloSettings(draws: draws, seed: seed, lowerProbability: low, upperProbability: high))
    }
}

/// `--detail` of `report`, `diff` and `whatif`: the per-node and per-pair rows in every format.
struct DetailOption: ParsableArguments {
    @Flag(help: ArgumentHelp(
        "Also write the per-node and per-pair tables (value added and water per node, burden and benefit per country, bilateral exchange ratios, supply-risk partners).",
        discussion: "Without it JSON and CSV carry what the Markdown shows, and the Markdown and HTML show one line for each such table."))
    var detail = false

    /// `builder` with the flag applied.
    func applied(to builder: ReportBuilder) -> ReportBuilder {
        var builder = builder
        builder.detail = detail
        return builder
    }
}
