import Foundation
import MineralGraphCore

/// A deterministic synthetic supply chain for the what-if benchmark, shaped like the battery
/// chain: four minerals mined in many countries, refined by fewer, larger processors, combined
/// in cell plants that need all four (a Leontief recipe), shipped to consumers, whose scrap goes
/// to waste sites; recyclers return recovered material to processors (loops). Contained tonnes
/// and values on every flow. `scale` 1 gives about 100,000 flows. Not data.
public struct ChainGenerator: Sendable {
    public var scale: Double
    public var seed: UInt64

    static let minerals: [MineralID] = ["cobalt", "graphite", "lithium", "nickel"]
    static let miners: [MineralID: [CountryCode]] = [
        "cobalt": ["COD", "IDN", "RUS", "AUS", "PHL", "CUB", "MDG", "PNG", "CAN", "ZMB"],
        "graphite": ["CHN", "MOZ", "MDG", "BRA", "KOR", "IND", "NOR", "TZA", "CAN", "RUS"],
        "lithium": ["AUS", "CHL", "CHN", "ARG", "BRA", "ZWE", "CAN", "PRT", "USA", "NAM"],
        "nickel": ["IDN", "PHL", "RUS", "NCL", "CAN", "AUS", "CHN", "BRA", "USA", "CUB"],
    ]
    static let processors: [CountryCode] = ["CHN", "FIN", "BEL", "CAN", "JPN", "NOR", "IDN", "KOR", "CHL", "AUS", "USA", "DEU"]
    static let plants: [CountryCode] = ["CHN", "KOR", "JPN", "POL", "DEU", "USA", "HUN", "SWE", "IND", "VNM", "MEX", "THA"]
    static let consumers: [CountryCode] = [
        "CHN", "USA", "DEU", "JPN", "FRA", "GBR", "KOR", "IND", "NOR", "BRA", "NLD", "ITA", "ESP", "CAN", "AUS",
        "TUR", "IDN", "ZAF", "MEX", "POL",
    ]
    static let wasteCountries: [CountryCode] = ["GHA", "NGA", "CHN", "IND", "PAK", "BEL", "DEU", "JPN", "KOR", "USA"]
    /// USD per contained tonne by stage.
    static let unitValue: [Stage: Double] = [.mining: 8_000, .processing: 20_000, .manufacturing: 60_000, .use: 1_000]

    public init(scale: Double, seed: UInt64 = 1) {
        self.scale = scale
        self.seed = seed
    }

    /// The scale that gives about `flows` flows (scale 1 gives 99,762).
    public static func scale(forFlows flows: Int) -> Double { Double(flows) / 99_762 }

    /// The benchmark scenario: DR Congo's cobalt mines cut by half, a Chinese export ban on refined
    /// graphite (diverted to domestic customers), spare capacity at Australian and Indonesian mines
    /// (20 %) and Finnish refineries (500 t each).
    public static let scenario = Scenario(
        id: "benchmark", title: "DRC cobalt halves, China bans graphite exports",
        shocks: [
            .cut(OutputCut(nodes: [.country(["COD"]), .kind(["mine"])], fraction: 0.5)),
            .exportBan(ExportBan(country: "CHN", mineral: "graphite", stage: .processing, mode: .divertDomestic)),
        ],
        spareCapacity: [
            SpareCapacity(nodes: [.country(["AUS", "IDN"]), .kind(["mine"])], amount: .fractionOfOutput(0.2)),
            SpareCapacity(nodes: [.country(["FIN"]), .kind(["processor"])], amount: .tonnes(500)),
        ])

    public func make() -> SupplyGraph {
        var random = Xorshift(seed: seed)
        func count(_ base: Double) -> Int { max(2, Int(base * scale)) }
        var nodes: [Node] = []
        var flows: [Flow] = []
        func id(_ prefix: String, _ i: Int) -> String { "\(prefix)-\(String(format: "%05d", i + 1))" }

        // Nodes, stage by stage.
        var mines: [MineralID: [(id: String, tonnes: Double)]] = [:]
        var processors: [MineralID: [String]] = [:]
        for mineral in Self.minerals {
            let countries = Self.miners[mineral]!
            for i in 0..<count(2_000) {
                let nodeID = id("\(mineral)-mine", i)
                let tonnes = (100 * random.pareto(alpha: 1.3)).rounded()
                nodes.append(Node(
                    id: nodeID, kind: .mine, country: countries[random.skewed(countries.count)],
                    outputs: [Output(mineral: mineral, containedTonnes: tonnes, valueUSD: tonnes * Self.unitValue[.mining]!)]))
                mines[mineral, default: []].append((nodeID, tonnes))
            }
            for i in 0..<count(330) {
                let nodeID = id("\(mineral)-refinery", i)
                nodes.append(Node(
                    id: nodeID, kind: .processor, country: Self.processors[random.skewed(Self.processors.count)],
                    outputs: [Output(mineral: mineral)]))
                processors[mineral, default: []].append(nodeID)
            }
        }
        let plants = (0..<count(2_000)).map { id("cell-plant", $0) }
        for plant in plants {
            nodes.append(Node(
                id: plant, kind: .manufacturer, country: Self.plants[random.skewed(Self.plants.count)],
                outputs: Self.minerals.map { Output(mineral: $0) }))
        }
        let consumers = (0..<count(4_000)).map { id("use", $0) }
        for consumer in consumers {
            nodes.append(Node(
                id: consumer, kind: .consumer, country: Self.consumers[random.skewed(Self.consumers.count)],
                outputs: Self.minerals.map { Output(mineral: $0) }))
        }
        let sites = (0..<count(400)).map { id("waste", $0) }
        var recyclers: [String] = []
        for (i, site) in sites.enumerated() {
            let fate: WasteFate = i % 5 == 0 ? .recycling : i % 5 < 3 ? .landfill : .informal
            if fate == .recycling { recyclers.append(site) }
            nodes.append(Node(
                id: site, kind: .wasteDestination(fate), country: Self.wasteCountries[random.skewed(Self.wasteCountries.count)],
                outputs: fate == .recycling ? Self.minerals.map { Output(mineral: $0) } : []))
        }

        // Flows: each node splits what it has over `fanOut` targets, big targets more often.
        func ship(
            _ amount: Double, from source: String, to targets: [String], fanOut: Int, mineral: MineralID, stage: Stage,
            type: FlowType = .product, into received: inout [String: Double]
        ) {
            guard amount > 0, !targets.isEmpty else { return }
            var chosen: [Int] = []
            while chosen.count < min(fanOut, targets.count) {
                let pick = random.unit() < 0.6 ? random.skewed(targets.count) : random.index(targets.count)
                if !chosen.contains(pick) { chosen.append(pick) }
            }
            let weights = chosen.map { _ in 0.2 + random.unit() }
            let total = weights.reduce(0, +)
            for (target, weight) in zip(chosen, weights) {
                let tonnes = amount * weight / total
                flows.append(Flow(
                    from: source, to: targets[target], mineral: mineral, containedTonnes: tonnes,
                    valueUSD: type == .waste ? nil : tonnes * Self.unitValue[stage]!, type: type))
                received[targets[target], default: 0] += tonnes
            }
        }
        for mineral in Self.minerals {
            var refined: [String: Double] = [:]
            for mine in mines[mineral]! {
                ship(mine.tonnes, from: mine.id, to: processors[mineral]!, fanOut: 4, mineral: mineral, stage: .mining, into: &refined)
            }
            var made: [String: Double] = [:]
            for processor in processors[mineral]! {
                ship(refined[processor] ?? 0, from: processor, to: plants, fanOut: 10, mineral: mineral, stage: .processing, into: &made)
            }
            var used: [String: Double] = [:]
            for plant in plants {
                ship(made[plant] ?? 0, from: plant, to: consumers, fanOut: 6, mineral: mineral, stage: .manufacturing, into: &used)
            }
            var wasted: [String: Double] = [:]
            for consumer in consumers {
                ship(0.1 * (used[consumer] ?? 0), from: consumer, to: sites, fanOut: 2, mineral: mineral, stage: .use,
                     type: .waste, into: &wasted)
            }
            var recovered: [String: Double] = [:]
            for recycler in recyclers {
                ship(0.5 * (wasted[recycler] ?? 0), from: recycler, to: processors[mineral]!, fanOut: 5, mineral: mineral,
                     stage: .processing, type: .recoveredFraction, into: &recovered)
            }
        }
        return SupplyGraph(
            name: "Synthetic battery chain (scale \(scale), seed \(seed))", year: 2023,
            description: "Generated by Benchmarks/whatif-benchmark; not data.", nodes: nodes, flows: flows)
    }
}

/// xorshift64* (Vigna 2016): the same sequence on every platform.
struct Xorshift {
    var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func index(_ count: Int) -> Int { min(count - 1, Int(unit() * Double(count))) }

    /// Pareto-distributed value ≥ 1 with tail index `alpha`.
    mutating func pareto(alpha: Double) -> Double { 1 / pow(1 - unit(), 1 / alpha) }

    /// An index in 0..<count, small indices far more likely (∝ 1/(i+1) roughly): u² stretched.
    mutating func skewed(_ count: Int) -> Int {
        let u = unit()
        return min(count - 1, Int(pow(Double(count + 1), u * u * u)) - 1)
    }
}
