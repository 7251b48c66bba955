/// A mineral or material known to mineral-graph, with the bases its tonnes are reported in.
public struct MineralInfo: Hashable, Sendable {
    public let id: MineralID
    public let name: String
    /// Chemical symbol of the element the mineral is counted as (`Co`, `Li`); `nil` for materials
    /// without one (rare earths, e-waste, industrial minerals counted as gross product).
    public let element: String?
    /// What a graph file's `contained_tonnes` measure when no `basis` is given (METHODS §0.1).
    public let referenceBasis: QuantityBasis
    /// The bases the sources report the mineral in (USGS, World Mining Data, the EU CRM list).
    public let bases: [QuantityBasis]
    /// What a production table's plain tonnes (`t`, `metr. t`) mean for this mineral; `nil`
    /// where sources differ (lithium: Li content, Li₂O or LCE) and the unit must say.
    public let bareTonnesBasis: QuantityBasis?
    /// Other spellings accepted by importers (symbols, plural forms, source spellings).
    public let aliases: [String]

    public init(
        id: MineralID, name: String, element: String?, referenceBasis: QuantityBasis, bases: [QuantityBasis],
        bareTonnesBasis: QuantityBasis?, aliases: [String]
    ) {
        self.id = id
        self.name = name
        self.element = element
        self.referenceBasis = referenceBasis
        self.bases = bases
        self.bareTonnesBasis = bareTonnesBasis
        self.aliases = aliases
    }

    /// The unit of `contained_tonnes` without a `basis`, as reports print it: "t Co", "t LCE".
    public var containedBasis: String { referenceBasis.unitLabel(for: id) }
}

/// The minerals and materials graph files may name.
///
/// Covers the critical minerals of UNCTAD's Digital Economy Report 2024 and the wider EU and
/// USGS critical lists, plus `e-waste` for waste electrical and electronic equipment
/// (HS 8549), whose contained basis is the gross mass.
public enum MineralCatalog {
    private static func element(_ id: MineralID, _ name: String, _ symbol: String, _ aliases: [String], also: [QuantityBasis] = []) -> MineralInfo {
        MineralInfo(id: id, name: name, element: symbol, referenceBasis: .element, bases: [.element] + also, bareTonnesBasis: .element, aliases: aliases)
    }
    private static func compound(_ code: String) -> QuantityBasis { .compound(Compound.named(code)!) }

    public static let all: [MineralInfo] = [
        element("aluminium", "Aluminium", "Al", ["aluminum", "al"]),
        element("antimony", "Antimony", "Sb", ["sb"]),
        element("cobalt", "Cobalt", "Co", ["co"], also: [.gross]),
        element("copper", "Copper", "Cu", ["cu"], also: [.gross]),
        MineralInfo(id: "e-waste", name: "E-waste (WEEE)", element: nil, referenceBasis: .gross, bases: [.gross], bareTonnesBasis: .gross,
                    aliases: ["ewaste", "weee", "waste electrical and electronic equipment"]),
        element("gallium", "Gallium", "Ga", ["ga"]),
        element("germanium", "Germanium", "Ge", ["ge"]),
        element("gold", "Gold", "Au", ["au"]),
        MineralInfo(id: "graphite", name: "Graphite", element: "C", referenceBasis: .gross, bases: [.gross], bareTonnesBasis: .gross,
                    aliases: ["natural graphite", "graphite (natural)"]),
        MineralInfo(id: "lithium", name: "Lithium", element: "Li", referenceBasis: compound("LCE"),
                    bases: [.element, compound("Li2O"), compound("LCE"), .gross], bareTonnesBasis: nil, aliases: ["li"]),
        element("manganese", "Manganese", "Mn", ["mn"], also: [.gross]),
        element("nickel", "Nickel", "Ni", ["ni"], also: [.gross]),
        element("palladium", "Palladium", "Pd", ["pd"]),
        element("platinum", "Platinum", "Pt", ["pt"]),
        MineralInfo(id: "rare-earths", name: "Rare earths", element: nil, referenceBasis: compound("REO"), bases: [compound("REO")],
                    bareTonnesBasis: compound("REO"), aliases: ["rare earths", "rare earth elements", "ree", "rare-earth"]),
        element("silicon", "Silicon", "Si", ["si", "silicon metal"]),
        element("silver", "Silver", "Ag", ["ag"]),
        element("tantalum", "Tantalum", "Ta", ["ta"], also: [compound("Ta2O5")]),
        element("tin", "Tin", "Sn", ["sn"]),
        MineralInfo(id: "titanium", name: "Titanium", element: "Ti", referenceBasis: compound("TiO2"), bases: [compound("TiO2"), .element, .gross],
                    bareTonnesBasis: compound("TiO2"), aliases: ["ti"]),
        element("tungsten", "Tungsten", "W", ["w", "wolfram"], also: [compound("WO3")]),
        element("vanadium", "Vanadium", "V", ["v"], also: [compound("V2O5")]),
        element("zinc", "Zinc", "Zn", ["zn"]),
    ]

    private static let byID: [MineralID: MineralInfo] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.id, $0) })
    private static let byAlias: [String: MineralInfo] = {
        var map: [String: MineralInfo] = [:]
        for info in all {
            map[info.id.rawValue] = info
            map[info.name.lowercased()] = info
            for alias in info.aliases { map[alias] = info }
        }
        return map
    }()

    /// The catalogue entry for an exact id.
    public static func info(_ id: MineralID) -> MineralInfo? { byID[id] }

    /// Resolves an id, name or alias case-insensitively (`"Rare earths"`, `"Co"`).
    public static func resolve(_ text: String) -> MineralInfo? {
        byAlias[text.trimmingSpaces().lowercased()]
    }

    /// The ids closest to `text` by edit distance, for "did you mean" hints.
    public static func suggestions(for text: String, limit: Int = 3) -> [MineralID] {
        ClosestMatches.best(for: text, among: all.map(\.id.rawValue), limit: limit).map { MineralID(rawValue: $0) }
    }
}
