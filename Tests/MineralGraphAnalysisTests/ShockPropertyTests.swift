import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphAnalysis

/// METHODS §8 property of the shock propagation on seeded random chains: without substitution a
/// cut δ at one source gives every node the shortfall share δ · exposure (§4.2); also bounds and
/// mass conservation.
@Suite("S2 shock propagation properties")
struct ShockPropertyTests {
    static let countries: [CountryCode] = ["COD", "AUS", "CHN", "FIN", "JPN", "KOR", "DEU"]

    /// Mines → processors → manufacturers → consumers, one mineral (cobalt, contained tonnes).
    /// Every node ships exactly what it receives (mines their output) to 1–3 nodes of the next
    /// stages, so the graph balances. With `loops`, some manufacturers also return recovered
    /// material to processors (the graph no longer balances; the loops lose material).
    static func chain(seed: UInt64, loops: Bool) -> SupplyGraph {
        var g = LCG(state: seed)
        let kinds: [(String, NodeKind)] = [("m", .mine), ("p", .processor), ("f", .manufacturer), ("c", .consumer)]
        var layers: [[Node]] = []
        for (prefix, kind) in kinds {
            layers.append((0..<Int.random(in: 2...5, using: &g)).map { i in
                Node(
                    id: "\(prefix)\(i)", kind: kind, country: countries.randomElement(using: &g)!,
                    outputs: kind == .consumer ? [] : [Output(mineral: "cobalt")])
            })
        }
        for i in layers[0].indices { layers[0][i].outputs[0].containedTonnes = Double(Int.random(in: 10...200, using: &g)) }
        var received = [String: Double]()
        var flows: [Flow] = []
        for layer in 0..<3 {
            for node in layers[layer] {
                let amount = layer == 0 ? node.outputs[0].containedTonnes! : received[node.id] ?? 0
                guard amount > 0 else { continue }
                // Targets in the next stage, sometimes one further down.
                var targets: [Node] = []
                for _ in 0..<Int.random(in: 1...3, using: &g) {
                    let next = layer < 2 && Int.random(in: 0..<5, using: &g) == 0 ? layer + 2 : layer + 1
                    let target = layers[next].randomElement(using: &g)!
                    if !targets.contains(where: { $0.id == target.id }) { targets.append(target) }
                }
                let weights = targets.map { _ in Double.random(in: 0.2...1, using: &g) }
                let sum = weights.reduce(0, +)
                for (target, weight) in zip(targets, weights) {
                    flows.append(Flow(from: node.id, to: target.id, mineral: "cobalt", containedTonnes: amount * weight / sum))
                    received[target.id, default: 0] += amount * weight / sum
                }
            }
        }
        if loops {
            for node in layers[2] where (received[node.id] ?? 0) > 0 && Bool.random(using: &g) {
                let target = layers[1].randomElement(using: &g)!
                flows.append(Flow(
                    from: node.id, to: target.id, mineral: "cobalt",
                    containedTonnes: received[node.id]! * Double.random(in: 0.05...0.5, using: &g), type: .recoveredFraction))
            }
        }
        return SupplyGraph(name: "random \(seed)", year: 2023, nodes: layers.flatMap { $0 }, flows: flows)
    }

    static let seeds: [UInt64] = Array(1...24)

    /// δ · exp_n(s) for a cut of one mine, on DAGs and on chains with recycling loops.
    @Test(arguments: seeds, [false, true])
    func shortfallEqualsExposureTimesCut(seed: UInt64, loops: Bool) throws {
        let graph = Self.chain(seed: seed, loops: loops)
        var g = LCG(state: seed &* 31)
        let exposure = try #require(ExposurePass().run(on: graph).mineral("cobalt"))
        let mine = graph.nodes.filter { $0.kind == .mine }.randomElement(using: &g)!.id
        let tight = ShockPropagationOptions(relativeTolerance: 1e-14, maxIterations: 100_000)
        for fraction in [1.0, Double.random(in: 0.05...0.95, using: &g)] {
            let scenario = Scenario(id: "p", shocks: [.cut(OutputCut(nodes: [.id([mine])], fraction: fraction))])
            let result = try ShockPropagationPass(scenario: scenario, options: tight).run(on: graph)
            #expect(result.noSubstitution.solver.converged)
            var compared = 0
            for node in exposure.nodes where !node.isSource && (node.inflowTonnes.value ?? 0) > 0 {
                let row = try #require(result.noSubstitution.node(node.nodeID, "cobalt"))
                let expected = fraction * (node.share(from: mine) ?? .nan)
                #expect(
                    abs((row.shortfallShare.value ?? .nan) - expected) <= 1e-9,
                    "seed \(seed) loops \(loops) δ \(fraction) node \(node.nodeID)")
                compared += 1
            }
            #expect(compared > 0)
        }
    }

    /// Random cuts and a ban: without substitution no flow grows; with substitution no node
    /// receives less than without, nor more than at baseline; and mass is conserved:
    /// Σ sources' output + Σ substitution = Σ final demand + Σ stranded.
    @Test(arguments: seeds)
    func boundsAndMassConservation(seed: UInt64) throws {
        let graph = Self.chain(seed: seed, loops: false)
        var g = LCG(state: seed &* 17)
        var shocks: [Shock] = graph.nodes.filter { $0.kind != .consumer && Int.random(in: 0..<3, using: &g) == 0 }.map {
            .cut(OutputCut(nodes: [.id([$0.id])], fraction: Double.random(in: 0...1, using: &g)))
        }
        let banned = Self.countries.randomElement(using: &g)!
        if graph.nodes.contains(where: { $0.country == banned }) {
            shocks.append(.exportBan(ExportBan(country: banned, stage: .processing)))
        }
        let spare = [
            SpareCapacity(nodes: [.kind(["mine"])], amount: .fractionOfOutput(Double.random(in: 0...0.5, using: &g))),
            SpareCapacity(nodes: [.kind(["processor"])], amount: .tonnes(Double.random(in: 0...50, using: &g))),
        ]
        let result = try ShockPropagationPass(scenario: Scenario(id: "p", shocks: shocks, spareCapacity: spare)).run(on: graph)
        let lower = result.noSubstitution, upper = result.withSubstitution

        for (before, after) in zip(graph.flows, lower.graph.flows) {
            #expect(after.containedTonnes! <= before.containedTonnes! * (1 + 1e-12), "seed \(seed)")
        }
        // Suppliers of substitution without flows have rows only in the upper bound.
        #expect(lower.nodes.count <= upper.nodes.count)
        for a in lower.nodes {
            let b = try #require(upper.node(a.nodeID, a.mineral))
            #expect(b.shockedInTonnes >= a.shockedInTonnes - 1e-9, "seed \(seed) node \(a.nodeID)")
            #expect(b.shockedInTonnes <= b.baselineInTonnes * (1 + 1e-12) + 1e-12, "seed \(seed) node \(a.nodeID)")
        }
        for (a, b) in zip(lower.finalDemand, upper.finalDemand) {
            #expect(b.deliveredTonnes >= a.deliveredTonnes - 1e-9)
        }

        let cutFactor = Dictionary(uniqueKeysWithValues: shocks.compactMap { shock -> (String, Double)? in
            guard case .cut(let cut) = shock, case .id(let ids) = cut.nodes[0] else { return nil }
            return (ids[0], 1 - cut.fraction)
        })
        for bound in result.bounds {
            let produced = bound.nodes.filter { $0.stage == .mining }.reduce(0) { $0 + $1.outputRatio * $1.baselineOutTonnes }
            let substituted = bound.nodes.reduce(0) { $0 + $1.substitutionOutTonnes }
            let delivered = bound.finalDemand("cobalt")?.deliveredTonnes ?? 0
            let stranded = bound.nodes.reduce(0) { $0 + $1.strandedTonnes }
            var cutAway = 0.0
            // Intermediate nodes make (1 − δ) of what they receive (the graph balances) and ship it
            // or strand it.
            for row in bound.nodes where row.stage == .processing || row.stage == .manufacturing {
                guard row.baselineOutTonnes > 0 else { continue }
                let made = row.outputRatio * row.baselineOutTonnes
                #expect(abs(made - (cutFactor[row.nodeID] ?? 1) * row.shockedInTonnes) <= 1e-9 * max(1, made), "seed \(seed) node \(row.nodeID)")
                #expect(abs(row.shockedOutTonnes + row.strandedTonnes - made) <= 1e-9 * max(1, made), "seed \(seed) node \(row.nodeID)")
                cutAway += row.shockedInTonnes - made
            }
            #expect(
                abs(produced + substituted - cutAway - delivered - stranded) <= 1e-9 * max(1, produced),
                "seed \(seed) \(bound.bound)")
            #expect(abs(substituted - bound.substitutionFlows.reduce(0) { $0 + $1.tonnes }) <= 1e-9 * max(1, substituted))
            #expect(abs(substituted - bound.spare.reduce(0) { $0 + $1.usedTonnes }) <= 1e-9 * max(1, substituted))
            for use in bound.spare { #expect(use.usedTonnes <= use.spareTonnes * (1 + 1e-12)) }
        }
        #expect(upper.substitutionFlows.isEmpty == (upper.spare.allSatisfy { $0.usedTonnes == 0 }))
    }

    /// The same scenario twice gives the same result (deterministic order, no hash-order leaks).
    @Test func deterministic() throws {
        let graph = Self.chain(seed: 7, loops: true)
        let scenario = Scenario(
            id: "d", shocks: [.cut(OutputCut(nodes: [.kind(["mine"])], fraction: 0.3))],
            spareCapacity: [SpareCapacity(nodes: [.kind(["processor"])], amount: .tonnes(20))])
        let a = try ShockPropagationPass(scenario: scenario).run(on: graph)
        let b = try ShockPropagationPass(scenario: scenario).run(on: graph)
        #expect(a == b)
    }
}
