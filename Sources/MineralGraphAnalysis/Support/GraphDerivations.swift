import Foundation
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
/// Safe to share between threads: an entry is built under a lock by the first pass that asks
/// for it, and a pass on another thread asking for it meanwhile waits for it (a report builds
/// its sections side by side on one).
public final class GraphDerivations: @unchecked Sendable {
    public let graph: SupplyGraph
    /// Guards every entry; recursive, because building one entry asks for others (a ledger
    /// for the water model, which asks for the production system ...).
    private let lock = NSRecursiveLock()

    public init(_ graph: SupplyGraph) {
        self.graph = graph
    }

    /// `make()` under the lock, kept in `slot` the first time. (The slot is read and written
    /// through its key path, not held `inout` while `make` runs, which may fill other slots.)
    private func entry<Value>(_ slot: ReferenceWritableKeyPath<GraphDerivations, Value?>, _ make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let known = self[keyPath: slot] { return known }
        let made = make()
        self[keyPath: slot] = made
        return made
    }

    /// `make()` under the lock, kept in `table` under `key` the first time.
    private func entry<Key: Hashable, Value>(
        _ table: ReferenceWritableKeyPath<GraphDerivations, [Key: Value]>, _ key: Key, _ make: () -> Value
    ) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let known = self[keyPath: table][key] { return known }
        let made = make()
        self[keyPath: table][key] = made
        return made
    }

    private var storedIndex: FlowIndex?
    private var storedSystem: ProductionSystem?

    /// Node positions, in- and out-flows per node, nodes per country.
    var index: FlowIndex { entry(\.storedIndex) { FlowIndex(graph) } }
    /// Outputs, flow quantities and technical coefficients (METHODS §5.4).
    var system: ProductionSystem { entry(\.storedSystem) { ProductionSystem(index) } }

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
        entry(\.plans, stages) {
            if stages != Stage.allCases, index.position.count == graph.nodes.count {
                let wanted = Set(stages)
                return plans(stages: Stage.allCases).filter { wanted.contains($0.supply.stage) }
            }
            return StageSupply.plans(in: index, stages: stages)
        }
    }

    /// The solved water model of `pass`'s defaults and solver (`WaterFootprintPass.model(_:)`).
    func waterModel(_ pass: WaterFootprintPass) -> EmbodiedWaterModel {
        entry(\.waterModels, WaterModelKey(pass)) { pass.model(system) }
    }

    /// The trade ledger with `water`'s embodied water and `scheme`'s groups.
    func ledger(water: WaterFootprintPass, scheme: CountryGroupScheme?) -> TradeLedger {
        entry(\.ledgers, LedgerKey(water: WaterModelKey(water), scheme: SchemeKey(scheme))) {
            TradeLedger(self, water: water, scheme: scheme)
        }
    }

    /// ``ValueAddedPass``'s result with `pass`'s options.
    func valueAdded(_ pass: ValueAddedPass) -> ValueAdded {
        entry(\.valueAdded, ValueAddedKey(scheme: SchemeKey(pass.scheme), tolerance: pass.tolerance)) { pass.compute(self) }
    }

    /// The in-flows of `mineral` that origin tracing weighs (``ExposurePass``), whatever the origins.
    func inflows(of mineral: MineralID) -> MineralInflows {
        entry(\.inflows, mineral) { MineralInflows(mineral, index: index) }
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
