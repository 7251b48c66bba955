import MineralGraphCore

/// Whom a concentration measure counts as one supplier.
public enum SupplierLevel: String, Codable, Sendable {
    /// Countries: the criticality convention (EU CRM method; World Mining Data's "(mod)HHI(ct)").
    case country
    /// Nodes (facilities or country-stage aggregates): the firm-level view closer to antitrust use.
    case facility
}

/// One supplier's part of a market.
public struct SupplierShare: Hashable, Codable, Sendable {
    /// ISO 3166-1 alpha-3 code of the supplier (of the node's country at facility level).
    public var country: CountryCode
    /// The node id, at facility level only.
    public var node: String?
    /// Tonnes on the market's basis.
    public var tonnes: Double
    /// Share of the market including the residual (0…1); `nil` when the total is not positive.
    public var share: Double?
}

/// Concentration of one market: one mineral at one stage in one year (METHODS §1, metric C1).
///
/// Shares are computed from the graph's own quantities (``StageSupply``), so they sum to 1 by
/// construction. `measures` is `nil` with a reason in `unavailable` when METHODS §1.4 makes
/// the HHI undefined (zero total: `NO_SUPPLY`) or the input invalid (`NEGATIVE_QUANTITY`), when
/// the figures cannot be added (`MIXED_BASES`, §0.1), or when a producing stage's figures are
/// only shipments (`NO_PRODUCTION_FIGURES`, §1.10: export shares are not production shares).
public struct MarketConcentration: Hashable, Codable, Sendable {
    public var mineral: MineralID
    public var stage: Stage
    public var year: Int
    public var level: SupplierLevel
    /// What the tonnes measure, e.g. "t Co", "t Li₂O" or "t gross" (METHODS §0.1).
    public var basis: String
    /// Named suppliers plus residual, tonnes.
    public var totalTonnes: Double
    /// The "other countries" residual, tonnes; `nil` when the graph gives none.
    public var residualTonnes: Double?
    /// Every named supplier with a positive quantity, by share descending then code and node.
    public var suppliers: [SupplierShare]
    /// `nil` when unavailable.
    public var measures: ConcentrationMeasures?
    /// Band of the headline HHI under the pass's guidelines.
    public var band: ConcentrationBand?
    /// Whether the HHI bounds fall in the same band.
    public var bandIsRobust: Bool?
    public var unavailable: Unavailable?
    /// Nodes of the stage with no known quantity (withheld figures); excluded from the shares.
    public var missing: [StageSupply.MissingSupply]
    /// Whether the graph lists an "other countries" entry without a quantity.
    public var residualMissing: Bool
    /// False when a figure is withheld or missing: the HHI describes the known suppliers only.
    public var isComplete: Bool

    /// Builds the market from its supply, grouping nodes by country or keeping them apart.
    static func from(
        _ supply: StageSupply, level: SupplierLevel, guidelines: MergerGuidelines,
        upperBound: ResidualUpperBound
    ) -> MarketConcentration {
        var suppliers: [SupplierShare]
        switch level {
        case .country:
            suppliers = supply.countryTonnes.map { SupplierShare(country: $0.key, node: nil, tonnes: $0.value, share: nil) }
        case .facility:
            suppliers = supply.nodes.map { SupplierShare(country: $0.country, node: $0.node, tonnes: $0.tonnes, share: nil) }
        }
        let residual = supply.residualTonnes ?? 0
        let total = suppliers.reduce(0) { $0 + $1.tonnes } + residual
        if total > 0 {
            for i in suppliers.indices { suppliers[i].share = suppliers[i].tonnes / total }
        }
        let negative = suppliers.contains { $0.tonnes < 0 }
        suppliers = suppliers.filter { $0.tonnes > 0 || negative }.sorted {
            ($1.tonnes, $0.country, $0.node ?? "") < ($0.tonnes, $1.country, $1.node ?? "")
        }
        var measures: ConcentrationMeasures?
        var unavailable: Unavailable?
        if let mixed = supply.mixedBases {
            unavailable = mixed
        } else if supply.fromFlowsOnly {
            unavailable = Unavailable(
                ReasonCode.noProductionFigures,
                "no node states an output of \(supply.mineral) at this stage: its figures are shipments (trade), which measure exports, not production (see export concentration)")
        } else {
            do {
                measures = try ConcentrationMeasures.fromQuantities(
                    named: suppliers.map(\.tonnes), residual: residual, upperBound: upperBound)
            } catch {
                unavailable = error.unavailable
            }
        }
        return MarketConcentration(
            mineral: supply.mineral, stage: supply.stage, year: supply.year, level: level,
            basis: supply.basis.unitLabel(for: supply.mineral),
            totalTonnes: total, residualTonnes: supply.residualTonnes, suppliers: suppliers,
            measures: measures, band: measures?.band(guidelines),
            bandIsRobust: measures?.bandIsRobust(guidelines), unavailable: unavailable,
            missing: supply.missing, residualMissing: supply.residualMissing,
            isComplete: supply.isComplete)
    }
}
