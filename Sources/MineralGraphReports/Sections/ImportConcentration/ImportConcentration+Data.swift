import MineralGraphAnalysis
import MineralGraphCore

extension Report {
    /// One variant of C2 (by tonnes or value, without or with domestic production).
    public struct ImportVariant: Codable, Hashable, Sendable {
        public var unit: String
        public var includesDomestic: Bool
        public var hhi: Double?
        public var band: ConcentrationBand?
        public var importTotal: Double?
        public var domesticAmount: Double?
        public var partnerCount: Int
        public var top: [Partner]
        public var flowsWithoutQuantity: Int
        public var unavailable: Unavailable?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(unit, forKey: .unit)
            try c.encode(includesDomestic, forKey: .includesDomestic)
            try c.encode(hhi, forKey: .hhi)
            try c.encode(band, forKey: .band)
            try c.encode(importTotal, forKey: .importTotal)
            try c.encode(domesticAmount, forKey: .domesticAmount)
            try c.encode(partnerCount, forKey: .partnerCount)
            try c.encode(top, forKey: .top)
            try c.encode(flowsWithoutQuantity, forKey: .flowsWithoutQuantity)
            try c.encode(unavailable, forKey: .unavailable)
        }
    }

    public struct ImportConcentrationRow: Codable, Hashable, Sendable {
        public var importer: CountryCode
        public var importerName: String
        public var mineral: MineralID
        /// Stage of the supplying nodes.
        public var stage: Stage
        public var year: Int
        public var basis: String
        public var byTonnes: ImportVariant
        public var byTonnesWithDomestic: ImportVariant
        public var byValue: ImportVariant
        public var byValueWithDomestic: ImportVariant
    }
}
