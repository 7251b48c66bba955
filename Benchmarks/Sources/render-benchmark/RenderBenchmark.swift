import Foundation
import MineralGraphCore
import MineralGraphFormats
import MineralGraphRendering

/// render-benchmark generate --nodes N [--seed S] -o FILE
///     Writes a synthetic graph of N nodes (mineral-graph/1 YAML).
/// render-benchmark time --nodes N [--seed S] [--runs R] [--format svg] [render options]
///     Renders the synthetic graph in-process R times and prints the median and range of the
///     whole pipeline (diagram, DOT, layout, rendering) in milliseconds.
///
/// Render options: --min-share X --top N --group-by country --mineral M --cluster country|stage
/// --color-by share --engine E --edge-labels none|value|share|both.
@main
struct RenderBenchmark {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard let command = arguments.first else { usage() }
        arguments.removeFirst()
        var values: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            if index + 1 < arguments.count, name.hasPrefix("-") {
                values[name] = arguments[index + 1]
                index += 2
            } else {
                usage()
            }
        }
        guard let nodes = values["--nodes"].flatMap(Int.init) else { usage() }
        let graph = SyntheticGraph(nodeCount: nodes, seed: values["--seed"].flatMap(UInt64.init) ?? 1).make()

        switch command {
        case "generate":
            guard let path = values["-o"] else { usage() }
            try OutputFile.write(GraphFileWriter().write(graph, headerComment: ["# Synthetic benchmark graph; not data."]), to: path)
            print("\(path): \(graph.nodes.count) nodes, \(graph.flows.count) flows")
        case "time":
            let options = DiagramOptions(
                weight: .tonnes,
                grouping: values["--group-by"].flatMap { DiagramOptions.Grouping(rawValue: $0) } ?? .none,
                clustering: values["--cluster"].flatMap { DiagramOptions.Clustering(rawValue: $0) } ?? .none,
                coloring: values["--color-by"].flatMap { DiagramOptions.Coloring(rawValue: $0) } ?? .group,
                mineral: values["--mineral"].map { MineralID($0) }, minShare: values["--min-share"].flatMap(Double.init),
                top: values["--top"].flatMap(Int.init),
                edgeLabels: values["--edge-labels"].flatMap { EdgeLabels(rawValue: $0) })
            let renderer = DiagramRenderer(options: options, engine: values["--engine"].flatMap { LayoutEngine(rawValue: $0) } ?? .dot)
            let format = values["--format"].flatMap { RenderFormat(rawValue: $0) } ?? .svg
            let runs = values["--runs"].flatMap(Int.init) ?? 5
            var times: [Double] = []
            var bytes = 0
            let diagram = try renderer.diagram(for: graph)
            for _ in 0..<runs {
                let start = DispatchTime.now().uptimeNanoseconds
                bytes = try renderer.render(graph, as: format).data.count
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            times.sort()
            print("\(graph.nodes.count) nodes, \(graph.flows.count) flows → \(diagram.nodes.count) drawn nodes, \(diagram.edges.count) edges; "
                  + "\(format.rawValue) \(bytes) bytes; median \(Int(times[times.count / 2])) ms (min \(Int(times.first!)), max \(Int(times.last!)), \(runs) runs)")
        default:
            usage()
        }
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("""
            usage: render-benchmark generate --nodes N [--seed S] -o FILE
                   render-benchmark time --nodes N [--seed S] [--runs R] [--format svg|png|pdf|dot] [render options]

            """.utf8))
        exit(2)
    }
}
