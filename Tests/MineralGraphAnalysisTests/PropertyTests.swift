import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphAnalysis

/// METHODS §8 property tests for the passes of this module, on chains with recycling loops of
/// different strength.
@Suite("METHODS §8 properties")
struct PropertyTests {
    /// Mine M (100 t Co) → refiner R → maker J; J sends a share `scrap` of its output to recycler
    /// Y, which returns a share `recovery` of it to R. Steady state: O_R = 100 / (1 − scrap·recovery).
    static func loop(scrap: Double, recovery: Double) -> SupplyGraph {
        let refined = 100 / (1 - scrap * recovery)
        let scrapTonnes = scrap * refined
        let recovered = recovery * scrapTonnes
        return SupplyGraph(
            name: "loop", year: 2023,
            nodes: [
                Node(id: "M", kind: .mine, country: "COD", outputs: [Output(mineral: "cobalt", containedTonnes: 100)],
                     water: WaterUse(withdrawalM3PerTonne: 9, consumptionM3PerTonne: 7, awareFactor: 30)),
                Node(id: "R", kind: .processor, country: "CHN", outputs: [Output(mineral: "cobalt", containedTonnes: refined)],
                     water: WaterUse(withdrawalM3PerTonne: 4, consumptionM3PerTonne: 3, awareFactor: 2)),
                Node(id: "J", kind: .manufacturer, country: "KOR",
                     outputs: [Output(mineral: "cobalt", containedTonnes: refined, valueUSD: 9000)],
                     water: WaterUse(withdrawalM3PerTonne: 2, consumptionM3PerTonne: 1, awareFactor: 1)),
                Node(id: "Y", kind: .wasteDestination(.recycling), country: "BEL",
                     outputs: [Output(mineral: "cobalt", containedTonnes: recovered)],
                     water: WaterUse(withdrawalM3PerTonne: 12, consumptionM3PerTonne: 11, awareFactor: 1)),
                Node(id: "U", kind: .consumer, country: "USA"),
            ],
            flows: [
                Flow(from: "M", to: "R", mineral: "cobalt", containedTonnes: 100, valueUSD: 1000),
                Flow(from: "R", to: "J", mineral: "cobalt", containedTonnes: refined, valueUSD: 3000),
                Flow(from: "J", to: "Y", mineral: "cobalt", containedTonnes: scrapTonnes, valueUSD: 50, type: .waste),
                Flow(from: "Y", to: "R", mineral: "cobalt", containedTonnes: recovered, valueUSD: 400, type: .recoveredFraction),
                Flow(from: "J", to: "U", mineral: "cobalt", containedTonnes: refined - scrapTonnes, valueUSD: 8000),
            ])
    }

    static let loops: [(Double, Double)] = [(0, 0), (0.1, 0.5), (0.5, 0.9), (0.9, 0.99)]

    /// §5.4–§5.5: embodied water of final outputs equals total direct water, for every quantity.
    @Test(arguments: loops)
    func embodiedWaterIsConserved(scrap: Double, recovery: Double) {
        let result = WaterFootprintPass().run(on: Self.loop(scrap: scrap, recovery: recovery))
        #expect(result.solver.converged)
        #expect(result.solver.cyclicComponents == (scrap > 0 ? 1 : 0))
        for quantity in [WaterQuantity.withdrawal, .consumption, .scarcityWeightedConsumption] {
            let total = result.totals[quantity]
            #expect((total.conservationRelativeError.value ?? 1) < 1e-9, "\(quantity)")
            #expect(approx(total.finalOutputEmbodiedM3.value, total.directM3.value!, tolerance: 1e-9))
        }
        // The consumer receives all final output: the water embodied in what it imports is all
        // the water used (J keeps nothing).
        let imported = VirtualWaterTradePass().run(on: Self.loop(scrap: scrap, recovery: recovery))
            .countries.first { $0.party.id == "USA" }!.waterM3.consumption.imported
        #expect(approx(imported.value, result.totals.consumption.directM3.value!, tolerance: 1e-9))
    }

    /// The same conservation with Gauss–Seidel iteration instead of elimination, within its tolerance.
    @Test(arguments: loops.dropFirst())
    func iteratedSolutionIsConservedWithinTolerance(scrap: Double, recovery: Double) {
        let pass = WaterFootprintPass(solver: LinearSolverOptions(maxIterations: 100_000, directSolveLimit: 0))
        let result = pass.run(on: Self.loop(scrap: scrap, recovery: recovery))
        #expect(result.solver.converged)
        #expect(result.solver.iterations > 1)
        #expect((result.totals.consumption.conservationRelativeError.value ?? 1) < 1e-8)
    }

    /// §3.1: Σ VA over a closed chain = value of final output.
    @Test(arguments: loops)
    func valueAddedSumsToFinalOutputValue(scrap: Double, recovery: Double) {
        let result = ValueAddedPass().run(on: Self.loop(scrap: scrap, recovery: recovery))
        #expect(result.totalValueAddedUSD.value != nil)
        #expect(approx(result.totalValueAddedUSD.value, result.finalOutputValueUSD.value!))
        // J keeps $1,000 of its $9,000 output and sells $8,000 to consumers.
        #expect(result.finalOutputValueUSD.value == 9000)
    }

    /// §4.2: with one mine, every node's supply originates there, however strong the loop.
    @Test(arguments: loops)
    func exposureToTheOnlyMineIsOne(scrap: Double, recovery: Double) throws {
        let cobalt = try #require(ExposurePass().run(on: Self.loop(scrap: scrap, recovery: recovery)).mineral("cobalt"))
        for node in cobalt.nodes where node.inflowTonnes.value != 0 || node.isSource {
            #expect(approx(node.share(from: "M"), 1), "\(node.nodeID)")
        }
        // Without scrap the recycler receives nothing: its origin is undefined, not zero.
        if scrap == 0 { #expect(cobalt.node("Y")?.untracedShare.unavailable?.code == .noSupply) }
    }

    /// RME are conserved like water: the mine's 100 t reach final demand.
    @Test(arguments: loops)
    func rawMaterialEquivalentsReachFinalDemand(scrap: Double, recovery: Double) {
        let result = PhysicalTradeBalancePass().run(on: Self.loop(scrap: scrap, recovery: recovery))
        let usa = result.countries.first { $0.party.id == "USA" }!
        // J ships all of its output that is not scrap to U.
        #expect(approx(usa.rawMaterialEquivalentTonnes.imported.value, 100, tolerance: 1e-9))
    }
}
