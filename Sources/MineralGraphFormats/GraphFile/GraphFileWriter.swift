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
        out.field(0, GraphKey.format, GraphFileReader.formatVersion)
        out.field(0, GraphKey.name, graph.name)
        out.field(0, GraphKey.year, graph.year)
        out.field(0, GraphKey.priceYear, graph.priceYear)
        out.field(0, GraphKey.description, graph.description)
        out.field(0, GraphKey.countryScheme, graph.countryScheme)
        out.list(0, GraphKey.units, isEmpty: false)
        out.field(1, UnitsKey.mass, SupplyGraph.massUnit)
        out.field(1, UnitsKey.value, SupplyGraph.valueUnit)
        out.field(1, UnitsKey.water, SupplyGraph.waterUnit)
        if let defaults = graph.uncertaintyDefaults {
            out.list(0, GraphKey.uncertainty, isEmpty: false)
            for (key, fraction) in defaults.fileEntries { out.percent(1, key, fraction) }
        }

        if !graph.sources.isEmpty {
            out.blank()
            out.list(0, GraphKey.sources, isEmpty: false)
            for (i, source) in graph.sources.enumerated() {
                if i > 0 { out.blank() }
                out.item(1, SourceKey.id, source.id)
                out.field(2, SourceKey.title, source.title)
                out.field(2, SourceKey.publisher, source.publisher)
                out.field(2, SourceKey.url, source.url)
                out.field(2, SourceKey.year, source.year)
                out.field(2, SourceKey.notes, source.notes)
            }
        }

        out.blank()
        out.list(0, GraphKey.nodes, isEmpty: graph.nodes.isEmpty)
        for (i, node) in graph.nodes.enumerated() {
            if i > 0 { out.blank() }
            writeNode(node, to: &out)
        }

        out.blank()
        out.list(0, GraphKey.flows, isEmpty: graph.flows.isEmpty)
        for (i, flow) in graph.flows.enumerated() {
            if i > 0 { out.blank() }
            out.item(1, FlowKey.from, flow.from)
            out.field(2, FlowKey.to, flow.to)
            out.field(2, FlowKey.mineral, flow.mineral.rawValue)
            out.field(2, FlowKey.product, flow.product)
            out.figure(2, FlowKey.tonnes, flow.tonnes, flow.uncertainty?.tonnes)
            out.figure(2, FlowKey.containedTonnes, flow.containedTonnes, flow.uncertainty?.containedTonnes)
            out.field(2, FlowKey.basis, flow.basis?.code)
            out.figure(2, FlowKey.valueUSD, flow.valueUSD, flow.uncertainty?.valueUSD)
            if flow.type != .product { out.field(2, FlowKey.type, flow.type.rawValue) }
            out.field(2, FlowKey.source, flow.source)
            out.field(2, FlowKey.notes, flow.notes)
        }

        if !graph.otherCountries.isEmpty {
            out.blank()
            out.list(0, GraphKey.otherCountries, isEmpty: false)
            for (i, other) in graph.otherCountries.enumerated() {
                if i > 0 { out.blank() }
                out.item(1, OtherCountriesKey.mineral, other.mineral.rawValue)
                out.field(2, OtherCountriesKey.stage, other.stage.rawValue)
                out.field(2, OtherCountriesKey.year, other.year)
                out.figure(2, OtherCountriesKey.tonnes, other.tonnes, other.uncertainty?.tonnes)
                out.figure(2, OtherCountriesKey.containedTonnes, other.containedTonnes, other.uncertainty?.containedTonnes)
                out.field(2, OtherCountriesKey.basis, other.basis?.code)
                out.field(2, OtherCountriesKey.source, other.source)
                out.field(2, OtherCountriesKey.notes, other.notes)
            }
        }
        return out.text
    }

    private func writeNode(_ node: Node, to out: inout Emitter) {
        out.item(1, NodeKey.id, node.id)
        out.field(2, NodeKey.name, node.name)
        out.field(2, NodeKey.kind, node.kind.keyword)
        out.field(2, NodeKey.fate, node.kind.fate?.rawValue)
        out.field(2, NodeKey.country, node.country.rawValue)
        if !node.outputs.isEmpty {
            out.list(2, NodeKey.outputs, isEmpty: false)
            for output in node.outputs {
                out.item(3, OutputKey.mineral, output.mineral.rawValue)
                out.field(4, OutputKey.year, output.year)
                out.field(4, OutputKey.product, output.product)
                out.figure(4, OutputKey.tonnes, output.tonnes, output.uncertainty?.tonnes)
                out.figure(4, OutputKey.containedTonnes, output.containedTonnes, output.uncertainty?.containedTonnes)
                out.field(4, OutputKey.basis, output.basis?.code)
                out.figure(4, OutputKey.valueUSD, output.valueUSD, output.uncertainty?.valueUSD)
            }
        }
        out.field(2, NodeKey.capacityTonnes, node.capacityTonnes)
        if let water = node.water, !water.isEmpty {
            out.list(2, NodeKey.water, isEmpty: false)
            for key in WaterKey.allCases { out.field(3, key, water[keyPath: key.keyPath]) }
        }
        out.field(2, NodeKey.otherInputsUSD, node.otherInputsUSD)
        out.field(2, NodeKey.source, node.source)
        out.field(2, NodeKey.notes, node.notes)
    }
}

/// Line-by-line YAML output with two-space indentation levels.
private struct Emitter {
    var text = ""

    mutating func raw(_ line: String) {
        text += line
        text += "\n"
    }

    mutating func blank() { text += "\n" }

    /// The indentation of each level (the graph format goes five deep).
    private static let indents = (0..<8).map { String(repeating: "  ", count: $0) }

    /// Starts a line: `level`'s indentation, `key` and `separator`.
    private mutating func start(_ level: Int, _ key: String, _ separator: String) {
        text += level < Self.indents.count ? Self.indents[level] : String(repeating: "  ", count: level)
        text += key
        text += separator
    }

    /// `key:` at `level`, opening a block; `key: []` for an empty list.
    mutating func list(_ level: Int, _ key: some GraphFileKey, isEmpty: Bool) {
        start(level, key.rawValue, isEmpty ? ": []\n" : ":\n")
    }

    mutating func field(_ level: Int, _ key: some GraphFileKey, _ value: String?) { field(level, key.rawValue, value) }
    mutating func field(_ level: Int, _ key: some GraphFileKey, _ value: Double?) { field(level, key.rawValue, value) }
    mutating func field(_ level: Int, _ key: some GraphFileKey, _ value: Int?) { field(level, key.rawValue, value) }
    mutating func item(_ level: Int, _ key: some GraphFileKey, _ value: String) { item(level, key.rawValue, value) }

    /// `key: value` at `level`; nothing for `nil`.
    mutating func field(_ level: Int, _ key: String, _ value: String?) {
        guard let value else { return }
        if YAMLText.fitsLiteralBlock(value) {
            start(level, key, ": |-\n")
            let indent = String(repeating: "  ", count: level + 1)
            for line in value.split(separator: "\n", omittingEmptySubsequences: false) {
                text += line.isEmpty ? "\n" : indent + line + "\n"
            }
        } else {
            start(level, key, ": ")
            raw(YAMLText.scalar(value))
        }
    }

    mutating func field(_ level: Int, _ key: String, _ value: Double?) {
        field(level, key, value.map(NumberFormatting.plain).map(Verbatim.init))
    }

    mutating func field(_ level: Int, _ key: String, _ value: Int?) {
        field(level, key, value.map { Verbatim(String($0)) })
    }

    /// A figure with its uncertainty statement (``FigureText``); nothing for `nil`.
    mutating func figure(_ level: Int, _ key: some GraphFileKey, _ value: Double?, _ statement: FigureUncertainty?) {
        field(level, key.rawValue, value.map { Verbatim(FigureText.yaml($0, statement)) })
    }

    /// A fraction as a percentage: `estimated: 10%`.
    mutating func percent(_ level: Int, _ key: some GraphFileKey, _ fraction: Double) {
        field(level, key.rawValue, Verbatim(FigureText.percent(fraction)))
    }

    private mutating func field(_ level: Int, _ key: String, _ value: Verbatim?) {
        guard let value else { return }
        start(level, key, ": ")
        raw(value.text)
    }

    /// The first field of a list item: `- key: value`, one level deeper than its list key.
    mutating func item(_ level: Int, _ key: String, _ value: String) {
        start(level, "- " + key, ": ")
        raw(YAMLText.scalar(value))
    }

    private struct Verbatim {
        let text: String
        init(_ text: String) { self.text = text }
    }
}
