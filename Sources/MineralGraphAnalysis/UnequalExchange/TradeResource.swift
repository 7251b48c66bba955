import MineralGraphCore

/// A physical resource whose trade the unequal-exchange metrics compare with money (METHODS §2.3).
public enum TradeResource: String, CaseIterable, Hashable, Codable, Sendable {
    /// Gross product tonnes.
    case tonnes
    /// Contained tonnes of the flow's mineral. Summed across minerals when a graph holds several
    /// (each in its own basis: t Co, t LCE ...); run on a one-mineral graph to keep one basis.
    case containedTonnes = "contained-tonnes"
    /// Raw-material equivalents: upstream extraction embodied in the flow (§2.2), tonnes.
    case rawMaterialEquivalentTonnes = "rme-tonnes"
    /// Embodied freshwater withdrawal, m³.
    case waterWithdrawalM3 = "water-withdrawal-m3"
    /// Embodied freshwater consumption, m³.
    case waterConsumptionM3 = "water-consumption-m3"
    /// Embodied consumption weighted by AWARE where it was consumed, m³ world-eq.
    case scarcityWeightedWaterM3WorldEq = "aware-water-m3-world-eq"

    public var unit: String {
        switch self {
        case .tonnes, .rawMaterialEquivalentTonnes: "t"
        case .containedTonnes: "t contained"
        case .waterWithdrawalM3, .waterConsumptionM3: "m3"
        case .scarcityWeightedWaterM3WorldEq: "m3 world-eq"
        }
    }
}

/// Exports, imports and the net inflow of one quantity for a country or group.
public struct TradeFlows: Hashable, Codable, Sendable {
    /// Σ over flows leaving the party (for groups: leaving the group).
    public var exported: MetricValue
    /// Σ over flows entering the party.
    public var imported: MetricValue
    /// `imported − exported` (Eurostat sign: positive = net importer). For tonnes this is the
    /// physical trade balance PTB; for USD the net monetary inflow NMI; for water NVW.
    public var net: MetricValue

    public init(exported: MetricValue, imported: MetricValue) {
        self.exported = exported
        self.imported = imported
        self.net = imported.combined(with: exported, -)
    }

    init(unavailable: Unavailable) {
        exported = MetricValue(unavailable: unavailable)
        imported = exported
        net = exported
    }
}
