/// Water use of a node, per tonne of its reference output (its first listed output).
///
/// Withdrawal and consumption are kept apart (GRI 303-3 and 303-5; METHODS §5.2).
/// Brine pumped from salars and seawater are not freshwater and are stored separately.
public struct WaterUse: Hashable, Codable, Sendable {
    /// Freshwater withdrawn, m³ per tonne of reference output.
    public var withdrawalM3PerTonne: Double?
    /// Freshwater consumed (withdrawal − discharge), m³ per tonne of reference output.
    public var consumptionM3PerTonne: Double?
    /// Brine pumped, m³ per tonne of reference output.
    public var brineM3PerTonne: Double?
    /// Seawater or desalinated water used, m³ per tonne of reference output.
    public var seawaterM3PerTonne: Double?
    /// AWARE characterisation factor of the facility's watershed, m³ world-eq per m³ consumed (0.1…100).
    public var awareFactor: Double?
    /// WRI Aqueduct baseline water stress as a ratio of withdrawals to supply (0.4 = 40 %).
    public var baselineWaterStress: Double?

    public init(
        withdrawalM3PerTonne: Double? = nil, consumptionM3PerTonne: Double? = nil,
        brineM3PerTonne: Double? = nil, seawaterM3PerTonne: Double? = nil,
        awareFactor: Double? = nil, baselineWaterStress: Double? = nil
    ) {
        self.withdrawalM3PerTonne = withdrawalM3PerTonne
        self.consumptionM3PerTonne = consumptionM3PerTonne
        self.brineM3PerTonne = brineM3PerTonne
        self.seawaterM3PerTonne = seawaterM3PerTonne
        self.awareFactor = awareFactor
        self.baselineWaterStress = baselineWaterStress
    }

    /// True when no field is set.
    public var isEmpty: Bool { self == WaterUse() }
}
