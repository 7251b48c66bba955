import MineralGraphCore

/// Turns a ``Diagram`` into a ``DOTGraph``: the visual encoding, with its legend.
///
/// - Stages are ranks from left to right (`rankdir=LR`, one `rank=same` subgraph per stage,
///   `newrank` so that ranks hold across country clusters); recycling flows back up the chain
///   are written forwards with `dir=back`, so that `dot` routes them between the columns.
/// - Node shape shows the kind, fill the development group of the country (or the node's
///   share of its stage), the label the name, the country and the stage share.
/// - Edge width is proportional to the weight (contained tonnes or USD), labels give the
///   quantity and its share of the flows leaving the source stage, waste flows are dashed,
///   recycling loops green; SVG tooltips carry the full figures.
/// - The legend is the graph label, an HTML-like table at the bottom left.
///
/// Statements come out in a fixed order (clusters, nodes, edges, rank groups), each sorted.
public struct DiagramEncoder: Sendable {
    public var engine: LayoutEngine
    /// Page size, text size and legend placement.
    public var figure: FigureOptions
    /// Whether the output is a bitmap (PNG, JPEG), the only kind ``FigureOptions/dpi`` is
    /// written for: Graphviz 2.43 scales an SVG's size but not its viewBox by the dpi.
    public var bitmap: Bool

    public init(engine: LayoutEngine = .dot, figure: FigureOptions = FigureOptions(), bitmap: Bool = false) {
        self.engine = engine
        self.figure = figure
        self.bitmap = bitmap
    }

    /// The DOT graph of `diagram`: its attributes and defaults, then nodes, edges and rank groups.
    public func encode(_ diagram: Diagram) -> DOTGraph {
        let maximumWeight = diagram.maximumEdgeWeight
        let labelEdges = diagram.options.edgeLabels
            ?? (diagram.edges.count <= DiagramOptions.maximumLabelledEdges ? .both : .none)
        var graph = DOTGraph(name: diagram.title)
        graph.attributes = graphAttributes(diagram, maximumWeight: maximumWeight, labelEdges: labelEdges)
        graph.nodeDefaults = nodeDefaults
        graph.edgeDefaults = edgeDefaults
        let anchors = stageAnchors(diagram)
        graph.statements = nodeStatements(diagram, anchors: anchors)
            + edgeStatements(diagram, maximumWeight: maximumWeight, labelEdges: labelEdges)
            + rankStatements(diagram, anchors: anchors)
        return graph
    }

    // MARK: Graph

    /// The graph's attributes: background, fonts, legend, size and the engine's layout settings.
    private func graphAttributes(_ diagram: Diagram, maximumWeight: Double?, labelEdges: EdgeLabels) -> DOTAttributes {
        var attributes: DOTAttributes = [
            "bgcolor": .plain("white"),
            "charset": .plain("UTF-8"),
            "fontname": .plain(DiagramStyle.fontName),
            "fontsize": .number(figure.fontSize(11)),
            "layout": .plain(engine.rawValue),
            "outputorder": .plain("edgesfirst"),
            "pad": .number(Self.padInches),
            "tooltip": .text(diagram.title),
        ]
        if figure.legend != .none {
            attributes["label"] = .html(legend(diagram, maximumWeight: maximumWeight, labelEdges: labelEdges))
            attributes["labeljust"] = .plain("l")
            attributes["labelloc"] = .plain(figure.legend == .above ? "t" : "b")
        }
        if let size = figure.size {
            // "!" scales up as well as down, so the figure fills the column it is made for.
            attributes["size"] = .plain(DOTValue.format(size.widthInches) + "," + DOTValue.format(size.heightInches) + "!")
        }
        if bitmap, let dpi = figure.dpi { attributes["dpi"] = .number(dpi) }
        if engine.isLayered {
            attributes["rankdir"] = .plain("LR")
            attributes["newrank"] = .plain("true")
            attributes["ranksep"] = .number(figure.compact ? 0.5 : 1.1)
            attributes["nodesep"] = .number(figure.compact ? 0.12 : 0.2)
        } else {
            // Remove node overlaps after the spring layout, then route edges as splines
            // around the nodes. Spline routing grows fast with the edge count (180 nodes and
            // 480 edges: 21 s against 0.7 s with straight lines), so large diagrams keep
            // straight edges.
            attributes["overlap"] = .plain("false")
            attributes["sep"] = .plain("+8")
            if diagram.edges.count <= Self.maximumSplineEdges { attributes["splines"] = .plain("true") }
        }
        return attributes
    }

    /// Default node attributes: outline, font and fill style.
    private var nodeDefaults: DOTAttributes {
        [
            "color": .plain("#333333"),
            "fontname": .plain(DiagramStyle.fontName),
            "fontsize": .number(figure.fontSize(10)),
            "margin": .plain("0.1,0.04"),
            "penwidth": .number(0.8),
            "style": .plain("filled"),
        ]
    }

    /// Default edge attributes: arrowheads, product colour and label font.
    private var edgeDefaults: DOTAttributes {
        [
            "arrowsize": .number(0.6),
            "color": .plain(DiagramStyle.productColor),
            "fontcolor": .plain("#333333"),
            "fontname": .plain(DiagramStyle.fontName),
            "fontsize": .number(figure.fontSize(8)),
        ]
    }

    /// Invisible anchors, one per stage present, for the layered engines only: without them
    /// `dot` may put two stages in one column when no flow runs between them (an e-waste graph
    /// has smelters and households, but no flow from one to the other).
    private func stageAnchors(_ diagram: Diagram) -> [Stage: String] {
        guard engine.isLayered else { return [:] }
        let nodeIDs = Set(diagram.nodes.map(\.id))
        return Dictionary(uniqueKeysWithValues: Self.stages(of: diagram).map { stage in
            var id = "stage:" + stage.rawValue
            while nodeIDs.contains(id) { id += "'" }
            return (stage, id)
        })
    }

    /// The stages that have nodes, in chain order.
    private static func stages(of diagram: Diagram) -> [Stage] {
        Stage.allCases.filter { stage in diagram.nodes.contains { $0.stage == stage } }
    }

    /// The anchor statement of `stage`, if it has one.
    private static func anchor(_ stage: Stage, in anchors: [Stage: String]) -> [DOTStatement] {
        anchors[stage].map { [.node(id: $0, attributes: Self.anchorAttributes)] } ?? []
    }

    /// The nodes, in clusters per country or stage when the options ask for them.
    private func nodeStatements(_ diagram: Diagram, anchors: [Stage: String]) -> [DOTStatement] {
        let nodeStatements = diagram.nodes.map { node in
            (node, DOTStatement.node(id: node.id, attributes: attributes(of: node, in: diagram)))
        }
        var statements: [DOTStatement] = []
        switch diagram.options.clustering {
        case .none:
            statements += nodeStatements.map(\.1)
        case .country:
            let byCountry = Dictionary(grouping: nodeStatements.filter { $0.0.country != nil }) { $0.0.country! }
            for country in byCountry.keys.sorted() {
                statements.append(.subgraph(DOTSubgraph(
                    name: "cluster_country_" + country.rawValue,
                    attributes: clusterAttributes(label: DiagramText.country(country)),
                    statements: byCountry[country]!.map(\.1))))
            }
            statements += nodeStatements.filter { $0.0.country == nil }.map(\.1)
        case .stage:
            for stage in Stage.allCases {
                let members = nodeStatements.filter { $0.0.stage == stage }.map(\.1)
                guard !members.isEmpty else { continue }
                var attributes = clusterAttributes(label: DiagramText.stageTitle(stage))
                if engine.isLayered { attributes["rank"] = .plain("same") }
                statements.append(.subgraph(DOTSubgraph(
                    name: "cluster_stage_" + stage.rawValue, attributes: attributes,
                    statements: Self.anchor(stage, in: anchors) + members)))
            }
        }
        return statements
    }

    /// The edges; flows back up the chain are written forwards with `dir=back`.
    private func edgeStatements(_ diagram: Diagram, maximumWeight: Double?, labelEdges: EdgeLabels) -> [DOTStatement] {
        let names = Dictionary(diagram.nodes.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let multipleMinerals = diagram.minerals.count > 1
        return diagram.edges.map { edge in
            var attributes = attributes(of: edge, maximumWeight: maximumWeight, weight: diagram.options.weight,
                                        label: labelEdges, names: names, multipleMinerals: multipleMinerals)
            if engine.isLayered && edge.toStage < edge.fromStage {
                // A flow back up the chain (recycling) is written forwards and drawn with its
                // arrow reversed: dot then routes it between the columns like any other flow
                // instead of looping it around the whole drawing.
                attributes["dir"] = .plain("back")
                return .edge(from: edge.to, to: edge.from, attributes: attributes)
            }
            return .edge(from: edge.from, to: edge.to, attributes: attributes)
        }
    }

    /// For the layered engines: one `rank=same` group per stage (unless stage clusters hold
    /// them already), then the invisible chain of stage anchors.
    private func rankStatements(_ diagram: Diagram, anchors: [Stage: String]) -> [DOTStatement] {
        guard engine.isLayered else { return [] }
        var statements: [DOTStatement] = []
        if diagram.options.clustering != .stage {
            for stage in Stage.allCases {
                let members = diagram.nodes.filter { $0.stage == stage }
                guard !members.isEmpty else { continue }
                statements.append(.subgraph(DOTSubgraph(
                    name: "rank_" + stage.rawValue, attributes: ["rank": .plain("same")],
                    statements: Self.anchor(stage, in: anchors) + members.map { .node(id: $0.id, attributes: [:]) })))
            }
        }
        let stages = Self.stages(of: diagram)
        for (left, right) in zip(stages, stages.dropFirst()) {
            statements.append(.edge(from: anchors[left]!, to: anchors[right]!, attributes: ["style": .plain("invis")]))
        }
        return statements
    }

    /// White space around the drawing, in inches (Graphviz `pad`).
    public static let padInches = 0.3

    /// Above this many edges the spring engines draw straight edges (see ``encode(_:)``).
    public static let maximumSplineEdges = 150

    // MARK: Nodes

    /// Stage anchors take no space and are not drawn (Graphviz leaves them out of SVG too).
    static let anchorAttributes: DOTAttributes = [
        "height": .number(0), "label": .text(""), "shape": .plain("point"), "style": .plain("invis"), "width": .number(0),
    ]

    private func attributes(of node: DiagramNode, in diagram: Diagram) -> DOTAttributes {
        var attributes: DOTAttributes = [:]
        let shape: String
        var style = "filled"
        var classes: [String]
        switch node.role {
        case .facility(let kind):
            shape = DiagramStyle.shape(kind)
            classes = [kind.keyword] + (kind.fate.map { [$0.rawValue] } ?? [])
        case .countryStage(let fates):
            shape = Self.countryStageShape(node.stage, fates: fates)
            classes = ["country-stage", node.stage.rawValue]
        case .other:
            shape = "box"
            style = "filled,rounded,dashed"
            classes = ["other", node.stage.rawValue]
            attributes["color"] = .plain("#777777")
        }
        if let group = node.group { classes.append(group.rawValue) }

        let fill: String
        switch (diagram.options.coloring, node.role) {
        case (_, .other): fill = DiagramStyle.neutralFill
        case (.group, _): fill = node.group.map(DiagramStyle.fill) ?? DiagramStyle.neutralFill
        case (.share, _):
            fill = node.largestShare.map { DiagramStyle.shareFills[DiagramStyle.shareClass($0.share)] } ?? DiagramStyle.neutralFill
        }
        attributes["class"] = .plain(classes.joined(separator: " "))
        attributes["fillcolor"] = .plain(fill)
        if DiagramStyle.fontColor(onFill: fill) != "black" {
            attributes["fontcolor"] = .plain(DiagramStyle.fontColor(onFill: fill))
        }
        attributes["label"] = .text(label(of: node, multipleMinerals: diagram.minerals.count > 1))
        attributes["shape"] = .plain(shape)
        // Slanted shapes already leave room around the text; the default margin makes them huge.
        if shape == "invtrapezium" || shape == "hexagon" { attributes["margin"] = .plain("0") }
        if style != "filled" { attributes["style"] = .plain(style) }
        attributes["tooltip"] = .text(tooltip(of: node, in: diagram))
        return attributes
    }

    /// The shape of a country-stage group: a hexagon for waste that is all recycled, else the
    /// shape of the stage's representative kind.
    static func countryStageShape(_ stage: Stage, fates: [WasteFate]) -> String {
        stage == .waste && !fates.isEmpty && fates.allSatisfy { $0 == .recycling }
            ? "hexagon" : DiagramStyle.shape(representativeKind(stage))
    }

    /// The kind a country-stage group is drawn as.
    static func representativeKind(_ stage: Stage) -> NodeKind {
        switch stage {
        case .mining: .mine
        case .processing: .processor
        case .manufacturing: .manufacturer
        case .use: .consumer
        case .waste: .wasteDestination(.landfill)
        }
    }

    /// Name (wrapped, so that long names do not stretch the shapes), then country or facility
    /// count and the stage share.
    private func label(of node: DiagramNode, multipleMinerals: Bool) -> String {
        if figure.compact {
            let share = node.largestShare.map { " · " + DiagramText.share($0.1) } ?? ""
            switch node.role {
            case .facility: return DiagramText.wrap(node.name, width: 20) + "\n" + (node.country?.rawValue ?? "") + share
            case .countryStage, .other: return node.name + share
            }
        }
        var second: [String] = []
        switch node.role {
        case .facility:
            if let country = node.country { second.append(country.rawValue) }
        case .countryStage:
            second.append(DiagramText.facilities(node.members.count, at: node.stage))
        case .other:
            second.append(node.members.isEmpty ? "small flows"
                          : "\(node.members.count) facilit" + (node.members.count == 1 ? "y" : "ies"))
        }
        if let (mineral, share) = node.largestShare {
            second.append(DiagramText.share(share) + " of " + (multipleMinerals ? mineral.rawValue + " " : "") + node.stage.rawValue)
        }
        return DiagramText.wrap(node.name) + "\n" + second.joined(separator: " · ")
    }

    private func tooltip(of node: DiagramNode, in diagram: Diagram) -> String {
        var lines: [String] = []
        switch node.role {
        case .facility(let kind):
            lines.append(node.name + " [" + node.id + "]")
            if let country = node.country {
                lines.append(DiagramText.kind(kind) + " in " + DiagramText.country(country))
            }
        case .countryStage(let fates):
            lines.append(node.name + ": " + DiagramText.facilities(node.members.count, at: node.stage)
                         + (fates.isEmpty ? "" : " (" + fates.map(\.rawValue).joined(separator: ", ") + ")"))
            lines.append("Facilities: " + Self.list(node.members))
        case .other:
            lines.append(node.name + ": flows below the threshold into or out of " + node.stage.rawValue)
            if !node.members.isEmpty {
                lines.append("\(node.members.count) facilities without a drawn flow: " + Self.list(node.members))
            }
        }
        if let group = node.group {
            lines.append("Country group (" + diagram.schemeID + "): " + group.title)
        }
        if node.role != .other {
            lines.append("Outputs: " + (node.outputs.isEmpty ? "none declared" : node.outputs.map(DiagramText.output).joined(separator: "; ")))
        }
        if case .facility = node.role {
            lines.append("Water: " + DiagramText.water(node.water))
        }
        let shares = node.stageShare.keys.sorted().map { "\($0.rawValue) " + DiagramText.share(node.stageShare[$0]!) }
        if !shares.isEmpty {
            lines.append("Share of " + node.stage.rawValue + ": " + shares.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    /// Up to 12 names, then "and N more".
    static func list(_ names: [String]) -> String {
        let shown = names.prefix(12).joined(separator: ", ")
        return names.count > 12 ? shown + " and \(names.count - 12) more" : shown
    }

    // MARK: Edges

    private func attributes(
        of edge: DiagramEdge, maximumWeight: Double?, weight: DiagramOptions.Weight, label: EdgeLabels,
        names: [String: String], multipleMinerals: Bool
    ) -> DOTAttributes {
        var attributes: DOTAttributes = [:]
        let amount = edge.weight(weight)
        var styles: [String] = []
        if edge.type == .waste { styles.append("dashed") }
        if amount == nil { styles.append("dotted") }
        if let style = styles.first { attributes["style"] = .plain(style) }

        let penWidth: Double
        if let amount, let maximumWeight, maximumWeight > 0 {
            penWidth = max(DiagramStyle.minimumPenWidth, DiagramStyle.maximumPenWidth * max(0, amount) / maximumWeight)
        } else {
            penWidth = DiagramStyle.minimumPenWidth
        }
        attributes["penwidth"] = .number(penWidth)
        if let arrowSize = Self.arrowSize(penWidth: penWidth) { attributes["arrowsize"] = .number(arrowSize) }

        var classes = ["flow", edge.type.rawValue]
        if edge.isRecyclingLoop {
            attributes["color"] = .plain(DiagramStyle.recyclingColor)
            classes.append("recycling")
        } else if edge.type == .waste {
            attributes["color"] = .plain(DiagramStyle.wasteColor)
        } else if edge.isSummary {
            attributes["color"] = .plain(DiagramStyle.summaryColor)
        }
        if edge.isSummary { classes.append("summary") }
        attributes["class"] = .plain(classes.joined(separator: " "))
        if engine.isLayered {
            // Heavier flows are kept shorter and straighter by dot.
            attributes["weight"] = .plain(String(1 + Int(((edge.share ?? 0) * 10).rounded(.down))))
        }

        let quantity = quantityText(edge, weight: weight)
        var parts: [String] = []
        if label == .value || label == .both { parts.append(quantity) }
        if label == .share || label == .both { parts.append(edge.share.map(DiagramText.share) ?? (label == .share ? "share n/a" : "")) }
        parts.removeAll(where: \.isEmpty)
        if !parts.isEmpty {
            var text = parts.joined(separator: " · ")
            if multipleMinerals, MineralCatalog.info(edge.mineral) == nil { text = edge.mineral.rawValue + " " + text }
            // An external label is placed next to its edge after layout; a `label` would
            // become a node of its own between the ranks, stacked with the others in a column
            // away from the line it names.
            attributes["xlabel"] = Self.edgeLabel(text, penWidth: penWidth)
        }

        attributes["tooltip"] = .text(Self.tooltip(of: edge, names: names, weight: weight))
        return attributes
    }

    /// The SVG tooltip of an edge: endpoints, mineral and products, figures, share and flow counts.
    private static func tooltip(of edge: DiagramEdge, names: [String: String], weight: DiagramOptions.Weight) -> String {
        var tooltip = [(names[edge.from] ?? edge.from) + " → " + (names[edge.to] ?? edge.to)]
        tooltip.append(edge.mineral.rawValue + ", " + edge.type.rawValue + (edge.products.isEmpty ? "" : ": " + edge.products.joined(separator: ", ")))
        var figures: [String] = []
        if let tonnes = edge.tonnes { figures.append(DiagramText.tonnes(tonnes, mineral: edge.mineral, contained: edge.tonnesAreContained)) }
        if let value = edge.valueUSD { figures.append(DiagramText.usd(value)) }
        tooltip.append(figures.isEmpty ? "quantity not reported" : figures.joined(separator: ", "))
        if let share = edge.share {
            tooltip.append(DiagramText.share(share) + " of the " + edge.mineral.rawValue + " " + edge.type.rawValue
                           + " flows leaving " + edge.fromStage.rawValue + " (by " + (weight == .tonnes ? "tonnes" : "value") + ")")
        }
        if edge.flowCount > 1 { tooltip.append("\(edge.flowCount) flows") }
        if edge.flowsMissingWeight > 0 && edge.weight(weight) != nil {
            tooltip.append("\(edge.flowsMissingWeight) without " + (weight == .tonnes ? "tonnes" : "value") + ", not in the sum")
        }
        return tooltip.joined(separator: "\n")
    }

    /// The arrowhead size of a line `penWidth` points wide, `nil` for the default (0.6) of
    /// lines up to 2 pt. Graphviz draws the arrowhead's outline with the line's pen, so a
    /// default head on a 16 pt line is a blob that covers the node: the size falls as
    /// 2 / penWidth (0.6 × 2 / 16 = 0.075 at the widest), and the head stays about as long as
    /// the line is wide.
    static func arrowSize(penWidth: Double) -> Double? {
        guard penWidth > 2 else { return nil }
        return 0.6 * 2 / penWidth
    }

    /// A plain label for thin lines. `dot` routes an edge along one side of its label, so a
    /// thick line would cover the text: wider lines get an HTML-like label padded by half the
    /// line width.
    static func edgeLabel(_ text: String, penWidth: Double) -> DOTValue {
        guard penWidth > 2 else { return .text(text) }
        var html = HTMLLabel()
        html.open("TABLE", ["BORDER": "0", "CELLBORDER": "0", "CELLSPACING": "0",
                            "CELLPADDING": String(Int((penWidth / 2).rounded(.up)) + 1)])
        html.open("TR")
        html.open("TD")
        html.text(text)
        html.close("TD")
        html.close("TR")
        html.close("TABLE")
        return .html(html)
    }

    private func quantityText(_ edge: DiagramEdge, weight: DiagramOptions.Weight) -> String {
        switch weight {
        case .tonnes:
            edge.tonnes.map { DiagramText.tonnes($0, mineral: edge.mineral, contained: edge.tonnesAreContained) } ?? "t n/a"
        case .value:
            edge.valueUSD.map(DiagramText.usd) ?? "USD n/a"
        }
    }

    // MARK: Clusters and legend

    private func clusterAttributes(label: String) -> DOTAttributes {
        [
            "color": .plain("#999999"),
            "fontcolor": .plain("#444444"),
            "fontsize": .number(figure.fontSize(11)),
            "label": .text(label),
            "labeljust": .plain("l"),
            "style": .plain("rounded"),
        ]
    }

    /// The legend: title, scope, fills, shapes, line widths, line kinds and the threshold rule,
    /// one row each.
    private func legend(_ diagram: Diagram, maximumWeight: Double?, labelEdges: EdgeLabels) -> HTMLLabel {
        var html = HTMLLabel()
        html.open("TABLE", ["BORDER": "0", "CELLBORDER": "0", "CELLPADDING": "1", "CELLSPACING": "2"])
        Self.legendRow(&html) { titleRow(diagram, into: &$0) }
        if let scope = scopeText(diagram) { Self.legendRow(&html) { $0.text(scope) } }
        Self.legendRow(&html) { fillRow(diagram, into: &$0) }
        if let shapes = Self.shapeText(diagram) { Self.legendRow(&html) { $0.text(shapes) } }
        Self.legendRow(&html) { $0.text(Self.lineWidthText(diagram, maximumWeight: maximumWeight, labelEdges: labelEdges)) }
        Self.legendRow(&html) { Self.lineKindRow(diagram, into: &$0) }
        if let rule = Self.thresholdText(diagram) { Self.legendRow(&html) { $0.text(rule) } }
        html.close("TABLE")
        return html
    }

    /// One left-aligned row of the legend table, its cell filled by `build`.
    private static func legendRow(_ html: inout HTMLLabel, _ build: (inout HTMLLabel) -> Void) {
        html.open("TR")
        html.open("TD", ["ALIGN": "LEFT", "BALIGN": "LEFT"])
        build(&html)
        html.close("TD")
        html.close("TR")
    }

    /// The diagram's title, large and bold.
    private func titleRow(_ diagram: Diagram, into html: inout HTMLLabel) {
        html.open("FONT", ["POINT-SIZE": DOTValue.format(figure.fontSize(14))])
        html.open("B")
        html.text(diagram.title)
        html.close("B")
        html.close("FONT")
    }

    /// The focus mineral, the grouping and the stage direction, if any applies.
    private func scopeText(_ diagram: Diagram) -> String? {
        let options = diagram.options
        var scope: [String] = []
        if let mineral = options.mineral { scope.append("Mineral: " + mineral.rawValue) }
        if options.grouping == .country { scope.append("one node per country and stage") }
        if engine.isLayered { scope.append("stages left to right: mining → processing → manufacturing → use → waste") }
        return scope.isEmpty ? nil : scope.joined(separator: "; ")
    }

    /// Fills, as a row of swatches (the neutral one only when a node has it).
    private func fillRow(_ diagram: Diagram, into html: inout HTMLLabel) {
        let options = diagram.options
        html.open("TABLE", ["BORDER": "0", "CELLBORDER": "1", "CELLPADDING": "3", "CELLSPACING": "0"])
        html.open("TR")
        html.open("TD", ["BORDER": "0", "ALIGN": "LEFT"])
        switch options.coloring {
        case .group: html.text("Fill: country group (" + diagram.schemeID + ", as of " + diagram.schemeAsOf + ")  ")
        case .share: html.text("Fill: share of the node's stage  ")
        }
        html.close("TD")
        let swatches: [(String, String)] = switch options.coloring {
        case .group: DevelopmentGroup.allCases.map { (DiagramStyle.fill($0), $0.title) }
        case .share: DiagramStyle.shareFills.indices.map { (DiagramStyle.shareFills[$0], DiagramStyle.shareClassTitle($0)) }
        }
        let neutral = diagram.nodes.contains { node in
            node.isOther || (options.coloring == .share ? node.largestShare == nil : node.group == nil)
        }
        let neutralTitle = options.coloring == .share ? "other / share unknown" : "other"
        for (color, title) in swatches + (neutral ? [(DiagramStyle.neutralFill, neutralTitle)] : []) {
            html.open("TD", ["BGCOLOR": color])
            if DiagramStyle.fontColor(onFill: color) != "black" {
                html.open("FONT", ["COLOR": DiagramStyle.fontColor(onFill: color)])
                html.text(title)
                html.close("FONT")
            } else {
                html.text(title)
            }
            html.close("TD")
        }
        html.close("TR")
        html.close("TABLE")
    }

    /// The meanings of the shapes drawn, in a fixed order; `nil` when nothing is drawn.
    private static func shapeText(_ diagram: Diagram) -> String? {
        let shapes = Set(diagram.nodes.compactMap { node -> String? in
            switch node.role {
            case .facility(let kind): DiagramStyle.shape(kind)
            case .countryStage(let fates): countryStageShape(node.stage, fates: fates)
            case .other: nil
            }
        })
        let shapeOrder = ["invtrapezium", "box", "component", "ellipse", "hexagon", "cylinder"]
        var shapeText = shapeOrder.filter(shapes.contains).map(DiagramStyle.shapeMeaning)
        if diagram.nodes.contains(where: \.isOther) { shapeText.append("dashed grey box = other (summary)") }
        return shapeText.isEmpty ? nil : "Shapes: " + shapeText.joined(separator: " · ")
    }

    /// What line width measures, the widest line, and what the edge labels say.
    private static func lineWidthText(_ diagram: Diagram, maximumWeight: Double?, labelEdges: EdgeLabels) -> String {
        let options = diagram.options
        let measure = options.weight == .tonnes ? "contained tonnes (gross where no contained figure is given)" : "value (USD)"
        var text = "Line width ∝ " + measure
        if let maximumWeight {
            let widestEdge = diagram.edges.first { $0.weight(options.weight) == maximumWeight }
            let widest = switch (options.weight, widestEdge) {
            case (.tonnes, let edge?): DiagramText.tonnes(maximumWeight, mineral: edge.mineral, contained: edge.tonnesAreContained)
            case (.tonnes, nil): DiagramText.quantity(maximumWeight) + " t"
            case (.value, _): DiagramText.usd(maximumWeight)
            }
            text += "; widest line " + widest
        }
        switch labelEdges {
        case .both:
            text += ". Labels: quantity · share of the flows of that mineral and type leaving the source stage."
        case .value:
            text += ". Labels: quantity."
        case .share:
            text += ". Labels: share of the flows of that mineral and type leaving the source stage."
        case .none where options.edgeLabels == EdgeLabels.none:
            text += ". No edge labels; SVG tooltips give the figures."
        case .none:
            text += ". Edge labels left off (\(diagram.edges.count) edges); SVG tooltips give the figures."
        }
        return text
    }

    /// Samples of the kinds of line the diagram has, in their colours.
    private static func lineKindRow(_ diagram: Diagram, into html: inout HTMLLabel) {
        let edges = diagram.edges, weight = diagram.options.weight
        var samples: [(String, String)] = []
        if edges.contains(where: { $0.type != .waste && !$0.isRecyclingLoop && !$0.isSummary }) {
            samples.append((DiagramStyle.productColor, "━━ product"))
        }
        if edges.contains(where: { $0.type == .waste && !$0.isRecyclingLoop }) {
            samples.append((DiagramStyle.wasteColor, "╍╍ waste (dashed)"))
        }
        if edges.contains(where: \.isRecyclingLoop) {
            samples.append((DiagramStyle.recyclingColor, "━━ recycling loop / recovered fraction"))
        }
        if edges.contains(where: { $0.isSummary && $0.type != .waste && !$0.isRecyclingLoop }) {
            samples.append((DiagramStyle.summaryColor, "━━ to or from 'other'"))
        }
        if edges.contains(where: { $0.weight(weight) == nil }) {
            samples.append(("#333333", "┈┈ dotted: " + (weight == .tonnes ? "tonnes" : "value") + " not reported"))
        }
        html.text("Lines:")
        for (color, sample) in samples {
            html.text("   ")
            html.open("FONT", ["COLOR": color])
            html.text(sample)
            html.close("FONT")
        }
    }

    /// With `--min-share` / `--top`: which flows the "other" nodes summarise, and how many.
    private static func thresholdText(_ diagram: Diagram) -> String? {
        let options = diagram.options
        guard options.filtersFlows else { return nil }
        var rule: [String] = []
        if let minShare = options.minShare { rule.append("below " + DiagramText.share(minShare) + " of their stage's outflow") }
        if let top = options.top { rule.append("outside the \(top) largest per stage") }
        return "Flows " + rule.joined(separator: " or ") + " are summarised by the 'other' nodes: "
            + "\(diagram.summarisedFlowCount) flows, \(diagram.summarisedNodeCount) facilities."
    }
}
