import MineralGraphCore
import Testing

@testable import MineralGraphAnalysis

@Suite("C3 bottleneck stage")
struct BottleneckStagePassTests {
    static func node(_ id: String, _ kind: NodeKind, _ country: CountryCode, _ mineral: MineralID, _ tonnes: Double?) -> Node {
        Node(id: id, kind: kind, country: country, outputs: [Output(mineral: mineral, containedTonnes: tonnes)])
    }

    @Test func theMostConcentratedStageIsTheBottleneck() throws {
        // Lithium: mining 47/30/15/5/3 = 3,368; processing CHN 65, CHL 25, ARG 10 = 4,950.
        // Cobalt: mining COD 70, AUS 30 = 5,800; processing CHN 60, FIN 40 = 5,200.
        let graph = SupplyGraph(name: "b", year: 2023, nodes: [
            Self.node("l1", .mine, "AUS", "lithium", 47), Self.node("l2", .mine, "CHL", "lithium", 30),
            Self.node("l3", .mine, "CHN", "lithium", 15), Self.node("l4", .mine, "ARG", "lithium", 5),
            Self.node("l5", .mine, "BRA", "lithium", 3),
            Self.node("lp1", .processor, "CHN", "lithium", 65), Self.node("lp2", .processor, "CHL", "lithium", 25),
            Self.node("lp3", .processor, "ARG", "lithium", 10),
            Self.node("c1", .mine, "COD", "cobalt", 70), Self.node("c2", .mine, "AUS", "cobalt", 30),
            Self.node("cp1", .processor, "CHN", "cobalt", 60), Self.node("cp2", .processor, "FIN", "cobalt", 40),
        ])
        let result = BottleneckStagePass().run(on: graph)
        #expect(result.minerals.map(\.mineral) == ["cobalt", "lithium"])
        let cobalt = result.minerals[0], lithium = result.minerals[1]
        #expect(cobalt.stage == .mining && abs(cobalt.hhi! - 5_800) < 1e-6 && cobalt.isRobust && !cobalt.isTie)
        #expect(lithium.stage == .processing && abs(lithium.hhi! - 4_950) < 1e-6 && lithium.isRobust)
        #expect(lithium.candidates.map(\.stage) == [.mining, .processing])
        #expect(lithium.band == .highlyConcentrated)
    }

    @Test func overlappingBoundsAreNotRobustAndTiesGoToTheEarlierStage() throws {
        // Mining: COD 60, AUS 20, residual 20 → lo 3,600 + 400 = 4,000; hi + 400 = 4,400 (headline).
        // Processing: CHN 60, FIN 20, BEL 10, JPN 10 → 4,200, inside mining's interval.
        var graph = SupplyGraph(name: "r", year: 2023, nodes: [
            Self.node("m1", .mine, "COD", "cobalt", 60), Self.node("m2", .mine, "AUS", "cobalt", 20),
            Self.node("p1", .processor, "CHN", "cobalt", 60), Self.node("p2", .processor, "FIN", "cobalt", 20),
            Self.node("p3", .processor, "BEL", "cobalt", 10), Self.node("p4", .processor, "JPN", "cobalt", 10),
        ], otherCountries: [OtherCountries(mineral: "cobalt", stage: .mining, containedTonnes: 20)])
        var item = try #require(BottleneckStagePass().run(on: graph).minerals.first)
        #expect(item.stage == .mining && abs(item.hhi! - 4_400) < 1e-6)
        #expect(!item.isRobust) // mining's lower bound 4,000 < processing's 4,200

        // Processing 30/30/20/20 = 2,600 is below mining's lower bound: robust.
        graph.nodes[2...5] = [
            Self.node("p1", .processor, "CHN", "cobalt", 30), Self.node("p2", .processor, "FIN", "cobalt", 30),
            Self.node("p3", .processor, "BEL", "cobalt", 20), Self.node("p4", .processor, "JPN", "cobalt", 20),
        ]
        item = try #require(BottleneckStagePass().run(on: graph).minerals.first)
        #expect(item.stage == .mining && item.isRobust)

        // Equal HHIs: the earlier stage, flagged as a tie.
        graph.otherCountries = []
        graph.nodes = [
            Self.node("m1", .mine, "COD", "cobalt", 50), Self.node("m2", .mine, "AUS", "cobalt", 50),
            Self.node("p1", .processor, "CHN", "cobalt", 50), Self.node("p2", .processor, "FIN", "cobalt", 50),
        ]
        item = try #require(BottleneckStagePass().run(on: graph).minerals.first)
        #expect(item.stage == .mining && item.isTie && !item.isRobust)
    }

    @Test func noMeasuredStageIsUnavailable() throws {
        let graph = SupplyGraph(name: "u", year: 2023, nodes: [Self.node("m", .mine, "COD", "cobalt", nil)])
        let item = try #require(BottleneckStagePass().run(on: graph).minerals.first)
        #expect(item.stage == nil && item.unavailable?.code == .noMeasuredStage)
    }
}
