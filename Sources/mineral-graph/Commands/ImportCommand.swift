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
        abstract: "Import a production table (USGS, World Mining Data, BGS layout) as a graph.",
        discussion: """
            The CSV table has the columns mineral, stage, country, quantity and optionally year, \
            unit, source (header names in any case and order). Stages: mining (mine, extraction), \
            processing (refinery, refining, smelter), manufacturing. Countries: ISO codes or names \
            as USGS prints them; "Other countries" becomes the residual and "World total" is \
            checked against the rows. A blank or W quantity is a withheld figure (kept without a \
            quantity and reported); 0 and -- are zero. Units: t (default), kt, Mt, kg; "t Li" is \
            converted to t LCE. The graph has one node per country and stage; its year is the \
            latest year in the table. Errors print as FILE:LINE:COLUMN and exit 1; warnings do not.
            """
    )

    @Argument(help: "The CSV table (- for standard input).")
    var file: String

    @Option(name: .shortAndLong, help: "Where to write the graph (- for standard output).")
    var output = "-"

    @Option(help: "Graph name (default: the table's file name without extension).")
    var name: String?

    @Option(help: "Year of every row, for tables without a year column.")
    var year: Int?

    func run() throws {
        let result: ProductionTableImport
        do {
            result = try ProductionTableImporter(graphName: name, defaultYear: year).read(contentsOf: file)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        printError(DiagnosticRenderer(text: result.text).render(result.warnings))
        let problems = GraphValidator().run(on: result.graph).filter { $0.severity == .error }
        if !problems.isEmpty {
            throw UserError("the imported graph is invalid (a bug in the importer): " + problems.map(\.message).joined(separator: "; "))
        }
        try writeOutputs([(output, GraphFileWriter().write(result.graph, headerComment: result.headerComment))], inputs: [file])
    }
}
