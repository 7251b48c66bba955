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
/// Safe to share between threads: each entry is built by the first pass that asks for it, under
/// a lock of its own, and a pass on another thread asking for the same entry meanwhile waits for
/// it; passes asking for other entries go on (a report builds its sections side by side on one).
/// Entries ask for other entries while they are built (the ledger for the water model, which
/// asks for the production system ...), never for themselves, so no two wait for each other.
public final class GraphDerivations: @unchecked Sendable {
    public let graph: SupplyGraph
    /// Guards the tables of cells (held only to find or add a cell, not while one is built).
    private let lock = NSLock()

    public init(_ graph: SupplyGraph) {
        self.graph = graph
    }

    /// One entry: built once, under its own lock, by the first thread that asks for it.
    private final class Cell<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Value?

        func value(_ make: () -> Value) -> Value {
            lock.lock()
            defer { lock.unlock() }
            if let value { return value }
            let made = make()
            value = made
            return made
        }
    }

    /// The cell of `key` in `table`, added the first time.
    private func cell<Key: Hashable, Value>(_ table: ReferenceWritableKeyPath<GraphDerivations, [Key: Cell<Value>]>, _ key: Key) -> Cell<Value> {
        lock.lock()
        defer { lock.unlock() }
        if let known = self[keyPath: table][key] { return known }
        let made = Cell<Value>()
        self[keyPath: table][key] = made
        return made
    }

    private let storedIndex = Cell<FlowIndex>()
    private let storedSystem = Cell<ProductionSystem>()

    /// Node positions, in- and out-flows per node, nodes per country.
    var index: FlowIndex { storedIndex.value { FlowIndex(graph) } }
    /// Outputs, flow quantities and technical coefficients (METHODS §5.4).
    var system: ProductionSystem { storedSystem.value { ProductionSystem(index) } }

    private var plans: [[Stage]: Cell<[StageSupply.Plan]>] = [:]
    private var waterModels: [WaterModelKey: Cell<EmbodiedWaterModel>] = [:]
    private var ledgers: [LedgerKey: Cell<TradeLedger>] = [:]
    private var valueAdded: [ValueAddedKey: Cell<ValueAdded>] = [:]
    private var inflows: [MineralID: Cell<MineralInflows>] = [:]

    /// `StageSupply.plans(in:stages:)` of the graph. When node ids are unique, the plans of
    /// some stages are those of every stage at these stages (each market reads the nodes of its
    /// own stage only; with a repeated id, the first node of the id among the stages counts), so
    /// they are taken from the plans of every stage, made once.
    func plans(stages: [Stage]) -> [StageSupply.Plan] {
        cell(\.plans, stages).value {
            if stages != Stage.allCases, index.position.count == graph.nodes.count {
                let wanted = Set(stages)
                return plans(stages: Stage.allCases).filter { wanted.contains($0.supply.stage) }
            }
            return StageSupply.plans(in: index, stages: stages)
        }
    }

    /// The solved water model of `pass`'s defaults and solver (`WaterFootprintPass.model(_:)`).
    func waterModel(_ pass: WaterFootprintPass) -> EmbodiedWaterModel {
        cell(\.waterModels, WaterModelKey(pass)).value { pass.model(system) }
    }

    /// The trade ledger with `water`'s embodied water and `scheme`'s groups.
    func ledger(water: WaterFootprintPass, scheme: CountryGroupScheme?) -> TradeLedger {
        cell(\.ledgers, LedgerKey(water: WaterModelKey(water), scheme: SchemeKey(scheme))).value {
            TradeLedger(self, water: water, scheme: scheme)
        }
    }

    /// ``ValueAddedPass``'s result with `pass`'s options.
    func valueAdded(_ pass: ValueAddedPass) -> ValueAdded {
        cell(\.valueAdded, ValueAddedKey(scheme: SchemeKey(pass.scheme), tolerance: pass.tolerance)).value { pass.compute(self) }
    }

    /// The in-flows of `mineral` that origin tracing weighs (``ExposurePass``), whatever the origins.
    func inflows(of mineral: MineralID) -> MineralInflows {
        cell(\.inflows, mineral).value { MineralInflows(mineral, index: index) }
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
