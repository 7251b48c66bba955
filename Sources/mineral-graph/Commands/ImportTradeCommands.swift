import ArgumentParser
import MineralGraphCore
import MineralGraphFormats

/// Output options of `import baci` and `import comtrade`.
struct TradeGraphOutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Where to write the graph (- for standard output).")
    var output = "-"

    @Option(help: "Graph name (default: the file's name without extension).")
    var name: String?

    @Option(name: .customLong("hhi-out"), help: "Also write import-source HHI per importer and HS product, and per importer, mineral and stage, to this CSV file.")
    var hhiOut: String?

    @OptionGroup var spreadsheet: SpreadsheetOptions

    func validate() throws {
        if spreadsheet.excel && hhiOut == nil { throw ValidationError("--excel is for the CSV table of --hhi-out") }
    }

    /// Builds, checks and writes the graph (and the HHI table); `inputs` are the files read.
    func write(_ imported: TradeImport, map: HSProductMap, mapFile: String?, command: String, inputs: [String]) throws {
        let (graph, header) = TradeGraphBuilder(graphName: name, productMap: map, productMapFile: mapFile, command: command).build(imported)
        if graph.flows.isEmpty {
            throw UserError("no kept row has an HS code in the product map, so the graph would be empty; add the codes with --product-map")
        }
        let problems = GraphValidator().run(on: graph).filter { $0.severity == .error }
        if !problems.isEmpty {
            throw UserError("the imported graph is invalid (a bug in the importer): " + problems.map(\.message).joined(separator: "; "))
        }
        let text = GraphFileWriter().write(graph, headerComment: header)
        let table = hhiOut.map { [($0, spreadsheet.csv(tradeConcentrationCSV(imported.tables)))] } ?? []
        try writeOutputs(table + [(output, text)], inputs: inputs)
    }
}

struct ImportBACICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baci",
        abstract: "Import a CEPII BACI bilateral trade file (t,i,j,k,v,q) as a graph.",
        discussion: """
            One node per country and stage (chn-processing), one flow per exporter, importer and \
            HS code that the product map assigns to a mineral: v (thousand USD) × 1,000 as USD, q \
            as gross tonnes; rows with q NA or blank keep their value and no tonnes. Country codes \
            are ISO 3166-1 numeric with BACI's exceptions (251 France, 490 Taiwan, 579 Norway, 699 \
            India, 757 Switzerland, 842 USA) unless --countries gives the release's table (either \
            layout: country_iso3 or iso_3digit_alpha); codes it lacks are named. Five-digit product \
            codes get their lost leading zero back. The HS revision in the file name (HS92 ... \
            HS22) selects the product map's rows. Unknown HS codes, unknown country codes and other \
            skipped rows are counted on standard error and in the graph's header comment. A file \
            with several years needs --year. Malformed, negative or repeated rows print as \
            FILE:LINE:COLUMN and exit 1; nothing is written then. See docs/import.md.
            """
    )

    @OptionGroup var input: TradeInputOptions
    @OptionGroup var output: TradeGraphOutputOptions

    func run() throws {
        let map = try input.loadProductMap()
        let imported = try input.read(source: .baci, side: .importer, map: map, command: "import baci")
        try output.write(imported, map: map, mapFile: input.productMap, command: "import baci", inputs: input.paths)
    }
}

struct ImportComtradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comtrade",
        abstract: "Import a UN Comtrade CSV download (API, Comtrade+, legacy bulk or legacy API) as a graph.",
        discussion: """
            Every trade is reported twice, by the importer (CIF) and the exporter (FOB). By default \
            the import rows (flowCode M) are used: the reporter is the importer and the partner the \
            country of origin. --side exporter uses export and re-export rows (X, RX); re-exports \
            stay flows from the re-exporting hub and are flagged, because the shipping partner is \
            not the origin. primaryValue is USD; netWgt kg ÷ 1,000 gives tonnes (qty when its unit \
            is kg; a 0 kg weight with a value is read as not reported). Partner World (0) and \
            aggregate areas, re-imports (RM), breakdown rows (motCode, customsCode, partner2Code \
            other than the totals) and the rows of an HS heading where the same exporter and \
            importer also report its subheadings are skipped and counted. Legacy names (Reporter \
            Code, Trade Value (US$), Netweight (kg); rtCode, ptCode, rgCode, yr, TradeValue, \
            NetWeight) are read too. A file of World totals only is an error saying so. See \
            docs/import.md.
            """
    )

    @OptionGroup var input: TradeInputOptions
    @OptionGroup var output: TradeGraphOutputOptions

    @Option(help: "Whose reports to use: importer (flowCode M) or exporter (X and RX).")
    var side: ComtradeSide = .importer

    func run() throws {
        let map = try input.loadProductMap()
        let imported = try input.read(source: .comtrade, side: side, map: map, command: "import comtrade")
        try output.write(imported, map: map, mapFile: input.productMap, command: "import comtrade", inputs: input.paths)
    }
}

extension ComtradeSide: ExpressibleByArgument {}
