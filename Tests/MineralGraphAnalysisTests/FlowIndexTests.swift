import MineralGraphCore
import Testing

@testable import MineralGraphAnalysis

@Suite("Flow index and per-quantity storage")
struct FlowIndexTests {
    static func graph() -> SupplyGraph {
        SupplyGraph(
            name: "countries", year: 2023,
            nodes: [
                Node(id: "a", kind: .mine, country: "COD"),
                Node(id: "b", kind: .processor, country: "CHN"),
                Node(id: "c", kind: .mine, country: "COD"),
                Node(id: "d", kind: .manufacturer, country: "JPN"),
                Node(id: "e", kind: .processor, country: "CHN"),
            ],
            flows: [])
    }

    @Test func nodesPerCountryAreInGraphOrderAndCountriesSorted() {
        let index = FlowIndex(Self.graph())
        #expect(index.countries == ["CHN", "COD", "JPN"])
        #expect(index.nodes(in: CountryCode("COD")) == [0, 2])
        #expect(index.nodes(in: CountryCode("CHN")) == [1, 4])
        #expect(index.nodes(in: CountryCode("JPN")) == [3])
        #expect(index.nodes(in: CountryCode("DEU")) == [])
    }

    @Test func nodesOfAGroupAreTheMembersInGraphOrder() {
        let graph = Self.graph()
        let index = FlowIndex(graph)
        let grouping = CountryGrouping(override: nil, graph: graph)
        for group in grouping.groups {
            let expected = graph.nodes.indices.filter { grouping.contains(group, graph.nodes[$0].country) }
            #expect(index.nodes(in: group, grouping) == expected)
        }
        // Japan is developed, DR Congo an LDC (UNCTAD).
        #expect(index.nodes(in: .developed, grouping).contains(3))
        #expect(index.nodes(in: .leastDeveloped, grouping) == [0, 2])
    }

    @Test func perWaterQuantityEditsTheNamedQuantityInPlace() {
        var sums = PerWaterQuantity<[Int]> { _ in [] }
        for (i, quantity) in WaterQuantity.allCases.enumerated() {
            sums[quantity].append(i)
            sums[quantity].append(10 * i)
        }
        sums[.brine] = [7]
        #expect(sums.withdrawal == [0, 0])
        #expect(sums.consumption == [1, 10])
        #expect(sums.scarcityWeightedConsumption == [2, 20])
        #expect(sums.brine == [7])
        #expect(sums.seawater == [4, 40])
    }
}
