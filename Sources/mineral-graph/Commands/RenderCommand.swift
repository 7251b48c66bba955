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

            For a figure in a paper: --size WxH scales the drawing to fit a box in inches, \
            --font-scale enlarges the text before layout, --dpi sets the resolution of png and \
            jpg, --legend none leaves the legend to the caption, --compact shortens node labels \
            and brings the columns closer, --edge-labels chooses what the edge labels say \
            (docs/rendering.md has one- and two-column recipes).

            Output goes to standard output for svg and dot unless -o is given; png, pdf and jpg \
            need -o when standard output is a terminal. Without --format the format is -o's \
            extension (.svg .png .pdf .jpg .dot .gv); any other extension is refused. Files are \
            written atomically, and a PDF is the same bytes for the same input (no creation \
            date, or SOURCE_DATE_EPOCH's).
            """
    )

    @Argument(help: "A graph file (- for standard input).")
    var file: String

    @Option(help: "Output format (default: from the -o file extension; svg on standard output).")
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

    @Option(name: .customLong("edge-labels"), help: ArgumentHelp(
        "What edge labels say: none (tooltips only), value, share or both (default: both up to 150 edges, else none).",
        valueName: "none|value|share|both"))
    var edgeLabels: EdgeLabels?

    @Flag(name: .customLong("no-edge-labels"), help: .hidden)
    var noEdgeLabels = false

    @Option(help: ArgumentHelp("Resolution of png and jpg output (default 96).", valueName: "N"))
    var dpi: Double?

    @Option(help: ArgumentHelp("Scale the drawing to fit this box, in inches (3.5x4 for one journal column).", valueName: "WxH"))
    var size: String?

    @Option(name: .customLong("font-scale"), help: ArgumentHelp("Multiply every text size before layout (1.5 = 50 % larger).", valueName: "X"))
    var fontScale: Double = 1

    @Option(help: "Where the legend goes: below, above or none.")
    var legend: FigureOptions.LegendPlacement = .below

    @Flag(help: "Short node labels (name and share) and closer columns, for figures shrunk to a column.")
    var compact = false

    /// The format asked for, else the one the output extension names, else SVG on standard output.
    func resolvedFormat() throws -> RenderFormat {
        try outputFormat(explicit: format, output: output, standard: .svg, known: RenderFormat.allCases,
                         fromExtension: RenderFormat.init(fileExtensionOf:))
    }

    var figure: FigureOptions {
        FigureOptions(dpi: dpi, size: size.flatMap(FigureOptions.Size.init(parsing:)), fontScale: fontScale, legend: legend, compact: compact)
    }

    func validate() throws {
        let resolvedFormat = try resolvedFormat()
        if let dpi, !(dpi >= 10 && dpi <= 2400) {
            throw ValidationError("--dpi must be between 10 and 2400 (300 for print)")
        }
        if let size, FigureOptions.Size(parsing: size) == nil {
            throw ValidationError("--size '\(size)' is not WxH in inches, both positive and at most 200 (3.5x4, 7x5)")
        }
        if !(fontScale >= 0.2 && fontScale <= 10) {
            throw ValidationError("--font-scale must be between 0.2 and 10")
        }
        if noEdgeLabels && edgeLabels != nil && edgeLabels != EdgeLabels.none {
            throw ValidationError("--no-edge-labels contradicts --edge-labels \(edgeLabels!.rawValue)")
        }
        if resolvedFormat == .jpg && !GraphvizRenderer.supportsFormat("jpg") {
            throw ValidationError("this Graphviz has no JPEG renderer (its gd plugin is missing): use png, or install Graphviz with libgd")
        }
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
            scheme: scheme, edgeLabels: noEdgeLabels ? EdgeLabels.none : edgeLabels)
        let format = try resolvedFormat()
        let rendered: RenderedDiagram
        do {
            rendered = try DiagramRenderer(options: options, engine: engine, figure: figure).render(document.graph, as: format)
        } catch {
            throw UserError(error.description)
        }
        for warning in rendered.warnings { printError("warning: Graphviz: \(warning)\n") }
        if let scale = rendered.scale, let points = rendered.nodeTextPoints(fontScale: fontScale) {
            // Say what the reader will see: journals ask for 6–7 pt at the printed size.
            let percent = NumberFormatting.compact(scale * 100, decimals: 0)
            let text = NumberFormatting.compact(points, decimals: 1)
            printError("note: drawn at \(percent) % to fit \(size ?? ""): node text prints at \(text) pt"
                       + (points < 6 ? " (below 6 pt: try --compact, --top N, --group-by country or a larger --size)" : "") + "\n")
        }
        try writeOutputs([(output ?? "-", rendered.data)], inputs: [file])
    }
}

extension RenderFormat: ExpressibleByArgument {}
extension LayoutEngine: ExpressibleByArgument {}
extension DiagramOptions.Weight: ExpressibleByArgument {}
extension DiagramOptions.Grouping: ExpressibleByArgument {}
extension DiagramOptions.Clustering: ExpressibleByArgument {}
extension DiagramOptions.Coloring: ExpressibleByArgument {}
extension EdgeLabels: ExpressibleByArgument {}
extension FigureOptions.LegendPlacement: ExpressibleByArgument {}
