import MineralGraphAnalysis
import MineralGraphCore

extension Report {
    /// E4 (METHODS §2.3): the JSON key `burden_benefit`. For each burden, a party's share of
    /// the chain's burden against its share of the chain's value added.
    public struct BurdenBenefitSection: Codable, Hashable, Sendable {
        public var priceYear: Int
        public var totalValueAddedUsd: Metric
        /// Chain total per burden.
        public var totals: [BurdenTotalItem]
        public var countries: [BurdenBenefitRow]
        public var groups: [BurdenBenefitRow]
    }

    public struct BurdenTotalItem: Codable, Hashable, Sendable {
        /// A `BurdenResource` raw value: `water-withdrawal`, `water-consumption`, `aware-water`,
        /// `extraction`, `waste-received`.
        public var burden: String
        public var unit: String
        public var amount: Metric
    }

    public struct BurdenBenefitRow: Codable, Hashable, Sendable {
        public var party: CountryOrGroup
        public var valueAddedUsd: Metric
        /// value_share_g, 0…1.
        public var valueShare: Metric
        public var burdens: [BurdenItem]
    }

    public struct BurdenItem: Codable, Hashable, Sendable {
        public var burden: String
        public var unit: String
        /// The party's direct burden.
        public var amount: Metric
        /// burden_share_g, 0…1.
        public var share: Metric
        /// BBR = share / value_share (> 1: more burden than value captured).
        public var ratio: Metric
        /// `beneficiary` (< 0.5), `roughly-proportional`, `burden-bearing` (> 2); `null` without a ratio.
        public var band: String?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(burden, forKey: .burden)
            try c.encode(unit, forKey: .unit)
            try c.encode(amount, forKey: .amount)
            try c.encode(share, forKey: .share)
            try c.encode(ratio, forKey: .ratio)
            try c.encode(band, forKey: .band)
        }
    }
}
