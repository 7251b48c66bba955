import Foundation
import MineralGraphTestSupport
import Testing

@testable import MineralGraphReports
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats

/// Two files that differ only in node (and flow) order describe the same chain: `diff` must find
/// no change, so no figure or reason code may depend on the order.
@Suite("Order independence")
struct NodeOrderTests {
    @Test(arguments: ["cobalt-2023.yaml", "lithium-2023.yaml", "ewaste-2022.yaml"])
    func reversedNodesAndFlowsDiffAsIdentical(_ file: String) throws {
        let path = TestPaths.graphs.appendingPathComponent("" + file).path
        let graph = try GraphFileReader().read(contentsOf: path).graph
        var reversed = graph
        reversed.nodes.reverse()
        reversed.flows.reverse()
        let before = try ReportBuilder().build(graph, file: file)
        let after = try ReportBuilder().build(reversed, file: file)
        let comparison = ReportComparison(before: before, after: after)
        let changed = comparison.rows.filter { $0.status != .unchanged }
        #expect(changed.isEmpty, "\(changed.prefix(5).map { "\($0.key): \(String(describing: $0.before)) → \(String(describing: $0.after))" })")
    }
}
