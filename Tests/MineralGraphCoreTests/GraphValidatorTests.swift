import Testing

@testable import MineralGraphCore

@Suite("Validation rules")
struct GraphValidatorTests {
    /// A mine in DRC shipping 30 t Co to a Chinese refinery that ships 20 t on.
    static func chain() -> SupplyGraph {
        SupplyGraph(
            name: "chain", year: 2023,
            nodes: [
                Node(id: "mine", kind: .mine, country: "COD", outputs: [Output(mineral: "cobalt", tonnes: 100, containedTonnes: 30)]),
                Node(id: "refinery", kind: .processor, country: "CHN", outputs: [Output(mineral: "cobalt", containedTonnes: 30)]),
                Node(id: "maker", kind: .manufacturer, country: "KOR", outputs: [Output(mineral: "cobalt", containedTonnes: 20)]),
            ],
            flows: [
                Flow(from: "mine", to: "refinery", mineral: "cobalt", tonnes: 100, containedTonnes: 30, valueUSD: 1e6),
                Flow(from: "refinery", to: "maker", mineral: "cobalt", containedTonnes: 20, valueUSD: 1e6),
            ])
    }

    static func codes(_ graph: SupplyGraph) -> [String] {
        GraphValidator().run(on: graph).map(\.code)
    }

    @Test func validChainHasNoFindings() {
        #expect(Self.codes(Self.chain()) == [])
    }

    @Test func duplicateNodeId() {
        var graph = Self.chain()
        graph.nodes[2].id = "mine"
        let issues = GraphValidator().run(on: graph).filter { $0.code == "duplicate-node-id" }
        #expect(issues.count == 1)
        #expect(issues.first?.location == .node(index: 2, field: "id"))
    }

    @Test func shippingMoreThanReceivedIsAMassBalanceWarning() throws {
        var graph = Self.chain()
        graph.nodes[1].outputs = [Output(mineral: "cobalt")]
        graph.flows[1].containedTonnes = 31  // receives 30
        let issue = try #require(GraphValidator().run(on: graph).first { $0.code == "mass-balance" })
        #expect(issue.severity == .warning)
        // Within the tolerance there is no warning.
        graph.flows[1].containedTonnes = 30.2
        #expect(!Self.codes(graph).contains("mass-balance"))
    }

    @Test func recyclingLoopIsLegal() {
        var graph = Self.chain()
        graph.nodes.append(Node(id: "recycler", kind: .wasteDestination(.recycling), country: "BEL",
                                outputs: [Output(mineral: "cobalt", containedTonnes: 2)]))
        graph.nodes[2].outputs.append(Output(mineral: "e-waste", tonnes: 50))
        graph.flows.append(Flow(from: "maker", to: "recycler", mineral: "e-waste", tonnes: 50, type: .waste))
        graph.flows.append(Flow(from: "recycler", to: "refinery", mineral: "cobalt", containedTonnes: 2, type: .recoveredFraction))
        #expect(Self.codes(graph) == [])
    }
}
