import BenchmarkGraphs
import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import MineralGraphReports
import MineralGraphRendering

/// suite-benchmark [--flows N] [--runs R] [--seed S] [--write-graph FILE] [--only report]
///     Generates the synthetic battery chain with about N flows and times, in-process, every step
///     of the tool's main job: writing and reading the graph file (canonical YAML), validation,
///     the report's passes (concentration, import sources, bottleneck, unequal exchange, value
///     added, water, waste), formatting the report (Markdown, HTML, JSON, CSV, text: one step each), the what-if
///     propagation (both bounds) and rendering a diagram grouped by country through libgvc.
///     Prints the median of R runs of each step and the process's peak resident memory, then a
///     Markdown table row (`row: | ... |`) for Benchmarks/suite.sh to collect. With
///     `--write-graph FILE` it only writes the graph file (canonical YAML) and exits, for timing
///     whole `mineral-graph` commands on it (Benchmarks/chain-scenario.yaml is the what-if
///     scenario of the suite as a scenario file). With `--only report` it times the report's
///     passes alone, with the user CPU seconds of each run beside the wall time.
@main
struct SuiteBenchmark {
    static func main() throws {
        let values = BenchmarkOptions.parse(usage: "suite-benchmark [--flows N] [--runs R] [--seed S] [--write-graph FILE] [--only report]")
        let flows = values["--flows"].flatMap(Int.init) ?? 100_000
        let runs = max(1, values["--runs"].flatMap(Int.init) ?? 5)
        let graph = ChainGenerator(
            scale: ChainGenerator.scale(forFlows: flows), seed: values["--seed"].flatMap(UInt64.init) ?? 1
        ).make()
        if let path = values["--write-graph"] {
            try GraphFileWriter().write(graph).write(toFile: path, atomically: true, encoding: .utf8)
            print("\(graph.nodes.count) nodes, \(graph.flows.count) flows written to \(path)")
            return
        }
        print("\(graph.nodes.count) nodes, \(graph.flows.count) flows, \(runs) runs per step (release build expected)")
        if let only = values["--only"] {
            guard only == "report" else { fatalError("--only takes 'report'") }
            try timeReportPasses(graph, runs: runs)
            return
        }

        var cells: [String] = [NumberFormatting.grouped(Double(graph.flows.count))]
        func step<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            var times: [Double] = []
            var result: T?
            for _ in 0..<runs {
                let start = DispatchTime.now().uptimeNanoseconds
                result = try body()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            times.sort()
            let median = times[times.count / 2]
            print(String(format: "  %-36@ median %9.1f ms  (min %.1f, max %.1f)", name as NSString, median, times.first!, times.last!))
            cells.append(median < 10 ? String(format: "%.1f", median) : NumberFormatting.grouped(median.rounded()))
            return result!
        }

        let text = step("write graph file (canonical YAML)") { GraphFileWriter().write(graph) }
        let megabytes = Double(text.utf8.count) / 1_048_576
        print(String(format: "  graph file: %.1f MiB", megabytes))
        let document = try step("read graph file (YAML, source map)") { try GraphFileReader().read(text: text, file: "synthetic.yaml") }
        guard document.graph.flows.count == graph.flows.count else { fatalError("read back a different graph") }
        let issues = step("validate") { GraphValidator().run(on: graph) }
        let report = try step("report: every pass") { try ReportBuilder().build(graph, file: "synthetic.yaml") }
        for format in ReportFormat.allCases {
            _ = try step("report: format \(format.rawValue)") { try format.formatter.format(report).utf8.count }
        }
        let result = try step("what-if: both bounds") { try ShockPropagationPass(scenario: ChainGenerator.scenario).run(on: graph) }
        let svg = try step("render: SVG grouped by country") {
            try DiagramRenderer(options: DiagramOptions(grouping: .country)).render(graph, as: .svg).data.count
        }
        let peak = peakResidentMebibytes()
        cells.append(String(format: "%.0f", peak))
        print("  \(issues.count) validation issues; \(report.concentration.count) concentration rows; "
            + "what-if final demand " + result.noSubstitution.finalDemand.map { "\($0.mineral) \(Int($0.deliveredTonnes))/\(Int($0.baselineTonnes)) t" }
                .joined(separator: ", ") + "; SVG \(svg / 1024) KiB")
        print(String(format: "  peak resident memory: %.0f MiB", peak))
        print("row: | " + cells.joined(separator: " | ") + " |")
    }

    /// Times `ReportBuilder.build` alone: wall and user CPU seconds of each run, their medians
    /// and the peak resident memory.
    static func timeReportPasses(_ graph: SupplyGraph, runs: Int) throws {
        var walls: [Double] = [], cpus: [Double] = []
        for run in 1...runs {
            let (startWall, startCPU) = (DispatchTime.now().uptimeNanoseconds, userCPUSeconds())
            let report = try ReportBuilder().build(graph, file: "synthetic.yaml")
            walls.append(Double(DispatchTime.now().uptimeNanoseconds - startWall) / 1e9)
            cpus.append(userCPUSeconds() - startCPU)
            print(String(format: "  report passes run %d: %.2f s wall, %.2f s user CPU (%d concentration rows)",
                         run, walls.last!, cpus.last!, report.concentration.count))
        }
        print(String(format: "  report passes median: %.2f s wall, %.2f s user CPU; peak resident memory %.0f MiB",
                     walls.sorted()[runs / 2], cpus.sorted()[runs / 2], peakResidentMebibytes()))
    }

    /// User CPU seconds of the process so far.
    static func userCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    }

    /// The process's peak resident set size (Linux `ru_maxrss` is in KiB).
    static func peakResidentMebibytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
