import MineralGraphCore

/// Small graphs for the export tests.
enum ExportFixtures {
    /// Two nodes, two parallel flows (one waste), a second-year output, water, a source and an
    /// "other countries" row; text with XML, DOT and CSV specials and non-ASCII letters.
    static let tiny = SupplyGraph(
        name: "Tiny & <small>", year: 2023, priceYear: 2022, description: "Two \"nodes\"\nand a loop",
        sources: [SourceReference(id: "s1", title: "Survey, 2024", year: 2024)],
        nodes: [
            Node(
                id: "mine-a", name: "Mine Ä", kind: .mine, country: "COD",
                outputs: [
                    Output(mineral: "cobalt", product: "hydroxide", tonnes: 100, containedTonnes: 30, valueUSD: 1.5e6),
                    Output(mineral: "copper", year: 2022, tonnes: 50),
                ],
                capacityTonnes: 40, water: WaterUse(consumptionM3PerTonne: 2.5), source: "s1"),
            Node(id: "dump", kind: .wasteDestination(.landfill), country: "FIN", notes: "a,b"),
        ],
        flows: [
            Flow(from: "mine-a", to: "dump", mineral: "cobalt", tonnes: 10, type: .waste),
            Flow(from: "mine-a", to: "dump", mineral: "cobalt", containedTonnes: 3, valueUSD: 0.25, source: "s1", notes: "second, \"parallel\""),
        ],
        otherCountries: [OtherCountries(mineral: "cobalt", stage: .mining, tonnes: 5)])
}
