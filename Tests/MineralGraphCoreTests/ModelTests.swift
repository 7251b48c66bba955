import Foundation
import MineralGraphTestSupport
import Testing

@testable import MineralGraphCore

@Suite("Model")
struct ModelTests {
    @Test func stagesAreOrderedFromTheGroundToTheWasteSite() {
        #expect(Stage.allCases == [.mining, .processing, .manufacturing, .use, .waste])
        #expect(Stage.mining < .processing && Stage.use < .waste)
        #expect(Stage.allCases.shuffled().sorted() == Stage.allCases)
    }

    @Test func nodeKindsMapToStagesKeywordsAndFates() {
        let kinds: [NodeKind] = [.mine, .processor, .manufacturer, .consumer, .wasteDestination(.informal)]
        #expect(kinds.map(\.stage) == Stage.allCases)
        #expect(kinds.map(\.keyword) == NodeKind.keywords)
        #expect(kinds.map(\.fate) == [nil, nil, nil, nil, .informal])
        #expect(WasteFate.allCases.map(\.rawValue) == ["recycling", "landfill", "informal", "incineration"])
        #expect(FlowType.allCases.map(\.rawValue) == ["product", "waste", "recovered-fraction"])
    }

    @Test func figuresGiveTheirBasisAndConvertOnlyWithAFactor() throws {
        let cobalt = Output(mineral: "cobalt", tonnes: 100, containedTonnes: 30)
        #expect(cobalt.contained == Quantity(tonnes: 30, basis: .element))
        #expect(cobalt.gross == Quantity(tonnes: 100, basis: .gross))
        #expect(cobalt.quantity(on: .element) == 30)
        #expect(cobalt.quantity(on: .gross) == 100)
        // Gross tonnes never stand in for contained ones (METHODS §0.1).
        #expect(Output(mineral: "cobalt", tonnes: 100).quantity(on: .element) == nil)
        #expect(Flow(from: "a", to: "b", mineral: "cobalt", valueUSD: 5).quantity(on: .gross) == nil)
        // Lithium without a stated basis is LCE, the catalogue's reference basis; Li₂O converts.
        let li2o = try #require(QuantityBasis.parse("Li2O"))
        let lce = try #require(QuantityBasis.parse("LCE"))
        #expect(Output(mineral: "lithium", containedTonnes: 10).containedBasis == lce)
        let oxide = Output(mineral: "lithium", containedTonnes: 1000, basis: li2o)
        #expect(abs(oxide.quantity(on: lce)! - 2472.9) < 0.1)
        #expect(abs(oxide.quantity(on: .element)! - 464.6) < 0.1)
        #expect(OtherCountries(mineral: "cobalt", stage: .mining, tonnes: 7).quantity(on: .gross) == 7)
        #expect(Flow(from: "a", to: "b", mineral: "cobalt").type == .product)
    }

    @Test func nodeOutputsByMineralAndYear() {
        let node = Node(id: "m", kind: .mine, country: "AUS", outputs: [
            Output(mineral: "lithium", containedTonnes: 400),
            Output(mineral: "lithium", year: 2022, containedTonnes: 370),
        ])
        #expect(node.output(of: "lithium", year: 2023, graphYear: 2023)?.containedTonnes == 400)
        #expect(node.output(of: "lithium", year: 2022, graphYear: 2023)?.containedTonnes == 370)
        #expect(node.output(of: "lithium", year: 2021, graphYear: 2023) == nil)
        #expect(node.output(of: "cobalt", year: 2023, graphYear: 2023) == nil)
        #expect(node.outputs("lithium") && !node.outputs("cobalt"))
        #expect(node.displayName == "m")
        #expect(Node(id: "m", name: "Greenbushes", kind: .mine, country: "AUS").displayName == "Greenbushes")
        #expect(node.stage == .mining)
    }

    @Test func graphYearsMineralsAndNodeLookup() {
        let graph = SupplyGraph(
            name: "g", year: 2023,
            nodes: [
                Node(id: "a", kind: .mine, country: "AUS", outputs: [Output(mineral: "lithium", year: 2021)]),
                Node(id: "b", kind: .processor, country: "CHN"),
                Node(id: "a", kind: .consumer, country: "DEU"),
            ],
            flows: [Flow(from: "a", to: "b", mineral: "lithium"), Flow(from: "b", to: "a", mineral: "cobalt")],
            otherCountries: [OtherCountries(mineral: "graphite", stage: .mining, year: 2020)])
        #expect(graph.years == [2020, 2021, 2023])
        #expect(graph.minerals == ["cobalt", "graphite", "lithium"])
        #expect(graph.nodeIndex() == ["a": 0, "b": 1], "the first of duplicate ids")
        #expect(graph.node(id: "a")?.kind == .mine)
        #expect(graph.node(id: "zzz") == nil)
    }

    @Test func waterUseIsEmptyOnlyWithoutFields() {
        #expect(WaterUse().isEmpty)
        #expect(!WaterUse(brineM3PerTonne: 0).isEmpty)
    }

    @Test func identifiersEncodeAsPlainStrings() throws {
        let encoded = try JSONEncoder().encode(["c": CountryCode("COD")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"{"c":"COD"}"#)
        #expect(try JSONDecoder().decode([MineralID].self, from: Data(#"["cobalt"]"#.utf8)) == ["cobalt"])
        #expect(CountryCode("CHN") < CountryCode("COD"))
        #expect(MineralID("cobalt").description == "cobalt")
    }

    @Test func graphIsCodableWithoutLoss() throws {
        let graph = GraphValidatorTests.chain()
        let data = try JSONEncoder().encode(graph)
        #expect(try JSONDecoder().decode(SupplyGraph.self, from: data) == graph)
    }

    /// The one-pass totals are those of a pass per mineral, to the last bit, with the
    /// minerals' flows interleaved.
    @Test func summaryTotalsAreThoseOfAPassPerMineral() {
        var graph = GraphValidatorTests.chain()
        var generator = LCG(state: 11)
        let minerals: [MineralID] = ["cobalt", "lithium", "nickel"]
        let types: [FlowType] = [.product, .waste, .product]
        func figure() -> Double? { Int.random(in: 0..<5, using: &generator) == 0 ? nil : Double.random(in: 0..<1e6, using: &generator) }
        for i in 0..<3000 {
            graph.flows.append(Flow(
                from: "a\(i)", to: "b\(i)", mineral: minerals.randomElement(using: &generator)!, tonnes: figure(),
                containedTonnes: figure(), valueUSD: figure(), type: types.randomElement(using: &generator)!))
        }
        let summary = GraphSummary(graph)
        #expect(summary.minerals.map(\.mineral) == graph.minerals)
        for totals in summary.minerals {
            let flows = graph.flows.filter { $0.mineral == totals.mineral }
            #expect(totals.flowCount == flows.count)
            #expect(totals.tonnes == flows.compactMap(\.tonnes).reduce(0, +))
            #expect(totals.containedTonnes == flows.compactMap(\.containedTonnes).reduce(0, +))
            #expect(totals.valueUSD == flows.compactMap(\.valueUSD).reduce(0, +))
            #expect(totals.flowsMissingTonnes == flows.filter { $0.tonnes == nil }.count)
            #expect(totals.flowsMissingContainedTonnes == flows.filter { $0.containedTonnes == nil }.count)
            #expect(totals.flowsMissingValue == flows.filter { $0.valueUSD == nil }.count)
        }
        #expect(summary.flowsByType == Dictionary(grouping: graph.flows, by: \.type.rawValue).mapValues(\.count))
    }

    @Test func summaryAddsWhatIsGivenAndCountsWhatIsMissing() {
        var graph = GraphValidatorTests.chain()
        graph.nodes.append(Node(id: "dump", kind: .wasteDestination(.landfill), country: "GHA"))
        graph.nodes[2].outputs.append(Output(mineral: "e-waste", tonnes: 9))
        graph.flows.append(Flow(from: "maker", to: "dump", mineral: "e-waste", tonnes: 9, type: .waste))
        graph.sources = [SourceReference(id: "s", title: "S")]
        let summary = GraphSummary(graph)
        #expect(summary.nodeCount == 4)
        #expect(summary.countryCount == 4)
        #expect(summary.nodesByKind == ["mine": 1, "processor": 1, "manufacturer": 1, "waste": 1, "waste/landfill": 1])
        #expect(summary.nodesByCountry == ["COD": 1, "CHN": 1, "KOR": 1, "GHA": 1])
        #expect(summary.flowCount == 3)
        #expect(summary.flowsByType == ["product": 2, "waste": 1])
        #expect(summary.sourceCount == 1)
        #expect(summary.minerals.map(\.mineral) == ["cobalt", "e-waste"])
        let cobalt = summary.minerals[0]
        #expect(cobalt.containedBasis == "t Co")
        #expect((cobalt.flowCount, cobalt.tonnes, cobalt.containedTonnes, cobalt.valueUSD) == (2, 100, 50, 2e6))
        #expect((cobalt.flowsMissingTonnes, cobalt.flowsMissingContainedTonnes, cobalt.flowsMissingValue) == (1, 0, 0))
        let waste = summary.minerals[1]
        #expect(waste.containedBasis == "t gross")
        #expect((waste.flowsMissingContainedTonnes, waste.flowsMissingValue) == (1, 1))
    }
}

@Suite("Mineral catalogue")
struct MineralCatalogTests {
    @Test func idsAreUniqueSortedAndMatchTheFormatDocumentation() throws {
        let ids = MineralCatalog.all.map(\.id.rawValue)
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted())
        let docs = TestPaths.file("docs/graph-format.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## Minerals\n").dropFirst().first)
        let listed = try #require(section.components(separatedBy: "`").dropFirst().first)
        #expect(listed.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init) == ids)
    }

    @Test func aliasesAreUnambiguous() {
        var owner: [String: MineralID] = [:]
        for info in MineralCatalog.all {
            for key in [info.id.rawValue, info.name.lowercased()] + info.aliases {
                #expect(owner[key] == nil || owner[key] == info.id, "'\(key)' names \(owner[key]!) and \(info.id)")
                owner[key] = info.id
            }
        }
    }

    @Test(arguments: [
        ("cobalt", "cobalt"), ("Co", "cobalt"), (" COBALT ", "cobalt"), ("Rare earths", "rare-earths"), ("REE", "rare-earths"),
        ("aluminum", "aluminium"), ("WEEE", "e-waste"), ("Li", "lithium"), ("wolfram", "tungsten"),
    ])
    func resolvesIdsNamesAndAliases(_ text: String, _ id: String) {
        #expect(MineralCatalog.resolve(text)?.id.rawValue == id)
    }

    @Test func containedBasesFollowMethodsSection0() {
        #expect(MineralCatalog.info("lithium")?.containedBasis == "t LCE")
        #expect(MineralCatalog.info("rare-earths")?.containedBasis == "t REO")
        #expect(MineralCatalog.info("titanium")?.containedBasis == "t TiO₂")
        #expect(MineralCatalog.info("e-waste")?.containedBasis == "t gross")
        #expect(MineralCatalog.info("unobtainium") == nil)
        #expect(MineralCatalog.suggestions(for: "lithum").first == "lithium")
    }
}

@Suite("Number formatting")
struct NumberFormattingTests {
    @Test(arguments: [
        (170_000.0, "170000"), (0, "0"), (-0.0, "0"), (0.35, "0.35"), (5.1e9, "5100000000"), (1e-5, "1e-05"),
        (-500, "-500"), (1e20, "1e+20"), (Double.nan, ".nan"), (.infinity, ".inf"), (-.infinity, "-.inf"),
    ])
    func plain(_ value: Double, _ text: String) {
        #expect(NumberFormatting.plain(value) == text)
        if value.isFinite { #expect(Double(text) == value) }
    }

    @Test func compactAndGrouped() {
        #expect(NumberFormatting.compact(12.5) == "12.5")
        #expect(NumberFormatting.compact(3) == "3")
        #expect(NumberFormatting.compact(2.999, decimals: 2) == "3")
        #expect(NumberFormatting.compact(-0.001) == "0")
        #expect(NumberFormatting.grouped(12_345.6, decimals: 1) == "12,345.6")
        #expect(NumberFormatting.grouped(-1_234_567) == "-1,234,567")
        #expect(NumberFormatting.grouped(999) == "999")
        #expect(NumberFormatting.grouped(-0.4) == "0")
    }
}
