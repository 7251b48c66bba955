import MineralGraphCore

/// Writes a graph as two CSV tables: one row per node and one per flow (edge).
///
/// The columns are the attributes of ``GraphAttributeTables`` that occur in the graph, in
/// schema order, after `id` (nodes) or `id,from,to` (edges; ids are `f<index>` in flow order).
/// RFC 4180 quoting (`CSVText`), LF line ends, header first; an empty cell is a missing value.
/// Numbers are in their shortest exact form, booleans `true` / `false`. Graph attributes,
/// sources and "other countries" rows are not in the tables; use the JSON export for them.
public struct CSVTableWriter: Sendable {
    public enum Table: String, CaseIterable, Sendable {
        case nodes, edges
    }

    public init() {}

    /// Both tables.
    public func write(_ graph: SupplyGraph) -> (nodes: String, edges: String) {
        let tables = GraphAttributeTables(graph)
        return (nodes(tables), edges(tables))
    }

    public func write(_ graph: SupplyGraph, table: Table) -> String {
        let tables = GraphAttributeTables(graph)
        return table == .nodes ? nodes(tables) : edges(tables)
    }

    private func nodes(_ tables: GraphAttributeTables) -> String {
        var out = CSVText.record([NodeKey.id.rawValue] + tables.nodeKeys.map(\.name))
        for node in tables.nodes {
            out += CSVText.record([node.id] + cells(node.attributes, tables.nodeKeys))
        }
        return out
    }

    private func edges(_ tables: GraphAttributeTables) -> String {
        var out = CSVText.record([NodeKey.id.rawValue, FlowKey.from.rawValue, FlowKey.to.rawValue] + tables.edgeKeys.map(\.name))
        for edge in tables.edges {
            out += CSVText.record([edge.id, edge.from, edge.to] + cells(edge.attributes, tables.edgeKeys))
        }
        return out
    }

    private func cells(_ attributes: [Attribute], _ keys: [AttributeKey]) -> [String] {
        var byName: [String: String] = [:]
        for attribute in attributes { byName[attribute.name] = attribute.value.text }
        return keys.map { byName[$0.name] ?? "" }
    }
}
