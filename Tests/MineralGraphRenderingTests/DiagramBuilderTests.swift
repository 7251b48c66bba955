import MineralGraphCore
import Testing
@testable import MineralGraphRendering

@Suite("Diagram model")
struct DiagramBuilderTests {
    let graph: SupplyGraph

    init() throws {
        graph = try Fixtures.cobalt()
    }

    func edge(_ diagram: Diagram, _ from: String, _ to: String) -> DiagramEdge? {
        diagram.edges.first { $0.from == from && $0.to == to }
    }

    func node(_ diagram: Diagram, _ id: String) -> DiagramNode? {
        diagram.nodes.first { $0.id == id }
    }

    @Test func drawsEveryNodeAndFlowByDefault() throws {
        let diagram = try DiagramBuilder().build(graph)
        #expect(diagram.nodes.count == 14)
        #expect(diagram.edges.count == 19)
        #expect(diagram.minerals == ["cobalt"])
        #expect(diagram.nodes.map(\.stage) == diagram.nodes.map(\.stage).sorted())
        #expect(diagram.schemeID == "unctad-der-2024")
    }

    /// A node's declared outputs keep their basis, and grouped nodes whose outputs are on two
    /// bases add them on the reference basis (t Li₂O × 2.473 = t LCE), never as they stand.
    @Test func declaredOutputsKeepTheirBasisAndGroupsAddOnOneBasis() throws {
        let li2o = QuantityBasis.compound(Compound.named("Li2O")!)
        let lithium = SupplyGraph(
            name: "Lithium on two bases", year: 2022, description: "Two Australian mines, one on Li₂O, one on LCE.",
            nodes: [
                Node(id: "a", kind: .mine, country: "AUS", outputs: [Output(mineral: "lithium", containedTonnes: 1_000, basis: li2o)]),
                Node(id: "b", kind: .mine, country: "AUS", outputs: [Output(mineral: "lithium", containedTonnes: 500)]),
                Node(id: "c", kind: .mine, country: "CHL", outputs: [Output(mineral: "lithium", containedTonnes: 700, basis: li2o)]),
                Node(id: "d", kind: .mine, country: "CHL", outputs: [Output(mineral: "lithium", containedTonnes: 300, basis: li2o)]),
            ])
        let single = try DiagramBuilder().build(lithium)
        #expect(node(single, "a")?.outputs.first?.basis == li2o)
        #expect(node(single, "b")?.outputs.first?.basis == nil)
        let grouped = try DiagramBuilder(options: DiagramOptions(grouping: .country)).build(lithium)
        let australia = try #require(grouped.nodes.first { $0.country == "AUS" }?.outputs.first)
        let factor = try #require(li2o.factor(to: .compound(Compound.named("LCE")!)))
        #expect(australia.basis == nil)
        #expect(abs(australia.containedTonnes! - (1_000 * factor + 500)) < 1e-9)
        let chile = try #require(grouped.nodes.first { $0.country == "CHL" }?.outputs.first)
        #expect(chile.basis == li2o && chile.containedTonnes == 1_000)
    }

    @Test func edgeSharesAreOfTheSourceStagesOutflowOfTheSameType() throws {
        let diagram = try DiagramBuilder().build(graph)
        // Mining product flows with tonnes: 25,000 + 5,000 + 9,000 + 800 + 7,000 + 1,800 = 48,600.
        let main = try #require(edge(diagram, "cod-kamoto", "chn-huayou"))
        #expect(abs(main.share! - 25_000.0 / 48_600) < 1e-12)
        // Waste flows from use: 1,200 + 900 + 300.
        #expect(abs(edge(diagram, "eu-ev", "bel-hoboken")!.share! - 900.0 / 2_400) < 1e-12)
        // The only recovered fraction has the whole of its type.
        #expect(edge(diagram, "bel-hoboken", "fin-kokkola")!.share == 1)
        #expect(edge(diagram, "bel-hoboken", "fin-kokkola")!.isRecyclingLoop)
        // A flow without a quantity has no share and counts as missing.
        let unknown = try #require(edge(diagram, "aus-murrin", "civ-refinery"))
        #expect(unknown.share == nil && unknown.tonnes == nil && unknown.flowsMissingWeight == 1)
    }

    @Test func nodeSharesIncludeOtherCountriesProduction() throws {
        let diagram = try DiagramBuilder().build(graph)
        // Mining outputs 30,000 + 10,000 + 7,000 + 2,000 and 20,000 t from unnamed countries.
        #expect(abs(node(diagram, "cod-kamoto")!.stageShare["cobalt"]! - 30_000.0 / 69_000) < 1e-12)
        #expect(node(diagram, "cod-kamoto")!.group == .leastDeveloped)
        #expect(node(diagram, "idn-weda")!.group == .developing)
        #expect(node(diagram, "aus-murrin")!.group == .developed)
        // Consumers and waste sites are measured by what they receive.
        #expect(node(diagram, "eu-ev")!.throughput["cobalt"] == 15_000)
        #expect(node(diagram, "bel-hoboken")!.throughput["cobalt"] == 900)
        #expect(abs(node(diagram, "gha-dump")!.stageShare["cobalt"]! - 1_500.0 / 2_400) < 1e-12)
    }

    @Test func weighingByValueUsesUSD() throws {
        let diagram = try DiagramBuilder(options: DiagramOptions(weight: .value)).build(graph)
        #expect(abs(edge(diagram, "cod-kamoto", "chn-huayou")!.share! - 0.75e9 / 0.9e9) < 1e-12)
        #expect(edge(diagram, "idn-weda", "chn-huayou")!.share == nil)
        #expect(diagram.maximumEdgeWeight == 0.75e9)
    }

    @Test func groupingByCountryAddsUpFacilitiesAndFlows() throws {
        let diagram = try DiagramBuilder(options: DiagramOptions(grouping: .country)).build(graph)
        let drc = try #require(node(diagram, "COD/mining"))
        #expect(drc.members == ["Artisanal mines, Lualaba", "Kamoto copper-cobalt mine"])
        #expect(drc.name == "DR Congo")
        #expect(drc.outputs.first?.containedTonnes == 40_000)
        #expect(drc.water == nil)
        let toChina = try #require(edge(diagram, "COD/mining", "CHN/processing"))
        #expect(toChina.tonnes == 34_000 && toChina.flowCount == 2)
        // Two Chinese stages stay apart.
        #expect(node(diagram, "CHN/manufacturing") != nil && node(diagram, "CHN/use") != nil)
        #expect(diagram.nodes.count == 13)
    }

    @Test func minShareSummarisesSmallFlowsInOtherNodes() throws {
        let diagram = try DiagramBuilder(options: DiagramOptions(minShare: 0.1)).build(graph)
        // Murrin Murrin has no flow of 10 % or more: it is summarised.
        #expect(node(diagram, "aus-murrin") == nil)
        let otherMining = try #require(node(diagram, "other:mining"))
        #expect(otherMining.members == ["Murrin Murrin"])
        #expect(otherMining.isOther)
        // Its two flows (one without tonnes) leave from "other mining".
        let fromOther = try #require(edge(diagram, "other:mining", "other:processing"))
        #expect(fromOther.tonnes == 1_800 && fromOther.flowCount == 2 && fromOther.flowsMissingWeight == 1)
        // A drawn source keeps one summary edge per target stage.
        let artisanalRest = try #require(edge(diagram, "cod-artisanal", "other:processing"))
        #expect(artisanalRest.tonnes == 800 && artisanalRest.isSummary)
        #expect(edge(diagram, "cod-artisanal", "chn-huayou")?.isSummary == false)
        // Every flow is drawn once, directly or summarised.
        #expect(diagram.edges.reduce(0) { $0 + $1.flowCount } == graph.flows.count)
        #expect(diagram.summarisedFlowCount == diagram.edges.filter(\.isSummary).reduce(0) { $0 + $1.flowCount })
        #expect(diagram.summarisedNodeCount == 3)  // Murrin Murrin, the Ivorian and the Zambian refineries
    }

    @Test func topKeepsTheLargestFlowsPerStage() throws {
        let diagram = try DiagramBuilder(options: DiagramOptions(top: 1)).build(graph)
        let kept = diagram.edges.filter { !$0.isSummary }.map { "\($0.from)→\($0.to)" }.sorted()
        #expect(kept == [
            "bel-hoboken→fin-kokkola", "chn-cathode→chn-devices", "chn-devices→gha-dump",
            "chn-huayou→chn-cathode", "cod-kamoto→chn-huayou",
        ])
        #expect(diagram.edges.reduce(0) { $0 + $1.flowCount } == graph.flows.count)
    }

    @Test func mineralFocusKeepsThatMineralOnly() throws {
        var graph = graph
        graph.nodes[0].outputs.append(Output(mineral: "copper", containedTonnes: 200_000))
        graph.nodes.append(Node(id: "zmb-copper", kind: .mine, country: "ZMB", outputs: [Output(mineral: "copper", containedTonnes: 700_000)]))
        graph.flows.append(Flow(from: "zmb-copper", to: "chn-huayou", mineral: "copper", containedTonnes: 1))
        let all = try DiagramBuilder().build(graph)
        #expect(all.minerals == ["cobalt", "copper"])
        let cobalt = try DiagramBuilder(options: DiagramOptions(mineral: "cobalt")).build(graph)
        #expect(cobalt.minerals == ["cobalt"])
        #expect(node(cobalt, "zmb-copper") == nil)
        #expect(cobalt.edges.count == 19)
        let copper = try DiagramBuilder(options: DiagramOptions(mineral: "copper")).build(graph)
        #expect(copper.nodes.map(\.id) == ["cod-kamoto", "zmb-copper", "chn-huayou"])
    }

    @Test func errorsNameTheProblem() {
        #expect(throws: DiagramError.mineralNotInGraph("lithium", available: ["cobalt"])) {
            try DiagramBuilder(options: DiagramOptions(mineral: "lithium")).build(graph)
        }
        #expect(throws: DiagramError.self) {
            try DiagramBuilder(options: DiagramOptions(minShare: 5)).build(graph)
        }
        #expect(throws: DiagramError.unknownScheme("world-bank", available: ["unctad-der-2024"])) {
            try DiagramBuilder(options: DiagramOptions(scheme: "world-bank")).build(graph)
        }
        var broken = graph
        broken.flows.append(Flow(from: "cod-kamoto", to: "nowhere", mineral: "cobalt"))
        #expect(throws: DiagramError.unknownNode(id: "nowhere", flowFrom: "cod-kamoto", flowTo: "nowhere")) {
            try DiagramBuilder().build(broken)
        }
    }

    @Test func outputDoesNotDependOnTheOrderOfTheFile() throws {
        var shuffled = graph
        shuffled.nodes.reverse()
        shuffled.flows.reverse()
        for options in [DiagramOptions(), DiagramOptions(grouping: .country, minShare: 0.05), DiagramOptions(top: 2)] {
            let renderer = DiagramRenderer(options: options)
            #expect(try renderer.dot(for: graph) == renderer.dot(for: shuffled))
        }
    }
}
