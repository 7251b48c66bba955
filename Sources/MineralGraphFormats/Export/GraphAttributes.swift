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
    public static let derivedNodeNames: Set<String> = ["label", "stage", "country_name", "development_group", "least_developed"]
    /// Graph attributes computed from the data: the scheme development groups follow.
    public static let derivedGraphNames: Set<String> = ["group_scheme"]

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

    /// Node attributes before the outputs, in order.
    static let nodeFieldsBeforeOutputs = ["label", "name", "kind", "fate", "stage", "country", "country_name", "development_group", "least_developed", "outputs"]
    /// Node attributes after the outputs, in order (water fields with their `water_` prefix).
    static let nodeFieldsAfterOutputs = ["capacity_tonnes"] + waterFields.map { "water_" + $0 } + ["other_inputs_usd", "source", "notes"]
    static let waterFields = ["withdrawal_m3_per_t", "consumption_m3_per_t", "brine_m3_per_t", "seawater_m3_per_t", "aware_cf", "baseline_water_stress"]
    /// The fields of one flattened output, in order.
    static let outputFields = ["product", "tonnes", "contained_tonnes", "basis", "value_usd"]
    static let flowFields = ["mineral", "product", "tonnes", "contained_tonnes", "basis", "value_usd", "type", "source", "notes"]
    static let sourceFields = ["id", "title", "publisher", "url", "year", "notes"]
    static let otherCountriesFields = ["mineral", "stage", "year", "tonnes", "contained_tonnes", "basis", "source", "notes"]

    /// `output_<mineral>[_<year>]_<field>`; the year only when it is not the graph's.
    public static func outputAttributeName(mineral: MineralID, year: Int?, graphYear: Int, field: String) -> String {
        let yearPart = year.map { $0 == graphYear ? "" : "_\($0)" } ?? ""
        return "output_" + mineral.rawValue + yearPart + "_" + field
    }

    /// The `outputs` entry of an output: its mineral, and `@year` when the file gives a year.
    static func outputListEntry(_ output: Output) -> String {
        output.mineral.rawValue + (output.year.map { "@\($0)" } ?? "")
    }

    // MARK: Rows

    static func graphAttributes(_ graph: SupplyGraph) -> [Attribute] {
        var out = Builder()
        out.add("name", graph.name)
        out.add("year", graph.year)
        out.add("price_year", graph.priceYear)
        out.add("description", graph.description)
        out.add("country_scheme", graph.countryScheme)
        out.add("group_scheme", (graph.countryScheme.flatMap(CountryGroupScheme.named) ?? .defaultScheme).id)
        for (index, source) in graph.sources.enumerated() {
            let prefix = "source_\(index + 1)_"
            out.add(prefix + "id", source.id)
            out.add(prefix + "title", source.title)
            out.add(prefix + "publisher", source.publisher)
            out.add(prefix + "url", source.url)
            out.add(prefix + "year", source.year)
            out.add(prefix + "notes", source.notes)
        }
        for (index, other) in graph.otherCountries.enumerated() {
            let prefix = "other_countries_\(index + 1)_"
            out.add(prefix + "mineral", other.mineral.rawValue)
            out.add(prefix + "stage", other.stage.rawValue)
            out.add(prefix + "year", other.year)
            out.add(prefix + "tonnes", other.tonnes)
            out.add(prefix + "contained_tonnes", other.containedTonnes)
            out.add(prefix + "basis", other.basis?.code)
            out.add(prefix + "source", other.source)
            out.add(prefix + "notes", other.notes)
        }
        return out.attributes
    }

    static func nodeAttributes(_ node: Node, graphYear: Int, scheme: CountryGroupScheme) -> [Attribute] {
        var out = Builder()
        out.add("label", node.displayName)
        out.add("name", node.name)
        out.add("kind", node.kind.keyword)
        out.add("fate", node.kind.fate?.rawValue)
        out.add("stage", node.stage.rawValue)
        out.add("country", node.country.rawValue)
        out.add("country_name", CountryTable.country(node.country)?.name)
        out.add("development_group", scheme.status(of: node.country).rawValue)
        out.add("least_developed", scheme.isLeastDeveloped(node.country))
        if !node.outputs.isEmpty {
            out.add("outputs", node.outputs.map(outputListEntry).joined(separator: ","))
        }
        for output in node.outputs {
            func name(_ field: String) -> String {
                outputAttributeName(mineral: output.mineral, year: output.year, graphYear: graphYear, field: field)
            }
            out.add(name("product"), output.product)
            out.add(name("tonnes"), output.tonnes)
            out.add(name("contained_tonnes"), output.containedTonnes)
            out.add(name("basis"), output.basis?.code)
            out.add(name("value_usd"), output.valueUSD)
        }
        out.add("capacity_tonnes", node.capacityTonnes)
        if let water = node.water {
            out.add("water_withdrawal_m3_per_t", water.withdrawalM3PerTonne)
            out.add("water_consumption_m3_per_t", water.consumptionM3PerTonne)
            out.add("water_brine_m3_per_t", water.brineM3PerTonne)
            out.add("water_seawater_m3_per_t", water.seawaterM3PerTonne)
            out.add("water_aware_cf", water.awareFactor)
            out.add("water_baseline_water_stress", water.baselineWaterStress)
        }
        out.add("other_inputs_usd", node.otherInputsUSD)
        out.add("source", node.source)
        out.add("notes", node.notes)
        return out.attributes
    }

    static func flowAttributes(_ flow: Flow) -> [Attribute] {
        var out = Builder()
        out.add("mineral", flow.mineral.rawValue)
        out.add("product", flow.product)
        out.add("tonnes", flow.tonnes)
        out.add("contained_tonnes", flow.containedTonnes)
        out.add("basis", flow.basis?.code)
        out.add("value_usd", flow.valueUSD)
        out.add("type", flow.type.rawValue)
        out.add("source", flow.source)
        out.add("notes", flow.notes)
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
    }
}

/// The parts of a flattened output attribute name, `output_<mineral>[_<year>]_<field>`.
struct OutputAttributeName: Hashable {
    var mineral: String
    /// The year in the name; `nil` for the graph's year.
    var year: Int?
    var field: String

    init?(_ name: String) {
        guard name.hasPrefix("output_") else { return nil }
        let rest = name.dropFirst("output_".count)
        // Longest field first: "contained_tonnes" ends with "tonnes".
        guard let field = ["contained_tonnes", "value_usd", "product", "tonnes", "basis"].first(where: { rest.hasSuffix("_" + $0) }) else { return nil }
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
