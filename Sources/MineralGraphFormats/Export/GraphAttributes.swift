import MineralGraphCore

/// The type of an exported attribute, spelled as GraphML's `attr.type`.
public enum AttributeType: String, Hashable, Sendable {
    case string
    case double
    case int
    case boolean
}

/// One attribute value of an exported graph, node or edge.
public enum AttributeValue: Hashable, Sendable {
    case string(String)
    case double(Double)
    case int(Int)
    case boolean(Bool)

    public var type: AttributeType {
        switch self {
        case .string: .string
        case .double: .double
        case .int: .int
        case .boolean: .boolean
        }
    }

    /// The value as text: strings as they are, numbers in `NumberFormatting.plain(_:)`
    /// (shortest form that reads back to the same `Double`), booleans `true` / `false`.
    public var text: String {
        switch self {
        case .string(let text): text
        case .double(let value): NumberFormatting.plain(value)
        case .int(let value): String(value)
        case .boolean(let value): value ? "true" : "false"
        }
    }
}

/// A named attribute value.
public struct Attribute: Hashable, Sendable {
    public var name: String
    public var value: AttributeValue

    public init(_ name: String, _ value: AttributeValue) {
        self.name = name
        self.value = value
    }
}

/// A column of an attribute table: its name and type.
public struct AttributeKey: Hashable, Sendable {
    public var name: String
    public var type: AttributeType
}

/// A supply graph as flat attribute tables, the shape the GraphML, DOT and CSV exports share
/// (docs/export.md lists every attribute).
///
/// Nested data is flattened with its units in the names: a node's outputs become
/// `output_<mineral>_tonnes`, `output_<mineral>_contained_tonnes`, `output_<mineral>_value_usd`
/// and `output_<mineral>_product` (with `_<year>` after the mineral for outputs of another year
/// than the graph's), and `outputs` lists them in order (`cobalt,copper@2022`; the first is the
/// reference output of capacity and water); water becomes `water_<field>`; graph sources become
/// `source_<n>_<field>` and "other countries" rows `other_countries_<n>_<field>` (n from 1).
/// Missing values are left out, never written as 0. Derived attributes (``derivedNodeNames``,
/// ``derivedGraphNames``) describe the data for readers and are ignored when a file is read back.
public struct GraphAttributeTables: Sendable {
    public struct NodeRow: Hashable, Sendable {
        public var id: String
        public var attributes: [Attribute]
    }

    public struct EdgeRow: Hashable, Sendable {
        /// `f<index>` in flow order: GraphML edge ids, so parallel flows stay apart.
        public var id: String
        public var from: String
        public var to: String
        public var attributes: [Attribute]
    }

    public var graph: [Attribute]
    public var nodes: [NodeRow]
    public var edges: [EdgeRow]
    /// Every node attribute that occurs, in schema order (outputs sorted by mineral and year).
    public var nodeKeys: [AttributeKey]
    /// Every edge attribute that occurs, in schema order.
    public var edgeKeys: [AttributeKey]
    public var graphKeys: [AttributeKey] { graph.map { AttributeKey(name: $0.name, type: $0.value.type) } }

    /// Node attributes computed from the data, not read back: the stage (from the kind), the
    /// country's name, its development group under the graph's scheme, LDC membership, and the
    /// display label (the name, else the id).
    public static let derivedNodeNames: Set<String> = [label, stage, countryName, developmentGroup, leastDeveloped]
    /// Graph attributes computed from the data: the scheme development groups follow.
    public static let derivedGraphNames: Set<String> = [groupScheme]

    public init(_ graph: SupplyGraph) {
        self.graph = Self.graphAttributes(graph)
        let scheme = graph.countryScheme.flatMap(CountryGroupScheme.named) ?? .defaultScheme
        nodes = graph.nodes.map { NodeRow(id: $0.id, attributes: Self.nodeAttributes($0, graphYear: graph.year, scheme: scheme)) }
        edges = graph.flows.enumerated().map { index, flow in
            EdgeRow(id: "f\(index)", from: flow.from, to: flow.to, attributes: Self.flowAttributes(flow))
        }
        nodeKeys = Self.keys(of: nodes.map(\.attributes), order: Self.nodeKeyOrder)
        edgeKeys = Self.keys(of: edges.map(\.attributes), order: { Self.flowFields.firstIndex(of: $0).map { [$0] } ?? [] })
    }

    // MARK: Names

    // The file's keys come from the key enums (``NodeKey`` …); only the derived names are spelled here.
    static let label = "label", stage = "stage", countryName = "country_name", developmentGroup = "development_group"
    static let leastDeveloped = "least_developed", groupScheme = "group_scheme"

    /// Node attributes before the outputs, in order.
    static let nodeFieldsBeforeOutputs = [label, NodeKey.name.rawValue, NodeKey.kind.rawValue, NodeKey.fate.rawValue, stage,
                                          NodeKey.country.rawValue, countryName, developmentGroup, leastDeveloped, NodeKey.outputs.rawValue]
    /// Node attributes after the outputs, in order (water fields with their `water_` prefix).
    static let nodeFieldsAfterOutputs = [NodeKey.capacityTonnes.rawValue] + WaterKey.allCases.map(waterAttributeName)
        + [NodeKey.otherInputsUSD, .source, .notes].map(\.rawValue)
    static let waterFields = WaterKey.names
    /// The fields of one flattened output, in order: the output's keys but its mineral and year.
    static let outputFields = OutputKey.allCases.filter { $0 != .mineral && $0 != .year }.map(\.rawValue)
    /// The edge attributes: a flow's keys but its ends.
    static let flowFields = FlowKey.allCases.filter { $0 != .from && $0 != .to }.map(\.rawValue)
    static let sourceFields = SourceKey.names
    static let otherCountriesFields = OtherCountriesKey.names

    /// `water_<key>`: a figure of the node's water block.
    static func waterAttributeName(_ key: WaterKey) -> String { NodeKey.water.rawValue + "_" + key.rawValue }

    /// `output_<mineral>[_<year>]_<field>`; the year only when it is not the graph's.
    public static func outputAttributeName(mineral: MineralID, year: Int?, graphYear: Int, field: String) -> String {
        let yearPart = year.map { $0 == graphYear ? "" : "_\($0)" } ?? ""
        return OutputAttributeName.prefix + mineral.rawValue + yearPart + "_" + field
    }

    /// The `outputs` entry of an output: its mineral, and `@year` when the file gives a year.
    static func outputListEntry(_ output: Output) -> String {
        output.mineral.rawValue + (output.year.map { "@\($0)" } ?? "")
    }

    /// The prefixes of the numbered graph attributes: `source_<n>_<key>`, `other_countries_<n>_<key>`.
    static let sourcePrefix = "source_", otherCountriesPrefix = GraphKey.otherCountries.rawValue + "_"

    // MARK: Rows

    static func graphAttributes(_ graph: SupplyGraph) -> [Attribute] {
        var out = Builder()
        out.add(GraphKey.name, graph.name)
        out.add(GraphKey.year, graph.year)
        out.add(GraphKey.priceYear, graph.priceYear)
        out.add(GraphKey.description, graph.description)
        out.add(GraphKey.countryScheme, graph.countryScheme)
        out.add(groupScheme, (graph.countryScheme.flatMap(CountryGroupScheme.named) ?? .defaultScheme).id)
        for (index, source) in graph.sources.enumerated() {
            let prefix = sourcePrefix + "\(index + 1)_"
            out.add(prefix + SourceKey.id.rawValue, source.id)
            out.add(prefix + SourceKey.title.rawValue, source.title)
            out.add(prefix + SourceKey.publisher.rawValue, source.publisher)
            out.add(prefix + SourceKey.url.rawValue, source.url)
            out.add(prefix + SourceKey.year.rawValue, source.year)
            out.add(prefix + SourceKey.notes.rawValue, source.notes)
        }
        for (index, other) in graph.otherCountries.enumerated() {
            let prefix = otherCountriesPrefix + "\(index + 1)_"
            out.add(prefix + OtherCountriesKey.mineral.rawValue, other.mineral.rawValue)
            out.add(prefix + OtherCountriesKey.stage.rawValue, other.stage.rawValue)
            out.add(prefix + OtherCountriesKey.year.rawValue, other.year)
            out.add(prefix + OtherCountriesKey.tonnes.rawValue, other.tonnes)
            out.add(prefix + OtherCountriesKey.containedTonnes.rawValue, other.containedTonnes)
            out.add(prefix + OtherCountriesKey.basis.rawValue, other.basis?.code)
            out.add(prefix + OtherCountriesKey.source.rawValue, other.source)
            out.add(prefix + OtherCountriesKey.notes.rawValue, other.notes)
        }
        return out.attributes
    }

    static func nodeAttributes(_ node: Node, graphYear: Int, scheme: CountryGroupScheme) -> [Attribute] {
        var out = Builder()
        out.add(label, node.displayName)
        out.add(NodeKey.name, node.name)
        out.add(NodeKey.kind, node.kind.keyword)
        out.add(NodeKey.fate, node.kind.fate?.rawValue)
        out.add(stage, node.stage.rawValue)
        out.add(NodeKey.country, node.country.rawValue)
        out.add(countryName, CountryTable.country(node.country)?.name)
        out.add(developmentGroup, scheme.status(of: node.country).rawValue)
        out.add(leastDeveloped, scheme.isLeastDeveloped(node.country))
        if !node.outputs.isEmpty {
            out.add(NodeKey.outputs, node.outputs.map(outputListEntry).joined(separator: ","))
        }
        for output in node.outputs {
            func name(_ field: OutputKey) -> String {
                outputAttributeName(mineral: output.mineral, year: output.year, graphYear: graphYear, field: field.rawValue)
            }
            out.add(name(.product), output.product)
            out.add(name(.tonnes), output.tonnes)
            out.add(name(.containedTonnes), output.containedTonnes)
            out.add(name(.basis), output.basis?.code)
            out.add(name(.valueUSD), output.valueUSD)
        }
        out.add(NodeKey.capacityTonnes, node.capacityTonnes)
        if let water = node.water {
            for key in WaterKey.allCases { out.add(waterAttributeName(key), water[keyPath: key.keyPath]) }
        }
        out.add(NodeKey.otherInputsUSD, node.otherInputsUSD)
        out.add(NodeKey.source, node.source)
        out.add(NodeKey.notes, node.notes)
        return out.attributes
    }

    static func flowAttributes(_ flow: Flow) -> [Attribute] {
        var out = Builder()
        out.add(FlowKey.mineral, flow.mineral.rawValue)
        out.add(FlowKey.product, flow.product)
        out.add(FlowKey.tonnes, flow.tonnes)
        out.add(FlowKey.containedTonnes, flow.containedTonnes)
        out.add(FlowKey.basis, flow.basis?.code)
        out.add(FlowKey.valueUSD, flow.valueUSD)
        out.add(FlowKey.type, flow.type.rawValue)
        out.add(FlowKey.source, flow.source)
        out.add(FlowKey.notes, flow.notes)
        return out.attributes
    }

    // MARK: Keys

    /// Sort key of a node attribute: fixed fields by position; outputs between `outputs` and
    /// `capacity_tonnes`, by mineral, then year (the graph's first), then field.
    static func nodeKeyOrder(_ name: String) -> [Int] {
        if let index = nodeFieldsBeforeOutputs.firstIndex(of: name) { return [index] }
        if let index = nodeFieldsAfterOutputs.firstIndex(of: name) { return [nodeFieldsBeforeOutputs.count + 1, index] }
        return [nodeFieldsBeforeOutputs.count]
    }

    /// The union of the rows' attribute names, ordered by `order`, then (outputs) by name parts.
    static func keys(of rows: [[Attribute]], order: (String) -> [Int]) -> [AttributeKey] {
        var seen: [String: AttributeType] = [:]
        for row in rows { for attribute in row where seen[attribute.name] == nil { seen[attribute.name] = attribute.value.type } }
        return seen.map { AttributeKey(name: $0.key, type: $0.value) }.sorted { lhs, rhs in
            let (l, r) = (order(lhs.name), order(rhs.name))
            if l != r { return l.lexicographicallyPrecedes(r) }
            return outputSortKey(lhs.name).lexicographicallyPrecedes(outputSortKey(rhs.name))
        }
    }

    /// `output_cobalt_2022_tonnes` sorts as ("cobalt", "2022", field position).
    private static func outputSortKey(_ name: String) -> [String] {
        guard let parsed = OutputAttributeName(name) else { return [name] }
        let field = outputFields.firstIndex(of: parsed.field).map { String($0) } ?? parsed.field
        return [parsed.mineral, parsed.year.map { String($0) } ?? "", field]
    }

    /// Collects present values in order.
    private struct Builder {
        var attributes: [Attribute] = []
        mutating func add(_ name: String, _ value: String?) { if let value { attributes.append(Attribute(name, .string(value))) } }
        mutating func add(_ name: String, _ value: Double?) { if let value { attributes.append(Attribute(name, .double(value))) } }
        mutating func add(_ name: String, _ value: Int?) { if let value { attributes.append(Attribute(name, .int(value))) } }
        mutating func add(_ name: String, _ value: Bool) { attributes.append(Attribute(name, .boolean(value))) }
        mutating func add(_ key: some GraphFileKey, _ value: String?) { add(key.rawValue, value) }
        mutating func add(_ key: some GraphFileKey, _ value: Double?) { add(key.rawValue, value) }
        mutating func add(_ key: some GraphFileKey, _ value: Int?) { add(key.rawValue, value) }
    }
}

/// The parts of a flattened output attribute name, `output_<mineral>[_<year>]_<field>`.
struct OutputAttributeName: Hashable {
    static let prefix = "output_"
    /// Longest first: "contained_tonnes" ends with "tonnes".
    static let fieldsLongestFirst = GraphAttributeTables.outputFields.sorted { $0.count > $1.count }

    var mineral: String
    /// The year in the name; `nil` for the graph's year.
    var year: Int?
    var field: String

    init?(_ name: String) {
        guard name.hasPrefix(Self.prefix) else { return nil }
        let rest = name.dropFirst(Self.prefix.count)
        guard let field = Self.fieldsLongestFirst.first(where: { rest.hasSuffix("_" + $0) }) else { return nil }
        var middle = String(rest.dropLast(field.count + 1))
        var year: Int?
        if let underscore = middle.lastIndex(of: "_"), let parsed = Int(middle[middle.index(after: underscore)...]),
            middle[middle.index(after: underscore)...].allSatisfy(\.isASCII)
        {
            year = parsed
            middle = String(middle[..<underscore])
        }
        guard !middle.isEmpty else { return nil }
        self.mineral = middle
        self.year = year
        self.field = field
    }
}
