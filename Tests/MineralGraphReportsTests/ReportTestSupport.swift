import Foundation
import MineralGraphCore

@testable import MineralGraphReports

/// Graphs for report tests.
enum ReportFixtures {
    /// Worked example A with a second stage, an import flow and a withheld figure.
    static let cobalt = SupplyGraph(
        name: "Cobalt example", year: 2023, description: "Worked example A of METHODS §1.4.",
        sources: [SourceReference(id: "methods", title: "METHODS §1.4 worked example A", url: "https://example.org/methods")],
        nodes: [
            Node(id: "cod", name: "DRC mines", kind: .mine, country: "COD", outputs: [Output(mineral: "cobalt", containedTonnes: 68)]),
            Node(id: "idn", kind: .mine, country: "IDN", outputs: [Output(mineral: "cobalt", containedTonnes: 5)]),
            Node(id: "rus", kind: .mine, country: "RUS", outputs: [Output(mineral: "cobalt", containedTonnes: 4)]),
            Node(id: "aus", kind: .mine, country: "AUS", outputs: [Output(mineral: "cobalt", containedTonnes: 3)]),
            Node(id: "usa", kind: .mine, country: "USA", outputs: [Output(mineral: "cobalt")]),
            Node(id: "chn", kind: .processor, country: "CHN", outputs: [Output(mineral: "cobalt", containedTonnes: 60, valueUSD: 1_800)]),
            Node(id: "fin", kind: .processor, country: "FIN", outputs: [Output(mineral: "cobalt", containedTonnes: 20)]),
        ],
        flows: [
            Flow(from: "cod", to: "chn", mineral: "cobalt", containedTonnes: 50, valueUSD: 500),
            Flow(from: "aus", to: "chn", mineral: "cobalt", containedTonnes: 2, valueUSD: 30),
        ],
        otherCountries: [OtherCountries(mineral: "cobalt", stage: .mining, containedTonnes: 20)])

    /// Names, ids and texts written to break Markdown tables, HTML and CSV.
    static let hostile = "<script>alert(\"x\")</script> & 'q' | # h\n- item\r\n1. list \\ **b** [l](javascript:x) `c` ~s~"

    static var hostileGraph: SupplyGraph {
        var graph = cobalt
        graph.name = hostile
        graph.description = "# Not a heading\n" + hostile
        graph.nodes[0].name = hostile
        graph.nodes[4].id = "evil,\"id\"\nx|y"
        graph.sources = [
            SourceReference(id: "s|1", title: hostile, publisher: "<b>Pub</b>", url: "javascript:alert(1)", notes: hostile),
            SourceReference(id: "s2", title: "Quoted \"url\"", url: "https://example.org/a b?q=\"x\"&r=<y>"),
        ]
        return graph
    }

    /// The report of `graph`; `detail` as `report --detail`.
    static func report(_ graph: SupplyGraph = cobalt, file: String? = "cobalt.yaml", detail: Bool = false) throws -> Report {
        var builder = ReportBuilder()
        builder.detail = detail
        return try builder.build(graph, file: file)
    }
}
