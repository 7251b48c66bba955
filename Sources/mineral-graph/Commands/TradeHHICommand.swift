import ArgumentParser
import MineralGraphFormats

struct TradeHHICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trade-hhi",
        abstract: "Import-source HHI for every importer and HS product straight from a BACI or Comtrade file.",
        discussion: """
            The fast path for large files: no graph is built. For importer j and product m with \
            imports M_ij from partner i, HHI = 10,000 · Σ_i (M_ij / Σ_i M_ij)², on value and on \
            tonnes (METHODS §1.5). One row per importer and HS code (level product), then one per \
            importer, mineral and supplying stage over the mapped codes (level mineral-stage). \
            Importers without imports have no row; partners without a quantity are left out of \
            the tonnes index and counted. The format is recognised from the header. A file of \
            several years gives every year's rows, year by year (--year picks one). Each row names \
            the three largest partners by value with their shares; hs_code is HS and the code \
            (HS260500), so that it reads as text. Columns are described in docs/import.md.
            """
    )

    @OptionGroup var input: TradeInputOptions

    @Option(name: .shortAndLong, help: "Where to write the CSV table (- for standard output).")
    var output = "-"

    @OptionGroup var spreadsheet: SpreadsheetOptions

    @Option(help: "Comtrade only: importer (flowCode M) or exporter (X and RX) reports.")
    var side: ComtradeSide = .importer

    func run() throws {
        let map = try input.loadProductMap()
        let imported = try input.read(source: nil, side: side, map: map, command: "trade-hhi", everyYear: true)
        try writeOutputs([(output, spreadsheet.csv(tradeConcentrationCSV(imported.tables)))], inputs: input.paths)
    }
}
