import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphAnalysis

@Suite("S2 shock propagation")
struct ShockPropagationTests {
    static func run(_ graph: SupplyGraph, _ shocks: [Shock], spare: [SpareCapacity] = []) throws(ShockScenarioError) -> ShockResult {
        try ShockPropagationPass(scenario: Scenario(id: "test", shocks: shocks, spareCapacity: spare)).run(on: graph)
    }

    static func cut(_ id: String, _ fraction: Double, mineral: MineralID? = nil) -> Shock {
        .cut(OutputCut(nodes: [.id([id])], mineral: mineral, fraction: fraction))
    }

    /// METHODS §4.4 scenario 1: M_D cut by half, no substitution.
    @Test func toyCutWithoutSubstitution() throws {
        let result = try Self.run(ChainFixtures.exposureToy(), [Self.cut("M_D", 0.5)])
        let bound = result.noSubstitution
        let j = try #require(bound.node("J", "cobalt"))
        #expect(approx(j.shockedInTonnes, 31.25))
        #expect(approx(j.shortfallTonnes, 18.75))
        #expect(approx(j.shortfallShare.value, 0.375))
        let k = try #require(bound.node("K", "cobalt"))
        #expect(approx(k.shockedInTonnes, 33.75))
        #expect(approx(k.shortfallShare.value, 0.325))
        #expect(approx(bound.node("R_C", "cobalt")?.outputRatio, 0.625))
        #expect(approx(bound.node("M_D", "cobalt")?.outputRatio, 0.5))
        #expect(bound.node("M_D", "cobalt")?.shortfallShare.unavailable?.code == .noSupply)
        #expect(j.isFinalDemand && k.isFinalDemand && bound.node("R_C", "cobalt")?.isFinalDemand == false)

        let final = try #require(bound.finalDemand("cobalt"))
        #expect(final.nodeCount == 2)
        #expect(approx(final.baselineTonnes, 100))
        #expect(approx(final.deliveredTonnes, 65))
        #expect(approx(final.shortfallShare.value, 0.35))
        #expect(bound.node("R_C", "cobalt")?.strandedTonnes == 0)

        // Post-shock concentration from the shocked graph (METHODS §4.4).
        let before = StageConcentrationPass().run(on: ChainFixtures.exposureToy())
        let after = StageConcentrationPass().run(on: bound.graph)
        let mining = try #require(after.market("cobalt", .mining, year: 2023)?.measures?.hhi)
        let miningBefore = try #require(before.market("cobalt", .mining, year: 2023)?.measures?.hhi)
        #expect(abs(mining - 5030) < 0.5)
        #expect(abs((mining - miningBefore) - (-770)) < 0.5)
        let refining = try #require(after.market("cobalt", .processing, year: 2023)?.measures?.hhi)
        #expect(abs(refining - 6450) < 0.5)

        // Shocked graph: flows scaled, nothing added; the two bounds coincide without spare.
        #expect(bound.graph.flows.count == 7)
        #expect(approx(bound.graph.flows[0].containedTonnes, 30))
        #expect(result.withSubstitution.nodes == bound.nodes)
        #expect(result.withSubstitution.bound == .withSubstitution)
        #expect(result.shocks == ["cut output of id=M_D by 50 %"])
    }

    /// METHODS §4.4 scenario 1b: 20 % spare at M_E (6 t), allocated 30 : 5.
    @Test func toyCutWithSubstitution() throws {
        let spare = SpareCapacity(nodes: [.id(["M_E"])], amount: .fractionOfOutput(0.2))
        let result = try Self.run(ChainFixtures.exposureToy(), [Self.cut("M_D", 0.5)], spare: [spare])
        let bound = result.withSubstitution
        #expect(bound.substitutionFlows.map(\.to) == ["R_C", "R_F"])
        #expect(approx(bound.substitutionFlows[0].tonnes, 6 * 30 / 35))
        #expect(approx(bound.substitutionFlows[1].tonnes, 6 * 5 / 35))
        #expect(abs(bound.substitutionFlows[0].tonnes - 5.14) < 0.005)
        #expect(abs(bound.substitutionFlows[1].tonnes - 0.86) < 0.005)
        #expect(abs((bound.node("J", "cobalt")?.shockedInTonnes ?? 0) - 34.46) < 0.005)
        #expect(abs((bound.node("K", "cobalt")?.shockedInTonnes ?? 0) - 36.54) < 0.005)
        #expect(approx(bound.finalDemand("cobalt")?.deliveredTonnes, 71))
        #expect(bound.spare.count == 1)
        #expect(approx(bound.spare[0].spareTonnes, 6))
        #expect(approx(bound.spare[0].usedTonnes, 6))
        #expect(approx(bound.node("M_E", "cobalt")?.substitutionOutTonnes, 6))
        #expect(approx(bound.node("R_C", "cobalt")?.substitutionInTonnes, 6 * 30 / 35))
        // The no-substitution bound is untouched.
        #expect(approx(result.noSubstitution.finalDemand("cobalt")?.deliveredTonnes, 65))
        #expect(result.noSubstitution.substitutionFlows.isEmpty)
        #expect(result.noSubstitution.spare[0].usedTonnes == 0)

        // Shocked graph: two substitution flows; M_E produces 36 t.
        #expect(bound.graph.flows.count == 9)
        #expect(bound.graph.flows[7].notes?.hasPrefix("substitution") == true)
        let mining = try #require(StageSupply.collect(from: bound.graph, stages: [.mining]).first)
        #expect(mining.nodes.map(\.tonnes) == [35, 36])
    }

    /// METHODS §4.4 scenario 2: C bans refined exports (lost).
    @Test func toyExportBanLost() throws {
        let ban = ExportBan(country: "CHN", stage: .processing, mode: .lost)
        let result = try Self.run(ChainFixtures.exposureToy(), [.exportBan(ban)])
        let bound = result.noSubstitution
        #expect(approx(bound.node("J", "cobalt")?.shortfallShare.value, 1))
        #expect(approx(bound.node("K", "cobalt")?.shortfallShare.value, 0.6))
        #expect(approx(bound.node("K", "cobalt")?.shockedInTonnes, 20))
        #expect(approx(bound.node("R_C", "cobalt")?.strandedTonnes, 80))
        #expect(bound.node("R_C", "cobalt")?.outputRatio == 1)
        #expect(approx(bound.region("CHN", "cobalt", .processing)?.strandedTonnes, 80))
        #expect(approx(bound.finalDemand("cobalt")?.deliveredTonnes, 20))
        #expect(result.limitations.contains { $0.contains("stranded at the exporting node") })
        // Mines keep shipping to the banned refinery: the supply-driven limitation.
        #expect(bound.node("M_D", "cobalt")?.shockedOutTonnes == 70)
    }

    /// Ban by China with domestic customers: Z (China) takes banned volume only up to its baseline
    /// intake; the rest is stranded.
    @Test func exportBanDivertedToDomesticCustomersUpToTheirIntake() throws {
        let graph = SupplyGraph(
            name: "divert", year: 2023,
            nodes: [
                Node(id: "M", kind: .mine, country: "COD", outputs: [Output(mineral: "cobalt", containedTonnes: 100)]),
                Node(id: "F", kind: .mine, country: "AUS", outputs: [Output(mineral: "cobalt", containedTonnes: 10)]),
                Node(id: "R", kind: .processor, country: "CHN", outputs: [Output(mineral: "cobalt", containedTonnes: 100)]),
                Node(id: "J", kind: .manufacturer, country: "JPN", outputs: [Output(mineral: "cobalt")]),
                Node(id: "Z", kind: .manufacturer, country: "CHN", outputs: [Output(mineral: "cobalt")]),
                Node(id: "Y", kind: .manufacturer, country: "CHN", outputs: [Output(mineral: "cobalt")]),
            ],
            flows: [
                Flow(from: "M", to: "R", mineral: "cobalt", containedTonnes: 100),
                Flow(from: "R", to: "J", mineral: "cobalt", containedTonnes: 60, valueUSD: 600),
                Flow(from: "R", to: "Z", mineral: "cobalt", containedTonnes: 20, valueUSD: 200),
                Flow(from: "R", to: "Y", mineral: "cobalt", containedTonnes: 20, valueUSD: 200),
                Flow(from: "F", to: "Z", mineral: "cobalt", containedTonnes: 10, valueUSD: 100),
            ])
        // F stops: Z lacks 10 t, Y lacks nothing. 60 t banned, offered 30 : 30 to Z and Y.
        let ban = ExportBan(country: "CHN", mineral: "cobalt", mode: .divertDomestic)
        let result = try Self.run(graph, [.exportBan(ban), Self.cut("F", 1)])
        let bound = result.noSubstitution
        #expect(approx(bound.node("Z", "cobalt")?.shockedInTonnes, 30))
        #expect(approx(bound.node("Z", "cobalt")?.shortfallShare.value, 0))
        #expect(approx(bound.node("Y", "cobalt")?.shockedInTonnes, 20))
        #expect(approx(bound.node("J", "cobalt")?.shockedInTonnes, 0))
        #expect(approx(bound.node("R", "cobalt")?.strandedTonnes, 50))
        #expect(approx(bound.node("R", "cobalt")?.shockedOutTonnes, 50))
        // R → Z carries 30 t in the shocked graph; value scales with it.
        #expect(approx(bound.graph.flows[2].containedTonnes, 30))
        #expect(approx(bound.graph.flows[2].valueUSD, 300))
        // Value at risk: J's 600 lost, Z gains 100 from R and loses 100 from F.
        #expect(approx(bound.totalValueAtRisk.valueUSD.value, 600))

        // Lost mode strands all 60 t.
        let lost = try Self.run(graph, [.exportBan(ExportBan(country: "CHN", mode: .lost)), Self.cut("F", 1)])
        #expect(approx(lost.noSubstitution.node("R", "cobalt")?.strandedTonnes, 60))
        #expect(approx(lost.noSubstitution.node("Z", "cobalt")?.shockedInTonnes, 20))
    }

    /// A cell plant uses Co, Ni and Li: its output follows the scarcest input (Leontief).
    @Test func leontiefOutputFollowsTheScarcestInput() throws {
        let graph = SupplyGraph(
            name: "cell plant", year: 2023,
            nodes: [
                Node(id: "co", kind: .mine, country: "COD", outputs: [Output(mineral: "cobalt", containedTonnes: 10)]),
                Node(id: "ni", kind: .mine, country: "IDN", outputs: [Output(mineral: "nickel", containedTonnes: 50)]),
                Node(id: "li", kind: .mine, country: "AUS", outputs: [Output(mineral: "lithium", containedTonnes: 20)]),
                Node(id: "cells", kind: .manufacturer, country: "CHN", outputs: [
                    Output(mineral: "cobalt", containedTonnes: 10), Output(mineral: "nickel", containedTonnes: 50),
                    Output(mineral: "lithium", containedTonnes: 20),
                ]),
                Node(id: "ev", kind: .manufacturer, country: "DEU"),
            ],
            flows: [
                Flow(from: "co", to: "cells", mineral: "cobalt", containedTonnes: 10),
                Flow(from: "ni", to: "cells", mineral: "nickel", containedTonnes: 50),
                Flow(from: "li", to: "cells", mineral: "lithium", containedTonnes: 20),
                Flow(from: "cells", to: "ev", mineral: "cobalt", containedTonnes: 10),
                Flow(from: "cells", to: "ev", mineral: "nickel", containedTonnes: 50),
                Flow(from: "cells", to: "ev", mineral: "lithium", containedTonnes: 20),
            ])
        let result = try Self.run(graph, [Self.cut("co", 0.5), Self.cut("li", 0.2)])
        let bound = result.noSubstitution
        for mineral: MineralID in ["cobalt", "nickel", "lithium"] {
            #expect(approx(bound.node("cells", mineral)?.outputRatio, 0.5), "\(mineral)")
            #expect(approx(bound.node("ev", mineral)?.shortfallShare.value, 0.5), "\(mineral)")
        }
        #expect(approx(bound.node("cells", "nickel")?.shortfallShare.value, 0))
        #expect(approx(bound.node("cells", "lithium")?.shortfallShare.value, 0.2))
        // Shocked node outputs: 25 t nickel left in the cells.
        let cells = try #require(bound.graph.node(id: "cells"))
        #expect(approx(cells.outputs[1].containedTonnes, 25))
    }

    /// A cut naming a mineral scales only that mineral's out-flows.
    @Test func mineralCutScalesOnlyThatMineral() throws {
        let graph = SupplyGraph(
            name: "by-product", year: 2023,
            nodes: [
                Node(id: "mine", kind: .mine, country: "COD", outputs: [
                    Output(mineral: "copper", containedTonnes: 100), Output(mineral: "cobalt", containedTonnes: 10),
                ]),
                Node(id: "smelter", kind: .processor, country: "ZMB"),
            ],
            flows: [
                Flow(from: "mine", to: "smelter", mineral: "copper", containedTonnes: 100),
                Flow(from: "mine", to: "smelter", mineral: "cobalt", containedTonnes: 10),
            ])
        let result = try Self.run(graph, [Self.cut("mine", 0.4, mineral: "cobalt")])
        #expect(approx(result.noSubstitution.node("smelter", "cobalt")?.shortfallShare.value, 0.4))
        #expect(approx(result.noSubstitution.node("smelter", "copper")?.shortfallShare.value, 0))
        #expect(approx(result.noSubstitution.node("mine", "cobalt")?.outputRatio, 0.6))
        #expect(approx(result.noSubstitution.node("mine", "copper")?.outputRatio, 1))
    }

    /// A recycling loop converges to the fixed point, and reports its sweeps.
    @Test func recyclingLoopConverges() throws {
        // M (100) and M2 (10) → R (120) → J; J → Y 20 (waste) → R 10.
        let graph = ChainFixtures.recyclingLoop()
        let result = try Self.run(graph, [Self.cut("M", 1)])
        let bound = result.noSubstitution
        #expect(bound.solver.cyclicComponents == 1)
        #expect(bound.solver.converged)
        #expect(bound.solver.iterations > 2)
        #expect(bound.solver.iterations <= 100)
        // Fixed point: R receives 10 + (10/120)·I'_R·… → exposure to M is 10/11.
        let r = try #require(bound.node("R", "cobalt"))
        let tolerance = 1e-6 * graph.flows.compactMap { $0.containedTonnes ?? $0.tonnes }.reduce(0, +)
        #expect(abs(r.shortfallShare.value! - 10.0 / 11) < 10 * tolerance / 120)
        // A tighter tolerance gets closer.
        let tight = try ShockPropagationPass(
            scenario: Scenario(id: "t", shocks: [Self.cut("M", 1)]),
            options: ShockPropagationOptions(relativeTolerance: 1e-14, maxIterations: 1000)
        ).run(on: graph)
        #expect(approx(tight.noSubstitution.node("R", "cobalt")?.shortfallShare.value, 10.0 / 11, tolerance: 1e-12))
        #expect(tight.noSubstitution.solver.iterations > bound.solver.iterations)
    }

    @Test func nonConvergenceIsReportedNotThrown() throws {
        let result = try ShockPropagationPass(
            scenario: Scenario(id: "t", shocks: [Self.cut("M", 1)]),
            options: ShockPropagationOptions(relativeTolerance: 1e-15, maxIterations: 2)
        ).run(on: PropertyTests.loop(scrap: 0.9, recovery: 0.99))
        #expect(!result.noSubstitution.solver.converged)
        #expect(result.noSubstitution.solver.notConverged == ["R"])
        #expect(result.warnings.contains { $0.contains("did not converge") })
    }

    @Test func valueAtRiskCountsFlowsWithoutValueAsUnavailable() throws {
        var graph = ChainFixtures.exposureToy()
        for i in graph.flows.indices { graph.flows[i].valueUSD = 10 * graph.flows[i].containedTonnes! }
        let valued = try Self.run(graph, [Self.cut("M_D", 0.5)]).noSubstitution
        // Lost: mine flows 35 t, R_C 30 t, R_F 5 t → 70 t × $10.
        #expect(approx(valued.totalValueAtRisk.valueUSD.value, 700))
        #expect(approx(valued.valueAtRisk.first?.valueUSD.value, 700))

        graph.flows[4].valueUSD = nil  // R_C → J
        let partial = try Self.run(graph, [Self.cut("M_D", 0.5)]).noSubstitution.totalValueAtRisk
        #expect(partial.valueUSD.unavailable?.code == .missingValue)
        #expect(partial.flowsWithoutValue == 1)
        #expect(approx(partial.lostTonnesWithoutValue, 18.75))
        #expect(approx(partial.statedValueUSD, 700 - 187.5))
    }

    @Test func regionsSumTheirNodesAndGroups() throws {
        let bound = try Self.run(ChainFixtures.exposureToy(), [Self.cut("M_D", 0.5)]).noSubstitution
        let japan = try #require(bound.region("JPN", "cobalt", .manufacturing))
        #expect(approx(japan.deliveredTonnes, 31.25))
        #expect(approx(japan.shortfallShare.value, 0.375))
        // Developed makers (JPN, KOR) receive 65 of 100.
        let developed = try #require(bound.region("developed", "cobalt", .manufacturing))
        #expect(developed.party.kind == .group)
        #expect(approx(developed.deliveredTonnes, 65))
        #expect(developed.nodeCount == 2)
        let developingMining = try #require(bound.region("developing", "cobalt", .mining))
        #expect(approx(developingMining.shockedOutTonnes, 35))
    }

    @Test func invalidScenariosAreErrorsNamingTheShock() {
        let graph = ChainFixtures.exposureToy()
        func message(_ shocks: [Shock], spare: [SpareCapacity] = []) -> String? {
            do {
                _ = try Self.run(graph, shocks, spare: spare)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(message([Self.cut("M_D", 0.5), Self.cut("M_E", 1.5)]) == "shock 2: cut — fraction 1.5 is outside 0…1")
        #expect(message([Self.cut("M_X", 0.5)]) == "shock 1: cut — the selector id=M_X matches no node")
        #expect(message([Self.cut("M_D", 0.5, mineral: "nickel")])?.hasPrefix("shock 1: cut — the graph has no mineral 'nickel'") == true)
        #expect(message([.exportBan(ExportBan(country: "XYZ"))])?.hasPrefix("shock 1: ban — unknown country code 'XYZ'") == true)
        #expect(message([.exportBan(ExportBan(country: "USA"))]) == "shock 1: ban — no node of the graph is in USA")
        #expect(message([], spare: [SpareCapacity(nodes: [.country(["USA"])], amount: .tonnes(1))])
            == "spare 1: the selector country=USA matches no node")
        #expect(message([], spare: [SpareCapacity(nodes: [.id(["M_E"])], amount: .tonnes(-1))])
            == "spare 1: tonnes -1 must be zero or more")
        #expect(message([.cut(OutputCut(nodes: [.id(["M_D"])], fraction: .nan))]) == "shock 1: cut — fraction .nan is outside 0…1")
    }

    @Test func spareOfAffectedSuppliersAndDeclaredCapacity() throws {
        var graph = ChainFixtures.exposureToy()
        graph.nodes[1].capacityTonnes = 34  // M_E: 4 t headroom
        let spare = [
            SpareCapacity(nodes: [.kind(["mine"])], amount: .fractionOfOutput(0.5)),
        ]
        let result = try Self.run(graph, [Self.cut("M_D", 0.5)], spare: spare)
        let uses = result.withSubstitution.spare
        #expect(uses.map(\.nodeID) == ["M_D", "M_E"])
        #expect(uses[0].unusable?.code == .affected)
        #expect(uses[0].usedTonnes == 0)
        #expect(approx(uses[1].spareTonnes, 4))  // 15 t asked, capped at capacity 34 − 30
        #expect(result.warnings.contains { $0.contains("capped") })
        #expect(approx(result.withSubstitution.finalDemand("cobalt")?.deliveredTonnes, 65 + 4))

        // Declared capacity plus added capacity.
        let declared = try Self.run(
            graph, [Self.cut("M_D", 0.5), .addCapacity(CapacityAddition(nodes: [.id(["M_E"])], tonnes: 2))],
            spare: [SpareCapacity(nodes: [.id(["M_E"])], amount: .declaredCapacity)])
        #expect(approx(declared.withSubstitution.spare.first?.spareTonnes, 6))
    }

    /// Banned suppliers cannot substitute across the ban.
    @Test func substitutionRespectsBans() throws {
        let shocks: [Shock] = [Self.cut("R_F", 1), .exportBan(ExportBan(country: "AUS", mode: .lost))]
        let spare = [SpareCapacity(nodes: [.id(["M_E"])], amount: .tonnes(100))]
        let result = try Self.run(ChainFixtures.exposureToy(), shocks, spare: spare)
        // M_E (AUS) is banned from every export: its spare is unusable by foreign refiners.
        #expect(result.withSubstitution.substitutionFlows.isEmpty)
        #expect(result.withSubstitution.nodes == result.noSubstitution.nodes)
    }

    @Test func resultRoundTripsThroughJSON() throws {
        let spare = SpareCapacity(nodes: [.id(["M_E"])], amount: .fractionOfOutput(0.2))
        let result = try Self.run(ChainFixtures.exposureToy(), [Self.cut("M_D", 0.5)], spare: [spare])
        let (equal, stable) = try ResultCodingTests.roundTrip(result)
        #expect(equal && stable)
    }

    /// Spare at two Australian mines and one Indonesian mine (banned from China): the
    /// Australian pair is pooled into one substitution flow per customer, each customer gets
    /// exactly what the supplier-by-supplier proportional rule gives it, and the pool node
    /// passes on what its suppliers gave.
    @Test func suppliersOfOneCountryArePooledPerCustomer() throws {
        func mine(_ id: String, _ country: CountryCode, _ tonnes: Double) -> Node {
            Node(id: id, kind: .mine, country: country, outputs: [Output(mineral: "cobalt", containedTonnes: tonnes)])
        }
        func refinery(_ id: String, _ country: CountryCode) -> Node { Node(id: id, kind: .processor, country: country) }
        let graph = SupplyGraph(
            name: "pools", year: 2023,
            nodes: [
                mine("a1", "AUS", 10), mine("a2", "AUS", 30), mine("c1", "COD", 70), mine("i1", "IDN", 5),
                refinery("p1", "CHN"), refinery("p2", "CHN"), refinery("p3", "FIN"), refinery("p4", "JPN"),
            ],
            flows: [
                Flow(from: "c1", to: "p1", mineral: "cobalt", containedTonnes: 40),
                Flow(from: "c1", to: "p2", mineral: "cobalt", containedTonnes: 20),
                Flow(from: "c1", to: "p3", mineral: "cobalt", containedTonnes: 10),
                Flow(from: "a1", to: "p1", mineral: "cobalt", containedTonnes: 10, valueUSD: 1_000),
                Flow(from: "a2", to: "p4", mineral: "cobalt", containedTonnes: 30, valueUSD: 6_000),
                Flow(from: "i1", to: "p3", mineral: "cobalt", containedTonnes: 5),
            ])
        let shocks = [Self.cut("c1", 0.5), .exportBan(ExportBan(country: "IDN", stage: .mining, destinations: ["CHN"]))]
        let spare = [
            SpareCapacity(nodes: [.id(["a1"])], amount: .tonnes(10)), SpareCapacity(nodes: [.id(["a2"])], amount: .tonnes(5)),
            SpareCapacity(nodes: [.id(["i1"])], amount: .tonnes(20)),
        ]
        let upper = try Self.run(graph, shocks, spare: spare).withSubstitution
        // Shortfalls 20, 10, 5. a1 gives 10 of 35 and a2 5 of the remaining 25 to all three
        // (15/35 of each shortfall); i1 may give only to p3 and fills it.
        let pool = "spare-pool-mining-cobalt-aus"
        #expect(upper.substitutionFlows.map(\.from) == [pool, pool, pool, "i1"])
        #expect(upper.substitutionFlows.map(\.to) == ["p1", "p2", "p3", "p3"])
        let expected = [20.0 * 15 / 35, 10.0 * 15 / 35, 5.0 * 15 / 35, 5.0 * 20 / 35]
        for (flow, tonnes) in zip(upper.substitutionFlows, expected) { #expect(approx(flow.tonnes, tonnes, tolerance: 1e-12)) }
        #expect(approx(upper.node("p1", "cobalt")?.substitutionInTonnes, 60.0 / 7, tolerance: 1e-12))
        #expect(approx(upper.node("p3", "cobalt")?.shortfallTonnes, 0, tolerance: 1e-12))
        #expect(upper.spare.map(\.usedTonnes).enumerated().allSatisfy { approx($1, [10, 5, 20.0 / 7][$0], tolerance: 1e-12) })
        // Values at each supplier's unit value (a1 100 USD/t, a2 200 USD/t; i1 states none).
        #expect(approx(upper.substitutionFlows[0].valueUSD.value, 20 * (10.0 / 35 * 100 + 5.0 / 35 * 200), tolerance: 1e-9))
        #expect(upper.substitutionFlows[3].valueUSD.unavailable?.code == .noUnitValue)
        // The shocked graph: the pool node, a flow into it from each supplier, one out per customer.
        let node = try #require(upper.graph.nodes.first { $0.id == pool })
        #expect(node.country == "AUS" && node.kind == .mine && node.outputs.isEmpty)
        let into = upper.graph.flows.filter { $0.to == pool }
        #expect(into.map(\.from) == ["a1", "a2"])
        #expect(approx(into.map { $0.containedTonnes ?? 0 }.reduce(0, +), 15, tolerance: 1e-12))
        #expect(approx(into[1].valueUSD, 1_000, tolerance: 1e-9))
        #expect(approx(upper.graph.flows.filter { $0.from == pool }.map { $0.containedTonnes ?? 0 }.reduce(0, +), 15, tolerance: 1e-12))
        #expect(upper.graph.flows.count == graph.flows.count + 2 + 4)
    }
}
