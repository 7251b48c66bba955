import MineralGraphAnalysis
import MineralGraphCore

extension Report {
    /// E1 and E2 (METHODS §2.3): the JSON key `unequal_exchange`.
    ///
    /// Over inter-country `product` flows only (waste and recovered fractions are in
    /// ``WasteSection``); groups drop flows between two members (§2.6), and always include
    /// "developing excluding China" and the LDCs.
    public struct UnequalExchangeSection: Codable, Hashable, Sendable {
        /// ε of the EUE flag: the largest monetary surplus, as a share of gross trade, that does
        /// not compensate a net mass export (0.05).
        public var epsilon: Double
        /// Least share of a country's exports and imports a bilateral ratio needs each way (0.01).
        public var minimumTradeShare: Double
        /// E1 per country (sorted by code), then per group.
        public var tradeBalance: [TradeBalanceRow]
        /// E2 per country, then per group, against the rest of the world.
        public var termsOfTrade: [TermsOfTradeRow]
        /// E2 per ordered country pair with trade in either direction.
        public var bilateral: [BilateralRow]
        /// Solver of the raw-material equivalents and embodied water carried by trade.
        public var solver: SolverInfo
    }

    /// E1 for one country or group.
    public struct TradeBalanceRow: Codable, Hashable, Sendable {
        public var party: CountryOrGroup
        public var exportFlows: Int
        public var importFlows: Int
        /// Gross tonnes; `net` is the physical trade balance PTB (+ = net importer of mass).
        public var tonnes: Flows
        public var containedTonnes: Flows
        /// Raw-material equivalents, t: mine-product tonnes embodied upstream (a lower bound).
        public var rmeTonnes: Flows
        /// USD; `net` is the net monetary inflow NMI = −TB.
        public var valueUsd: Flows
        /// TB = exports − imports, USD.
        public var tradeBalanceUsd: Metric
        /// `net-mass-exporter/monetary-surplus` and the like (sign of PTB × sign of TB).
        public var quadrant: String?
        /// PTB < 0 and TB ≤ ε·(X + M): a net mass exporter not compensated in money.
        public var eueFlag: Bool?
        /// PTB < 0 and TB > ε·(X + M).
        public var compensatedExporter: Bool?
        /// Why `quadrant` and the flags are `null`.
        public var unavailable: Unavailable?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(party, forKey: .party)
            try c.encode(exportFlows, forKey: .exportFlows)
            try c.encode(importFlows, forKey: .importFlows)
            try c.encode(tonnes, forKey: .tonnes)
            try c.encode(containedTonnes, forKey: .containedTonnes)
            try c.encode(rmeTonnes, forKey: .rmeTonnes)
            try c.encode(valueUsd, forKey: .valueUsd)
            try c.encode(tradeBalanceUsd, forKey: .tradeBalanceUsd)
            try c.encode(quadrant, forKey: .quadrant)
            try c.encode(eueFlag, forKey: .eueFlag)
            try c.encode(compensatedExporter, forKey: .compensatedExporter)
            try c.encode(unavailable, forKey: .unavailable)
        }
    }

    /// E2 for one country or group against the rest of the world.
    public struct TermsOfTradeRow: Codable, Hashable, Sendable {
        public var party: CountryOrGroup
        /// UV_X, USD per gross tonne exported.
        public var exportUnitValueUsdPerT: Metric
        /// UV_M, USD per gross tonne imported.
        public var importUnitValueUsdPerT: Metric
        /// ETT = UV_X / UV_M.
        public var ett: Metric
        /// T_eq = 1 / ETT: tonnes exported per tonne imported at equal value.
        public var tEq: Metric
        public var exchangeRatios: [ExchangeRatioItem]
    }

    /// Resource per million USD each way, and the exchange ratio ER (exported ÷ imported).
    public struct ExchangeRatioItem: Codable, Hashable, Sendable {
        /// A `TradeResource` raw value (`tonnes`, `contained-tonnes`, `rme-tonnes`,
        /// `water-withdrawal-m3`, `water-consumption-m3`, `aware-water-m3-world-eq`).
        public var resource: String
        public var unit: String
        /// Resource exported per million USD of exports.
        public var exportedPerMillionUsd: Metric
        /// Resource imported per million USD of imports.
        public var importedPerMillionUsd: Metric
        /// ER > 1: more of the resource leaves per dollar than comes back.
        public var ratio: Metric
        /// `ExchangeRatioBand` raw value, `null` when the ratio is.
        public var band: String?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(resource, forKey: .resource)
            try c.encode(unit, forKey: .unit)
            try c.encode(exportedPerMillionUsd, forKey: .exportedPerMillionUsd)
            try c.encode(importedPerMillionUsd, forKey: .importedPerMillionUsd)
            try c.encode(ratio, forKey: .ratio)
            try c.encode(band, forKey: .band)
        }
    }

    /// E2 between a country and one partner: ER_AB per resource.
    public struct BilateralRow: Codable, Hashable, Sendable {
        public var country: CountryOrGroup
        public var partner: CountryOrGroup
        /// X_{A→B}, USD.
        public var exportValueUsd: Metric
        /// X_{B→A}, USD.
        public var importValueUsd: Metric
        public var exchangeRatios: [ExchangeRatioItem]
    }
}
