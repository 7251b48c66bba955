import MineralGraphTestSupport
import Testing

@testable import MineralGraphAnalysis
import MineralGraphCore

/// Issue 11's reproducers: no pass adds figures of two bases (METHODS §0.1), and the fixes the
/// differential test found. Each expectation failed before the basis model.
@Suite("Quantity bases in every pass")
struct QuantityBasisTests {
    static func mine(_ id: String, _ country: CountryCode, _ output: Output) -> Node {
        Node(id: id, kind: .mine, country: country, outputs: [output])
    }

    /// B1: a mine stating only gross tonnes (300 t concentrate) whose shipment states 100 t Co
    /// counts 100 t Co, not 300 "t Co": HHI 5,000, not 6,250.
    @Test func grossOutputIsNotCountedAsContained() throws {
        let graph = SupplyGraph(
            name: "B1", year: 2023,
            nodes: [
                Self.mine("a", "COD", Output(mineral: "cobalt", containedTonnes: 100)),
                Self.mine("b", "AUS", Output(mineral: "cobalt", tonnes: 300)),
                Node(id: "r", kind: .processor, country: "CHN", outputs: [Output(mineral: "cobalt", containedTonnes: 200)]),
            ],
            flows: [
                Flow(from: "a", to: "r", mineral: "cobalt", containedTonnes: 100),
                Flow(from: "b", to: "r", mineral: "cobalt", tonnes: 300, containedTonnes: 100),
            ])
        let mining = try #require(StageConcentrationPass().run(on: graph).market("cobalt", .mining, year: 2023))
        #expect(approx(mining.measures?.hhi, 5000))
        #expect(mining.basis == "t Co")
        #expect(mining.isComplete)
    }

    /// A node with 100 t contained on one flow and 900 t gross on another is not 1,000 t Co:
    /// it counts 100 t Co and the row is incomplete.
    @Test func flowsOfTwoBasesAreNotAddedAndMarkTheRowIncomplete() throws {
        let graph = SupplyGraph(
            name: "mixed flows", year: 2023,
            nodes: [
                Node(id: "a", kind: .mine, country: "COD", outputs: [Output(mineral: "cobalt")]),
                Self.mine("b", "AUS", Output(mineral: "cobalt", containedTonnes: 100)),
                Node(id: "r", kind: .processor, country: "CHN"),
            ],
            flows: [
                Flow(from: "a", to: "r", mineral: "cobalt", containedTonnes: 100),
                Flow(from: "a", to: "r", mineral: "cobalt", tonnes: 900),
            ])
        let mining = try #require(StageConcentrationPass().run(on: graph).market("cobalt", .mining, year: 2023))
        #expect(mining.suppliers.first { $0.country == "COD" }?.tonnes == 100)
        #expect(!mining.isComplete)
        #expect(approx(mining.measures?.hhi, 5000))
    }

    /// A gross-only mine in a contained market is missing (gross only), never added.
    @Test func grossOnlyNodeIsMissingFromAContainedMarket() throws {
        let graph = SupplyGraph(
            name: "gross only", year: 2023,
            nodes: [
                Self.mine("a", "COD", Output(mineral: "cobalt", containedTonnes: 100)),
                Self.mine("b", "AUS", Output(mineral: "cobalt", tonnes: 300)),
            ])
        let mining = try #require(StageConcentrationPass().run(on: graph).market("cobalt", .mining, year: 2023))
        #expect(mining.measures?.hhi == 10_000)
        #expect(mining.missing == [StageSupply.MissingSupply(node: "b", country: "AUS", grossOnly: true)])
        #expect(!mining.isComplete)
    }

    /// A market stated in gross tonnes only (trade data) is measured on the gross basis and says so.
    @Test func grossOnlyMarketIsMeasuredOnTheGrossBasis() throws {
        let graph = SupplyGraph(
            name: "gross", year: 2023,
            nodes: [
                Self.mine("a", "COD", Output(mineral: "cobalt", tonnes: 300)),
                Self.mine("b", "AUS", Output(mineral: "cobalt", tonnes: 100)),
            ])
        let mining = try #require(StageConcentrationPass().run(on: graph).market("cobalt", .mining, year: 2023))
        #expect(mining.basis == "t gross")
        #expect(approx(mining.measures?.hhi, 10_000 * (0.75 * 0.75 + 0.25 * 0.25)))
    }

    /// World Mining Data prints lithium as Li₂O, the graphs as LCE: 1,000 t Li₂O = 2,472.9 t LCE
    /// (2 · 6.941 / 29.881 ÷ 2 · 6.941 / 73.891), so the two mines below are equal.
    @Test func oxideAndCarbonateEquivalentsConvertWithTheirStoichiometricFactor() throws {
        let li2o = try #require(QuantityBasis.parse("Li2O"))
        let graph = SupplyGraph(
            name: "lithium bases", year: 2023,
            nodes: [
                Self.mine("a", "AUS", Output(mineral: "lithium", containedTonnes: 1000, basis: li2o)),
                Self.mine("b", "CHL", Output(mineral: "lithium", containedTonnes: 1000 * 73.891 / 29.881)),
            ])
        let mining = try #require(StageConcentrationPass().run(on: graph).market("lithium", .mining, year: 2023))
        #expect(mining.basis == "t LCE")
        #expect(approx(mining.measures?.hhi, 5000, tolerance: 0.01))
    }

    /// A market whose figures all state one basis keeps it: World Mining Data's lithium is t Li₂O.
    @Test func aSingleStatedBasisIsKept() throws {
        let li2o = try #require(QuantityBasis.parse("Li2O"))
        let graph = SupplyGraph(
            name: "WMD lithium", year: 2022,
            nodes: [
                Self.mine("a", "AUS", Output(mineral: "lithium", containedTonnes: 149_800, basis: li2o)),
                Self.mine("b", "ARG", Output(mineral: "lithium", containedTonnes: 14_210, basis: li2o)),
            ])
        let mining = try #require(StageConcentrationPass().run(on: graph).market("lithium", .mining, year: 2022))
        #expect(mining.basis == "t Li₂O")
        #expect(mining.totalTonnes == 164_010)
    }

    /// REO has no element factor: REO next to element tonnes is unavailable with both named.
    @Test func basesWithoutAFactorAreUnavailableWithAReason() throws {
        let graph = SupplyGraph(
            name: "mixed", year: 2023,
            nodes: [
                Self.mine("a", "CHN", Output(mineral: "rare-earths", containedTonnes: 100)),
                Self.mine("b", "AUS", Output(mineral: "rare-earths", containedTonnes: 50, basis: .element)),
            ])
        let mining = try #require(StageConcentrationPass().run(on: graph).market("rare-earths", .mining, year: 2023))
        #expect(mining.measures == nil)
        #expect(mining.unavailable?.code == .mixedBases)
        #expect(mining.unavailable?.reason.contains("t REO (a)") == true)
    }

    /// C2: a 500 t gross flow and a 100 t contained flow: 10,000 on t Co with one flow without
    /// quantity, not 7,222.
    @Test func importConcentrationAddsOneBasis() throws {
        let graph = SupplyGraph(
            name: "C2", year: 2023,
            nodes: [
                Self.mine("a", "COD", Output(mineral: "cobalt")),
                Self.mine("b", "ZMB", Output(mineral: "cobalt")),
                Node(id: "r", kind: .processor, country: "CHN"),
            ],
            flows: [
                Flow(from: "a", to: "r", mineral: "cobalt", tonnes: 500),
                Flow(from: "b", to: "r", mineral: "cobalt", containedTonnes: 100),
            ])
        let row = try #require(ImportConcentrationPass().run(on: graph).importers.first)
        #expect(row.basis == "t Co")
        #expect(row.byTonnes.hhi == 10_000)
        #expect(row.byTonnes.flowsWithoutQuantity == 1)
    }

    /// E4: extraction is contained tonnes: a mine of 300 t concentrate (100 t Li₂O… here t Co)
    /// and one of 100 t contained share 50/50, not 75/25.
    @Test func extractionBurdenIsContainedTonnes() throws {
        let graph = SupplyGraph(
            name: "E4", year: 2023,
            nodes: [
                Self.mine("a", "AUS", Output(mineral: "cobalt", tonnes: 300, containedTonnes: 100, valueUSD: 100)),
                Self.mine("b", "COD", Output(mineral: "cobalt", containedTonnes: 100, valueUSD: 100)),
            ])
        let result = BurdenBenefitPass().run(on: graph)
        let australia = try #require(result.countries.first { $0.party.id == "AUS" })
        #expect(approx(australia.ratios.first { $0.burden == .extraction }?.share.value, 0.5))
    }

    /// V1: a copper–cobalt mine ships all its cobalt but a tenth of its copper: it keeps copper
    /// without a value, whatever the sum of all its shipments.
    @Test func shippingTheWholeOutputIsCheckedPerMineral() throws {
        let graph = SupplyGraph(
            name: "V1", year: 2023,
            nodes: [
                Node(id: "m", kind: .mine, country: "COD", outputs: [
                    Output(mineral: "cobalt", containedTonnes: 100), Output(mineral: "copper", containedTonnes: 1000),
                ]),
                Node(id: "r", kind: .processor, country: "CHN"),
            ],
            flows: [
                Flow(from: "m", to: "r", mineral: "cobalt", containedTonnes: 100, valueUSD: 1000),
                Flow(from: "m", to: "r", mineral: "copper", containedTonnes: 100, valueUSD: 500),
            ])
        let row = try #require(ValueAddedPass().run(on: graph).nodes.first { $0.nodeID == "m" })
        #expect(row.unshippedValueUSD.unavailable?.code == .missingValue)
    }

    /// B5: V2's physical share counts the "other countries" residual, as C1 does: 70 / 100.
    @Test func valueCaptureCountsTheResidualAsConcentrationDoes() throws {
        var graph = SupplyGraph(
            name: "B5", year: 2023,
            nodes: [
                Self.mine("a", "COD", Output(mineral: "cobalt", containedTonnes: 70, valueUSD: 700_000)),
                Node(id: "r", kind: .processor, country: "CHN", outputs: [Output(mineral: "cobalt", containedTonnes: 70, valueUSD: 2_100_000)]),
                Node(id: "k", kind: .consumer, country: "USA"),
            ],
            flows: [
                Flow(from: "a", to: "r", mineral: "cobalt", containedTonnes: 70, valueUSD: 700_000),
                Flow(from: "r", to: "k", mineral: "cobalt", containedTonnes: 70, valueUSD: 2_100_000),
            ])
        graph.otherCountries = [OtherCountries(mineral: "cobalt", stage: .mining, containedTonnes: 30)]
        let capture = try #require(ValueCapturePass().run(on: graph).minerals.first)
        let drc = try #require(capture.countries.first { $0.party.id == "COD" })
        #expect(approx(drc.physicalShare.value, 0.70))
        let c1 = try #require(StageConcentrationPass().run(on: graph).market("cobalt", .mining, year: 2023))
        #expect(approx(c1.suppliers.first?.share, 0.70))
    }

    /// An HHI of exactly 1,800 computed from shares (1,800.0000000000002 in floating point) is
    /// "moderately concentrated" under the 2023 bands.
    @Test func bandThresholdsCompareWithATolerance() throws {
        let measures = try ConcentrationMeasures.fromQuantities(named: [30, 20, 10, 10, 10, 10, 10], residual: 0)
        #expect(abs(measures.hhi - 1800) < 1e-9)
        #expect(measures.band(.us2023) == .moderatelyConcentrated)
        #expect(MergerGuidelines.us2023.band(forHHI: 1800.0000001) == .moderatelyConcentrated)
        #expect(MergerGuidelines.us2023.band(forHHI: 1800.01) == .highlyConcentrated)
        #expect(MergerGuidelines.us2023.band(forHHI: 999.9999999) == .moderatelyConcentrated)
    }

    /// The bottleneck is not robust when a compared stage's figure is withheld.
    @Test func bottleneckIsNotRobustWhenAStageIsWithheld() throws {
        let graph = SupplyGraph(
            name: "withheld", year: 2023,
            nodes: [
                Self.mine("a", "COD", Output(mineral: "cobalt", containedTonnes: 100)),
                Node(id: "r", kind: .processor, country: "CHN", outputs: [Output(mineral: "cobalt")]),
            ])
        let item = try #require(BottleneckStagePass().run(on: graph).minerals.first)
        #expect(item.stage == .mining)
        #expect(!item.isRobust)
    }
}

@Suite("What-if fixes from the differential test")
struct ShockDifferentialTests {
    /// Spare delivered by a supplier whose declared output is 0 appears in the shocked graph, so
    /// the "after" concentration counts it.
    @Test func spareFromASupplierWithoutOutputAppearsInTheShockedGraph() throws {
        var graph = ChainFixtures.exposureToy()
        graph.nodes.append(Node(id: "M_Z", kind: .mine, country: "ZMB", outputs: [Output(mineral: "cobalt", containedTonnes: 0)]))
        let scenario = Scenario(
            id: "spare", shocks: [.cut(OutputCut(nodes: [.id(["M_D"])], fraction: 0.5))],
            spareCapacity: [SpareCapacity(nodes: [.id(["M_Z"])], amount: .tonnes(5))])
        let result = try ShockPropagationPass(scenario: scenario).run(on: graph)
        let used = try #require(result.withSubstitution.spare.first?.usedTonnes)
        #expect(used > 0)
        let shocked = result.withSubstitution.graph
        let output = try #require(shocked.nodes.first { $0.id == "M_Z" }?.outputs.first)
        #expect(approx(output.containedTonnes, used))
        let mining = try #require(StageConcentrationPass().run(on: shocked).market("cobalt", .mining, year: 2023))
        #expect(mining.suppliers.contains { $0.country == "ZMB" })
    }
}

/// A sum's reason must not depend on the order of its terms (node order in the file).
@Test func partialSumReasonIsIndependentOfTermOrder() {
    let terms: [MetricValue] = [
        .unavailable(.missingValue, "flow a → r has no value"), MetricValue(3),
        .unavailable(.missingQuantity, "node 'b' states no tonnes"),
    ]
    var forward = PartialSum(), backward = PartialSum()
    terms.forEach { forward.add($0) }
    terms.reversed().forEach { backward.add($0) }
    #expect(forward.metric == backward.metric)
    #expect(forward.metric.unavailable?.code == .missingQuantity)
}
