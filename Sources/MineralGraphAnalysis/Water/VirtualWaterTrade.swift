import MineralGraphCore

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
