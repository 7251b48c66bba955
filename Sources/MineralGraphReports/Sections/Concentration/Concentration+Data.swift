import MineralGraphAnalysis
import MineralGraphCore

// The JSON rows of the concentration (C1) sections, country and facility level.

extension Report {
    public struct TopSupplier: Codable, Hashable, Sendable {
        /// ISO alpha-3 code.
        public var country: CountryCode
        /// Country name, or the node's name at facility level.
        public var name: String
        /// Node id, at facility level only.
        public var node: String?
        /// 0…1 of the market including the residual.
        public var share: Double?
        public var tonnes: Double
    }

    public struct MissingSupplier: Codable, Hashable, Sendable {
        public var node: String
        public var country: CountryCode
        /// The node states gross tonnes only, not on the row's contained basis (METHODS §0.1).
        public var grossOnly: Bool
    }

    /// Shares of the market by country group (0…1); `residual` is the unattributed
    /// "other countries" share, which belongs to no group.
    public struct GroupShares: Codable, Hashable, Sendable {
        public var developed: Double
        public var developing: Double
        public var developingExclChina: Double
        public var ldc: Double
        public var residual: Double
    }

    /// One market (mineral × stage × year) at country or facility level.
    public struct ConcentrationRow: Codable, Hashable, Sendable {
        public var mineral: MineralID
        public var stage: Stage
        public var year: Int
        public var level: SupplierLevel
        /// What the tonnes measure ("t Co", "t Li₂O", "t gross"): every figure of the row is on it.
        public var basis: String
        /// Headline HHI (0–10,000): `hhi_hi` with a residual, else exact (METHODS §1.4).
        public var hhi: Double?
        public var hhiLo: Double?
        public var hhiHi: Double?
        public var hhiNaive: Double?
        public var cr1: Double?
        public var cr3: Double?
        public var nEq: Double?
        /// H* for complete lists (no residual), else `null`.
        public var hNorm: Double?
        public var hUnctad: Double?
        public var band: ConcentrationBand?
        /// Whether `hhi_lo` and `hhi_hi` fall in the same band.
        public var bandRobust: Bool?
        public var residualShare: Double?
        /// `residual_share > 0.10`.
        public var residualFlag: Bool
        public var supplierCount: Int
        public var totalTonnes: Double
        public var residualTonnes: Double?
        /// False when figures are withheld or missing.
        public var complete: Bool
        public var missing: [MissingSupplier]
        public var residualMissing: Bool
        public var top: [TopSupplier]
        public var groupShares: GroupShares?
        public var unavailable: Unavailable?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(mineral, forKey: .mineral)
            try c.encode(stage, forKey: .stage)
            try c.encode(year, forKey: .year)
            try c.encode(level, forKey: .level)
            try c.encode(basis, forKey: .basis)
            try c.encode(hhi, forKey: .hhi)
            try c.encode(hhiLo, forKey: .hhiLo)
            try c.encode(hhiHi, forKey: .hhiHi)
            try c.encode(hhiNaive, forKey: .hhiNaive)
            try c.encode(cr1, forKey: .cr1)
            try c.encode(cr3, forKey: .cr3)
            try c.encode(nEq, forKey: .nEq)
            try c.encode(hNorm, forKey: .hNorm)
            try c.encode(hUnctad, forKey: .hUnctad)
            try c.encode(band, forKey: .band)
            try c.encode(bandRobust, forKey: .bandRobust)
            try c.encode(residualShare, forKey: .residualShare)
            try c.encode(residualFlag, forKey: .residualFlag)
            try c.encode(supplierCount, forKey: .supplierCount)
            try c.encode(totalTonnes, forKey: .totalTonnes)
            try c.encode(residualTonnes, forKey: .residualTonnes)
            try c.encode(complete, forKey: .complete)
            try c.encode(missing, forKey: .missing)
            try c.encode(residualMissing, forKey: .residualMissing)
            try c.encode(top, forKey: .top)
            try c.encode(groupShares, forKey: .groupShares)
            try c.encode(unavailable, forKey: .unavailable)
        }
    }
}
