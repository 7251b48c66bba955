import Foundation
import MineralGraphAnalysis
import BenchmarkGraphs
import MineralGraphCore

/// whatif-benchmark [--scale X] [--seed S] [--runs R]
///     Generates the synthetic battery chain (scale 1 ≈ 100,000 flows), runs a scenario with both
///     substitution bounds (ShockPropagationPass: a 50 % cut of DR Congo's cobalt mines, a Chinese
///     export ban on refined graphite, spare capacity at Australian and Indonesian mines and at
///     Finnish refineries) R times in-process, and prints the median, min and max in milliseconds
///     with a few results, so that a wrong run cannot pass for a fast one.
@main
struct WhatIfBenchmark {
    static func main() throws {
        let values = BenchmarkOptions.parse(usage: "whatif-benchmark [--scale X] [--seed S] [--runs R]")
        let scale = values["--scale"].flatMap(Double.init) ?? 1
        let runs = max(1, values["--runs"].flatMap(Int.init) ?? 7)
        let graph = ChainGenerator(scale: scale, seed: values["--seed"].flatMap(UInt64.init) ?? 1).make()

        let scenario = ChainGenerator.scenario
        let pass = ShockPropagationPass(scenario: scenario)
        var times: [Double] = []
        var result: ShockResult?
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            result = try pass.run(on: graph)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        let last = result!
        print("\(graph.nodes.count) nodes, \(graph.flows.count) flows; scenario '\(scenario.id)', both bounds")
        for bound in last.bounds {
            let delivered = bound.finalDemand.map {
                "\($0.mineral) \(Int($0.deliveredTonnes.rounded()))/\(Int($0.baselineTonnes.rounded())) t"
            }
            print("  \(bound.bound.title): final demand \(delivered.joined(separator: ", ")); "
                + "\(bound.substitutionFlows.count) substitution flows; loops \(bound.solver.cyclicComponents), "
                + "\(bound.solver.iterations) sweeps, converged \(bound.solver.converged); \(bound.solver.propagations) propagations")
        }
        print(String(
            format: "median %.0f ms (min %.0f, max %.0f, %d runs)", times[times.count / 2], times.first!, times.last!, runs))
    }
}
