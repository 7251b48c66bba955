import MineralGraphCore

/// Writes a graph in the canonical `mineral-graph/1` form (docs/graph-format.md).
///
/// The output is a pure function of the graph and its header comment: keys in a fixed order,
/// empty optional fields left out, numbers in `NumberFormatting.plain(_:)`, strings quoted
/// only where YAML needs it, one blank line between sections and list items. Reading the output
/// back gives the same graph, and writing that again gives the same bytes.
public struct GraphFileWriter: Sendable {
    public init() {}

    public func write(_ document: GraphDocument) -> String {
        write(document.graph, headerComment: document.headerComment)
    }

    public func write(_ graph: SupplyGraph, headerComment: [String] = []) -> String {
        var out = Emitter()
        if !headerComment.isEmpty {
            for line in headerComment { out.raw(line) }
            out.blank()
        }
        out.field(0, "format", GraphFileReader.formatVersion)
        out.field(0, "name", graph.name)
        out.field(0, "year", graph.year)
        out.field(0, "price_year", graph.priceYear)
        out.field(0, "description", graph.description)
        out.field(0, "country_scheme", graph.countryScheme)
        out.raw("units:")
        out.field(1, "mass", SupplyGraph.massUnit)
        out.field(1, "value", SupplyGraph.valueUnit)
        out.field(1, "water", SupplyGraph.waterUnit)

        if !graph.sources.isEmpty {
            out.blank()
            out.raw("sources:")
            for (i, source) in graph.sources.enumerated() {
                if i > 0 { out.blank() }
                out.item(1, "id", source.id)
                out.field(2, "title", source.title)
                out.field(2, "publisher", source.publisher)
                out.field(2, "url", source.url)
                out.field(2, "year", source.year)
                out.field(2, "notes", source.notes)
            }
        }

        out.blank()
        out.raw(graph.nodes.isEmpty ? "nodes: []" : "nodes:")
        for (i, node) in graph.nodes.enumerated() {
            if i > 0 { out.blank() }
            writeNode(node, to: &out)
        }

        out.blank()
        out.raw(graph.flows.isEmpty ? "flows: []" : "flows:")
        for (i, flow) in graph.flows.enumerated() {
            if i > 0 { out.blank() }
            out.item(1, "from", flow.from)
            out.field(2, "to", flow.to)
            out.field(2, "mineral", flow.mineral.rawValue)
            out.field(2, "product", flow.product)
            out.field(2, "tonnes", flow.tonnes)
            out.field(2, "contained_tonnes", flow.containedTonnes)
            out.field(2, "basis", flow.basis?.code)
            out.field(2, "value_usd", flow.valueUSD)
            if flow.type != .product { out.field(2, "type", flow.type.rawValue) }
            out.field(2, "source", flow.source)
            out.field(2, "notes", flow.notes)
        }

        if !graph.otherCountries.isEmpty {
            out.blank()
            out.raw("other_countries:")
            for (i, other) in graph.otherCountries.enumerated() {
                if i > 0 { out.blank() }
                out.item(1, "mineral", other.mineral.rawValue)
                out.field(2, "stage", other.stage.rawValue)
                out.field(2, "year", other.year)
                out.field(2, "tonnes", other.tonnes)
                out.field(2, "contained_tonnes", other.containedTonnes)
                out.field(2, "basis", other.basis?.code)
                out.field(2, "source", other.source)
                out.field(2, "notes", other.notes)
            }
        }
        return out.text
    }

    private func writeNode(_ node: Node, to out: inout Emitter) {
        out.item(1, "id", node.id)
        out.field(2, "name", node.name)
        out.field(2, "kind", node.kind.keyword)
        out.field(2, "fate", node.kind.fate?.rawValue)
        out.field(2, "country", node.country.rawValue)
        if !node.outputs.isEmpty {
            out.raw("    outputs:")
            for output in node.outputs {
                out.item(3, "mineral", output.mineral.rawValue)
                out.field(4, "year", output.year)
                out.field(4, "product", output.product)
                out.field(4, "tonnes", output.tonnes)
                out.field(4, "contained_tonnes", output.containedTonnes)
                out.field(4, "basis", output.basis?.code)
                out.field(4, "value_usd", output.valueUSD)
            }
        }
        out.field(2, "capacity_tonnes", node.capacityTonnes)
        if let water = node.water, !water.isEmpty {
            out.raw("    water:")
            out.field(3, "withdrawal_m3_per_t", water.withdrawalM3PerTonne)
            out.field(3, "consumption_m3_per_t", water.consumptionM3PerTonne)
            out.field(3, "brine_m3_per_t", water.brineM3PerTonne)
            out.field(3, "seawater_m3_per_t", water.seawaterM3PerTonne)
            out.field(3, "aware_cf", water.awareFactor)
            out.field(3, "baseline_water_stress", water.baselineWaterStress)
        }
        out.field(2, "other_inputs_usd", node.otherInputsUSD)
        out.field(2, "source", node.source)
        out.field(2, "notes", node.notes)
    }
}

/// Line-by-line YAML output with two-space indentation levels.
private struct Emitter {
    var text = ""

    mutating func raw(_ line: String) { text += line + "\n" }
    mutating func blank() { text += "\n" }

    /// `key: value` at `level`; nothing for `nil`.
    mutating func field(_ level: Int, _ key: String, _ value: String?) {
        guard let value else { return }
        let indent = String(repeating: "  ", count: level)
        if YAMLText.fitsLiteralBlock(value) {
            raw(indent + key + ": |-")
            for line in value.split(separator: "\n", omittingEmptySubsequences: false) {
                text += line.isEmpty ? "\n" : indent + "  " + line + "\n"
            }
        } else {
            raw(indent + key + ": " + YAMLText.scalar(value))
        }
    }

    mutating func field(_ level: Int, _ key: String, _ value: Double?) {
        field(level, key, value.map(NumberFormatting.plain).map(Verbatim.init))
    }

    mutating func field(_ level: Int, _ key: String, _ value: Int?) {
        field(level, key, value.map { Verbatim(String($0)) })
    }

    private mutating func field(_ level: Int, _ key: String, _ value: Verbatim?) {
        guard let value else { return }
        raw(String(repeating: "  ", count: level) + key + ": " + value.text)
    }

    /// The first field of a list item: `- key: value`, one level deeper than its list key.
    mutating func item(_ level: Int, _ key: String, _ value: String) {
        raw(String(repeating: "  ", count: level) + "- " + key + ": " + YAMLText.scalar(value))
    }

    private struct Verbatim {
        let text: String
        init(_ text: String) { self.text = text }
    }
}
