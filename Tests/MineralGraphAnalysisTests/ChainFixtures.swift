import MineralGraphCore

/// Small graphs from the worked examples of METHODS, with hand-checkable numbers.
enum ChainFixtures {
    /// METHODS §3.4 and §5.5: mine D (DR Congo) → refinery C (China) → manufacturer J (Japan).
    ///
    /// D ships 100 t hydroxide (30 t Co) for $1.0 M; C ships 30 t Co for $1.5 M; J's 300 t of
    /// products are worth $6.0 M and stay unshipped (final output). Consumption 50/20/5 m³/t,
    /// AWARE 20/5/1; withdrawal 80/30/10 m³/t (not in METHODS, for the withdrawal account).
    static func valueChain() -> SupplyGraph {
        SupplyGraph(
            name: "METHODS 3.4/5.5 cobalt chain", year: 2023,
            nodes: [
                Node(
                    id: "D", kind: .mine, country: "COD",
                    outputs: [Output(mineral: "cobalt", product: "cobalt hydroxide", tonnes: 100)],
                    water: WaterUse(withdrawalM3PerTonne: 80, consumptionM3PerTonne: 50, awareFactor: 20)),
                Node(
                    id: "C", kind: .processor, country: "CHN",
                    outputs: [Output(mineral: "cobalt", product: "refined cobalt", containedTonnes: 30, valueUSD: 1.5e6)],
                    water: WaterUse(withdrawalM3PerTonne: 30, consumptionM3PerTonne: 20, awareFactor: 5)),
                Node(
                    id: "J", kind: .manufacturer, country: "JPN",
                    outputs: [Output(mineral: "cobalt", product: "battery products", tonnes: 300, valueUSD: 6e6)],
                    water: WaterUse(withdrawalM3PerTonne: 10, consumptionM3PerTonne: 5, awareFactor: 1)),
            ],
            flows: [
                Flow(from: "D", to: "C", mineral: "cobalt", product: "cobalt hydroxide", tonnes: 100,
                     containedTonnes: 30, valueUSD: 1e6),
                Flow(from: "C", to: "J", mineral: "cobalt", product: "refined cobalt", tonnes: 30,
                     containedTonnes: 30, valueUSD: 1.5e6),
            ])
    }

    /// METHODS §2.4: S (Zambia) ships 1,000 t concentrate to N (Germany) for $2.5 M; N ships 50 t
    /// of goods made from its own inputs to S for $2.5 M. Consumed water 30 and 100 m³/t; AWARE
    /// 20 and 1.
    static func twoCountry() -> SupplyGraph {
        SupplyGraph(
            name: "METHODS 2.4 two-country exchange", year: 2023,
            nodes: [
                Node(
                    id: "s-mine", kind: .mine, country: "ZMB",
                    outputs: [Output(mineral: "copper", product: "concentrate", tonnes: 1000)],
                    water: WaterUse(withdrawalM3PerTonne: 40, consumptionM3PerTonne: 30, awareFactor: 20)),
                Node(id: "s-users", kind: .consumer, country: "ZMB"),
                Node(
                    id: "n-plant", kind: .manufacturer, country: "DEU",
                    outputs: [Output(mineral: "copper", product: "manufactured goods", tonnes: 50)],
                    water: WaterUse(withdrawalM3PerTonne: 120, consumptionM3PerTonne: 100, awareFactor: 1)),
                Node(id: "n-smelter", kind: .processor, country: "DEU"),
            ],
            flows: [
                Flow(from: "s-mine", to: "n-smelter", mineral: "copper", product: "concentrate", tonnes: 1000,
                     containedTonnes: 250, valueUSD: 2.5e6),
                Flow(from: "n-plant", to: "s-users", mineral: "copper", product: "manufactured goods", tonnes: 50,
                     containedTonnes: 10, valueUSD: 2.5e6),
            ])
    }

    /// A recycling loop: mines M (Australia, 100 t Co) and M2 (DR Congo, 10 t) → refiner R (China)
    /// → maker J (Korea); J sends 20 t of scrap (waste) to recycler Y (Belgium), which returns
    /// 10 t (recovered fraction) to R. Contained tonnes throughout.
    ///
    /// Consumption 10/10/20/5/30 m³/t. Hand solution: `W*_R = 20 + (100·10 + 10·10 + 10·W*_Y)/120`,
    /// `W*_J = 5 + W*_R`, `W*_Y = 30 + 2·W*_J` → `W*_R = 39`, `W*_J = 44`, `W*_Y = 118`; direct
    /// water 1,000 + 100 + 2,400 + 600 + 300 = 4,400 m³ = 100 t final output × 44.
    /// Origin: R draws 10/11 of its cobalt from M and 1/11 from M2.
    /// Values: $1,000 + $100 + $50 (recovered) into R; R → J $2,000; J pays $10 to dispose of
    /// scrap (−$10); J's output is worth $5,000 → Σ VA = $5,000.
    static func recyclingLoop() -> SupplyGraph {
        SupplyGraph(
            name: "recycling loop", year: 2023,
            nodes: [
                Node(id: "M", kind: .mine, country: "AUS",
                     outputs: [Output(mineral: "cobalt", containedTonnes: 100)],
                     water: WaterUse(withdrawalM3PerTonne: 15, consumptionM3PerTonne: 10, awareFactor: 2)),
                Node(id: "M2", kind: .mine, country: "COD",
                     outputs: [Output(mineral: "cobalt", containedTonnes: 10)],
                     water: WaterUse(withdrawalM3PerTonne: 15, consumptionM3PerTonne: 10, awareFactor: 10)),
                Node(id: "R", kind: .processor, country: "CHN",
                     outputs: [Output(mineral: "cobalt", containedTonnes: 120)],
                     water: WaterUse(withdrawalM3PerTonne: 25, consumptionM3PerTonne: 20, awareFactor: 3)),
                Node(id: "J", kind: .manufacturer, country: "KOR",
                     outputs: [Output(mineral: "cobalt", containedTonnes: 120, valueUSD: 5000)],
                     water: WaterUse(withdrawalM3PerTonne: 8, consumptionM3PerTonne: 5, awareFactor: 1)),
                Node(id: "Y", kind: .wasteDestination(.recycling), country: "BEL",
                     outputs: [Output(mineral: "cobalt", containedTonnes: 10)],
                     water: WaterUse(withdrawalM3PerTonne: 40, consumptionM3PerTonne: 30, awareFactor: 1)),
            ],
            flows: [
                Flow(from: "M", to: "R", mineral: "cobalt", containedTonnes: 100, valueUSD: 1000),
                Flow(from: "M2", to: "R", mineral: "cobalt", containedTonnes: 10, valueUSD: 100),
                Flow(from: "R", to: "J", mineral: "cobalt", containedTonnes: 120, valueUSD: 2000),
                Flow(from: "J", to: "Y", mineral: "cobalt", product: "production scrap", containedTonnes: 20,
                     valueUSD: -10, type: .waste),
                Flow(from: "Y", to: "R", mineral: "cobalt", containedTonnes: 10, valueUSD: 50, type: .recoveredFraction),
            ])
    }

    /// METHODS §4.4 toy: mines M_D (DR Congo) 70 t and M_E (Australia) 30 t → refineries R_C
    /// (China) and R_F (Finland) → makers J (Japan) and K (Korea). Contained tonnes.
    static func exposureToy() -> SupplyGraph {
        SupplyGraph(
            name: "METHODS 4.4 toy", year: 2023,
            nodes: [
                Node(id: "M_D", kind: .mine, country: "COD", outputs: [Output(mineral: "cobalt", containedTonnes: 70)]),
                Node(id: "M_E", kind: .mine, country: "AUS", outputs: [Output(mineral: "cobalt", containedTonnes: 30)]),
                Node(id: "R_C", kind: .processor, country: "CHN", outputs: [Output(mineral: "cobalt", containedTonnes: 80)]),
                Node(id: "R_F", kind: .processor, country: "FIN", outputs: [Output(mineral: "cobalt", containedTonnes: 20)]),
                Node(id: "J", kind: .manufacturer, country: "JPN", outputs: [Output(mineral: "cobalt", containedTonnes: 50)]),
                Node(id: "K", kind: .manufacturer, country: "KOR", outputs: [Output(mineral: "cobalt", containedTonnes: 50)]),
            ],
            flows: [
                Flow(from: "M_D", to: "R_C", mineral: "cobalt", containedTonnes: 60),
                Flow(from: "M_D", to: "R_F", mineral: "cobalt", containedTonnes: 10),
                Flow(from: "M_E", to: "R_C", mineral: "cobalt", containedTonnes: 20),
                Flow(from: "M_E", to: "R_F", mineral: "cobalt", containedTonnes: 10),
                Flow(from: "R_C", to: "J", mineral: "cobalt", containedTonnes: 50),
                Flow(from: "R_C", to: "K", mineral: "cobalt", containedTonnes: 30),
                Flow(from: "R_F", to: "K", mineral: "cobalt", containedTonnes: 20),
            ])
    }
}
