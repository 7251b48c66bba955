import Testing

@testable import MineralGraphCore

/// What each edit means, on the model: ``GraphEditor`` is the single definition of edits.
@Suite("Graph editor")
struct GraphEditorTests {
    /// Two Congolese mines (one with copper too), an Indonesian mine, a refiner, a landfill.
    static let graph = SupplyGraph(
        name: "edits", year: 2023,
        nodes: [
            Node(id: "kamoto", name: "Kamoto", kind: .mine, country: "COD", outputs: [
                Output(mineral: "cobalt", tonnes: 100, containedTonnes: 30, valueUSD: 900),
                Output(mineral: "copper", containedTonnes: 200),
            ], capacityTonnes: 40, notes: "big"),
            Node(id: "tenke", kind: .mine, country: "COD", outputs: [Output(mineral: "cobalt", containedTonnes: 20)]),
            Node(id: "hpal", kind: .mine, country: "IDN", outputs: [Output(mineral: "nickel", containedTonnes: 50), Output(mineral: "cobalt", containedTonnes: 9)]),
            Node(id: "refiner", kind: .processor, country: "CHN", outputs: [Output(mineral: "cobalt", containedTonnes: 55)]),
            Node(id: "dump", kind: .wasteDestination(.landfill), country: "GHA"),
        ],
        flows: [
            Flow(from: "kamoto", to: "refiner", mineral: "cobalt", tonnes: 90, containedTonnes: 27, valueUSD: 800),
            Flow(from: "kamoto", to: "refiner", mineral: "copper", containedTonnes: 100),
            Flow(from: "tenke", to: "refiner", mineral: "cobalt", containedTonnes: 20),
            Flow(from: "hpal", to: "refiner", mineral: "nickel", containedTonnes: 50),
            Flow(from: "hpal", to: "refiner", mineral: "cobalt", containedTonnes: 8),
            Flow(from: "refiner", to: "dump", mineral: "cobalt", tonnes: 1, valueUSD: -5, type: .waste),
        ])

    static func apply(_ edits: GraphEdit...) throws(GraphEditError) -> GraphEditResult {
        try GraphEditor().apply(edits, to: graph)
    }

    static func error(_ edits: GraphEdit...) -> GraphEditError? {
        do {
            _ = try GraphEditor().apply(edits, to: graph)
            return nil
        } catch {
            return error
        }
    }

    static let codMines = NodeSelector(conditions: [.country(["COD"]), .kind(["mine"])])

    // MARK: Setting

    @Test func setChangesOneFieldAndNullRemovesIt() throws {
        let result = try Self.apply(
            .changeNodes(.id("kamoto"), .name, .set(.text("KCC"))),
            .changeNodes(.id("kamoto"), .notes, .set(.null)),
            .changeNodes(.id("tenke"), .capacityTonnes, .set(.number(25))),
            .changeNodes(.id("tenke"), .country, .set(.country("ZMB"))),
            .changeNodes(.id("tenke"), .water(.awareFactor), .set(.number(0.5))),
            .changeFlows(.between("tenke", "refiner"), .notes, .set(.text("all of it"))),
            .changeFlows(.between("kamoto", "refiner", mineral: "copper"), .mineral, .set(.mineral("cobalt"))))
        let nodes = result.graph.nodes
        #expect(nodes[0].name == "KCC" && nodes[0].notes == nil)
        #expect(nodes[1].capacityTonnes == 25 && nodes[1].country == "ZMB" && nodes[1].water?.awareFactor == 0.5)
        #expect(result.graph.flows[2].notes == "all of it")
        #expect(result.graph.flows[1].mineral == "cobalt")
        var expected = Self.graph
        expected.nodes[0].name = "KCC"
        expected.nodes[0].notes = nil
        expected.nodes[1].capacityTonnes = 25
        expected.nodes[1].country = "ZMB"
        expected.nodes[1].water = WaterUse(awareFactor: 0.5)
        expected.flows[2].notes = "all of it"
        expected.flows[1].mineral = "cobalt"
        #expect(result.graph == expected, "nothing else changes")
        #expect(result.nodeOrigins == [0, 1, 2, 3, 4] && result.flowOrigins == [0, 1, 2, 3, 4, 5])
    }

    @Test func removingTheLastWaterFigureRemovesTheBlock() throws {
        let result = try Self.apply(
            .changeNodes(.id("tenke"), .water(.awareFactor), .set(.number(0.5))),
            .changeNodes(.id("tenke"), .water(.awareFactor), .set(.null)))
        #expect(result.graph.nodes[1].water == nil)
        let cleared = try Self.apply(
            .changeNodes(.id("tenke"), .water(.awareFactor), .set(.number(0.5))),
            .changeNodes(.id("tenke"), .water(nil), .set(.null)))
        #expect(cleared.graph.nodes[1].water == nil)
    }

    @Test func requiredFieldsCannotBeRemoved() {
        #expect(Self.error(.changeNodes(.id("kamoto"), .country, .set(.null)))?.message == "'country' is required and cannot be removed")
        #expect(Self.error(.changeFlows(.between("tenke", "refiner"), .from, .set(.null)))?.part == .value)
        #expect(Self.error(.changeFlows(.between("tenke", "refiner"), .mineral, .set(.null))) != nil)
        #expect(Self.error(.changeNodes(.id("dump"), .fate, .set(.null)))?.message == "waste destination 'dump' needs a fate")
    }

    @Test func aValueOfTheWrongTypeIsRefused() {
        #expect(Self.error(.changeNodes(.id("kamoto"), .capacityTonnes, .set(.text("big"))))?.message == "\"big\" is not a value for 'capacity_tonnes'")
        #expect(Self.error(.changeFlows(.between("tenke", "refiner"), .type, .set(.kind("waste", fate: .landfill))))?.message
            == "waste/landfill is not a value for 'type'")
        #expect(Self.error(.changeNodes(.id("kamoto"), .name, .set(.number(5))))?.part == .value)
    }

    @Test func kindAndFateChangeTogetherForWasteDestinations() throws {
        let result = try Self.apply(
            .changeNodes(.id("refiner"), .kind, .set(.kind("waste", fate: .recycling))),
            .changeNodes(.id("dump"), .fate, .set(.fate(.informal))),
            .changeNodes(.id("tenke"), .kind, .set(.kind("processor", fate: nil))))
        #expect(result.graph.nodes[3].kind == .wasteDestination(.recycling))
        #expect(result.graph.nodes[4].kind == .wasteDestination(.informal))
        #expect(result.graph.nodes[1].kind == .processor)
        let keepsFate = try Self.apply(.changeNodes(.id("dump"), .kind, .set(.kind("waste", fate: nil))))
        #expect(keepsFate.graph.nodes[4].kind == .wasteDestination(.landfill))
        let noFate = Self.error(.changeNodes(.id("tenke"), .kind, .set(.kind("waste", fate: nil))))
        #expect(noFate?.message == "node 'tenke' becomes a waste destination and needs a fate")
        let fateOnMine = Self.error(.changeNodes(.id("tenke"), .fate, .set(.fate(.landfill))))
        #expect(fateOnMine?.message == "node 'tenke' is a mine; only waste destinations have a fate")
        #expect(fateOnMine?.notes == ["make it one with kind=waste/landfill"])
    }

    // MARK: Scaling and adding

    @Test func scalingOutputsScalesEveryQuantityOfTheSelectedNodes() throws {
        let result = try Self.apply(.changeNodes(Self.codMines, .output("cobalt", nil), .scale(by: 0.5)))
        #expect(result.graph.nodes[0].outputs[0] == Output(mineral: "cobalt", tonnes: 50, containedTonnes: 15, valueUSD: 450))
        #expect(result.graph.nodes[0].outputs[1] == Output(mineral: "copper", containedTonnes: 200), "copper is not cobalt")
        #expect(result.graph.nodes[1].outputs[0].containedTonnes == 10)
        #expect(result.graph.nodes[2] == Self.graph.nodes[2], "Indonesia is not selected")
        #expect(result.graph.flows == Self.graph.flows, "flows are not rebalanced")
        #expect(result.reports == [GraphEditResult.Report(elementCount: 2)])

        let every = try Self.apply(.changeNodes(.id("kamoto"), .output(nil, nil), .scale(by: 2)))
        #expect(every.graph.nodes[0].outputs.map(\.containedTonnes) == [60, 400])
    }

    @Test func missingQuantitiesStayMissingAndAreReported() throws {
        let result = try Self.apply(.changeNodes(Self.codMines, .output("cobalt", .tonnes), .scale(by: 2)))
        #expect(result.graph.nodes[0].outputs[0].tonnes == 200)
        #expect(result.graph.nodes[1].outputs[0].tonnes == nil)
        #expect(result.reports[0].notes == ["'output[cobalt].tonnes' is missing on 1 of 2 nodes (tenke); left missing"])
        let added = try Self.apply(.changeFlows(FlowSelector(conditions: [.mineral(["cobalt"])]), .valueUSD, .increase(by: 10)))
        #expect(added.graph.flows.map(\.valueUSD) == [810, nil, nil, nil, nil, 5])
        #expect(added.reports[0].notes == ["'value_usd' is missing on 2 of 4 flows (tenke->refiner:cobalt, hpal->refiner:cobalt); left missing"])
    }

    @Test func flowQuantityScalesTonnesContainedTonnesAndValue() throws {
        let result = try Self.apply(.changeFlows(.between("kamoto", "refiner", mineral: "cobalt"), .quantity, .scale(by: 0.1)))
        let flow = result.graph.flows[0]
        #expect(flow.tonnes == 9 && flow.containedTonnes == 2.7 && flow.valueUSD == 80)
        #expect(Self.error(.changeFlows(.between("tenke", "refiner"), .quantity, .increase(by: 1)))?.part == .field)
        #expect(Self.error(.changeNodes(.id("kamoto"), .output("cobalt", nil), .set(.number(1))))?.part == .field)
        #expect(Self.error(.changeNodes(.id("kamoto"), .name, .scale(by: 2)))?.message
            == "'name' is not a quantity: it can be set (=) but not scaled or added to")
    }

    @Test func anOutputTheNodeDoesNotHaveIsAnErrorUnlessOptional() throws {
        let missing = Self.error(.changeNodes(NodeSelector(conditions: [.country(["COD", "IDN"])]), .output("nickel", .containedTonnes), .scale(by: 0.5)))
        #expect(missing?.message == "node 'kamoto' has no nickel output")
        #expect(missing?.notes.first == "its outputs: cobalt, copper")
        var optional = NodeSelector(conditions: [.country(["COD", "IDN"])])
        optional.allowsEmpty = true
        let result = try Self.apply(.changeNodes(optional, .output("nickel", .containedTonnes), .scale(by: 0.5)))
        #expect(result.graph.nodes[2].outputs[0].containedTonnes == 25)
    }

    // MARK: Selecting

    @Test func nodeFiltersCombineAndListAlternatives() throws {
        func selected(_ conditions: [NodeCondition]) throws -> [String] {
            let result = try GraphEditor().apply([.changeNodes(NodeSelector(conditions: conditions), .notes, .set(.text("x")))], to: Self.graph)
            return result.graph.nodes.filter { $0.notes == "x" }.map(\.id)
        }
        #expect(try selected([.country(["COD"]), .kind(["mine"])]) == ["kamoto", "tenke"])
        #expect(try selected([.country(["COD", "IDN"])]) == ["kamoto", "tenke", "hpal"])
        #expect(try selected([.mineral(["nickel", "copper"])]) == ["kamoto", "hpal"])
        #expect(try selected([.kind(["waste"])]) == ["dump"])
        #expect(try selected([.kind(["waste/landfill"])]) == ["dump"])
        #expect(try selected([.fate([.landfill])]) == ["dump"])
        #expect(try selected([.stage([.processing, .waste])]) == ["refiner", "dump"])
        #expect(try selected([.id(["tenke", "hpal"])]) == ["tenke", "hpal"])
        #expect(try selected([.not(.country(["COD"])), .not(.kind(["waste"]))]) == ["hpal", "refiner"])
        #expect(try selected([]) == Self.graph.nodes.map(\.id))
    }

    @Test func flowFiltersLookAtTheEndNodes() throws {
        func selected(_ conditions: [FlowCondition]) throws -> [Int] {
            let result = try GraphEditor().apply([.changeFlows(FlowSelector(conditions: conditions), .notes, .set(.text("x")))], to: Self.graph)
            return result.graph.flows.indices.filter { result.graph.flows[$0].notes == "x" }
        }
        #expect(try selected([.from(.country(["IDN"])), .mineral(["nickel"])]) == [3])
        #expect(try selected([.from(.kind(["mine"])), .to(.id(["refiner"]))]) == [0, 1, 2, 3, 4])
        #expect(try selected([.type([.waste])]) == [5])
        #expect(try selected([.to(.fate([.landfill]))]) == [5])
        #expect(try selected([.from(.id(["kamoto"])), .mineral(["copper"])]) == [1])
        #expect(try selected([.from(.kind(["mine"])), .not(.mineral(["cobalt"]))]) == [1, 3])
        #expect(try selected([.to(.not(.country(["CHN"])))]) == [5])
        #expect(try selected([.from(.not(.id(["kamoto", "hpal"])))]) == [2, 5])
    }

    @Test func aSelectorThatMatchesNothingIsAnErrorUnlessItEndsInAQuestionMark() throws {
        let typo = Self.error(.changeNodes(.id("kamotto"), .notes, .set(.null)))
        #expect(typo?.message == "no node has id 'kamotto'")
        #expect(typo?.notes.first == "did you mean 'kamoto'?")
        #expect(typo?.part == .selector)
        let none = Self.error(.changeNodes(NodeSelector(conditions: [.country(["MAR"])]), .notes, .set(.null)))
        #expect(none?.message == "nodes[country=MAR] matches no node")
        let result = try Self.apply(.changeNodes(.id("kamotto", allowsEmpty: true), .notes, .set(.null)),
                                    .removeFlows(FlowSelector(conditions: [.mineral(["lithium"])], allowsEmpty: true)))
        #expect(result.graph == Self.graph)
        #expect(result.reports.map(\.elementCount) == [0, 0])
    }

    @Test func aSingleFlowSelectorMustMatchExactlyOneFlow() {
        let ambiguous = Self.error(.changeFlows(.between("kamoto", "refiner"), .notes, .set(.null)))
        #expect(ambiguous?.message == "flow[kamoto->refiner] matches 2 flows (kamoto->refiner:cobalt, kamoto->refiner:copper)")
        let none = Self.error(.changeFlows(.between("kamoto", "dump"), .notes, .set(.null)))
        #expect(none?.message == "flow[kamoto->dump] matches no flow")
        #expect(none?.notes.first == "flows leaving 'kamoto': kamoto->refiner:cobalt, kamoto->refiner:copper")
    }

    @Test func errorsNameTheEditByIndex() {
        let error = Self.error(.changeNodes(.id("kamoto"), .notes, .set(.null)), .changeNodes(.id("nowhere"), .notes, .set(.null)))
        #expect(error?.editIndex == 1)
        #expect(error?.description.hasPrefix("edit 2: no node has id 'nowhere'") == true)
    }

    // MARK: Adding, removing, renaming

    @Test func addAppendsAndANodeIdMustBeNew() throws {
        let node = Node(id: "mar", kind: .processor, country: "MAR", outputs: [Output(mineral: "cobalt", containedTonnes: 5)])
        let flow = Flow(from: "tenke", to: "mar", mineral: "cobalt", containedTonnes: 5)
        let result = try Self.apply(.addNode(node), .addFlow(flow))
        #expect(result.graph.nodes.last == node && result.graph.flows.last == flow)
        #expect(result.nodeOrigins == [0, 1, 2, 3, 4, nil] && result.flowOrigins == [0, 1, 2, 3, 4, 5, nil])
        let duplicate = Self.error(.addNode(Node(id: "tenke", kind: .mine, country: "COD")))
        #expect(duplicate?.message == "node 'tenke' already exists")
    }

    @Test func removingANodeRemovesItsFlowsAndSaysSo() throws {
        let result = try Self.apply(.removeNodes(.id("hpal")))
        #expect(result.graph.nodes.map(\.id) == ["kamoto", "tenke", "refiner", "dump"])
        #expect(result.graph.flows.count == 4)
        #expect(!result.graph.flows.contains { $0.from == "hpal" })
        #expect(result.nodeOrigins == [0, 1, 3, 4] && result.flowOrigins == [0, 1, 2, 5])
        #expect(result.reports[0].notes == ["removed node 'hpal' and the 2 flows that started or ended there: hpal->refiner:nickel, hpal->refiner:cobalt"])
        let several = try Self.apply(.removeNodes(Self.codMines))
        #expect(several.graph.nodes.map(\.id) == ["hpal", "refiner", "dump"])
        #expect(several.reports[0].notes == ["removed 2 nodes ('kamoto', 'tenke') and the 3 flows that started or ended there: kamoto->refiner:cobalt, kamoto->refiner:copper, tenke->refiner:cobalt"])
    }

    @Test func removingFlowsKeepsTheOthersInOrder() throws {
        let result = try Self.apply(.removeFlows(FlowSelector(conditions: [.from(.country(["IDN"]))])))
        #expect(result.graph.flows == [0, 1, 2, 5].map { Self.graph.flows[$0] })
        #expect(result.flowOrigins == [0, 1, 2, 5])
    }

    @Test func renamingANodeUpdatesEveryFlowThatNamesIt() throws {
        let result = try Self.apply(.renameNode("refiner", to: "chn-refiner"), .changeNodes(.id("chn-refiner"), .notes, .set(.text("renamed"))))
        #expect(result.graph.nodes[3].id == "chn-refiner" && result.graph.nodes[3].notes == "renamed")
        #expect(result.graph.flows.map(\.to) == ["chn-refiner", "chn-refiner", "chn-refiner", "chn-refiner", "chn-refiner", "dump"])
        #expect(result.graph.flows[5].from == "chn-refiner")
        #expect(result.reports[0].notes == ["renamed node 'refiner' to 'chn-refiner' and updated 6 flows"])
        #expect(Self.error(.renameNode("refiner", to: "dump"))?.message == "node 'dump' already exists")
        #expect(Self.error(.renameNode("refinery", to: "x"))?.message == "no node has id 'refinery'")
    }

    @Test func selectorsAndFieldsSpellAsInEdits() {
        #expect(Self.codMines.description == "nodes[country=COD,kind=mine]")
        #expect(NodeSelector.id("a b", allowsEmpty: true).description == "node[a b]?")
        #expect(NodeSelector.id("x]").description == "node[\"x]\"]")
        #expect(FlowSelector.between("a", "b", mineral: "cobalt").description == "flow[a->b:cobalt]")
        #expect(FlowSelector(conditions: [.from(.country(["IDN"])), .to(.id(["r"])), .type([.waste, .product])]).description
            == "flows[from.country=IDN,to=r,type=waste|product]")
        #expect(NodeField.output("cobalt", .containedTonnes).description == "output[cobalt].contained_tonnes")
        #expect(NodeField.water(.awareFactor).description == "water.aware_cf")
        #expect(NodeField.output(nil, nil).description == "output")
    }
}
