/// A critical-mineral supply chain: nodes in countries and the flows between them in one year.
///
/// The graph is a value: passes read it and never mutate it. Node and flow order is the
/// author's order and is kept when the graph is written back. Cycles (recycling loops)
/// are legal.
public struct SupplyGraph: Hashable, Codable, Sendable {
    public var name: String
    /// The year the quantities describe.
    public var year: Int
    /// The year of the USD prices, when it differs from `year`.
    public var priceYear: Int?
    public var description: String?
    /// Country-group scheme used for group metrics (see ``CountryGroupScheme``).
    public var countryScheme: String?
    public var sources: [SourceReference]
    public var nodes: [Node]
    public var flows: [Flow]
    /// Production by unnamed countries ("Other countries" rows), per mineral, stage and year.
    public var otherCountries: [OtherCountries]
    /// Relative uncertainties for figures that state none (the file's `uncertainty:` block);
    /// `nil` means ``UncertaintyDefaults/standard``.
    public var uncertaintyDefaults: UncertaintyDefaults?

    /// Units of every quantity in a graph. They are fixed; files state them so that they
    /// describe themselves.
    public static let massUnit = "t"
    public static let valueUnit = "USD"
    public static let waterUnit = "m3"

    public init(
        name: String, year: Int, priceYear: Int? = nil, description: String? = nil,
        countryScheme: String? = nil, sources: [SourceReference] = [], nodes: [Node] = [],
        flows: [Flow] = [], otherCountries: [OtherCountries] = [],
        uncertaintyDefaults: UncertaintyDefaults? = nil
    ) {
        self.name = name
        self.year = year
        self.priceYear = priceYear
        self.description = description
        self.countryScheme = countryScheme
        self.sources = sources
        self.nodes = nodes
        self.flows = flows
        self.otherCountries = otherCountries
        self.uncertaintyDefaults = uncertaintyDefaults
    }

    /// Index of the first node with each id (later duplicates are a validation error).
    public func nodeIndex() -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, node) in nodes.enumerated() where index[node.id] == nil { index[node.id] = i }
        return index
    }

    /// The node with `id`, if any.
    public func node(id: String) -> Node? {
        nodes.first { $0.id == id }
    }

    /// Every year that appears in outputs and "other countries" entries, with the graph's year.
    public var years: [Int] {
        var set: Set<Int> = [year]
        for node in nodes { for output in node.outputs { set.insert(output.year ?? year) } }
        for other in otherCountries { set.insert(other.year ?? year) }
        return set.sorted()
    }

    /// Every mineral that appears in outputs or flows, sorted.
    public var minerals: [MineralID] {
        var set = Set<MineralID>()
        for node in nodes { for output in node.outputs { set.insert(output.mineral) } }
        for flow in flows { set.insert(flow.mineral) }
        for other in otherCountries { set.insert(other.mineral) }
        return set.sorted()
    }
}
