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

    public init(water: WaterFootprintPass = WaterFootprintPass(), scheme: CountryGroupScheme? = nil) {
        self.water = water
        self.scheme = scheme
    }

    public func run(on graph: SupplyGraph) -> VirtualWaterTrade {
        let ledger = TradeLedger(graph: graph, water: water, scheme: scheme)
        let flows = ledger.entries.map { entry in
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

/// Result of ``VirtualWaterTradePass`` (E3).
public struct VirtualWaterTrade: Hashable, Codable, Sendable {
    /// Every inter-country product flow, in graph order.
    public var flows: [VirtualWaterFlow]
    public var countries: [VirtualWaterBalance]
    public var groups: [VirtualWaterBalance]
    public var scheme: CountryGroupingInfo
    public var solver: SolverReport

    public init(
        flows: [VirtualWaterFlow], countries: [VirtualWaterBalance], groups: [VirtualWaterBalance],
        scheme: CountryGroupingInfo, solver: SolverReport
    ) {
        self.flows = flows
        self.countries = countries
        self.groups = groups
        self.scheme = scheme
        self.solver = solver
    }
}

/// Virtual water carried by one traded flow.
public struct VirtualWaterFlow: Hashable, Codable, Sendable {
    /// Position of the flow in the graph.
    public var flowIndex: Int
    public var from: String
    public var to: String
    public var mineral: MineralID
    public var exporter: CountryCode
    public var importer: CountryCode
    /// `q_e`, in the source node's basis.
    public var quantityTonnes: MetricValue
    public var basis: TonnageBasis?
    /// VW(e) per quantity, m³ (m³ world-eq for the AWARE-weighted quantity).
    public var waterM3: PerWaterQuantity<MetricValue>

    public init(
        flowIndex: Int, from: String, to: String, mineral: MineralID, exporter: CountryCode, importer: CountryCode,
        quantityTonnes: MetricValue, basis: TonnageBasis?, waterM3: PerWaterQuantity<MetricValue>
    ) {
        self.flowIndex = flowIndex
        self.from = from
        self.to = to
        self.mineral = mineral
        self.exporter = exporter
        self.importer = importer
        self.quantityTonnes = quantityTonnes
        self.basis = basis
        self.waterM3 = waterM3
    }
}

/// Virtual-water trade of one country or group; `net` is NVW (+ = net importer).
public struct VirtualWaterBalance: Hashable, Codable, Sendable {
    public var party: CountryOrGroup
    public var exportFlowCount: Int
    public var importFlowCount: Int
    public var waterM3: PerWaterQuantity<TradeFlows>

    public init(party: CountryOrGroup, exportFlowCount: Int, importFlowCount: Int, waterM3: PerWaterQuantity<TradeFlows>) {
        self.party = party
        self.exportFlowCount = exportFlowCount
        self.importFlowCount = importFlowCount
        self.waterM3 = waterM3
    }
}
