import MineralGraphTestSupport
import Testing

@testable import MineralGraphAnalysis

/// Hand-checkable cases of METHODS §1.1–1.4 on plain share lists.
@Suite("HHI on share lists")
struct ConcentrationMeasuresTests {
    @Test func dojExample30_30_20_20Gives2600() throws {
        // 900 + 900 + 400 + 400 = 2,600 (DOJ/FTC HHI page).
        let m = try ConcentrationMeasures.fromShares(named: [0.30, 0.30, 0.20, 0.20])
        #expect(approx(m.hhi, 2_600, absolute: 1e-6))
        #expect(m.hhiLo == m.hhiHi && m.hhiHi == m.hhiNaive)
        #expect(approx(m.cr1, 0.30, absolute: 1e-6) && approx(m.cr3, 0.80, absolute: 1e-6))
        #expect(approx(m.nEq, 10_000 / 2_600, absolute: 1e-6))
        #expect(m.supplierCount == 4)
        #expect(m.band(.us2023) == .highlyConcentrated)
        #expect(m.band(.us2010) == .highlyConcentrated)
    }

    @Test func workedExampleACobaltWithOtherCountries() throws {
        // DRC 68, Indonesia 5, Russia 4, Australia 3, Other 20 (METHODS §1.4).
        let m = try ConcentrationMeasures.fromShares(named: [0.68, 0.05, 0.04, 0.03], residual: 0.20)
        #expect(approx(m.hhiLo, 4_674, absolute: 1e-6))   // 4,624 + 25 + 16 + 9
        #expect(approx(m.hhiHi, 4_732, absolute: 1e-6))   // s_min = 3, q = 6, r = 2: + 6·9 + 4
        #expect(approx(m.hhiNaive, 5_074, absolute: 1e-6)) // + 20²
        #expect(m.hhi == m.hhiHi)              // conservative headline
        #expect(approx(m.nEq, 2.1, absolute: 0.05))
        #expect(approx(m.residualShare, 0.20, absolute: 1e-6))
        #expect(m.residualFlagged)
        #expect(m.hNormalized == nil && m.hUNCTAD == nil) // incomplete list: no H*
        #expect(m.band(.us2023) == .highlyConcentrated && m.band(.us2010) == .highlyConcentrated)
        #expect(m.bandIsRobust(.us2023))
        let naive = try ConcentrationMeasures.fromShares(named: [0.68, 0.05, 0.04, 0.03], residual: 0.20, upperBound: .singleSupplier)
        #expect(approx(naive.hhi, 5_074, absolute: 1e-6) && approx(naive.hhiLo, 4_674, absolute: 1e-6))
    }

    @Test func workedExampleBLithiumCompleteList() throws {
        // 47 / 30 / 15 / 5 / 3 (METHODS §1.4).
        let m = try ConcentrationMeasures.fromShares(named: [0.47, 0.30, 0.15, 0.05, 0.03])
        #expect(approx(m.hhi, 3_368, absolute: 1e-6))
        #expect(approx(m.nEq, 2.97, absolute: 0.005))
        #expect(approx(m.hNormalized, 0.171, absolute: 0.0005))
        #expect(approx(m.hUNCTAD, 0.241, absolute: 0.0005))
        #expect(m.residualShare == 0 && !m.residualFlagged)
        // From the DER figure alone (Australia + Chile 77 %): HHI ≥ 77²/2 = 2,964.5.
        #expect(approx(ConcentrationMeasures.hhiLowerBound(concentrationRatio: 0.77, k: 2), 2_964.5, absolute: 1e-6))
        #expect(m.hhi >= 2_964.5)
    }

    @Test func quantitiesGiveTheSameAsShares() throws {
        let fromTonnes = try ConcentrationMeasures.fromQuantities(named: [68_000, 5_000, 4_000, 3_000], residual: 20_000)
        #expect(approx(fromTonnes.hhiLo, 4_674, absolute: 1e-6) && approx(fromTonnes.hhiHi, 4_732, absolute: 1e-6))
    }

    @Test func zeroTotalIsUndefinedNotZero() {
        #expect(throws: ConcentrationError.noSupply) { try ConcentrationMeasures.fromQuantities(named: [0, 0]) }
        #expect(throws: ConcentrationError.noSupply) { try ConcentrationMeasures.fromQuantities(named: []) }
        #expect(ConcentrationError.noSupply.unavailable.code == .noSupply)
    }

    @Test func negativeQuantityIsAnError() {
        #expect(throws: ConcentrationError.negativeQuantity(-5)) { try ConcentrationMeasures.fromQuantities(named: [10, -5]) }
        #expect(throws: ConcentrationError.negativeQuantity(-0.1)) { try ConcentrationMeasures.fromShares(named: [0.6, 0.5], residual: -0.1) }
        #expect(ConcentrationError.negativeQuantity(-5).unavailable.code == .negativeQuantity)
        #expect(throws: ConcentrationError.notFinite) { try ConcentrationMeasures.fromQuantities(named: [.nan]) }
    }

    @Test func oneSupplierIs10000() throws {
        let m = try ConcentrationMeasures.fromQuantities(named: [42])
        #expect(m.hhi == 10_000 && m.nEq == 1 && m.hNormalized == 1 && m.hUNCTAD == 1 && m.cr1 == 1 && m.cr3 == 1)
        // Zero-quantity suppliers are not suppliers.
        let withZero = try ConcentrationMeasures.fromQuantities(named: [42, 0])
        #expect(withZero.hhi == 10_000 && withZero.supplierCount == 1)
    }

    @Test func sharesAbove100PercentAreAnError() {
        // "China processes > 50 %" combined with a second source: do not renormalize silently.
        #expect(throws: ConcentrationError.sharesExceedOne(sum: 1.2)) {
            try ConcentrationMeasures.fromShares(named: [0.7, 0.5])
        }
        #expect(ConcentrationError.sharesExceedOne(sum: 1.2).unavailable.code == .sharesExceedOne)
    }

    @Test func roundingWithinHalfAPercentIsRenormalized() throws {
        let m = try ConcentrationMeasures.fromShares(named: [0.5, 0.3, 0.198]) // Σ = 0.998
        #expect(m.renormalized)
        let rescaled: [Double] = [0.5, 0.3, 0.198].map { $0 / 0.998 }
        let expected: Double = 10_000 * rescaled.map { $0 * $0 }.reduce(0, +)
        #expect(approx(m.hhi, expected, absolute: 1e-6))
        #expect(m.residualShare == 0)
        let exact = try ConcentrationMeasures.fromShares(named: [0.5, 0.5])
        #expect(!exact.renormalized)
    }

    @Test func aGapBelowOneBecomesAResidual() throws {
        let m = try ConcentrationMeasures.fromShares(named: [0.6, 0.3]) // gap 0.1
        #expect(approx(m.residualShare, 0.1, absolute: 1e-6))
        #expect(approx(m.hhiLo, 4_500, absolute: 1e-6))
        // Cap: s_min = 0.3 > 0.1, so q = 0 and r = 0.1: + 100.
        #expect(approx(m.hhiHi, 4_600, absolute: 1e-6))
        #expect(!m.residualFlagged) // exactly 10 % is not above 10 %
    }

    @Test func onlyAResidualHasNoInformativeBound() {
        #expect(throws: ConcentrationError.noNamedSuppliers) { try ConcentrationMeasures.fromQuantities(named: [], residual: 5) }
    }

    @Test func knownNumberOfUnnamedSuppliers() {
        // Example A with the residual split among 4 equal countries: 4,674 + 400 / 4.
        #expect(approx(ConcentrationMeasures.hhi(lowerBound: 4_674, residualShare: 0.20, unnamedSuppliers: 4), 4_774, absolute: 1e-6))
    }

    @Test(arguments: [
        // DER 2024 statements (METHODS §8) and their lower bounds.
        (0.68, 1, 4_624.0), (0.65, 1, 4_225.0), (0.78, 1, 6_084.0), (0.70, 1, 4_900.0),
        (0.50, 1, 2_500.0), (0.90, 1, 8_100.0), (0.77, 2, 2_964.5),
    ])
    func derFiguresGiveLowerBounds(share: Double, k: Int, bound: Double) throws {
        #expect(approx(ConcentrationMeasures.hhiLowerBound(concentrationRatio: share, k: k), bound, absolute: 1e-6))
        // Any market consistent with the statement is at least that concentrated: put the
        // named share(s) on k suppliers and fragment the rest into 1 % pieces.
        let named = Array(repeating: share / Double(k), count: k)
        let pieces = Int(((1 - share) * 100).rounded(.down))
        let rest = Array(repeating: 0.01, count: pieces) + [max(0, 1 - share - Double(pieces) * 0.01)]
        let m = try ConcentrationMeasures.fromShares(named: named + rest)
        #expect(m.hhi >= bound - 1e-6)
        if bound > 1_800 { #expect(m.band(.us2023) == .highlyConcentrated) }
    }

    @Test func propertiesHoldOnPseudoRandomMarkets() throws {
        // METHODS §8 property tests: HHI ≥ 10,000·s_max²; HHI ≥ 10,000·CR_k²/k; lo ≤ hi ≤ naive.
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(seed >> 11) / Double(1 << 53)
        }
        for _ in 0..<500 {
            let count = 1 + Int(next() * 12)
            let named = (0..<count).map { _ in next() * 1_000 }
            let residual = next() < 0.5 ? 0 : next() * 500
            let m = try ConcentrationMeasures.fromQuantities(named: named, residual: residual)
            #expect(m.hhiLo <= m.hhiHi + 1e-9 && m.hhiHi <= m.hhiNaive + 1e-9)
            #expect(m.hhi >= 10_000 * m.cr1 * m.cr1 - 1e-9)
            #expect(m.hhi >= ConcentrationMeasures.hhiLowerBound(concentrationRatio: m.cr3, k: min(3, m.supplierCount)) - 1e-9)
            #expect(m.hhiHi - m.hhiLo <= 10_000 * m.residualShare * (named.filter { $0 > 0 }.min()! / (named.reduce(0, +) + residual)) + 1e-9)
            #expect(m.nEq >= 1 - 1e-12)
            if let h = m.hNormalized { #expect(h >= -1e-12 && h <= 1 + 1e-12) }
        }
    }

    @Test func bandThresholds() {
        #expect(MergerGuidelines.us2023.band(forHHI: 999.9) == .unconcentrated)
        #expect(MergerGuidelines.us2023.band(forHHI: 1_000) == .moderatelyConcentrated)
        #expect(MergerGuidelines.us2023.band(forHHI: 1_800) == .moderatelyConcentrated)
        #expect(MergerGuidelines.us2023.band(forHHI: 1_800.1) == .highlyConcentrated)
        #expect(MergerGuidelines.us2010.band(forHHI: 1_499) == .unconcentrated)
        #expect(MergerGuidelines.us2010.band(forHHI: 2_000) == .moderatelyConcentrated)
        #expect(MergerGuidelines.us2010.band(forHHI: 2_500) == .moderatelyConcentrated)
        #expect(MergerGuidelines.us2010.band(forHHI: 2_600) == .highlyConcentrated)
    }

    @Test func bandRobustnessDependsOnTheInterval() throws {
        // Named 40 % and 10 %, residual 50 %: lo = 1,700 (moderate), hi = 1,700 + 5·100 = 2,200 (high).
        let m = try ConcentrationMeasures.fromShares(named: [0.4, 0.1], residual: 0.5)
        #expect(approx(m.hhiLo, 1_700, absolute: 1e-6) && approx(m.hhiHi, 2_200, absolute: 1e-6))
        #expect(!m.bandIsRobust(.us2023))
        #expect(m.bandIsRobust(.us2010)) // 1,700 and 2,200 are both 'moderately' under 2010
    }
}
