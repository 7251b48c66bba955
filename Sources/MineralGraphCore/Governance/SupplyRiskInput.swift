/// The inputs of the EU supply-risk formula the graph does not hold (METHODS §1.7), for one
/// mineral and importer: import reliance IR (0…1), end-of-life recycling input rate EoL_RIR
/// (0…1) and substitution index SI_SR (about 0.6…1, 1 = no substitute).
public struct SupplyRiskInput: Hashable, Codable, Sendable {
    public var mineral: MineralID
    public var importer: CountryCode
    public var importReliance: Double
    public var endOfLifeRecyclingInputRate: Double
    public var substitutionIndex: Double
    /// Where the figures come from (free text), printed beside the result.
    public var source: String?

    public init(
        mineral: MineralID, importer: CountryCode, importReliance: Double, endOfLifeRecyclingInputRate: Double,
        substitutionIndex: Double, source: String? = nil
    ) {
        self.mineral = mineral
        self.importer = importer
        self.importReliance = importReliance
        self.endOfLifeRecyclingInputRate = endOfLifeRecyclingInputRate
        self.substitutionIndex = substitutionIndex
        self.source = source
    }
}
