import Foundation
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

    static func codes(_ graph: SupplyGraph, tolerance: Double = 0.01) -> [String] {
        GraphValidator(massBalanceTolerance: tolerance).run(on: graph).map(\.code.rawValue)
    }

    /// The findings of `graph` must be exactly one, with this code, severity and location.
    @discardableResult
    static func expectSingle(
        _ graph: SupplyGraph, _ code: String, _ severity: Severity, at location: GraphLocation,
        tolerance: Double = 0.01, sourceLocation: SourceLocation = #_sourceLocation
    ) -> ValidationIssue? {
        let issues = GraphValidator(massBalanceTolerance: tolerance).run(on: graph)
        #expect(issues.map(\.code.rawValue) == [code], sourceLocation: sourceLocation)
        guard let issue = issues.first(where: { $0.code.rawValue == code }) else { return nil }
        #expect(issue.severity == severity, sourceLocation: sourceLocation)
        #expect(issue.location == location, sourceLocation: sourceLocation)
        #expect(!issue.message.isEmpty, sourceLocation: sourceLocation)
        return issue
    }

    /// Every code GraphValidator can emit, each with at least one test below.
    static let testedCodes: Set<String> = [
        "empty-name", "implausible-year", "unknown-country-scheme", "duplicate-source-id", "empty-id",
        "duplicate-node-id", "unknown-country", "unknown-mineral", "duplicate-output", "negative-quantity",
        "non-finite", "share-above-100", "output-above-capacity", "consumption-above-withdrawal",
        "aware-out-of-range", "unknown-node", "self-loop", "empty-flow", "mineral-not-output",
        "waste-to-non-waste-node", "ships-more-than-output", "mass-balance", "duplicate-other-countries",
        "country-out-of-period", "control-character",
    ]

    /// Every code the validator can give (its ``ValidationCode`` cases) has a test above that
    /// produces it, and every tested code is one of them.
    @Test func everyCodeTheValidatorEmitsIsTested() {
        let codes = Set(ValidationCode.allCases.map(\.rawValue))
        #expect(codes.count > 20)
        #expect(codes.subtracting(Self.testedCodes).isEmpty, "codes without a test: \(codes.subtracting(Self.testedCodes).sorted())")
        #expect(Self.testedCodes.subtracting(codes).isEmpty, "tested codes the validator no longer has")
    }

    /// Codes are kebab-case words, for scripts (`unknown-country`).
    @Test func codesAreKebabCase() {
        for code in ValidationCode.allCases {
            #expect(code.rawValue.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && !code.rawValue.hasPrefix("-"), "\(code)")
        }
        for code in ReasonCode.allCases {
            #expect(code.rawValue.allSatisfy { $0.isUppercase || $0 == "_" } && code.rawValue.first != "_", "\(code)")
        }
    }

    @Test func validChainHasNoFindings() {
        #expect(Self.codes(Self.chain()) == [])
    }

    @Test func emptyGraphHasNoFindings() {
        #expect(Self.codes(SupplyGraph(name: "empty", year: 2023)) == [])
    }

    // MARK: Graph and sources

    @Test(arguments: ["", "   ", "\t\n"])
    func emptyName(_ name: String) {
        var graph = Self.chain()
        graph.name = name
        Self.expectSingle(graph, "empty-name", .error, at: .graph(field: "name"))
    }

    // MARK: Control characters

    /// Issue 19: a name `validate` accepted with `\u{1}` or ESC broke `render` and the HTML
    /// report, and NUL made the exported DOT unreadable by `dot`.
    @Test(arguments: ["\u{0}", "\u{1}", "\u{1B}", "\u{7}", "\r", "\u{7F}", "\u{85}", "\u{9F}"])
    func controlCharacterInANameIsAnError(_ control: String) throws {
        var graph = Self.chain()
        graph.nodes[1].name = "Kokkola" + control + "refinery"
        let issue = try #require(Self.expectSingle(graph, "control-character", .error, at: .node(index: 1, field: "name")))
        #expect(issue.message.hasPrefix("'name' contains the control character U+"))
    }

    @Test func controlCharactersAreFoundInEveryTextField() {
        var graph = Self.chain()
        graph.description = "a\u{1B}b"
        graph.sources = [SourceReference(id: "s", title: "t\u{1}")]
        graph.nodes[0].outputs[0].product = "x\u{2}"
        graph.flows[1].notes = "bell\u{7}"
        graph.flows[0].product = "y\u{0}"
        let locations = GraphValidator().run(on: graph).filter { $0.code == .controlCharacter }.map(\.location)
        #expect(locations == [
            .graph(field: "description"), .source(index: 0, field: "title"), .output(node: 0, index: 0, field: "product"),
            .flow(index: 0, field: "product"), .flow(index: 1, field: "notes"),
        ])
    }

    @Test(arguments: ["tab\there", "two\nlines", "Côte d’Ivoire", "\u{A0}no-break space", "日本"])
    func tabsLineFeedsAndPrintableTextAreFine(_ name: String) {
        var graph = Self.chain()
        graph.nodes[0].name = name
        graph.nodes[0].notes = name
        #expect(Self.codes(graph) == [])
    }

    /// The read-only and the mutating traversal of the graph's text visit the same fields in
    /// the same order, and a control character in any of them is refused at that field.
    @Test func bothTextTraversalsVisitEveryFieldInFileOrder() {
        var graph = Self.chain()
        graph.description = "d"
        graph.countryScheme = "s"
        graph.sources = [SourceReference(id: "src", title: "t", publisher: "p", url: "https://example.org", notes: "n")]
        graph.nodes[0].name = "n"
        graph.nodes[0].source = "src"
        graph.nodes[0].notes = "n"
        graph.nodes[0].outputs[0].product = "ore"
        graph.flows[0].product = "ore"
        graph.flows[0].source = "src"
        graph.flows[0].notes = "n"
        graph.otherCountries = [OtherCountries(mineral: "cobalt", stage: .mining, tonnes: 1, source: "src", notes: "n")]
        var read: [GraphLocation] = []
        graph.forEachText { _, location in read.append(location) }
        var visited: [GraphLocation] = []
        var copy = graph
        copy.visitText { _, location in visited.append(location) }
        #expect(read == visited)
        #expect(read.count == 3 + 5 + (3 + 2 + 2) + 3 + 3 + 3 + 6 + 3, "\(read)")
        for location in read {
            var broken = graph
            broken.visitText { text, at in if at == location { text += "\u{1B}" } }
            #expect(Self.codes(broken).contains("control-character"), "\(location)")
            #expect(Self.codes(broken.replacingControlCharacters()).allSatisfy { $0 != "control-character" }, "\(location)")
        }
    }

    /// A large graph is checked on several threads; its findings — of nodes, flows, mass
    /// balance and text, with "did you mean" hints — are those of one thread, in order.
    @Test func aLargeGraphGetsTheFindingsOfOneThread() {
        var graph = Self.chain()
        for i in 0..<6_000 {
            graph.nodes.append(Node(
                id: "n\(i)", kind: .processor, country: i % 997 == 0 ? "CHM" : "CHN", notes: i % 1_499 == 0 ? "bell\u{7}" : nil))
            graph.flows.append(Flow(
                from: i % 1_201 == 0 ? "mne" : "mine", to: "n\(i)", mineral: i % 1_303 == 0 ? "cobalr" : "cobalt",
                containedTonnes: i % 1_103 == 0 ? -1 : 0.001))
        }
        var oneThread = GraphValidator()
        oneThread.parallelFrom = .max
        let expected = oneThread.run(on: graph)
        #expect(Set(expected.map(\.code.rawValue)).count >= 5, "\(Set(expected.map(\.code.rawValue)))")
        #expect(GraphValidator().run(on: graph) == expected)
    }

    @Test func replacingControlCharactersGivesAValidGraph() {
        var graph = Self.chain()
        graph.name = "chain\u{1B}[31m"
        graph.nodes[0].id = "mine\u{0}"
        graph.flows[0].from = "mine\u{0}"
        graph.nodes[1].notes = "keep\ttabs\nand lines\u{85}"
        #expect(Self.codes(graph) == ["control-character", "control-character", "control-character", "control-character"])
        let cleaned = graph.replacingControlCharacters()
        #expect(Self.codes(cleaned) == [])
        #expect(cleaned.name == "chain\u{FFFD}[31m")
        #expect(cleaned.flows[0].from == cleaned.nodes[0].id)
        #expect(cleaned.nodes[1].notes == "keep\ttabs\nand lines\u{FFFD}")
    }

    @Test(arguments: [1899, 2101, 0, 20230])
    func implausibleYear(_ year: Int) {
        var graph = Self.chain()
        graph.year = year
        // Outputs without a year follow the graph's year, so the chain stays consistent.
        Self.expectSingle(graph, "implausible-year", .warning, at: .graph(field: "year"))
    }

    @Test(arguments: [1900, 2100])
    func plausibleYearBounds(_ year: Int) {
        var graph = Self.chain()
        graph.year = year
        #expect(Self.codes(graph) == [])
    }

    @Test func unknownCountryScheme() {
        var graph = Self.chain()
        graph.countryScheme = "world-bank-2024"
        let issue = Self.expectSingle(graph, "unknown-country-scheme", .error, at: .graph(field: "country_scheme"))
        #expect(issue?.notes.joined().contains("unctad-der-2024") == true)
        graph.countryScheme = "unctad-der-2024"
        #expect(Self.codes(graph) == [])
    }

    @Test func duplicateSourceId() {
        var graph = Self.chain()
        graph.sources = [
            SourceReference(id: "usgs", title: "A"), SourceReference(id: "wmd", title: "B"),
            SourceReference(id: "usgs", title: "C"),
        ]
        let issue = Self.expectSingle(graph, "duplicate-source-id", .error, at: .source(index: 2, field: "id"))
        #expect(issue?.message.contains("'usgs'") == true)
        #expect(issue?.notes == ["first defined as source #1"])
    }

    // MARK: Nodes

    @Test(arguments: ["", "  "])
    func emptyNodeId(_ id: String) {
        var graph = Self.chain()
        graph.nodes.append(Node(id: id, kind: .consumer, country: "DEU"))
        Self.expectSingle(graph, "empty-id", .error, at: .node(index: 3, field: "id"))
    }

    @Test func duplicateNodeId() {
        var graph = Self.chain()
        graph.nodes.append(Node(id: "mine", kind: .consumer, country: "DEU"))
        let issue = Self.expectSingle(graph, "duplicate-node-id", .error, at: .node(index: 3, field: "id"))
        #expect(issue?.notes.first?.contains("node #1") == true)
    }

    @Test func unknownCountryNamesTheClosestMatches() throws {
        var graph = Self.chain()
        graph.nodes[0].country = "CDO"
        let issue = try #require(Self.expectSingle(graph, "unknown-country", .error, at: .node(index: 0, field: "country")))
        #expect(issue.message == "unknown country 'CDO'")
        #expect(issue.notes.first?.hasPrefix("closest matches: COD (DR Congo)") == true)
    }

    @Test(arguments: ["cod", "CD", "Congo (Kinshasa)", "", "XKK", "xkx"] as [CountryCode])
    func modelStoresExactAlpha3Codes(_ country: CountryCode) {
        // The file reader resolves names and alpha-2 codes; a model built in code must use alpha-3.
        var graph = Self.chain()
        graph.nodes[0].country = country
        Self.expectSingle(graph, "unknown-country", .error, at: .node(index: 0, field: "country"))
    }

    // MARK: Countries and their years

    @Test func formerCountryAfterItsWithdrawalIsAWarningNamingTheYears() throws {
        var graph = Self.chain()
        graph.nodes[0].country = "SCG"
        let issue = try #require(Self.expectSingle(graph, "country-out-of-period", .warning, at: .node(index: 0, field: "country")))
        #expect(issue.message == "node 'mine' is in Serbia and Montenegro (SCG), which existed 2003–2006, but has figures for 2023")
        #expect(issue.notes == [
            "SCG was withdrawn from ISO 3166-1 in 2006 (ISO 3166-3)",
            "its territory is now SRB (Serbia), MNE (Montenegro)",
        ])
    }

    @Test(arguments: [2003, 2005, 2006])
    func formerCountryInsideItsYearsIsFine(_ year: Int) {
        var graph = Self.chain()
        graph.year = year
        graph.nodes[0].country = "SCG"
        #expect(Self.codes(graph) == [])
    }

    @Test func countryBeforeItBeganNamesThePredecessor() throws {
        var graph = Self.chain()
        graph.year = 2005
        graph.nodes[0].country = "SSD"
        let issue = try #require(Self.expectSingle(graph, "country-out-of-period", .warning, at: .node(index: 0, field: "country")))
        #expect(issue.message.contains("South Sudan (SSD), which existed from 2011, but has figures for 2005"))
        #expect(issue.notes == ["before 2011 its territory was part of SDN (Sudan)"])
    }

    /// The years checked are those the node has figures for: its outputs' years, and the graph's
    /// year when flows touch it or it lists no output.
    @Test func onlyTheYearsWithFiguresAreChecked() throws {
        let mine = Node(id: "ussr", kind: .mine, country: "SUN", outputs: [
            Output(mineral: "nickel", year: 1990, containedTonnes: 200), Output(mineral: "nickel", year: 1991, containedTonnes: 180),
        ])
        var graph = SupplyGraph(name: "series", year: 1995, nodes: [mine])
        #expect(Self.codes(graph) == [], "a 1995 graph may hold 1990–1991 figures of the USSR")

        graph.nodes[0].outputs.append(Output(mineral: "nickel", year: 1993, containedTonnes: 10))
        graph.nodes[0].outputs.append(Output(mineral: "nickel", year: 1994, containedTonnes: 10))
        let issue = try #require(Self.expectSingle(graph, "country-out-of-period", .warning, at: .node(index: 0, field: "country")))
        #expect(issue.message.hasSuffix("which existed until 1992, but has figures for 1993, 1994"))
        #expect(issue.notes.last?.hasPrefix("its territory is now ARM (Armenia), AZE (Azerbaijan)") == true)

        // A node without outputs (a consumer) is in the graph's year.
        graph = SupplyGraph(name: "consumer", year: 2023, nodes: [Node(id: "k", kind: .consumer, country: "DDR")])
        Self.expectSingle(graph, "country-out-of-period", .warning, at: .node(index: 0, field: "country"))
    }

    @Test func kosovoIsAKnownCountry() {
        var graph = Self.chain()
        graph.nodes[2].country = "XKX"
        #expect(Self.codes(graph) == [])
        graph.year = 2007
        graph.nodes[0].outputs[0].year = nil
        #expect(Self.codes(graph) == ["country-out-of-period"])
    }

    @Test func unknownMineralInOutputFlowAndOtherCountries() {
        var graph = Self.chain()
        graph.nodes[2].outputs.append(Output(mineral: "cobolt", containedTonnes: 1))
        let issue = Self.expectSingle(graph, "unknown-mineral", .error, at: .output(node: 2, index: 1, field: "mineral"))
        #expect(issue?.notes == ["did you mean 'cobalt'?"])

        graph = Self.chain()
        graph.flows[1].mineral = "kobalt"
        // The flow's mineral is unknown, so "not an output of the source" is not reported on top.
        Self.expectSingle(graph, "unknown-mineral", .error, at: .flow(index: 1, field: "mineral"))

        graph = Self.chain()
        graph.otherCountries = [OtherCountries(mineral: "qqqqqqqqqqqq", stage: .mining, containedTonnes: 5)]
        let other = Self.expectSingle(graph, "unknown-mineral", .error, at: .otherCountries(index: 0, field: "mineral"))
        // Nothing close: the note lists the catalogue instead.
        #expect(other?.notes.first?.hasPrefix("known minerals: abrasives, aggregates, alumina, aluminium") == true)
    }

    @Test func duplicateOutputForTheSameMineralAndYear() {
        var graph = Self.chain()
        graph.nodes[0].outputs.append(Output(mineral: "cobalt", containedTonnes: 5))
        Self.expectSingle(graph, "duplicate-output", .error, at: .output(node: 0, index: 1, field: "mineral"))
        // An explicit year equal to the graph's year is the same year.
        graph.nodes[0].outputs[1].year = 2023
        Self.expectSingle(graph, "duplicate-output", .error, at: .output(node: 0, index: 1, field: "mineral"))
    }

    @Test func outputsOfOneMineralInDifferentYearsAreFine() {
        var graph = Self.chain()
        graph.nodes[0].outputs.append(Output(mineral: "cobalt", year: 2022, tonnes: 90, containedTonnes: 27))
        graph.nodes[0].outputs.append(Output(mineral: "cobalt", year: 2021, tonnes: 80, containedTonnes: 24))
        #expect(Self.codes(graph) == [])
        #expect(graph.years == [2021, 2022, 2023])
    }

    @Test func negativeQuantities() {
        var graph = Self.chain()
        graph.nodes[0].outputs[0].valueUSD = -1
        Self.expectSingle(graph, "negative-quantity", .error, at: .output(node: 0, index: 0, field: "value_usd"))

        graph = Self.chain()
        graph.nodes[1].capacityTonnes = -5
        Self.expectSingle(graph, "negative-quantity", .error, at: .node(index: 1, field: "capacity_tonnes"))

        graph = Self.chain()
        graph.nodes[1].otherInputsUSD = -5
        Self.expectSingle(graph, "negative-quantity", .error, at: .node(index: 1, field: "other_inputs_usd"))

        graph = Self.chain()
        graph.nodes[1].water = WaterUse(withdrawalM3PerTonne: -1)
        Self.expectSingle(graph, "negative-quantity", .error, at: .node(index: 1, field: "water.withdrawal_m3_per_t"))

        graph = Self.chain()
        graph.flows[0].tonnes = -100
        let issue = Self.expectSingle(graph, "negative-quantity", .error, at: .flow(index: 0, field: "tonnes"))
        #expect(issue?.message == "tonnes is negative (-100)")

        graph = Self.chain()
        graph.otherCountries = [OtherCountries(mineral: "cobalt", stage: .mining, tonnes: -3)]
        Self.expectSingle(graph, "negative-quantity", .error, at: .otherCountries(index: 0, field: "tonnes"))
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteQuantities(_ value: Double) {
        var graph = Self.chain()
        graph.nodes[2].outputs[0].tonnes = value
        Self.expectSingle(graph, "non-finite", .error, at: .output(node: 2, index: 0, field: "tonnes"))

        graph = Self.chain()
        graph.flows[1].valueUSD = value
        Self.expectSingle(graph, "non-finite", .error, at: .flow(index: 1, field: "value_usd"))

        graph = Self.chain()
        graph.nodes[0].water = WaterUse(awareFactor: value)
        Self.expectSingle(graph, "non-finite", .error, at: .node(index: 0, field: "water.aware_cf"))
    }

    @Test func containedShareAbove100Percent() {
        var graph = Self.chain()
        graph.nodes[0].outputs[0].containedTonnes = 101  // of 100 t gross; the flow of 30 t stays fine
        let issue = Self.expectSingle(graph, "share-above-100", .error, at: .output(node: 0, index: 0, field: "contained_tonnes"))
        #expect(issue?.message.contains("101.0 %") == true)

        graph = Self.chain()
        graph.flows[0].containedTonnes = 100.5
        graph.nodes[0].outputs[0].containedTonnes = 101
        graph.nodes[0].outputs[0].tonnes = 200
        Self.expectSingle(graph, "share-above-100", .error, at: .flow(index: 0, field: "contained_tonnes"))

        graph = Self.chain()
        graph.otherCountries = [OtherCountries(mineral: "cobalt", stage: .mining, tonnes: 0, containedTonnes: 1)]
        let zero = Self.expectSingle(graph, "share-above-100", .error, at: .otherCountries(index: 0, field: "contained_tonnes"))
        #expect(zero?.message.contains("infinite") == true)
    }

    @Test func containedEqualToGrossIsFine() {
        var graph = Self.chain()
        graph.flows[0].tonnes = 30
        graph.nodes[0].outputs[0].tonnes = 30
        #expect(Self.codes(graph) == [])
    }

    @Test func outputAboveCapacity() {
        var graph = Self.chain()
        graph.nodes[0].capacityTonnes = 25  // output 30 t contained
        Self.expectSingle(graph, "output-above-capacity", .warning, at: .node(index: 0, field: "capacity_tonnes"))
        // Within the tolerance there is no warning.
        graph.nodes[0].capacityTonnes = 29.8
        #expect(Self.codes(graph) == [])
        graph.nodes[0].capacityTonnes = 30
        #expect(Self.codes(graph) == [])
    }

    @Test func waterConsumptionAboveWithdrawal() {
        var graph = Self.chain()
        graph.nodes[0].water = WaterUse(withdrawalM3PerTonne: 100, consumptionM3PerTonne: 120)
        let issue = Self.expectSingle(graph, "consumption-above-withdrawal", .error, at: .node(index: 0, field: "water.consumption_m3_per_t"))
        #expect(issue?.notes.first?.contains("GRI 303-5") == true)
        graph.nodes[0].water = WaterUse(withdrawalM3PerTonne: 100, consumptionM3PerTonne: 100)
        #expect(Self.codes(graph) == [])
        // Consumption alone cannot be checked.
        graph.nodes[0].water = WaterUse(consumptionM3PerTonne: 100)
        #expect(Self.codes(graph) == [])
    }

    @Test(arguments: [0.0, 0.05, 100.5, 1000])
    func awareFactorOutOfRange(_ cf: Double) {
        var graph = Self.chain()
        graph.nodes[0].water = WaterUse(awareFactor: cf)
        Self.expectSingle(graph, "aware-out-of-range", .warning, at: .node(index: 0, field: "water.aware_cf"))
    }

    @Test(arguments: [0.1, 1, 42.5, 100])
    func awareFactorInRange(_ cf: Double) {
        var graph = Self.chain()
        graph.nodes[0].water = WaterUse(awareFactor: cf)
        #expect(Self.codes(graph) == [])
    }

    // MARK: Flows

    @Test func unknownNodeWithHint() {
        var graph = Self.chain()
        graph.flows[1].to = "makr"
        let issue = Self.expectSingle(graph, "unknown-node", .error, at: .flow(index: 1, field: "to"))
        #expect(issue?.message == "flow to unknown node 'makr'")
        #expect(issue?.notes == ["did you mean 'maker'?"])

        graph = Self.chain()
        graph.flows.append(Flow(from: "nowhere", to: "maker", mineral: "cobalt", containedTonnes: 1))
        let from = GraphValidator().run(on: graph)
        #expect(from.map(\.code.rawValue) == ["unknown-node"])
        #expect(from.first?.location == .flow(index: 2, field: "from"))
        #expect(from.first?.notes == [])
    }

    @Test func selfLoop() {
        var graph = Self.chain()
        graph.flows.append(Flow(from: "refinery", to: "refinery", mineral: "cobalt", containedTonnes: 1))
        Self.expectSingle(graph, "self-loop", .error, at: .flow(index: 2, field: "to"))
    }

    @Test func flowWithoutAnyQuantity() {
        var graph = Self.chain()
        graph.flows.append(Flow(from: "mine", to: "maker", mineral: "cobalt", product: "hydroxide"))
        Self.expectSingle(graph, "empty-flow", .warning, at: .flow(index: 2, field: nil))
    }

    @Test func flowOfAMineralItsSourceDoesNotOutput() {
        var graph = Self.chain()
        graph.flows.append(Flow(from: "mine", to: "refinery", mineral: "copper", containedTonnes: 10))
        let issue = Self.expectSingle(graph, "mineral-not-output", .error, at: .flow(index: 2, field: "mineral"))
        #expect(issue?.notes == ["'mine' outputs: cobalt"])

        graph = Self.chain()
        graph.nodes.append(Node(id: "shop", kind: .consumer, country: "DEU"))
        graph.flows.append(Flow(from: "shop", to: "maker", mineral: "cobalt", containedTonnes: 1))
        let none = Self.expectSingle(graph, "mineral-not-output", .error, at: .flow(index: 2, field: "mineral"))
        #expect(none?.notes == ["'shop' lists no outputs"])
    }

    @Test func outputOfAnotherYearStillCountsAsAnOutput() {
        var graph = Self.chain()
        graph.nodes[1].outputs[0].year = 2022
        #expect(!Self.codes(graph).contains("mineral-not-output"))
    }

    @Test func wasteFlowIntoANodeThatIsNotAWasteDestination() {
        var graph = Self.chain()
        graph.nodes[2].outputs.append(Output(mineral: "e-waste", tonnes: 50))
        graph.flows.append(Flow(from: "maker", to: "refinery", mineral: "e-waste", tonnes: 50, type: .waste))
        Self.expectSingle(graph, "waste-to-non-waste-node", .warning, at: .flow(index: 2, field: "to"))
    }

    @Test func wasteFlowIntoAWasteDestinationIsFine() {
        var graph = Self.chain()
        graph.nodes[2].outputs.append(Output(mineral: "e-waste", tonnes: 50))
        graph.nodes.append(Node(id: "dump", kind: .wasteDestination(.informal), country: "GHA"))
        graph.flows.append(Flow(from: "maker", to: "dump", mineral: "e-waste", tonnes: 50, type: .waste))
        #expect(Self.codes(graph) == [])
    }

    @Test func negativeValueIsAllowedOnWasteFlowsOnly() {
        var graph = Self.chain()
        graph.nodes[2].outputs.append(Output(mineral: "e-waste", tonnes: 50))
        graph.nodes.append(Node(id: "dump", kind: .wasteDestination(.landfill), country: "GHA"))
        graph.flows.append(Flow(from: "maker", to: "dump", mineral: "e-waste", tonnes: 50, valueUSD: -2000, type: .waste))
        #expect(Self.codes(graph) == [])

        graph.flows[2].type = .product
        Self.expectSingle(graph, "negative-quantity", .error, at: .flow(index: 2, field: "value_usd"))
        graph.flows[2].type = .recoveredFraction
        Self.expectSingle(graph, "negative-quantity", .error, at: .flow(index: 2, field: "value_usd"))

        // Negative tonnes are wrong even on a waste flow.
        graph.flows[2].type = .waste
        graph.flows[2].tonnes = -50
        Self.expectSingle(graph, "negative-quantity", .error, at: .flow(index: 2, field: "tonnes"))
    }

    // MARK: Mass balance

    @Test func shippingMoreThanTheDeclaredOutput() {
        var graph = Self.chain()
        graph.flows[0].containedTonnes = 35  // mine declares 30 t contained
        let issue = Self.expectSingle(graph, "ships-more-than-output", .warning, at: .output(node: 0, index: 0, field: "contained_tonnes"))
        #expect(issue?.message == "node 'mine' ships 35 t of cobalt but its output is 30 t (contained)")
    }

    @Test func shippingMoreThanADeclaredGrossOutputPointsAtTonnes() {
        var graph = Self.chain()
        graph.nodes[0].outputs[0] = Output(mineral: "cobalt", tonnes: 25)
        graph.flows[0] = Flow(from: "mine", to: "refinery", mineral: "cobalt", tonnes: 30, valueUSD: 1e6)
        Self.expectSingle(graph, "ships-more-than-output", .warning, at: .output(node: 0, index: 0, field: "tonnes"))
    }

    @Test func shippingMoreThanReceivedIsAMassBalanceWarning() throws {
        var graph = Self.chain()
        graph.nodes[1].outputs = [Output(mineral: "cobalt")]
        graph.flows[1].containedTonnes = 31  // receives 30
        let issue = Self.expectSingle(graph, "mass-balance", .warning, at: .node(index: 1, field: "id"))
        #expect(issue?.message == "node 'refinery' ships 31 t of cobalt but receives 30 t and produces 0 t (contained)")
        #expect(issue?.notes.first?.hasPrefix("tolerance 1 %") == true)
        // Within the tolerance there is no warning.
        graph.flows[1].containedTonnes = 30.2
        #expect(!Self.codes(graph).contains("mass-balance"))
    }

    @Test func massBalanceToleranceEdge() {
        var graph = Self.chain()
        graph.nodes[1].outputs = [Output(mineral: "cobalt")]
        graph.flows[0].containedTonnes = 100
        graph.nodes[0].outputs[0] = Output(mineral: "cobalt", containedTonnes: 100)
        graph.flows[0].tonnes = nil

        graph.flows[1].containedTonnes = 101  // exactly 1 % over: allowed
        #expect(Self.codes(graph) == [])
        graph.flows[1].containedTonnes = 101.01  // just over 1 %
        Self.expectSingle(graph, "mass-balance", .warning, at: .node(index: 1, field: "id"))

        // A wider tolerance accepts it, a zero tolerance rejects anything above the input.
        #expect(Self.codes(graph, tolerance: 0.02) == [])
        graph.flows[1].containedTonnes = 100
        #expect(Self.codes(graph, tolerance: 0) == [])
        graph.flows[1].containedTonnes = 100.001
        Self.expectSingle(graph, "mass-balance", .warning, at: .node(index: 1, field: "id"), tolerance: 0)
    }

    @Test func nodeWithoutInflowProducesItsDeclaredOutput() {
        // The refinery's feed lies outside the graph: it may ship up to its declared output.
        var graph = Self.chain()
        graph.nodes.removeFirst()
        graph.flows.removeFirst()
        #expect(Self.codes(graph) == [])
        graph.flows[0].containedTonnes = 40  // declared 30
        Self.expectSingle(graph, "ships-more-than-output", .warning, at: .output(node: 0, index: 0, field: "contained_tonnes"))
    }

    @Test func undeclaredProductionIsNotTakenAsZero() {
        // Feed outside the graph and no output figure: what the node produces is unknown, so
        // shipping is not checked (missing data is not a silent zero).
        var graph = Self.chain()
        graph.nodes.removeFirst()
        graph.flows.removeFirst()
        graph.nodes[0].outputs = [Output(mineral: "cobalt", product: "cobalt sulphate")]
        #expect(Self.codes(graph) == [])
        // The same for a mine without a quantity.
        graph = Self.chain()
        graph.nodes[0].outputs = [Output(mineral: "cobalt")]
        #expect(Self.codes(graph) == [])
    }

    @Test func massBalanceIsPerMineral() {
        // A copper–cobalt mine: each mineral is balanced on its own.
        var graph = Self.chain()
        graph.nodes[0].outputs.append(Output(mineral: "copper", containedTonnes: 1000))
        graph.nodes[1].outputs.append(Output(mineral: "copper"))
        graph.flows.append(Flow(from: "mine", to: "refinery", mineral: "copper", containedTonnes: 900))
        #expect(Self.codes(graph) == [])
        graph.flows.append(Flow(from: "refinery", to: "maker", mineral: "copper", containedTonnes: 950))
        let issue = Self.expectSingle(graph, "mass-balance", .warning, at: .node(index: 1, field: "id"))
        #expect(issue?.message == "node 'refinery' ships 950 t of copper but receives 900 t and produces 0 t (contained)")
    }

    /// A flow with one end unknown still counts at its known end; flows to a repeated id count
    /// at the first node of the id, the only one balanced.
    @Test func massBalanceCountsKnownEndsAtTheFirstNodeOfAnId() {
        var graph = Self.chain()
        graph.nodes[1].outputs = [Output(mineral: "cobalt")]
        graph.flows.append(Flow(from: "refinery", to: "ghost", mineral: "cobalt", containedTonnes: 15))
        graph.nodes.append(Node(id: "refinery", kind: .processor, country: "IND", outputs: [Output(mineral: "cobalt", containedTonnes: 1)]))
        let balance = GraphValidator().run(on: graph).filter { $0.code == .massBalance }
        #expect(balance.map(\.location) == [.node(index: 1, field: "id")])
        #expect(balance.first?.message == "node 'refinery' ships 35 t of cobalt but receives 30 t and produces 0 t (contained)")
    }

    // MARK: Other countries

    @Test func duplicateOtherCountriesEntry() {
        var graph = Self.chain()
        graph.otherCountries = [
            OtherCountries(mineral: "cobalt", stage: .mining, containedTonnes: 10),
            OtherCountries(mineral: "cobalt", stage: .processing, containedTonnes: 5),
            OtherCountries(mineral: "cobalt", stage: .mining, year: 2022, containedTonnes: 9),
            OtherCountries(mineral: "cobalt", stage: .mining, year: 2023, containedTonnes: 11),
        ]
        let issue = Self.expectSingle(graph, "duplicate-other-countries", .error, at: .otherCountries(index: 3, field: "mineral"))
        #expect(issue?.message == "two 'other countries' entries for cobalt, mining, 2023")
    }

    @Test func otherCountriesForSeveralMineralsStagesAndYearsAreFine() {
        var graph = Self.chain()
        graph.otherCountries = [
            OtherCountries(mineral: "cobalt", stage: .mining, containedTonnes: 10),
            OtherCountries(mineral: "cobalt", stage: .processing, containedTonnes: 5),
            OtherCountries(mineral: "cobalt", stage: .mining, year: 2022, containedTonnes: 9),
            OtherCountries(mineral: "lithium", stage: .mining, containedTonnes: 9),
        ]
        #expect(Self.codes(graph) == [])
    }

    // MARK: Whole graphs

    @Test func recyclingLoopIsLegal() {
        var graph = Self.chain()
        graph.nodes.append(Node(id: "recycler", kind: .wasteDestination(.recycling), country: "BEL",
                                outputs: [Output(mineral: "cobalt", containedTonnes: 2)]))
        graph.nodes[2].outputs.append(Output(mineral: "e-waste", tonnes: 50))
        graph.flows.append(Flow(from: "maker", to: "recycler", mineral: "e-waste", tonnes: 50, type: .waste))
        graph.flows.append(Flow(from: "recycler", to: "refinery", mineral: "cobalt", containedTonnes: 2, type: .recoveredFraction))
        #expect(Self.codes(graph) == [])
    }

    @Test func findingsFollowTheGraphsOrder() {
        var graph = Self.chain()
        graph.name = ""
        graph.nodes[2].country = "XXX"
        graph.nodes[0].country = "YYY"
        graph.flows[1].tonnes = -1
        graph.otherCountries = [OtherCountries(mineral: "tin", stage: .mining, tonnes: -1)]
        #expect(GraphValidator().run(on: graph).map(\.location) == [
            .graph(field: "name"), .node(index: 0, field: "country"), .node(index: 2, field: "country"),
            .otherCountries(index: 0, field: "tonnes"), .flow(index: 1, field: "tonnes"),
        ])
    }
}

@Suite("Mass balance bases")
struct MassBalanceBasisTests {
    /// A mine declaring 30 t contained cobalt in 100 t hydroxide, shipping 90 t gross only.
    static func mixed(flowTonnes: Double) -> SupplyGraph {
        SupplyGraph(
            name: "mixed", year: 2023,
            nodes: [
                Node(id: "mine", kind: .mine, country: "COD", outputs: [Output(mineral: "cobalt", tonnes: 100, containedTonnes: 30)]),
                Node(id: "refinery", kind: .processor, country: "CHN", outputs: [Output(mineral: "cobalt")]),
            ],
            flows: [Flow(from: "mine", to: "refinery", mineral: "cobalt", tonnes: flowTonnes)])
    }

    @Test func grossFlowsAreNotComparedWithContainedOutput() {
        // 90 t gross is above the 30 t contained but below the 100 t gross output: no finding.
        #expect(GraphValidator().run(on: Self.mixed(flowTonnes: 90)).isEmpty)
    }

    @Test func grossFlowsAreComparedWithGrossOutput() throws {
        let issue = try #require(GraphValidator().run(on: Self.mixed(flowTonnes: 120)).first)
        #expect(issue.code == .shipsMoreThanOutput)
        #expect(issue.message == "node 'mine' ships 120 t of cobalt but its output is 100 t (gross)")
        #expect(issue.location == .output(node: 0, index: 0, field: "tonnes"))
    }

    @Test func grossTonnesOfProcessedMineralsAreNotMassBalanced() {
        // A refinery receiving 100 t hydroxide gross and shipping 120 t of a heavier salt is fine:
        // gross mass is not conserved through processing; contained tonnes are.
        var graph = Self.mixed(flowTonnes: 100)
        graph.nodes.append(Node(id: "maker", kind: .manufacturer, country: "KOR", outputs: [Output(mineral: "cobalt")]))
        graph.flows.append(Flow(from: "refinery", to: "maker", mineral: "cobalt", tonnes: 120))
        #expect(GraphValidator().run(on: graph).isEmpty)
    }

    @Test func eWasteIsMassBalancedOnGrossTonnes() throws {
        let graph = SupplyGraph(
            name: "ewaste", year: 2022,
            nodes: [
                Node(id: "users", kind: .consumer, country: "DEU", outputs: [Output(mineral: "e-waste", tonnes: 10)]),
                Node(id: "hub", kind: .wasteDestination(.recycling), country: "NLD", outputs: [Output(mineral: "e-waste")]),
                Node(id: "site", kind: .wasteDestination(.informal), country: "GHA"),
            ],
            flows: [
                Flow(from: "users", to: "hub", mineral: "e-waste", tonnes: 10, type: .waste),
                Flow(from: "hub", to: "site", mineral: "e-waste", tonnes: 12, type: .waste),
            ])
        let issue = try #require(GraphValidator().run(on: graph).first)
        #expect(issue.code == .massBalance)
        #expect(issue.message == "node 'hub' ships 12 t of e-waste but receives 10 t and produces 0 t (gross)")
    }
}
