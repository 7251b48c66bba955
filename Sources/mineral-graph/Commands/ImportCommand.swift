import ArgumentParser
import MineralGraphCore
import MineralGraphFormats

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn tables analysts have into graph files.",
        subcommands: [ImportProductionCommand.self, ImportBACICommand.self, ImportComtradeCommand.self, ImportDotCommand.self]
    )
}

struct ImportProductionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "production",
        abstract: "Import production tables (USGS, World Mining Data, BGS layouts) as a graph.",
        discussion: """
            Long layout: columns country, quantity and optionally mineral, stage, year, unit, \
            source (header names in any case and order). Wide layout: country and one column per \
            year (2018,2019,… as in World Mining Data; Mine production 2023, 2024e as in USGS), \
            with an optional unit column or the unit in the header. The mineral comes from a \
            mineral column, else --mineral, else the file's name (Lithium_(Li2O).csv is lithium \
            on Li2O); the stage from a stage column or the year header, else --stage; World \
            Mining Data tables are mine production. Countries: ISO codes or names as USGS and \
            World Mining Data print them; "Other countries" becomes the residual; "World total" \
            and "Total" are checked against the rows (a larger total with no "Other countries" \
            row gives the residual). W and NA are withheld; --, — and 0 are zero; a blank cell \
            is withheld or zero (--blank). Markers e, r, p are stripped and counted. Units: t, \
            metr. t, kt, Mt, kg, ct, … optionally with the basis (t Co content, t Li2O, t REO \
            equivalent, t (gross weight)); mt, MT and tons are refused as ambiguous. Figures \
            stay on the source's basis; a plain unit takes the basis from the mineral's name, \
            --basis, or the catalogue (lithium needs one of them). Several files make one graph. \
            The header comment of the graph records every conversion and basis. Errors print as \
            FILE:LINE:COLUMN and exit 1; warnings do not. See docs/production-tables.md.
            """
    )

    @Argument(help: "The CSV tables (- for standard input).")
    var files: [String]

    @Option(name: .shortAndLong, help: "Where to write the graph (- for standard output).")
    var output = "-"

    @Option(help: "Graph name (default: the table's file name without extension).")
    var name: String?

    @Option(help: "Year of rows that give none; in a wide table, the one year column to import.")
    var year: Int?

    @Option(help: "Mineral of tables without a mineral column, optionally with its basis: cobalt, 'Lithium (Li2O)'.")
    var mineral: String?

    @Option(help: "Stage of figures whose table names none: mining, processing or manufacturing.")
    var stage: String?

    @Option(help: "Basis of plain units (t, metr. t) where the mineral's name gives none: element (or the symbol, Li), Li2O, LCE, REO, gross …")
    var basis: String?

    @Option(help: "What an empty figure cell means: withheld (default) or zero.")
    var blank: ProductionTableImporter.BlankCells = .withheld

    @Option(help: "Kilograms per cubic metre, for figures given as a volume (natural gas in Mio m3); recorded in the header comment.")
    var density: Double?

    func run() throws {
        let result: ProductionTableImport
        do {
            let importer = ProductionTableImporter(
                graphName: name, defaultYear: year, mineral: mineral, stage: stage, basis: basis, blankCells: blank, density: density)
            result = try importer.read(contentsOf: files)
        } catch {
            printError(CommandLineHints.adding(to: error).description)
            throw ExitCode.failure
        }
        printError(DiagnosticRenderer.render(result.warnings.map(CommandLineHints.adding(to:)), texts: result.texts, fallback: result.text))
        let problems = GraphValidator().run(on: result.graph).filter { $0.severity == .error }
        if !problems.isEmpty {
            throw UserError("the imported graph is invalid (a bug in the importer): " + problems.map(\.message).joined(separator: "; "))
        }
        try writeOutputs([(output, GraphFileWriter().write(result.graph, headerComment: result.headerComment))], inputs: files)
    }
}

extension ProductionTableImporter.BlankCells: ExpressibleByArgument {}
