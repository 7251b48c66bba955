import ArgumentParser
import Foundation
import MineralGraphCore
import MineralGraphFormats

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print counts of nodes by kind and country, minerals and flow totals."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "A graph file (- for standard input).")
    var file: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let document = try loadDocument(file)
        let summary = GraphSummary(document.graph)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        case .text:
            print(Self.text(summary, graph: document.graph), terminator: "")
        }
    }

    static func text(_ s: GraphSummary, graph: SupplyGraph) -> String {
        func n(_ value: Double) -> String { NumberFormatting.grouped(value) }
        var out = "\(s.name) (\(s.year))\n"
        out += "Nodes: \(s.nodeCount) in \(s.countryCount) countries\n"
        let kinds = NodeKind.keywords.compactMap { kind in s.nodesByKind[kind].map { "\(kind) \($0)" } }
        out += "  by kind: " + kinds.joined(separator: ", ") + "\n"
        let fates = s.nodesByKind.keys.filter { $0.hasPrefix("waste/") }.sorted()
        if !fates.isEmpty {
            out += "  waste fates: " + fates.map { "\($0.dropFirst(6)) \(s.nodesByKind[$0]!)" }.joined(separator: ", ") + "\n"
        }
        let countries = s.nodesByCountry.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        out += "  by country: " + countries.map { code, count in
            let name = CountryTable.country(CountryCode(code))?.name ?? code
            return "\(code) \(name) \(count)"
        }.joined(separator: ", ") + "\n"
        let types = FlowType.allCases.compactMap { type in s.flowsByType[type.rawValue].map { "\(type.rawValue) \($0)" } }
        out += "Flows: \(s.flowCount)" + (types.isEmpty ? "" : " (" + types.joined(separator: ", ") + ")") + "\n"
        for m in s.minerals {
            out += "  \(m.mineral): \(m.flowCount) flows, \(n(m.containedTonnes)) \(m.containedBasis) contained, \(n(m.tonnes)) t gross, USD \(n(m.valueUSD))\n"
            let missing = [
                (m.flowsMissingContainedTonnes, "contained tonnes"), (m.flowsMissingTonnes, "gross tonnes"),
                (m.flowsMissingValue, "value"),
            ].filter { $0.0 > 0 }
            if !missing.isEmpty {
                out += "    not in the totals: " + missing.map { "\($0.0) without \($0.1)" }.joined(separator: ", ") + "\n"
            }
        }
        out += "Sources cited: \(s.sourceCount)\n"
        for source in graph.sources {
            out += "  [\(source.id)] \(source.title)" + (source.year.map { " (\($0))" } ?? "") + "\n"
        }
        return out
    }
}
