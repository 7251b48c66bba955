import Foundation
import MineralGraphCore

/// Deterministic synthetic supply graphs of any size, shaped like real mineral chains: many
/// mines, fewer and more concentrated processors, manufacturers, consumers, waste sites, with
/// waste flows and recycling loops.
///
/// Two minerals (cobalt and lithium, 70:30 by mines and processors) share the downstream
/// stages. Targets are drawn with Zipf-like weights, so a few processors and manufacturers
/// receive most of the material, as in the real chains; countries are drawn the same way from
/// a list where China, DR Congo, Australia and Chile lead.
struct SyntheticGraph {
    var nodeCount: Int
    var seed: UInt64

    func make() -> SupplyGraph {
        var random = SplitMix64(seed: seed)
        let counts = stageCounts()
        var nodes: [Node] = []
        var flows: [Flow] = []

        func id(_ prefix: String, _ i: Int) -> String { "\(prefix)-\(String(i + 1).leftPadded(to: 4))" }
        func country(_ list: [CountryCode]) -> CountryCode { list[random.zipf(count: list.count, exponent: 1.1)] }

        // Mines and processors, per mineral.
        var mines: [(Node, Double)] = []
        for i in 0..<counts.mines {
            let mineral: MineralID = random.unit() < 0.7 ? "cobalt" : "lithium"
            let tonnes = (200 * random.pareto(alpha: 1.2)).rounded()
            let withdrawal = (10 + random.unit() * 190).rounded()
            let water = random.unit() < 0.5
                ? WaterUse(withdrawalM3PerTonne: withdrawal, consumptionM3PerTonne: (withdrawal * random.unit()).rounded()) : nil
            let node = Node(
                id: id("mine", i), name: "Mine \(i + 1)", kind: .mine,
                country: country(mineral == "cobalt" ? Self.cobaltMiners : Self.lithiumMiners),
                outputs: [Output(mineral: mineral, containedTonnes: tonnes)],
                water: water)
            nodes.append(node)
            mines.append((node, tonnes))
        }
        var processors: [MineralID: [Node]] = ["cobalt": [], "lithium": []]
        for i in 0..<counts.processors {
            let mineral: MineralID = i % 10 < 7 ? "cobalt" : "lithium"
            let node = Node(
                id: id("proc", i), name: "Refinery \(i + 1)", kind: .processor, country: country(Self.processors),
                outputs: [Output(mineral: mineral)])
            processors[mineral]!.append(node)
        }
        let manufacturers = (0..<counts.manufacturers).map { i in
            Node(id: id("mfr", i), name: "Cathode plant \(i + 1)", kind: .manufacturer, country: country(Self.manufacturers),
                 outputs: [Output(mineral: "cobalt"), Output(mineral: "lithium")])
        }
        let consumers = (0..<counts.consumers).map { i in
            Node(id: id("use", i), name: "Use \(i + 1)", kind: .consumer, country: country(Self.consumers),
                 outputs: [Output(mineral: "cobalt"), Output(mineral: "lithium")])
        }
        let wasteSites = (0..<counts.waste).map { i in
            let fate = WasteFate.allCases[random.zipf(count: 4, exponent: 0.5)]
            return Node(id: id("waste", i), name: "Waste site \(i + 1)", kind: .wasteDestination(fate), country: country(Self.wasteCountries),
                        outputs: fate == .recycling ? [Output(mineral: "cobalt"), Output(mineral: "lithium")] : [])
        }
        nodes += processors["cobalt"]! + processors["lithium"]! + manufacturers + consumers + wasteSites

        /// Splits `amount` over 1–4 targets, chosen with Zipf weights 60 % of the time and uniformly otherwise.
        func ship(_ amount: Double, from source: String, to targets: [Node], mineral: MineralID, type: FlowType = .product, into inflow: inout [String: Double]) {
            guard !targets.isEmpty, amount > 0 else { return }
            let count = min(targets.count, 1 + random.zipf(count: 4, exponent: 0.7))
            var chosen: [Int] = []
            while chosen.count < count {
                // Mostly the big players, sometimes anyone: every target gets some material.
                let pick = random.unit() < 0.6 ? random.zipf(count: targets.count, exponent: 1.0) : Int(random.unit() * Double(targets.count))
                if !chosen.contains(pick) { chosen.append(pick) }
            }
            var left = amount
            for (k, index) in chosen.enumerated() {
                let part = k == chosen.count - 1 ? left : (left * (0.5 + 0.4 * random.unit())).rounded()
                left -= part
                guard part > 0 else { continue }
                flows.append(Flow(from: source, to: targets[index].id, mineral: mineral, containedTonnes: part, type: type))
                inflow[targets[index].id, default: 0] += part
            }
        }

        for mineral in ["cobalt", "lithium"] as [MineralID] {
            var processed: [String: Double] = [:]
            for (mine, tonnes) in mines where mine.outputs[0].mineral == mineral {
                ship(tonnes, from: mine.id, to: processors[mineral]!, mineral: mineral, into: &processed)
            }
            var made: [String: Double] = [:]
            for processor in processors[mineral]! {
                ship(processed[processor.id] ?? 0, from: processor.id, to: manufacturers, mineral: mineral, into: &made)
            }
            var used: [String: Double] = [:]
            for manufacturer in manufacturers {
                ship(made[manufacturer.id] ?? 0, from: manufacturer.id, to: consumers, mineral: mineral, into: &used)
            }
            var wasted: [String: Double] = [:]
            for consumer in consumers {
                ship(((used[consumer.id] ?? 0) * 0.1).rounded(), from: consumer.id, to: wasteSites, mineral: mineral, type: .waste, into: &wasted)
            }
            var recovered: [String: Double] = [:]
            for site in wasteSites where site.kind == .wasteDestination(.recycling) {
                ship(((wasted[site.id] ?? 0) * 0.5).rounded(), from: site.id, to: processors[mineral]!, mineral: mineral, type: .recoveredFraction, into: &recovered)
            }
        }
        return SupplyGraph(
            name: "Synthetic chain, \(nodeCount) nodes (seed \(seed))", year: 2023,
            description: "Generated by Benchmarks/render-benchmark; not data.", nodes: nodes, flows: flows)
    }

    /// 30 % mines, 15 % processors, 20 % manufacturers, 25 % consumers, 10 % waste sites.
    func stageCounts() -> (mines: Int, processors: Int, manufacturers: Int, consumers: Int, waste: Int) {
        let mines = max(1, nodeCount * 30 / 100)
        let processors = max(2, nodeCount * 15 / 100)
        let manufacturers = max(1, nodeCount * 20 / 100)
        let waste = max(1, nodeCount * 10 / 100)
        return (mines, processors, manufacturers, max(1, nodeCount - mines - processors - manufacturers - waste), waste)
    }

    static let cobaltMiners: [CountryCode] = ["COD", "IDN", "RUS", "AUS", "PHL", "CUB", "MDG", "PNG", "CAN", "ZMB", "MAR", "TUR", "USA"]
    static let lithiumMiners: [CountryCode] = ["AUS", "CHL", "CHN", "ARG", "BRA", "ZWE", "CAN", "PRT", "USA", "NAM"]
    static let processors: [CountryCode] = ["CHN", "FIN", "BEL", "CAN", "JPN", "NOR", "MAR", "ZMB", "COD", "AUS", "CHL", "IND", "KOR", "CIV"]
    static let manufacturers: [CountryCode] = ["CHN", "KOR", "JPN", "POL", "DEU", "USA", "HUN", "SWE", "IND", "VNM", "MEX", "THA"]
    static let consumers: [CountryCode] = ["CHN", "USA", "DEU", "JPN", "FRA", "GBR", "KOR", "IND", "NOR", "BRA", "NLD", "ITA", "ESP", "CAN", "AUS", "TUR", "IDN", "ZAF"]
    static let wasteCountries: [CountryCode] = ["GHA", "NGA", "CHN", "IND", "PAK", "BEL", "DEU", "JPN", "KOR", "USA", "TZA", "BGD", "VNM"]
}

/// SplitMix64 (Steele, Lea & Flood 2014): small, fast and the same on every platform, so a
/// seed always gives the same graph.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Pareto-distributed value ≥ 1 with tail index `alpha`.
    mutating func pareto(alpha: Double) -> Double { 1 / pow(1 - unit(), 1 / alpha) }

    /// An index in 0..<count with probability ∝ 1 / (index + 1)^exponent.
    mutating func zipf(count: Int, exponent: Double) -> Int {
        let weights = (1...count).map { 1 / pow(Double($0), exponent) }
        var target = unit() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return count - 1
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
