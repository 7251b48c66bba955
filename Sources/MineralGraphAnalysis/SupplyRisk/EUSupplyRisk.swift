import MineralGraphCore

/// The EU critical-raw-materials supply-risk formulas (METHODS §1.6–1.7, metric C4).
///
/// Governance-weighted concentration of a supply scope (global supply GS, or one importer's
/// sourcing: its imports by partner plus its own production):
/// ```
/// HHI_WGI,t = Σ_c S_c² · WGI_c · t_c          S_c share 0…1, WGI_c 0…10 (10 worst), t_c ≈ 0.8…1.5
/// SR        = [HHI_GS · IR/2 + HHI_EU · (1 − IR/2)] · (1 − EoL_RIR) · SI_SR
/// ```
/// computed for extraction and for processing, the larger kept (the "bottleneck" rule). Without
/// IR, EoL_RIR and SI_SR the result is the "gross" governance-weighted concentration only.
///
/// Worked example C (METHODS §1.7): processing China 99 % (WGI 5.8), others 1 % (3.0), t = 1:
/// HHI_WGI,GS = 0.9801·5.8 + 0.0001·3.0 = 5.68; with HHI_EU 4.0, IR 1.0, EoL_RIR 0.03 and
/// SI_SR 0.97: SR = (5.68·0.5 + 4.0·0.5)·0.97·0.97 = 4.56; against SR_extraction 1.8, 4.56 is kept.
///
/// Sources: European Commission, Methodology for establishing the EU list of critical raw
/// materials (2017); Blengini et al. 2017, EUR 28654 EN, doi:10.2760/73303; CritMAT
/// `supply_risk_eu.py` and `hhi_wgi_tp.py`.
public enum EUSupplyRisk {
    /// One supplier of a scope.
    public struct Supplier: Hashable, Sendable {
        public var country: CountryCode
        /// Share of the scope, 0…1.
        public var share: Double
        /// 0…10, 10 = worst governance (``GovernanceScaling/euGovernanceWeight(meanEstimate:)``).
        public var governanceWeight: Double
        /// Trade parameter, 1 by default (METHODS §1.6).
        public var tradeParameter: Double

        public init(country: CountryCode, share: Double, governanceWeight: Double, tradeParameter: Double = 1) {
            self.country = country
            self.share = share
            self.governanceWeight = governanceWeight
            self.tradeParameter = tradeParameter
        }
    }

    /// `HHI_WGI,t = Σ S_c² · WGI_c · t_c` on the 0–10 scale.
    public static func governanceWeightedHHI(_ suppliers: [Supplier]) -> Double {
        suppliers.reduce(0) { $0 + $1.share * $1.share * $1.governanceWeight * $1.tradeParameter }
    }

    /// Import reliance `(imports − exports) / (production + imports − exports)`, clamped to 0…1
    /// (a net exporter has 0); `nil` when the denominator is not positive.
    public static func importReliance(imports: Double, exports: Double, production: Double) -> Double? {
        let denominator = production + imports - exports
        guard denominator > 0 else { return nil }
        return min(1, max(0, (imports - exports) / denominator))
    }

    /// `SR = [HHI_GS·IR/2 + HHI_EU·(1 − IR/2)]·(1 − EoL_RIR)·SI_SR`; with one scope only, that
    /// scope's HHI alone (METHODS §1.7: flag it).
    public static func supplyRisk(
        globalHHI: Double?, sourcingHHI: Double?, importReliance: Double, endOfLifeRecyclingInputRate: Double,
        substitutionIndex: Double
    ) -> Double? {
        let blended: Double
        switch (globalHHI, sourcingHHI) {
        case let (gs?, eu?): blended = gs * importReliance / 2 + eu * (1 - importReliance / 2)
        case let (gs?, nil): blended = gs
        case let (nil, eu?): blended = eu
        case (nil, nil): return nil
        }
        return blended * (1 - endOfLifeRecyclingInputRate) * substitutionIndex
    }

    /// The bottleneck rule: the larger of the stages' values and its stage (ties to extraction).
    public static func bottleneck(_ values: [(stage: Stage, value: Double)]) -> (stage: Stage, value: Double)? {
        values.max { ($0.value, -$0.stage.order) < ($1.value, -$1.stage.order) }
    }
}
