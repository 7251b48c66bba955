import ArgumentParser
import Foundation
import MineralGraphCore
import MineralGraphFormats
import MineralGraphRendering

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a supply-chain diagram as SVG, PNG, PDF or DOT.",
        discussion: """
            Stages run left to right (mining → processing → manufacturing → use → waste); node \
            shape shows the kind, fill the country's development group (or, with --color-by \
            share, the node's share of its stage); line width is proportional to contained \
            tonnes (or USD with --weight value); waste flows are dashed, recycling loops green. \
            The legend sits below the diagram; SVG tooltips give each node's country, outputs \
            and water use.

            Layout and drawing use the Graphviz C library in-process; --format dot writes the \
            DOT text instead, which `dot -Tsvg` draws the same way.

            For large graphs: --mineral to focus one mineral, --group-by country to collapse \
            facilities, --min-share / --top to summarise small flows in "other" nodes.

            Output goes to standard output for svg and dot unless -o is given; png and pdf \
            need -o when standard output is a terminal. Files are written atomically.
            """
    )

    @Argument(help: "A graph file (- for standard input).")
    var file: String

    @Option(help: "Output format (default: from the -o file extension, else svg).")
    var format: RenderFormat?

    @Option(name: .shortAndLong, help: "Output file (- for standard output).")
    var output: String?

    @Option(help: "Graphviz layout engine; dot draws the stages as columns.")
    var engine: LayoutEngine = .dot

    @Option(help: "What line widths and shares measure: contained tonnes (else gross) or USD value.")
    var weight: DiagramOptions.Weight = .tonnes

    @Option(name: .customLong("min-share"), help: ArgumentHelp(
        "Summarise flows below this share of their source stage's outflow in 'other' nodes (0.05 = 5 %).",
        valueName: "fraction"))
    var minShare: Double?

    @Option(help: ArgumentHelp("Keep only the N largest flows out of each stage (per mineral and flow type).", valueName: "N"))
    var top: Int?

    @Option(name: .customLong("group-by"), help: "country: one node per country and stage.")
    var groupBy: DiagramOptions.Grouping = .none

    @Option(help: "Show only this mineral's flows and the nodes that handle it.")
    var mineral: String?

    @Option(help: "Draw a box around the nodes of each country or each stage.")
    var cluster: DiagramOptions.Clustering = .none

    @Option(name: .customLong("color-by"), help: "Node fill: development group (developed / developing / LDC) or share of the node's stage.")
    var colorBy: DiagramOptions.Coloring = .group

    @Option(help: "Country-group scheme (default: the graph's country_scheme, else unctad-der-2024).")
    var scheme: String?

    @Flag(inversion: .prefixedNo, help: "Label edges with quantity and share (default: only up to 150 edges).")
    var edgeLabels: Bool?

    /// The format asked for, else the one the output extension names, else SVG.
    var resolvedFormat: RenderFormat {
        format ?? output.flatMap { RenderFormat(fileExtensionOf: $0) } ?? .svg
    }

    func validate() throws {
        if let minShare, !(minShare >= 0 && minShare <= 1) {
            throw ValidationError("--min-share must be a fraction between 0 and 1 (0.05 for 5 %)")
        }
        if let top, top < 1 {
            throw ValidationError("--top must be at least 1")
        }
        if let mineral, MineralCatalog.resolve(mineral) == nil {
            let hints = MineralCatalog.suggestions(for: mineral).map(\.rawValue)
            throw ValidationError("unknown mineral '\(mineral)'" + (hints.isEmpty ? "" : " (did you mean \(hints.joined(separator: ", "))?)"))
        }
        if let scheme, CountryGroupScheme.named(scheme) == nil {
            throw ValidationError("unknown --scheme '\(scheme)' (known: \(CountryGroupScheme.all.map(\.id).joined(separator: ", ")))")
        }
        if resolvedFormat.isBinary && output == nil && isatty(STDOUT_FILENO) != 0 {
            throw ValidationError("\(resolvedFormat.rawValue) output is binary: give -o FILE (or -o - to write it to standard output anyway)")
        }
    }

    func run() throws {
        let document = try loadDocument(file)
        let options = DiagramOptions(
            weight: weight, grouping: groupBy, clustering: cluster, coloring: colorBy,
            mineral: mineral.flatMap { MineralCatalog.resolve($0)?.id }, minShare: minShare, top: top,
            scheme: scheme, edgeLabels: edgeLabels)
        let rendered: RenderedDiagram
        do {
            rendered = try DiagramRenderer(options: options, engine: engine).render(document.graph, as: resolvedFormat)
        } catch {
            throw UserError(error.description)
        }
        for warning in rendered.warnings { printError("warning: Graphviz: \(warning)\n") }
        try writeOutputs([(output ?? "-", rendered.data)], inputs: [file])
    }
}

extension RenderFormat: ExpressibleByArgument {}
extension LayoutEngine: ExpressibleByArgument {}
extension DiagramOptions.Weight: ExpressibleByArgument {}
extension DiagramOptions.Grouping: ExpressibleByArgument {}
extension DiagramOptions.Clustering: ExpressibleByArgument {}
extension DiagramOptions.Coloring: ExpressibleByArgument {}
