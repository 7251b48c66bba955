import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import Testing

@testable import MineralGraphReports

/// `diff` and `trend`: whether a change exceeds the uncertainty of the figures (METHODS §11.4).
@Suite("Changes against the uncertainty (diff, trend)")
struct ChangeUncertaintyTests {
    /// Mine `idA` in DR Congo produces 80 t, uniformly uncertain on [60, 100] when `uncertain`;
    /// the Indonesian mine `b` produces exactly `b` t.
    static func twoMines(year: Int = 2022, idA: String = "a", b: Double, uncertain: Bool = true) -> SupplyGraph {
        SupplyGraph(name: "Two mines", year: year, nodes: [
            Node(id: idA, kind: .mine, country: "COD", outputs: [
                Output(mineral: "cobalt", containedTonnes: 80,
                       uncertainty: uncertain ? FigureUncertainties(containedTonnes: .range(low: 60, high: 100)) : nil),
            ]),
            Node(id: "b", kind: .mine, country: "IDN", outputs: [Output(mineral: "cobalt", containedTonnes: b)]),
        ])
    }

    static let mining = ReportRow.Key(
        section: "concentration", mineral: "cobalt", stage: "mining", itemKind: "stage", item: "mining", metric: "hhi", unit: "HHI")

    /// B from 40 to 44 t lowers the HHI by 10,000 (a² + 40²)/(a + 40)² − 10,000 (a² + 44²)/(a + 44)²
    /// > 0 for every a in [60, 100]: with A drawn at the same point on both sides every drawn
    /// change is negative, so the change exceeds the uncertainty although each side's interval
    /// (about 650 HHI wide) covers the other's value. With A renamed on one side the two draws
    /// are independent and the interval of the change takes in zero.
    @Test func pairedDrawsSeeAChangeThatIndependentDrawsDoNot() throws {
        let builder = ReportBuilder(monteCarlo: MonteCarloSettings(draws: 1_000, seed: 2))
        let paired = try builder.compare(Self.twoMines(b: 40), with: Self.twoMines(b: 44))
        let change = try #require(paired.changeUncertainty[Self.mining])
        #expect(change.change.high < 0 && change.exceeds)
        let before = try #require(try builder.build(Self.twoMines(b: 40)).uncertainty?.concentration.first)
        let after = try #require(try builder.build(Self.twoMines(b: 44)).uncertainty?.concentration.first)
        #expect(after.hhi.value > before.hhi.low && before.hhi.value < after.hhi.high)

        let independent = try builder.compare(Self.twoMines(b: 40), with: Self.twoMines(idA: "a2", b: 44))
        let loose = try #require(independent.changeUncertainty[Self.mining])
        #expect(loose.change.low < 0 && loose.change.high > 0 && !loose.exceeds)
        #expect(abs(loose.change.value - change.change.value) < 1e-9)
    }

    @Test func theFormatsSayWhetherAChangeExceedsTheUncertainty() throws {
        let builder = ReportBuilder(monteCarlo: MonteCarloSettings(draws: 300, seed: 2))
        let comparison = try builder.compare(Self.twoMines(b: 40), with: Self.twoMines(b: 44))
        let markdown = try ComparisonFormatter(format: .markdown).format(comparison)
        #expect(markdown.contains("## Changes against the uncertainty of the figures"))
        #expect(markdown.contains("300 paired Monte Carlo draws"))
        #expect(markdown.contains("| hhi (HHI) |") && markdown.contains("| yes |"))
        let json = try ComparisonFormatter(format: .json).format(comparison)
        #expect(json.contains("\"exceeds_uncertainty\" : true") && json.contains("\"change_interval\"") && json.contains("\"pairing\""))
        let csv = try ComparisonFormatter(format: .csv).format(comparison)
        #expect(csv.hasPrefix((ComparisonFormatter.csvColumns + ComparisonFormatter.uncertaintyColumns).joined(separator: ",") + "\n"))
        #expect(csv.contains(",true\n"))

        // Exact graphs: no section, key or column.
        let exact = try builder.compare(Self.twoMines(b: 40, uncertain: false), with: Self.twoMines(b: 44, uncertain: false))
        #expect(exact.changeUncertainty.isEmpty && exact.monteCarlo == nil)
        #expect(exact == ReportComparison(before: try builder.build(Self.twoMines(b: 40, uncertain: false)), after: try builder.build(Self.twoMines(b: 44, uncertain: false))))
        #expect(!(try ComparisonFormatter(format: .json).format(exact)).contains("uncertainty"))
        #expect(try ComparisonFormatter(format: .csv).format(exact).hasPrefix(ComparisonFormatter.csvColumns.joined(separator: ",") + "\n"))
    }

    /// Two years drawn independently. The same figures both years: the stated change is 0 and
    /// the interval of the change is symmetric around it, so within the uncertainty. B from 40 to
    /// 20 t: HHI at least 6,250 in 2022 (a = 60) and at most 5,918 in 2021 (a = 100), so every
    /// drawn change is positive.
    @Test func trendChangesAreTestedAgainstIndependentYears() throws {
        let settings = MonteCarloSettings(draws: 1_000, seed: 5)
        let builder = TrendReportBuilder(monteCarlo: settings)
        let same = try builder.build([Self.twoMines(year: 2021, b: 40), Self.twoMines(year: 2022, b: 40)], files: ["a", "b"])
        let flat = try #require(same.series.first?.changeUncertainty)
        #expect(flat.interval[0] < 0 && flat.interval[2] > 0 && !flat.exceedsUncertainty)
        #expect(same.uncertainty?.draws == 1_000)

        let rising = try builder.build([Self.twoMines(year: 2021, b: 40), Self.twoMines(year: 2022, b: 20)], files: ["a", "b"])
        let series = try #require(rising.series.first)
        let change = try #require(series.changeUncertainty)
        #expect(change.interval[0] > 332 && change.exceedsUncertainty)
        #expect(series.yearOnYear.first?.uncertainty == change)
        let markdown = try TrendFormatter(format: .markdown).format(rising)
        #expect(markdown.contains("exceeds the uncertainty") && markdown.contains("1,000 Monte Carlo draws"))
        #expect(try TrendFormatter(format: .csv).format(rising).contains(",change_exceeds_uncertainty\n"))

        // Exact graphs, or no settings: the report as before.
        let exact = try builder.build([Self.twoMines(year: 2021, b: 40, uncertain: false), Self.twoMines(year: 2022, b: 20, uncertain: false)], files: ["a", "b"])
        #expect(exact.uncertainty == nil && exact.series.first?.changeUncertainty == nil)
        #expect(exact == (try TrendReportBuilder().build([Self.twoMines(year: 2021, b: 40, uncertain: false), Self.twoMines(year: 2022, b: 20, uncertain: false)], files: ["a", "b"])))
        #expect(!(try TrendFormatter(format: .json).format(exact)).contains("uncertainty"))
    }
}
