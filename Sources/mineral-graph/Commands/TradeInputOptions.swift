import ArgumentParser
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import MineralGraphReports

/// Options shared by `import baci`, `import comtrade` and `trade-hhi`.
struct TradeInputOptions: ParsableArguments {
    @Argument(help: "The trade CSV file (- for standard input).")
    var file: String

    @Option(help: "Country code table (BACI country_codes_V*.csv: country_code, country_iso3); default: ISO 3166-1 numeric with the BACI/Comtrade exceptions.")
    var countries: String?

    @Option(help: "Product names table (BACI product_codes_HS*_V*.csv: code, description).")
    var products: String?

    @Option(name: .customLong("product-map"), help: "CSV adding to or overriding the built-in HS → mineral and stage map (hs_code, mineral, stage, product, contained_share, contained_share_source).")
    var productMap: String?

    @Option(help: "Year to import when the file has several (trade-hhi: every year, unless this picks one).")
    var year: Int?

    /// Every file these options read.
    var paths: [String] {
        [file] + [countries, products, productMap].compactMap { $0 }
    }

    /// The map in use: the built-in one with the file's entries on top.
    func loadProductMap() throws -> HSProductMap {
        let builtIn = try reportingImportErrors { try HSProductMap.builtIn() }
        guard let productMap else { return builtIn }
        return builtIn.overridden(by: try reportingImportErrors { try HSProductMap.read(contentsOf: productMap) })
    }

    /// Reads the file with a progress line on a terminal, prints the summary to standard error.
    /// `everyYear`: one table per year of a multi-year file (unless `--year` picks one).
    func read(source: TradeSource?, side: ComtradeSide, map: HSProductMap, command: String, everyYear: Bool = false) throws -> TradeImport {
        let countryCodes = try countries.map { path in try reportingImportErrors { try TradeReferenceTables.countries(contentsOf: path) } }
        let names = try products.map { path in try reportingImportErrors { try TradeReferenceTables.productNames(contentsOf: path) } } ?? [:]
        var reader = TradeTableReader(
            source: source, productMap: map, countryCodes: countryCodes, countryTableFile: countries, productNames: names, year: year, side: side)
        reader.everyYear = everyYear
        let progress = ProgressLine(label: command)
        defer { progress.finish() }
        let imported = try reportingImportErrors {
            try reader.read(contentsOf: file) { progress.update(bytes: $0.bytesRead, of: $0.totalBytes, rows: $0.rows) }
        }
        progress.finish()
        printError(imported.summary.lines().joined(separator: "\n") + "\n")
        if let reason = imported.summary.nothingKept { throw UserError("\(file): \(reason); nothing written") }
        return imported
    }
}

/// Runs `body`, printing an import error's diagnostics and exiting 1 on failure.
func reportingImportErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DiagnosticError {
        printError(CommandLineHints.adding(to: error).description)
        throw ExitCode.failure
    }
}

/// The CSV table of import-source HHI for every importer and product; with several tables (one
/// per year), one header and each year's rows in year order, each year's exactly as a run on
/// that year alone gives them.
func tradeConcentrationCSV(_ tables: [BilateralTradeTable]) -> String {
    var out = ""
    for (t, table) in tables.enumerated() {
        let csv = TradeConcentrationCSV().format(TradeConcentrationPass().run(on: table))
        out += t == 0 ? csv[...] : csv[csv.index(after: csv.firstIndex(of: "\n")!)...]
    }
    return out
}
