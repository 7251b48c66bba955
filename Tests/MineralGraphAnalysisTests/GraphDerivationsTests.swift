import MineralGraphCore
import Testing

@testable import MineralGraphAnalysis

/// Passes run one after another on one `GraphDerivations` (as a report's sections run them)
/// give what each gives on the graph alone, whatever options they share or not.
@Suite("Shared graph derivations")
struct GraphDerivationsTests {
    /// UNCTAD's lists with Zambia moved to the developed economies: other group totals.
    static let zambiaDeveloped = CountryGroupScheme(
        id: "test-zambia-developed", title: "Test", source: "test", asOf: "2024-01-01",
        developed: CountryGroupScheme.defaultScheme.developed.union([CountryCode("ZMB")]),
        leastDeveloped: CountryGroupScheme.defaultScheme.leastDeveloped)

    static let imputing = WaterFootprintPass(defaultWater: WaterUse(consumptionM3PerTonne: 50, awareFactor: 20))

    @Test(arguments: [ChainFixtures.valueChain(), ChainFixtures.twoCountry(), ChainFixtures.recyclingLoop(), ChainFixtures.exposureToy()])
    func sharedResultsAreThoseOfSeparateRuns(_ stated: SupplyGraph) {
        var graph = stated
        graph.nodes[0].water = nil  // a missing intensity: the imputing water options differ
        let derived = GraphDerivations(graph)
        let schemes: [CountryGroupScheme?] = [nil, .defaultScheme, Self.zambiaDeveloped]
        for scheme in schemes {
            for water in [WaterFootprintPass(), Self.imputing] {
                let terms = TermsOfTradePass(water: water, scheme: scheme)
                #expect(terms.run(on: derived) == terms.run(on: graph))
                let virtual = VirtualWaterTradePass(water: water, scheme: scheme)
                #expect(virtual.run(on: derived) == virtual.run(on: graph))
                let burden = BurdenBenefitPass(water: water, scheme: scheme)
                #expect(burden.run(on: derived) == burden.run(on: graph))
                #expect(water.run(on: derived) == water.run(on: graph))
            }
            let balance = PhysicalTradeBalancePass(scheme: scheme)
            #expect(balance.run(on: derived) == balance.run(on: graph))
            let valueAdded = ValueAddedPass(scheme: scheme)
            #expect(valueAdded.run(on: derived) == valueAdded.run(on: graph))
            #expect(ValueCapturePass(scheme: scheme).run(on: derived) == ValueCapturePass(scheme: scheme).run(on: graph))
            #expect(WasteBalancePass(scheme: scheme).run(on: derived) == WasteBalancePass(scheme: scheme).run(on: graph))
        }
        #expect(StageUnitValuePass().run(on: derived) == StageUnitValuePass().run(on: graph))
        for pass in [ExposurePass(), ExposurePass(originStage: .processing, resolution: .countries)] {
            #expect(pass.run(on: derived) == pass.run(on: graph))
        }
        #expect(CountryExposurePass().run(on: derived) == CountryExposurePass().run(on: graph))
        for stages in [StageConcentrationPass.defaultStages, Stage.allCases, [.processing]] {
            let concentration = StageConcentrationPass(stages: stages)
            #expect(concentration.run(on: derived) == concentration.run(on: graph))
        }
        #expect(ImportConcentrationPass().run(on: derived) == ImportConcentrationPass().run(on: graph))
        #expect(ExportConcentrationPass().run(on: derived) == ExportConcentrationPass().run(on: graph))
    }

    /// Passes run side by side on one `GraphDerivations`, each entry built by whichever asks
    /// first while others build other entries, give what they give on the graph alone.
    @Test(arguments: [ChainFixtures.valueChain(), ChainFixtures.recyclingLoop(), ChainFixtures.exposureToy()])
    func passesSideBySideGetWhatSeparateRunsGet(_ graph: SupplyGraph) {
        let scheme = Self.zambiaDeveloped
        // Results as their full descriptions (Sendable, compared whole).
        let runs: [@Sendable (GraphDerivations) -> String] = [
            { String(reflecting: TermsOfTradePass(water: Self.imputing, scheme: scheme).run(on: $0)) },
            { String(reflecting: VirtualWaterTradePass(water: WaterFootprintPass(), scheme: nil).run(on: $0)) },
            { String(reflecting: BurdenBenefitPass(water: Self.imputing, scheme: nil).run(on: $0)) },
            { String(reflecting: WaterFootprintPass().run(on: $0)) },
            { String(reflecting: PhysicalTradeBalancePass(scheme: scheme).run(on: $0)) },
            { String(reflecting: ValueAddedPass(scheme: nil).run(on: $0)) },
            { String(reflecting: CountryExposurePass().run(on: $0)) },
            { String(reflecting: StageConcentrationPass(stages: [.processing]).run(on: $0)) },
            { String(reflecting: ImportConcentrationPass().run(on: $0)) },
        ]
        let separate = runs.map { $0(GraphDerivations(graph)) }
        for _ in 0..<4 {
            let derived = GraphDerivations(graph)
            let shared = Parallel.map(0..<2 * runs.count) { runs[$0 % runs.count](derived) }
            #expect(shared == separate + separate)
        }
    }

    /// The scheme and the water options are part of what a kept ledger and model are kept
    /// under: a second pass with other ones does not get the first one's.
    @Test func otherOptionsGetOtherResults() {
        var graph = ChainFixtures.twoCountry()
        graph.nodes[0].water = nil
        let derived = GraphDerivations(graph)
        let plain = VirtualWaterTradePass().run(on: derived)
        let imputed = VirtualWaterTradePass(water: Self.imputing).run(on: derived)
        #expect(plain.countries != imputed.countries)
        let defaultGroups = TermsOfTradePass(scheme: .defaultScheme).run(on: derived)
        let otherGroups = TermsOfTradePass(scheme: Self.zambiaDeveloped).run(on: derived)
        #expect(defaultGroups.groups != otherGroups.groups)
    }

    /// The plans of some stages, taken from those of every stage when node ids are unique, are
    /// those made for these stages alone; with a repeated id (the first node of the id among the
    /// stages counts) they are made for these stages.
    @Test func stagePlansOfSomeStagesAreThoseMadeForThem() {
        var repeated = ChainFixtures.valueChain()
        // A use-stage node with the id of the processing node C, before it.
        repeated.nodes.insert(Node(id: "C", kind: .consumer, country: "FRA", outputs: [Output(mineral: "cobalt", tonnes: 5)]), at: 0)
        for graph in [ChainFixtures.valueChain(), ChainFixtures.recyclingLoop(), ChainFixtures.exposureToy(), repeated] {
            let derived = GraphDerivations(graph)
            for stages in [Stage.allCases, StageConcentrationPass.defaultStages, [.processing], [.use, .mining]] {
                #expect(StageSupply.collect(from: derived, stages: stages) == StageSupply.collect(from: graph, stages: stages))
            }
        }
    }

    @Test func virtualWaterWithoutTheFlowList() {
        let graph = ChainFixtures.twoCountry()
        let listed = VirtualWaterTradePass().run(on: graph)
        let balances = VirtualWaterTradePass(listsFlows: false).run(on: graph)
        #expect(!listed.flows.isEmpty && balances.flows.isEmpty)
        #expect(balances.countries == listed.countries && balances.groups == listed.groups)
    }
}
