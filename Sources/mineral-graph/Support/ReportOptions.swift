import ArgumentParser
import MineralGraphAnalysis
import MineralGraphCore
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

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if let scheme, CountryGroupScheme.named(scheme) == nil {
            throw ValidationError("unknown scheme '\(scheme)' (known: " + CountryGroupScheme.all.map(\.id).joined(separator: ", ") + ")")
        }
    }

    var builder: ReportBuilder {
        ReportBuilder(guidelines: bands, scheme: scheme, topSuppliers: top)
    }
}
