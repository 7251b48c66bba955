import MineralGraphCore

/// Why concentration measures cannot be computed (METHODS §1.4, "Shares that do not sum to 1").
public enum ConcentrationError: Error, Hashable, Sendable {
    /// A quantity or share is below zero (`NEGATIVE_QUANTITY`).
    case negativeQuantity(Double)
    /// A quantity or share is NaN or infinite (`NOT_FINITE`).
    case notFinite
    /// Shares sum to more than 1 + 0.005 (`SHARES_EXCEED_ONE`): mixed sources, years or stages.
    case sharesExceedOne(sum: Double)
    /// The total is zero: HHI is undefined, neither 0 nor 10,000 (`NO_SUPPLY`).
    case noSupply
    /// Only an "other countries" residual and no named supplier: no bound is informative
    /// (`NO_NAMED_SUPPLIERS`).
    case noNamedSuppliers

    /// The METHODS reason code and a sentence, for results and reports.
    public var unavailable: Unavailable {
        switch self {
        case .negativeQuantity(let value):
            Unavailable(ReasonCode.negativeQuantity, "a supplier has a negative quantity (\(value))")
        case .notFinite:
            Unavailable(ReasonCode.notFinite, "a quantity is not a finite number")
        case .sharesExceedOne(let sum):
            Unavailable(ReasonCode.sharesExceedOne, "shares sum to \(sum), above 1: they come from mixed sources, years or stages")
        case .noSupply:
            Unavailable(ReasonCode.noSupply, "the total quantity is zero, so HHI is undefined")
        case .noNamedSuppliers:
            Unavailable(ReasonCode.noNamedSuppliers, "all supply is in the 'other countries' residual")
        }
    }
}

/// How to bound the contribution of an "other countries" residual from above (METHODS §1.4).
public enum ResidualUpperBound: String, CaseIterable, Codable, Sendable {
    /// No unnamed supplier is larger than the smallest named one (`HHI_hi`); assumes the named
    /// list is the top-n ranking, as in USGS and World Mining Data tables. The default.
    case smallestNamedCap = "smallest-named-cap"
    /// The residual is one supplier (`HHI_naive`); use it only when the residual really is one
    /// entity or the named list is not a top-n ranking.
    case singleSupplier = "single-supplier"
}

/// Concentration of one market (one mineral, stage and year) computed from supplier shares.
///
/// Formulas (METHODS §1.1–1.4), with named shares `s_i` (0…1), residual share `s_o` and the
/// smallest named share `s_min`:
/// ```
/// HHI_lo    = 10,000 · Σ s_i²                                  residual infinitely fragmented
/// HHI_hi    = HHI_lo + 10,000 · (q · s_min² + r²)              q = ⌊s_o / s_min⌋, r = s_o − q · s_min
/// HHI_naive = HHI_lo + 10,000 · s_o²                           residual as one supplier
/// HHI       = HHI_hi if s_o > 0, else HHI_lo                   conservative headline (tool convention)
/// CR_k      = sum of the k largest named shares
/// N_eq      = 10,000 / HHI                                     Adelman's numbers equivalent
/// H*        = (H − 1/N) / (1 − 1/N), H = HHI / 10,000          complete lists only; 1 when N = 1
/// H_UNCTAD  = (√H − √(1/N)) / (1 − √(1/N))                     complete lists only; 1 when N = 1
/// ```
/// `N` counts suppliers with a share above zero. Units: HHI on the 0–10,000 scale; shares,
/// CR_k, H* and H_UNCTAD on 0…1; N_eq in suppliers.
///
/// Worked example A (METHODS §1.4): DRC 68 %, Indonesia 5 %, Russia 4 %, Australia 3 %,
/// other 20 % gives HHI_lo = 4,674, HHI_hi = 4,732, HHI_naive = 5,074.
///
/// Sources: US DOJ/FTC HHI definition and the 30/30/20/20 example (2,600); Adelman (1969) for
/// N_eq; Cracau & Durán Lima, "On the normalized Herfindahl-Hirschman Index: a technical note"
/// for H*; UNCTAD/STAT/IE/2019/2 for H_UNCTAD; the residual bounds are this project's
/// (METHODS §1.4).
public struct ConcentrationMeasures: Hashable, Codable, Sendable {
    /// The headline HHI (0–10,000): `hhiHi` when there is a residual, else the exact HHI.
    public var hhi: Double
    /// Lower bound: the residual infinitely fragmented.
    public var hhiLo: Double
    /// Upper bound under the chosen ``ResidualUpperBound``; equals `hhiLo` without a residual.
    public var hhiHi: Double
    /// The residual treated as one supplier; equals `hhiLo` without a residual.
    public var hhiNaive: Double
    /// Share of the largest named supplier (0…1).
    public var cr1: Double
    /// Combined share of the three largest named suppliers (0…1).
    public var cr3: Double
    /// Equivalent number of equal-sized suppliers, `10,000 / hhi`.
    public var nEq: Double
    /// Normalized HHI `H*` (0…1); `nil` when the list is incomplete (residual present).
    public var hNormalized: Double?
    /// UNCTADstat's square-root normalization (0…1); `nil` when the list is incomplete.
    public var hUNCTAD: Double?
    /// Share of the "other countries" residual (0…1).
    public var residualShare: Double
    /// Named suppliers with a share above zero.
    public var supplierCount: Int
    /// Whether shares within 0.005 of 1 were rescaled to sum to 1 (share input only).
    public var renormalized: Bool

    /// METHODS §1.4 flags residuals above 10 % of the market: the interval is then wide.
    public static let residualFlagThreshold = 0.10

    /// Whether the residual is large enough to flag (`residual_share > 0.10`).
    public var residualFlagged: Bool { residualShare > Self.residualFlagThreshold + 1e-12 }

    /// The band of the headline HHI.
    public func band(_ guidelines: MergerGuidelines) -> ConcentrationBand {
        guidelines.band(forHHI: hhi)
    }

    /// Whether the lower and upper bounds fall in the same band, so the label does not depend
    /// on how the residual is split.
    public func bandIsRobust(_ guidelines: MergerGuidelines) -> Bool {
        guidelines.band(forHHI: hhiLo) == guidelines.band(forHHI: hhiHi)
    }

    // MARK: Inputs

    /// Tolerance of METHODS §1.4 for shares that do not sum to 1 (rounding in published tables).
    public static let roundingTolerance = 0.005

    /// Measures from published shares (0…1) of named suppliers and an optional residual share.
    ///
    /// Shares are checked as METHODS §1.4 prescribes: a sum within 0.005 of 1 is rescaled (and
    /// `renormalized` set), a sum below 0.995 leaves the gap as an unnamed residual, a sum above
    /// 1.005 throws `sharesExceedOne`, a negative share throws `negativeQuantity`.
    public static func fromShares(
        named: [Double], residual: Double = 0, upperBound: ResidualUpperBound = .smallestNamedCap
    ) throws(ConcentrationError) -> ConcentrationMeasures {
        try check(named + [residual])
        let sum = named.reduce(0, +) + residual
        if sum > 1 + roundingTolerance { throw .sharesExceedOne(sum: sum) }
        if sum <= 0 { throw .noSupply }
        if abs(sum - 1) <= roundingTolerance {
            var measures = try compute(named: named.map { $0 / sum }, residual: residual / sum, upperBound: upperBound)
            measures.renormalized = abs(sum - 1) > 1e-12
            return measures
        }
        return try compute(named: named, residual: residual + (1 - sum), upperBound: upperBound)
    }

    /// Measures from quantities (any unit, e.g. contained tonnes) of named suppliers and an
    /// optional residual quantity. Shares are `q_i / (Σ q_j + residual)`, so they sum to 1 by
    /// construction. Throws `noSupply` when the total is zero.
    public static func fromQuantities(
        named: [Double], residual: Double = 0, upperBound: ResidualUpperBound = .smallestNamedCap
    ) throws(ConcentrationError) -> ConcentrationMeasures {
        try check(named + [residual])
        let total = named.reduce(0, +) + residual
        guard total > 0 else { throw .noSupply }
        return try compute(named: named.map { $0 / total }, residual: residual / total, upperBound: upperBound)
    }

    private static func check(_ values: [Double]) throws(ConcentrationError) {
        for value in values {
            guard value.isFinite else { throw .notFinite }
            if value < 0 { throw .negativeQuantity(value) }
        }
    }

    /// Shares that already sum to 1.
    private static func compute(
        named: [Double], residual: Double, upperBound: ResidualUpperBound
    ) throws(ConcentrationError) -> ConcentrationMeasures {
        let shares = named.filter { $0 > 0 }.sorted(by: >)
        let residual = residual > 0 ? residual : 0
        if shares.isEmpty { throw residual > 0 ? .noNamedSuppliers : .noSupply }
        let lo = 10_000 * shares.reduce(0) { $0 + $1 * $1 }
        let naive = lo + 10_000 * residual * residual
        let hi: Double
        switch upperBound {
        case .smallestNamedCap: hi = residual > 0 ? lo + 10_000 * cappedResidualSquares(residual, smallest: shares.last!) : lo
        case .singleSupplier: hi = naive
        }
        let headline = residual > 0 ? hi : lo
        var hNormalized: Double?
        var hUNCTAD: Double?
        if residual == 0 {
            let n = Double(shares.count)
            if shares.count == 1 {
                (hNormalized, hUNCTAD) = (1, 1)
            } else {
                let h = lo / 10_000
                hNormalized = (h - 1 / n) / (1 - 1 / n)
                hUNCTAD = (h.squareRoot() - (1 / n).squareRoot()) / (1 - (1 / n).squareRoot())
            }
        }
        return ConcentrationMeasures(
            hhi: headline, hhiLo: lo, hhiHi: hi, hhiNaive: naive,
            cr1: shares[0], cr3: shares.prefix(3).reduce(0, +), nEq: 10_000 / headline,
            hNormalized: hNormalized, hUNCTAD: hUNCTAD, residualShare: residual,
            supplierCount: shares.count, renormalized: false)
    }

    /// `q · s_min² + r²` with `q = ⌊s_o / s_min⌋` and `r = s_o − q · s_min`: the largest sum of
    /// squares of a residual split into parts no larger than the smallest named share.
    static func cappedResidualSquares(_ residual: Double, smallest: Double) -> Double {
        let q = (residual / smallest).rounded(.down)
        let r = max(0, residual - q * smallest)
        return q * smallest * smallest + r * r
    }

    // MARK: Bounds from partial information

    /// `HHI_k = HHI_lo + 10,000 · s_o² / k`: the residual split among `k` equal unnamed suppliers
    /// (METHODS §1.4), when their number is known.
    public static func hhi(lowerBound hhiLo: Double, residualShare: Double, unnamedSuppliers k: Int) -> Double {
        precondition(k > 0, "the number of unnamed suppliers must be positive")
        return hhiLo + 10_000 * residualShare * residualShare / Double(k)
    }

    /// The lower bound `10,000 · CR_k² / k` when only the top-k share is known (METHODS §1.4):
    /// equal split among the top k, the rest fragmented. With k = 1 it is `10,000 · s_max²`.
    public static func hhiLowerBound(concentrationRatio crK: Double, k: Int) -> Double {
        precondition(k > 0, "k must be positive")
        return 10_000 * crK * crK / Double(k)
    }
}
