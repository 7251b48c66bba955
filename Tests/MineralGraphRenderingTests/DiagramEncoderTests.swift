import MineralGraphCore
import Testing
@testable import MineralGraphRendering

@Suite("Visual encoding")
struct DiagramEncoderTests {
    let graph: SupplyGraph

    init() throws {
        graph = try Fixtures.cobalt()
    }

    func encode(_ options: DiagramOptions = DiagramOptions(), engine: LayoutEngine = .dot) throws -> DOTGraph {
        DiagramEncoder(engine: engine).encode(try DiagramBuilder(options: options).build(graph))
    }

    /// Every node statement, also inside subgraphs; rank groups only name nodes, so a node's
    /// attributes come from its one declaring statement.
    func nodes(_ statements: [DOTStatement]) -> [String: DOTAttributes] {
        var result: [String: DOTAttributes] = [:]
        for statement in statements {
            switch statement {
            case .node(let id, let attributes) where !attributes.isEmpty: result[id] = attributes
            case .subgraph(let subgraph): result.merge(nodes(subgraph.statements)) { a, _ in a }
            default: break
            }
        }
        return result
    }

    func edges(_ graph: DOTGraph) -> [(from: String, to: String, attributes: DOTAttributes)] {
        graph.statements.compactMap {
            if case .edge(let from, let to, let attributes) = $0 { (from, to, attributes) } else { nil }
        }
    }

    func subgraphs(_ graph: DOTGraph) -> [DOTSubgraph] {
        graph.statements.compactMap { if case .subgraph(let s) = $0 { s } else { nil } }
    }

    @Test func shapesShowTheKind() throws {
        let nodes = nodes(try encode().statements)
        let shapes = ["cod-kamoto": "invtrapezium", "chn-huayou": "box", "chn-cathode": "component",
                      "eu-ev": "ellipse", "gha-dump": "cylinder", "bel-hoboken": "hexagon"]
        for (id, shape) in shapes {
            #expect(nodes[id]?["shape"] == .plain(shape), "\(id)")
        }
    }

    @Test func fillsShowTheCountryGroup() throws {
        let nodes = nodes(try encode().statements)
        #expect(nodes["cod-kamoto"]?["fillcolor"] == .plain("#D55E00"))  // LDC
        #expect(nodes["idn-weda"]?["fillcolor"] == .plain("#F0E442"))    // developing
        #expect(nodes["aus-murrin"]?["fillcolor"] == .plain("#56B4E9"))  // developed
        #expect(nodes["zmb-pilot"]?["class"] == .plain("processor ldc"))
    }

    @Test func fillsCanShowTheStageShare() throws {
        let nodes = nodes(try encode(DiagramOptions(coloring: .share)).statements)
        #expect(nodes["chn-huayou"]?["fillcolor"] == .plain(DiagramStyle.shareFills[4]))  // 82 %
        #expect(nodes["chn-huayou"]?["fontcolor"] == .plain("white"))
        #expect(nodes["cod-kamoto"]?["fillcolor"] == .plain(DiagramStyle.shareFills[3]))  // 43 %
        #expect(nodes["civ-refinery"]?["fillcolor"] == .plain(DiagramStyle.shareFills[0]))
        #expect(DiagramStyle.shareClassTitle(0) == "<5 %" && DiagramStyle.shareClassTitle(4) == "≥50 %")
    }

    @Test func labelsGiveNameCountryAndStageShare() throws {
        let nodes = nodes(try encode().statements)
        #expect(nodes["cod-kamoto"]?["label"] == .text("Kamoto copper-cobalt mine\nCOD · 43 % of mining"))
        guard case .text(let tooltip)? = nodes["cod-kamoto"]?["tooltip"] else {
            Issue.record("no tooltip")
            return
        }
        #expect(tooltip.contains("mine in DR Congo (COD)"))
        #expect(tooltip.contains("Outputs: cobalt 30,000 t Co contained (100,000 t cobalt hydroxide), USD 900 M"))
        #expect(tooltip.contains("Water: withdrawal 120 m³/t, consumption 60 m³/t"))
    }

    /// Outputs are described on their own basis: World Mining Data's lithium is t Li₂O, not the
    /// reference t LCE; graphite's reference basis is the gross weight, not a contained figure.
    @Test func outputsInTooltipsStateTheirBasis() {
        #expect(DiagramText.output(Output(mineral: "lithium", year: 2022, containedTonnes: 149_800, basis: .compound(Compound.named("Li2O")!))) == "lithium 149,800 t Li₂O contained")
        #expect(DiagramText.output(Output(mineral: "lithium", containedTonnes: 5_000)) == "lithium 5,000 t LCE contained")
        #expect(DiagramText.output(Output(mineral: "graphite", containedTonnes: 79_372)) == "graphite 79,372 t gross")
        #expect(DiagramText.output(Output(mineral: "cobalt", containedTonnes: 30, basis: .element)) == "cobalt 30 t Co contained")
    }

    @Test func edgeWidthsAreProportionalToTonnes() throws {
        let edges = edges(try encode())
        func width(_ from: String, _ to: String) -> DOTValue? {
            edges.first { $0.from == from && $0.to == to }?.attributes["penwidth"]
        }
        #expect(width("chn-huayou", "chn-cathode") == .number(16))   // the largest, 35,000 t
        #expect(width("idn-weda", "chn-huayou") == .number(3.2))      // 7,000 t
        #expect(width("civ-refinery", "kor-cathode") == .number(0.6)) // the minimum
    }

    @Test func edgeLabelsGiveTonnesAndShare() throws {
        let edges = edges(try encode())
        let thin = try #require(edges.first { $0.from == "idn-weda" }?.attributes["xlabel"])
        guard case .html(let html) = thin else {
            Issue.record("a 3.2 pt line gets a padded HTML label, got \(thin)")
            return
        }
        #expect(html.markup.contains(">7,000 t Co · 14 %<"))
        #expect(edges.first { $0.from == "civ-refinery" }?.attributes["xlabel"] == .text("250 t Co · 0.5 %"))
        #expect(edges.first { $0.from == "aus-murrin" && $0.to == "civ-refinery" }?.attributes["xlabel"] == .text("t n/a"))
        // Labels sit next to their edge (xlabel), never as a layout node of their own.
        #expect(!edges.contains { $0.attributes["label"] != nil })
        #expect(edges.first { $0.from == "aus-murrin" && $0.to == "civ-refinery" }?.attributes["style"] == .plain("dotted"))
    }

    @Test func wasteIsDashedAndRecyclingLoopsAreGreenAndRoutedForwards() throws {
        let edges = edges(try encode())
        let waste = try #require(edges.first { $0.from == "eu-ev" && $0.to == "gha-dump" })
        #expect(waste.attributes["style"] == .plain("dashed"))
        #expect(waste.attributes["color"] == .plain(DiagramStyle.wasteColor))
        // bel-hoboken → fin-kokkola goes back up the chain: written forwards, arrow reversed.
        let loop = try #require(edges.first { $0.from == "fin-kokkola" && $0.to == "bel-hoboken" })
        #expect(loop.attributes["dir"] == .plain("back"))
        #expect(loop.attributes["color"] == .plain(DiagramStyle.recyclingColor))
        #expect(!edges.contains { $0.from == "bel-hoboken" })
        // Other engines draw it as it is.
        let neato = self.edges(try encode(engine: .neato))
        #expect(neato.contains { $0.from == "bel-hoboken" && $0.to == "fin-kokkola" && $0.attributes["dir"] == nil })
    }

    @Test func stagesAreRanksLeftToRightWithDot() throws {
        let graph = try encode()
        #expect(graph.attributes["rankdir"] == .plain("LR"))
        #expect(graph.attributes["layout"] == .plain("dot"))
        let ranks = subgraphs(graph)
        #expect(ranks.map(\.name) == ["rank_mining", "rank_processing", "rank_manufacturing", "rank_use", "rank_waste"])
        #expect(ranks.allSatisfy { $0.attributes["rank"] == .plain("same") })
        let neato = try encode(engine: .neato)
        #expect(subgraphs(neato).isEmpty)
        #expect(neato.attributes["overlap"] == .plain("false"))
        #expect(neato.attributes["layout"] == .plain("neato"))
    }

    /// An e-waste chain has smelters and households but no flow from one to the other; the
    /// stage anchors still put processing left of use, and use left of waste.
    @Test func stagesAreColumnsEvenWithoutFlowsBetweenThem() throws {
        var chain = SupplyGraph(name: "E-waste", year: 2022)
        chain.nodes = [
            Node(id: "smelter", kind: .processor, country: "BEL", outputs: [Output(mineral: "e-waste")]),
            Node(id: "households", kind: .consumer, country: "DEU", outputs: [Output(mineral: "e-waste")]),
            Node(id: "recycler", kind: .wasteDestination(.recycling), country: "DEU", outputs: [Output(mineral: "e-waste")]),
        ]
        chain.flows = [
            Flow(from: "households", to: "recycler", mineral: "e-waste", tonnes: 600_000, type: .waste),
            Flow(from: "recycler", to: "smelter", mineral: "e-waste", tonnes: 19_000, type: .recoveredFraction),
        ]
        let dot = try DiagramRenderer().dot(for: chain)
        #expect(dot.contains(#""stage:processing" -> "stage:use" [style="invis"];"#))
        #expect(dot.contains(#""stage:use" -> "stage:waste" [style="invis"];"#))
        // Graphviz's "plain" output gives each node's centre: "node NAME X Y ...".
        let plain = String(decoding: try GraphvizRenderer.render(dot: dot, engine: "dot", format: "plain").data, as: UTF8.self)
        var x: [String: Double] = [:]
        for line in plain.split(separator: "\n") where line.hasPrefix("node ") {
            let fields = line.split(separator: " ")
            x[String(fields[1])] = Double(fields[2])
        }
        let smelter = try #require(x["smelter"]), households = try #require(x["households"]), recycler = try #require(x["recycler"])
        #expect(smelter < households && households < recycler)
    }

    @Test func clustersGroupCountriesOrStages() throws {
        let byCountry = subgraphs(try encode(DiagramOptions(clustering: .country)))
        let drc = try #require(byCountry.first { $0.name == "cluster_country_COD" })
        #expect(drc.attributes["label"] == .text("DR Congo (COD)"))
        #expect(Set(nodes(drc.statements).keys) == ["cod-artisanal", "cod-kamoto"])
        let byStage = subgraphs(try encode(DiagramOptions(clustering: .stage)))
        #expect(byStage.map(\.name) == Stage.allCases.map { "cluster_stage_" + $0.rawValue })
    }

    @Test func legendNamesTheSchemeAndTheEncodings() throws {
        let graph = try encode(DiagramOptions(minShare: 0.1))
        guard case .html(let legend)? = graph.attributes["label"] else {
            Issue.record("the legend is an HTML-like graph label")
            return
        }
        #expect(legend.isComplete)
        for text in ["unctad-der-2024, as of 2024-07-10", "least developed (LDC)", "inverted trapezium = mine",
                     "widest line 35,000 t Co", "waste (dashed)", "recycling loop",
                     "Flows below 10 % of their stage's outflow",
                     "5 flows, 3 facilities"] {
            #expect(legend.markup.contains(text), "\(text)")
        }
    }

    @Test func edgeLabelsAreLeftOffLargeDiagramsUnlessAskedFor() throws {
        var big = SupplyGraph(name: "Big", year: 2023)
        big.nodes = [Node(id: "m", kind: .mine, country: "CHL", outputs: [Output(mineral: "lithium")])]
        for i in 0...DiagramOptions.maximumLabelledEdges {
            big.nodes.append(Node(id: "p\(i)", kind: .processor, country: "CHN"))
            big.flows.append(Flow(from: "m", to: "p\(i)", mineral: "lithium", containedTonnes: Double(i + 1)))
        }
        func labelled(_ options: DiagramOptions) throws -> Int {
            let dot = DiagramEncoder().encode(try DiagramBuilder(options: options).build(big))
            return edges(dot).filter { $0.attributes["xlabel"] != nil }.count
        }
        #expect(try labelled(DiagramOptions()) == 0)
        #expect(try labelled(DiagramOptions(edgeLabels: .both)) == big.flows.count)
        #expect(try labelled(DiagramOptions(edgeLabels: .share)) == big.flows.count)
        #expect(try labelled(DiagramOptions(top: 10)) == 11)  // ten kept flows and one summary
    }

    @Test func edgeLabelsSayWhatIsAskedFor() throws {
        func label(_ labels: EdgeLabels) throws -> DOTValue? {
            edges(try encode(DiagramOptions(edgeLabels: labels))).first { $0.from == "civ-refinery" }?.attributes["xlabel"]
        }
        #expect(try label(.value) == .text("250 t Co"))
        #expect(try label(.share) == .text("0.5 %"))
        #expect(try label(.both) == .text("250 t Co · 0.5 %"))
        #expect(try label(.none) == nil)
        let legend = try encode(DiagramOptions(edgeLabels: EdgeLabels.none)).attributes["label"]?.source ?? ""
        #expect(legend.contains("No edge labels; SVG tooltips give the figures."))
    }

    @Test func arrowheadsShrinkAsLinesThicken() throws {
        let edges = edges(try encode())
        func arrow(_ from: String, _ to: String) -> DOTValue? { edges.first { $0.from == from && $0.to == to }?.attributes["arrowsize"] }
        #expect(arrow("chn-huayou", "chn-cathode") == .number(0.075))   // 16 pt: 0.6 × 2 / 16
        #expect(arrow("idn-weda", "chn-huayou") == .number(0.375))       // 3.2 pt
        #expect(arrow("civ-refinery", "kor-cathode") == nil)              // 0.6 pt keeps the default
    }

    @Test func figureOptionsSetSizeFontsDpiAndLegend() throws {
        let diagram = try DiagramBuilder(options: DiagramOptions()).build(Fixtures.cobalt())
        let figure = FigureOptions(dpi: 300, size: FigureOptions.Size(parsing: "3.5x4"), fontScale: 1.5, legend: .above)
        let bitmap = DiagramEncoder(figure: figure, bitmap: true).encode(diagram)
        #expect(bitmap.attributes["size"] == .plain("3.5,4!"))
        #expect(bitmap.attributes["dpi"] == .number(300))
        #expect(bitmap.attributes["labelloc"] == .plain("t"))
        #expect(bitmap.attributes["fontsize"] == .number(16.5))
        #expect(bitmap.nodeDefaults["fontsize"] == .number(15))
        #expect(bitmap.edgeDefaults["fontsize"] == .number(12))
        #expect(bitmap.attributes["label"]?.source.contains("POINT-SIZE=\"21\"") == true)
        // Graphviz 2.43 scales an SVG's size but not its viewBox by dpi: vector output has none.
        #expect(DiagramEncoder(figure: figure).encode(diagram).attributes["dpi"] == nil)
        let bare = DiagramEncoder(figure: FigureOptions(legend: .none)).encode(diagram)
        #expect(bare.attributes["label"] == nil && bare.attributes["size"] == nil)
        #expect(FigureOptions.Size(parsing: "7X5") == FigureOptions.Size(widthInches: 7, heightInches: 5))
        for bad in ["7", "0x3", "-1x2", "axb", "3x4x5", "infx2"] { #expect(FigureOptions.Size(parsing: bad) == nil, "\(bad)") }
    }

    @Test func compactFiguresHaveShortLabelsAndCloserColumns() throws {
        let diagram = try DiagramBuilder(options: DiagramOptions(grouping: .country)).build(Fixtures.cobalt())
        let compact = DiagramEncoder(figure: FigureOptions(compact: true)).encode(diagram)
        #expect(compact.attributes["ranksep"] == .number(0.5))
        #expect(nodes(compact.statements)["COD/mining"]?["label"] == .text("DR Congo · 58 %"))
        let full = DiagramEncoder().encode(diagram)
        #expect(full.attributes["ranksep"] == .number(1.1))
        #expect(nodes(full.statements)["COD/mining"]?["label"] != .text("DR Congo · 58 %"))
    }

    @Test func springEnginesRemoveOverlapsAndRouteSplines() throws {
        for engine in [LayoutEngine.neato, .sfdp, .fdp] {
            let graph = try encode(engine: engine)
            #expect(graph.attributes["overlap"] == .plain("false"))
            #expect(graph.attributes["splines"] == .plain("true"))
        }
        #expect(try encode().attributes["splines"] == nil)  // dot routes its own splines
        // Above 150 edges spline routing takes seconds to minutes: straight edges.
        var big = SupplyGraph(name: "Big", year: 2023)
        big.nodes = [Node(id: "m", kind: .mine, country: "CHL", outputs: [Output(mineral: "lithium")])]
        for i in 0...DiagramEncoder.maximumSplineEdges {
            big.nodes.append(Node(id: "p\(i)", kind: .processor, country: "CHN"))
            big.flows.append(Flow(from: "m", to: "p\(i)", mineral: "lithium", containedTonnes: Double(i + 1)))
        }
        let large = DiagramEncoder(engine: .neato).encode(try DiagramBuilder(options: DiagramOptions()).build(big))
        #expect(large.attributes["splines"] == nil)
        #expect(large.attributes["overlap"] == .plain("false"))
    }
}
