import MineralGraphCore

/// E3 — net embodied (virtual) water transfer per country and group, raw and scarcity-weighted
/// (METHODS §2.3, §5.4).
///
///     VW(e)    = q_e · W*_src(e)                  [m³]           (W* from ``WaterFootprintPass``)
///     VW_AW(e) = q_e · W*_AW,src(e)               [m³ world-eq]  (AWARE applied where consumed)
///     NVW_A    = Σ_{e into A} VW(e) − Σ_{e out of A} VW(e)       (+ = net virtual-water importer)
///
/// for withdrawal and consumption separately, the AWARE-weighted consumption, and brine and
/// seawater (kept apart: not freshwater). `q_e` is the flow in its source node's basis.
/// Inter-country `product` flows only (waste excluded, §2.5); groups drop intra-group edges.
///
/// Edge cases: a flow whose source or any upstream node lacks an intensity has no virtual water
/// (`MISSING_INTENSITY`) unless the water options impute a default (values then `imputed`);
/// a country without trade → `NO_TRADE`.
///
/// Worked example (§2.4): S exports 1,000 t × 30 m³/t and imports 50 t × 100 m³/t → NVW_S =
/// 5,000 − 30,000 = −25,000 m³; with AWARE 20 and 1, NVW_AW,S = 5,000 − 600,000 = −595,000.
///
/// Sources: Allan (virtual water); Hoekstra et al. 2011; Moran et al. 2013; Boulay et al. 2018.
public struct VirtualWaterTradePass: Sendable {
    /// Water options (defaults, AWARE, solver).
    public var water: WaterFootprintPass
    /// Country-group scheme; `nil` uses the graph's `country_scheme` or the default.
    public var scheme: CountryGroupScheme?
    /// Whether the result lists every inter-country flow with its virtual water
    /// (``VirtualWaterTrade/flows``); without them (a report reads the balances only) it is empty.
    public var listsFlows: Bool

    public init(water: WaterFootprintPass = WaterFootprintPass(), scheme: CountryGroupScheme? = nil, listsFlows: Bool = true) {
        self.water = water
        self.scheme = scheme
        self.listsFlows = listsFlows
    }

    public func run(on graph: SupplyGraph) -> VirtualWaterTrade {
        run(on: GraphDerivations(graph))
    }

    /// E3 of `derived`'s graph, with the trade ledger it keeps for the other trade passes.
    public func run(on derived: GraphDerivations) -> VirtualWaterTrade {
        let graph = derived.graph
        let ledger = derived.ledger(water: water, scheme: scheme)
        let flows: [VirtualWaterFlow] = !listsFlows ? [] : ledger.entries.map { entry in
            let flow = graph.flows[entry.flow]
            let from = ledger.index.endpoints[entry.flow]!.from
            return VirtualWaterFlow(
                flowIndex: entry.flow, from: flow.from, to: flow.to, mineral: flow.mineral,
                exporter: entry.exporter, importer: entry.importer,
                quantityTonnes: ledger.water.system.flowQuantity[entry.flow], basis: ledger.water.system.basis[from],
                waterM3: PerWaterQuantity { entry.amounts[TradeLedger.Measure.of($0).rawValue] })
        }
        let rows = ledger.aggregation.rows.map { party, totals in
            VirtualWaterBalance(
                party: party, exportFlowCount: totals.exportFlows, importFlowCount: totals.importFlows,
                waterM3: PerWaterQuantity { TradeLedger.flows(totals, TradeLedger.Measure.of($0)) })
        }
        return VirtualWaterTrade(
            flows: flows, countries: rows.filter { $0.party.kind == .country },
            groups: rows.filter { $0.party.kind == .group }, scheme: ledger.grouping.info, solver: ledger.solver)
    }
}
