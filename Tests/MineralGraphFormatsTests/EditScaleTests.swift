import Foundation
import MineralGraphCore
import MineralGraphTestSupport
import Testing

@testable import MineralGraphFormats

/// The acceptance test: a script of 1 000 edits on an example graph leaves every line it
/// does not target identical, and runs in well under a few seconds.
@Suite("A thousand edits")
struct EditScaleTests {
    @Test func aThousandEditsChangeOnlyTheirTargetLines() throws {
        let path = TestPaths.graphs.appendingPathComponent("cobalt-2023.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let document = try GraphFileReader().read(text: text, file: "cobalt-2023.yaml")
        let graph = document.graph
        let map = document.sourceMap
        func line(_ location: GraphLocation) -> Int? { map.layout(of: location)?.value.line }

        // Elements whose targeted fields exist, so every edit replaces values in place.
        let notedNodes = graph.nodes.indices.filter { graph.nodes[$0].notes != nil }
        let producingNodes = graph.nodes.indices.filter { !graph.nodes[$0].outputs.isEmpty }
        let endpoints = graph.flows.map { "\($0.from)->\($0.to):\($0.mineral)" }
        let uniqueFlows = graph.flows.indices.filter { i in endpoints.filter { $0 == endpoints[i] }.count == 1 }
        let notedFlows = uniqueFlows.filter { graph.flows[$0].notes != nil }
        try #require(notedNodes.count > 20 && producingNodes.count > 15 && notedFlows.count > 30)

        var script = "# 1 000 generated edits: notes set, quantities scaled\n\n"
        var targeted = Set<Int>()
        for i in 0..<1000 {
            switch i % 4 {
            case 0:
                let n = notedNodes[(i / 4) % notedNodes.count]
                script += "node[\(graph.nodes[n].id)].notes=Edit \(i): figures checked\n"
                targeted.insert(try #require(line(.node(index: n, field: "notes"))))
            case 1:
                let f = notedFlows[(i / 4) % notedFlows.count]
                script += "flow[\(endpoints[f])].notes=\"Edit \(i): \\\"quoted\\\", with a colon\"\n"
                targeted.insert(try #require(line(.flow(index: f, field: "notes"))))
            case 2:
                let n = producingNodes[(i / 4) % producingNodes.count]
                let mineral = graph.nodes[n].outputs[0].mineral
                script += "node[\(graph.nodes[n].id)].output[\(mineral)]*=1.01\n"
                for (j, output) in graph.nodes[n].outputs.enumerated() where output.mineral == mineral {
                    for field in ["tonnes", "contained_tonnes", "value_usd"] {
                        if let l = line(.output(node: n, index: j, field: field)) { targeted.insert(l) }
                    }
                }
            default:
                let f = uniqueFlows[(i / 4) % uniqueFlows.count]
                script += "flow[\(endpoints[f])].quantity*=0.99\n"
                for field in ["tonnes", "contained_tonnes", "value_usd"] {
                    if let l = line(.flow(index: f, field: field)) { targeted.insert(l) }
                }
            }
        }

        let clock = ContinuousClock()
        var outcome: GraphFileEditor.Outcome?
        let elapsed = try clock.measure {
            let parsed = try EditScript.parse(script: script, file: "generated.txt")
            #expect(parsed.edits.count == 1000)
            outcome = try GraphFileEditor().apply([parsed], to: document, editedName: "cobalt-2023.yaml (edited)")
        }
        let edited = try #require(outcome).text
        print("1 000 edits on graphs/cobalt-2023.yaml: \(elapsed)")
        #expect(elapsed < .seconds(5), "took \(elapsed)")

        let before = LineDiff.split(text), after = LineDiff.split(edited)
        try #require(before.count == after.count, "edits in place keep the line count")
        var changed = 0
        for index in before.indices {
            if targeted.contains(index + 1) {
                if before[index] != after[index] { changed += 1 }
            } else {
                #expect(before[index] == after[index], "line \(index + 1) is not targeted but changed")
            }
        }
        #expect(changed == targeted.count, "every targeted line changed")
        #expect(edited.hasPrefix(text.prefix(while: { $0 != "\n" })) && edited.hasSuffix("\n"))
        let reread = try GraphFileReader().read(text: edited, file: "edited")
        #expect(reread.graph.nodes[notedNodes[0]].notes?.hasPrefix("Edit ") == true)
    }
}
