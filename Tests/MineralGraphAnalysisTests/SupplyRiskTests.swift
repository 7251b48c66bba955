import MineralGraphTestSupport
import Testing

@testable import MineralGraphAnalysis
import MineralGraphCore

@Suite("Supply risk: GeoPolRisk, governance-weighted HHI, EU SR")
struct SupplyRiskTests {
    @Test func governanceScalingFollowsTheMethods() {
        #expect(approx(GovernanceScaling.politicalInstability(estimate: 0.5), 0.4))
        #expect(GovernanceScaling.politicalInstability(estimate: -3) == 1)
        #expect(GovernanceScaling.politicalInstability(estimate: 2.7) == 0)
        #expect(approx(GovernanceScaling.euGovernanceWeight(meanEstimate: -0.4), 5.8))
    }

    /// METHODS §1.7 worked example C.
    @Test func euSupplyRiskWorkedExampleC() throws {
        let gs = EUSupplyRisk.governanceWeightedHHI([
            .init(country: "CHN", share: 0.99, governanceWeight: 5.8),
            .init(country: "ZZZ", share: 0.01, governanceWeight: 3.0),
        ])
        #expect(approx(gs, 0.9801 * 5.8 + 0.0001 * 3.0))
        #expect((gs * 100).rounded() / 100 == 5.68)
        // With the unrounded HHI_WGI,GS (5.6849): (5.6849·0.5 + 4.0·0.5)·0.97·0.97 = 4.556 → 4.56
        // (rounding HHI_GS to 5.68 first would give 4.55).
        let sr = try #require(EUSupplyRisk.supplyRisk(
            globalHHI: gs, sourcingHHI: 4.0, importReliance: 1.0, endOfLifeRecyclingInputRate: 0.03, substitutionIndex: 0.97))
        #expect((sr * 100).rounded() / 100 == 4.56)
        #expect(EUSupplyRisk.bottleneck([(.mining, 1.8), (.processing, sr)])?.stage == .processing)
        // One scope only: that scope's HHI alone.
        #expect(EUSupplyRisk.supplyRisk(globalHHI: 2, sourcingHHI: nil, importReliance: 0.5, endOfLifeRecyclingInputRate: 0, substitutionIndex: 1) == 2)
        #expect(EUSupplyRisk.importReliance(imports: 80, exports: 20, production: 40) == 0.6)
        #expect(EUSupplyRisk.importReliance(imports: 10, exports: 50, production: 100) == 0)
    }

    /// The METHODS §1.9 worked example as a graph: global mining HHI 0.30 (shares √0.3… here
    /// suppliers chosen for HHI 3,000), c imports 60 t from i₁ (g = 0.6) and 40 t from i₂ (g = 0.2)
    /// and mines 100 t: import risk 0.22, GeoPolRisk 0.066.
    @Test func geoPolRiskWorkedExample() throws {
        // Mining shares 50/10/10/10/10/10 % give HHI 3,000 = 0.30 on the 0–1 scale; c (DEU) is
        // the 10 % producer at 100 t, i₁ (AAA) 500 t … of 1,000 t in all.
        let producers: [(CountryCode, Double)] = [("IDN", 500), ("DEU", 100), ("COD", 100), ("AUS", 100), ("CAN", 100), ("CUB", 100)]
        var nodes = producers.map { Node(id: "\($0.0)-mine", kind: .mine, country: $0.0, outputs: [Output(mineral: "cobalt", tonnes: $0.1)]) }
        nodes.append(Node(id: "DEU-plant", kind: .processor, country: "DEU"))
        let flows = [
            Flow(from: "IDN-mine", to: "DEU-plant", mineral: "cobalt", tonnes: 60),
            Flow(from: "COD-mine", to: "DEU-plant", mineral: "cobalt", tonnes: 40),
        ]
        let graph = SupplyGraph(name: "GeoPolRisk example", year: 2020, nodes: nodes, flows: flows)
        var governance = GovernanceTable(source: "test")
        governance.set(.politicalStability, "IDN", year: 2020, -0.5)  // g = 0.6
        governance.set(.politicalStability, "COD", year: 2019, 1.5)  // g = 0.2, from the latest earlier year
        let rows = GeoPolRiskPass(governance: governance).run(on: graph)
        let row = try #require(rows.first { $0.importer == "DEU" && $0.stage == .mining })
        #expect(approx(row.hhi.value, 0.30))
        #expect(row.domesticTonnes.value == 100)
        #expect(approx(row.importRisk.value, 0.22))
        #expect(approx(row.score.value, 0.066))
        #expect(row.importBasis == "t gross")
        #expect(row.wgiYears == [2019, 2020])
    }

    @Test func missingGovernanceIsNullWithAReasonAndNoImportsIsZero() throws {
        let graph = SupplyGraph(
            name: "t", year: 2020,
            nodes: [
                Node(id: "a", kind: .mine, country: "COD", outputs: [Output(mineral: "cobalt", tonnes: 100)]),
                Node(id: "b", kind: .mine, country: "AUS", outputs: [Output(mineral: "cobalt", tonnes: 100)]),
                Node(id: "p", kind: .processor, country: "CHN"),
            ],
            flows: [Flow(from: "a", to: "p", mineral: "cobalt", tonnes: 100)])
        let rows = GeoPolRiskPass(governance: GovernanceTable(source: "empty"), countries: ["AUS"]).run(on: graph)
        let china = try #require(rows.first { $0.importer == "CHN" })
        #expect(china.importRisk.unavailable?.code == .missingWGI)
        #expect(china.score.value == nil)
        let australia = try #require(rows.first { $0.importer == "AUS" })
        #expect(australia.importRisk.value == 0)
        #expect(australia.note == "no imports: import risk 0")
        #expect(australia.score.value == 0)
    }
}
