import ArgumentParser
import MineralGraphCore
import MineralGraphFormats

struct ImportDotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dot",
        abstract: "Read a DOT file with graph data (from `export --format dot`) back as a graph file.",
        discussion: """
            Node statements are nodes, edges (->) are flows, graph attributes hold the graph's \
            fields, sources (source_N_FIELD) and "other countries" rows (other_countries_N_FIELD); \
            attribute names are listed in docs/export.md. Derived attributes (label, stage, \
            country_name, development_group, least_developed, group_scheme) are ignored. Comments \
            are allowed; node/edge default statements, subgraphs, ports and HTML values are not. \
            Errors print as FILE:LINE:COLUMN and exit 1, as do validation errors of the result.
            """
    )

    @Argument(help: "The DOT file (- for standard input).")
    var file: String

    @Option(name: .shortAndLong, help: "Where to write the graph (- for standard output).")
    var output = "-"

    func run() throws {
        let document: GraphDocument
        do {
            document = try DOTImporter().read(contentsOf: file)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        let issues = document.validate()
        if !issues.isEmpty { printError(DiagnosticRenderer(text: document.text).render(issues)) }
        if issues.contains(where: { $0.severity == .error }) {
            printError("\(file): not imported — fix the errors above\n")
            throw ExitCode.failure
        }
        try writeOutputs([(output, GraphFileWriter().write(document.graph))], inputs: [file])
    }
}
