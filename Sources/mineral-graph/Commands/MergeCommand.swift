import ArgumentParser
import Foundation
import MineralGraphCore
import MineralGraphFormats

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Overlay graphs whose nodes share ids: production from one file, trade flows from another.",
        discussion: """
            The importers name country-stage nodes <iso3>-<stage> (chn-processing), so a graph from \
            `import production` and one from `import baci` or `import comtrade` meet there. A node \
            in several files keeps the outputs and attributes of all of them; figures stated twice \
            must agree. Conflicts — two different figures or bases for one output, two graph years, \
            a node id with two countries or kinds, one flow with two sets of figures, one source id \
            with two descriptions — are errors at the file, line and column of each side, and \
            nothing is written. Every input must be a valid graph. The header comment of the \
            output names the merged files and repeats theirs. See docs/import.md.
            """
    )

    @Argument(help: "Two or more graph files (one of them may be - for standard input).")
    var files: [String]

    @Option(name: .shortAndLong, help: "Where to write the merged graph (- for standard output).")
    var output = "-"

    @Option(help: "Graph name (default: the graphs' names joined with ' + ').")
    var name: String?

    func validate() throws {
        if files.count < 2 { throw ValidationError("merge needs at least two graph files") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("only one of the graphs can be read from standard input") }
        if output != "-" {
            let target = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath().path
            if let input = files.first(where: { $0 != "-" && URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path == target }) {
                throw ValidationError("the output \(output) is one of the inputs (\(input)); write the merged graph to another file")
            }
        }
    }

    func run() throws {
        let documents = try files.map { try loadValidDocument($0, refusal: "not merged") }
        let merged: GraphMerge
        do {
            merged = try GraphMerger(name: name).merge(documents)
        } catch {
            printError(error.description)
            let conflicts = error.diagnostics.count
            printError("\(conflicts) conflict\(conflicts == 1 ? "" : "s") between the files; nothing written\n")
            throw ExitCode.failure
        }
        let problems = GraphValidator().run(on: merged.graph).filter { $0.severity == .error }
        if !problems.isEmpty {
            throw UserError("the merged graph is invalid: " + problems.map(\.message).joined(separator: "; ") + "; nothing written")
        }
        try writeOutputs([(output, GraphFileWriter().write(merged.graph, headerComment: merged.headerComment))], inputs: files)
    }
}
