/// The keys of one kind of mapping in a graph file (docs/graph-format.md), in canonical order.
///
/// These enums are the one place where the graph file's key names are spelled: the reader,
/// the writer, the edit language, the exports and importers and the locations of diagnostics
/// all take their names from here, so a key cannot be renamed in one of them alone.
public protocol GraphFileKey: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {}

extension GraphFileKey {
    /// Every key's name, in canonical order.
    public static var names: [String] { allCases.map(\.rawValue) }
}

/// The top-level keys of a graph file.
public enum GraphKey: String, GraphFileKey {
    case format
    case name
    case year
    case priceYear = "price_year"
    case description
    case countryScheme = "country_scheme"
    case units
    case uncertainty
    case sources
    case nodes
    case flows
    case otherCountries = "other_countries"
}

/// The keys of the `units` mapping.
public enum UnitsKey: String, GraphFileKey {
    case mass
    case value
    case water
}

/// The keys of an entry of `sources`.
public enum SourceKey: String, GraphFileKey {
    case id
    case title
    case publisher
    case url
    case year
    case notes
}

/// The keys of a node.
public enum NodeKey: String, GraphFileKey {
    case id
    case name
    case kind
    case fate
    case country
    case outputs
    case capacityTonnes = "capacity_tonnes"
    case water
    case otherInputsUSD = "other_inputs_usd"
    case source
    case notes
}

/// The keys of an entry of a node's `outputs`.
public enum OutputKey: String, GraphFileKey {
    case mineral
    case year
    case product
    case tonnes
    case containedTonnes = "contained_tonnes"
    case basis
    case valueUSD = "value_usd"
}

/// The keys of a node's `water` block (``NodeField/WaterField`` names the same keys for edits).
public typealias WaterKey = NodeField.WaterField

extension NodeField.WaterField: GraphFileKey {}

/// The keys of a flow.
public enum FlowKey: String, GraphFileKey {
    case from
    case to
    case mineral
    case product
    case tonnes
    case containedTonnes = "contained_tonnes"
    case basis
    case valueUSD = "value_usd"
    case type
    case source
    case notes
}

/// The keys of an entry of `other_countries`.
public enum OtherCountriesKey: String, GraphFileKey {
    case mineral
    case stage
    case year
    case tonnes
    case containedTonnes = "contained_tonnes"
    case basis
    case source
    case notes
}

extension GraphLocation {
    /// A graph field by its key.
    public static func graph(_ key: GraphKey) -> GraphLocation { .graph(field: key.rawValue) }
    /// A field of the `index`-th source.
    public static func source(_ index: Int, _ key: SourceKey) -> GraphLocation { .source(index: index, field: key.rawValue) }
    /// A field of the `index`-th node.
    public static func node(_ index: Int, _ key: NodeKey) -> GraphLocation { .node(index: index, field: key.rawValue) }
    /// A figure of the `index`-th node's water block: `water.<key>`.
    public static func node(_ index: Int, water key: WaterKey) -> GraphLocation {
        .node(index: index, field: NodeKey.water.rawValue + "." + key.rawValue)
    }
    /// A field of the `index`-th output of the `node`-th node.
    public static func output(node: Int, index: Int, _ key: OutputKey) -> GraphLocation { .output(node: node, index: index, field: key.rawValue) }
    /// A field of the `index`-th flow.
    public static func flow(_ index: Int, _ key: FlowKey) -> GraphLocation { .flow(index: index, field: key.rawValue) }
    /// A field of the `index`-th "other countries" entry.
    public static func otherCountries(_ index: Int, _ key: OtherCountriesKey) -> GraphLocation { .otherCountries(index: index, field: key.rawValue) }
}

/// The keys of a figure written with its uncertainty: `{value: 157000, range: [140000, 170000]}`,
/// `{value: 157000, uncertainty: 10%}`, `{value: 157000, estimated: true}`, `rounded: true`,
/// `grade: true` (METHODS §11).
public enum FigureKey: String, GraphFileKey {
    case value
    case range
    case uncertainty
    case estimated
    case rounded
    case grade
}

/// The keys of the graph's `uncertainty` block (``UncertaintyDefaults``).
public enum UncertaintyDefaultsKey: String, GraphFileKey {
    case estimated
    case production
    case flows
    case rounded
    case grade
}
