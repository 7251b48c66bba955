import MineralGraphCore

/// The structures several passes derive from one graph, built on first use and kept: node
/// positions and flow lists (`FlowIndex`), the physical input–output model
/// (`ProductionSystem`), the stage-supply plans, the solved water model, the trade ledger, the
/// value added and the in-flows that origin tracing weighs. A report runs a dozen passes on one graph; given one `GraphDerivations`
/// they build each of these once instead of once per pass.
///
/// Every entry is a pure function of the graph and of the options it is kept under (a water
/// model per set of water defaults and solver options, a ledger per water options and country
/// scheme ...), so a pass gives the same result on `GraphDerivations(graph)` as on `graph`:
/// each pass's `run(on: graph)` is its `run(on: GraphDerivations(graph))`.
///
/// Not safe to share between threads while passes fill it: use one per thread (a report builds
/// its sections one after another on one).
public final class GraphDerivations {
    public let graph: SupplyGraph

    public init(_ graph: SupplyGraph) {
        self.graph = graph
    }

    /// Node positions, in- and out-flows per node, nodes per country.
    private(set) lazy var index = FlowIndex(graph)
    /// Outputs, flow quantities and technical coefficients (METHODS §5.4).
    private(set) lazy var system = ProductionSystem(index)

    private var plans: [[Stage]: [StageSupply.Plan]] = [:]
    private var waterModels: [WaterModelKey: EmbodiedWaterModel] = [:]
    private var ledgers: [LedgerKey: TradeLedger] = [:]
    private var valueAdded: [ValueAddedKey: ValueAdded] = [:]
    private var inflows: [MineralID: MineralInflows] = [:]

    /// `StageSupply.plans(in:stages:)` of the graph. When node ids are unique, the plans of
    /// some stages are those of every stage at these stages (each market reads the nodes of its
    /// own stage only; with a repeated id, the first node of the id among the stages counts), so
    /// they are taken from the plans of every stage, made once.
    func plans(stages: [Stage]) -> [StageSupply.Plan] {
        if let known = plans[stages] { return known }
        let made: [StageSupply.Plan]
        if stages != Stage.allCases, index.position.count == graph.nodes.count {
            let wanted = Set(stages)
            made = plans(stages: Stage.allCases).filter { wanted.contains($0.supply.stage) }
        } else {
            made = StageSupply.plans(in: index, stages: stages)
        }
        plans[stages] = made
        return made
    }

    /// The solved water model of `pass`'s defaults and solver (`WaterFootprintPass.model(_:)`).
    func waterModel(_ pass: WaterFootprintPass) -> EmbodiedWaterModel {
        let key = WaterModelKey(pass)
        if let known = waterModels[key] { return known }
        let made = pass.model(system)
        waterModels[key] = made
        return made
    }

    /// The trade ledger with `water`'s embodied water and `scheme`'s groups.
    func ledger(water: WaterFootprintPass, scheme: CountryGroupScheme?) -> TradeLedger {
        let key = LedgerKey(water: WaterModelKey(water), scheme: SchemeKey(scheme))
        if let known = ledgers[key] { return known }
        let made = TradeLedger(self, water: water, scheme: scheme)
        ledgers[key] = made
        return made
    }

    /// ``ValueAddedPass``'s result with `pass`'s options.
    func valueAdded(_ pass: ValueAddedPass) -> ValueAdded {
        let key = ValueAddedKey(scheme: SchemeKey(pass.scheme), tolerance: pass.tolerance)
        if let known = valueAdded[key] { return known }
        let made = pass.compute(self)
        valueAdded[key] = made
        return made
    }

    /// The in-flows of `mineral` that origin tracing weighs (``ExposurePass``), whatever the origins.
    func inflows(of mineral: MineralID) -> MineralInflows {
        if let known = inflows[mineral] { return known }
        let made = MineralInflows(mineral, index: index)
        inflows[mineral] = made
        return made
    }

    /// What the water model depends on: the defaults for missing intensities and the solver.
    private struct WaterModelKey: Hashable {
        let defaultWater: WaterUse?
        let defaultWaterByStage: [Stage: WaterUse]
        let solver: LinearSolverOptions

        init(_ pass: WaterFootprintPass) {
            defaultWater = pass.defaultWater
            defaultWaterByStage = pass.defaultWaterByStage
            solver = pass.solver
        }
    }

    /// A country-group scheme by its contents (`nil`: the graph's scheme or the default).
    private struct SchemeKey: Hashable {
        let id: String?, title: String?, source: String?, asOf: String?
        let developed: Set<CountryCode>?, leastDeveloped: Set<CountryCode>?

        init(_ scheme: CountryGroupScheme?) {
            id = scheme?.id
            title = scheme?.title
            source = scheme?.source
            asOf = scheme?.asOf
            developed = scheme?.developed
            leastDeveloped = scheme?.leastDeveloped
        }
    }

    private struct LedgerKey: Hashable {
        let water: WaterModelKey
        let scheme: SchemeKey
    }

    private struct ValueAddedKey: Hashable {
        let scheme: SchemeKey
        let tolerance: Double
    }
}
