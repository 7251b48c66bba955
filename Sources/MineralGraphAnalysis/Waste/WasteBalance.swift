import MineralGraphCore

/// Result of ``WasteBalancePass`` (X1).
public struct WasteBalance: Hashable, Codable, Sendable {
    /// Waste flows in the graph (domestic and international).
    public var wasteFlowCount: Int
    /// Gross tonnes of all waste flows.
    public var totalWasteTonnes: MetricValue
    public var countries: [WasteBalanceRow]
    public var groups: [WasteBalanceRow]
    public var scheme: CountryGroupingInfo

    public init(
        wasteFlowCount: Int, totalWasteTonnes: MetricValue, countries: [WasteBalanceRow], groups: [WasteBalanceRow],
        scheme: CountryGroupingInfo
    ) {
        self.wasteFlowCount = wasteFlowCount
        self.totalWasteTonnes = totalWasteTonnes
        self.countries = countries
        self.groups = groups
        self.scheme = scheme
    }
}

/// X1 for one country or group.
public struct WasteBalanceRow: Hashable, Codable, Sendable {
    public var party: CountryOrGroup
    /// Waste traded, gross tonnes; `net` = imported − exported is the waste balance WB.
    public var wasteTonnes: TradeFlows
    /// Value of the waste traded (negative where exporters pay), USD.
    public var wasteValueUSD: TradeFlows
    /// Recovered fractions traded, gross tonnes.
    public var recoveredTonnes: TradeFlows
    /// Value of recovered fractions traded, USD.
    public var recoveredValueUSD: TradeFlows
    /// Value of recovered fractions exported / value of waste imported.
    public var valueRecaptureRatio: MetricValue
    /// Gross tonnes of waste flowing into the party's nodes, domestic flows included.
    public var wasteReceivedTonnes: MetricValue
    /// `wasteReceivedTonnes` / all waste in the graph, 0…1.
    public var wasteReceivedShare: MetricValue
    /// Waste received by the fate of the receiving node (`nil` fate: a node that is not a waste
    /// destination), in `WasteFate` order.
    public var receivedByFate: [WasteReceivedByFate]

    public init(
        party: CountryOrGroup, wasteTonnes: TradeFlows, wasteValueUSD: TradeFlows, recoveredTonnes: TradeFlows,
        recoveredValueUSD: TradeFlows, valueRecaptureRatio: MetricValue, wasteReceivedTonnes: MetricValue,
        wasteReceivedShare: MetricValue, receivedByFate: [WasteReceivedByFate]
    ) {
        self.party = party
        self.wasteTonnes = wasteTonnes
        self.wasteValueUSD = wasteValueUSD
        self.recoveredTonnes = recoveredTonnes
        self.recoveredValueUSD = recoveredValueUSD
        self.valueRecaptureRatio = valueRecaptureRatio
        self.wasteReceivedTonnes = wasteReceivedTonnes
        self.wasteReceivedShare = wasteReceivedShare
        self.receivedByFate = receivedByFate
    }
}

/// Waste received by nodes of one fate.
public struct WasteReceivedByFate: Hashable, Codable, Sendable {
    /// `nil` for waste received by nodes that are not waste destinations.
    public var fate: WasteFate?
    public var tonnes: MetricValue

    public init(fate: WasteFate?, tonnes: MetricValue) {
        self.fate = fate
        self.tonnes = tonnes
    }
}
