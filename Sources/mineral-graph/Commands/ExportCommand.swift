import ArgumentParser
import Foundation
import MineralGraphCore
import MineralGraphFormats

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a graph as GraphML, JSON, node-link JSON, CSV tables or DOT with its data.",
        discussion: """
            graphml: for NetworkX (read_graphml), igraph, Gephi and yEd; json: for scripts \
            (mineral-graph-json/1); node-link: NetworkX node_link_graph(data, edges="links") and \
            d3; csv: a node table and an edge table; dot: DOT with every attribute, which \
            `mineral-graph import dot` and pydot read. Attributes and schemas: \
            docs/export.md. Writes to standard output unless -o or --out-dir is given; csv writes \
            PREFIX.nodes.csv and PREFIX.edges.csv for -o PREFIX, DIR/STEM.nodes.csv and \
            DIR/STEM.edges.csv for --out-dir, or one table to -o with --table. Graphs with \
            validation errors are refused. Files are replaced atomically.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case graphml, json, nodeLink = "node-link", csv, dot
    }

    @Argument(help: "The graph file (- for standard input).")
    var file: String

    @Option(help: "graphml, json, node-link, csv or dot.")
    var format: Format

    @Option(name: .shortAndLong, help: "Where to write (- for standard output); for csv without --table, a path prefix.")
    var output: String?

    @Option(help: "Write into this directory, named after the graph file.")
    var outDir: String?

    @Option(help: "csv only: write just this table (nodes or edges) to -o or standard output.")
    var table: CSVTableWriter.Table?

    @OptionGroup var spreadsheet: SpreadsheetOptions

    func validate() throws {
        if output != nil && outDir != nil { throw ValidationError("use either --output or --out-dir, not both") }
        if outDir != nil && file == "-" { throw ValidationError("standard input has no file name to name the export after; use --output") }
        if table != nil && format != .csv { throw ValidationError("--table is for --format csv") }
        if table != nil && outDir != nil { throw ValidationError("--table writes one table: use --output, not --out-dir") }
        try spreadsheet.check(writesCSV: format == .csv, format: format.rawValue)
        if format == .csv && table == nil && outDir == nil && (output ?? "-") == "-" {
            throw ValidationError("csv writes two tables: give --out-dir DIR, -o PREFIX (PREFIX.nodes.csv, PREFIX.edges.csv) or --table nodes|edges")
        }
    }

    func run() throws {
        let graph = try loadValidDocument(file, refusal: "not exported").graph
        // Everything is rendered before anything is written.
        let outputs: [(path: String, text: String)]
        switch format {
        case .graphml: outputs = [(try path(extension: "graphml"), GraphMLWriter().write(graph))]
        case .json: outputs = [(try path(extension: "json"), JSONGraphWriter().write(graph))]
        case .nodeLink: outputs = [(try path(extension: "node-link.json"), NodeLinkWriter().write(graph))]
        case .dot: outputs = [(try path(extension: "dot"), DOTDataWriter().write(graph))]
        case .csv:
            if let table {
                outputs = [(output ?? "-", spreadsheet.csv(CSVTableWriter().write(graph, table: table)))]
            } else {
                let prefix = try csvPrefix()
                let (nodes, edges) = CSVTableWriter().write(graph)
                outputs = [(prefix + ".nodes.csv", spreadsheet.csv(nodes)), (prefix + ".edges.csv", spreadsheet.csv(edges))]
            }
        }
        try writeOutputs(outputs, creating: outDir.map { [$0] } ?? [], inputs: [file])
    }

    /// The input's file name without its extension.
    private var stem: String {
        URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    }

    private func path(extension fileExtension: String) throws -> String {
        guard let outDir else { return output ?? "-" }
        return URL(fileURLWithPath: outDir).appendingPathComponent(stem + "." + fileExtension).path
    }

    /// `DIR/STEM` for --out-dir, else -o without a trailing `.csv`.
    private func csvPrefix() throws -> String {
        if let outDir { return URL(fileURLWithPath: outDir).appendingPathComponent(stem).path }
        let prefix = output ?? "-"
        return prefix.hasSuffix(".csv") ? String(prefix.dropLast(4)) : prefix
    }
}

extension CSVTableWriter.Table: ExpressibleByArgument {}
