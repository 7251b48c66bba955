/// A mineral or material known to mineral-graph, with the basis its contained tonnes use.
public struct MineralInfo: Hashable, Sendable {
    public let id: MineralID
    public let name: String
    /// What `contained_tonnes` measure, e.g. "t Co" or "t LCE" (METHODS §0).
    public let containedBasis: String
    /// Other spellings accepted by importers (symbols, plural forms).
    public let aliases: [String]
}

/// The minerals and materials graph files may name.
///
/// Covers the critical minerals of UNCTAD's Digital Economy Report 2024 and the wider EU and
/// USGS critical lists, plus `e-waste` for waste electrical and electronic equipment
/// (HS 8549), whose contained basis is the gross mass.
public enum MineralCatalog {
    public static let all: [MineralInfo] = [
        .init(id: "aluminium", name: "Aluminium", containedBasis: "t Al", aliases: ["aluminum", "al", "bauxite"]),
        .init(id: "antimony", name: "Antimony", containedBasis: "t Sb", aliases: ["sb"]),
        .init(id: "cobalt", name: "Cobalt", containedBasis: "t Co", aliases: ["co"]),
        .init(id: "copper", name: "Copper", containedBasis: "t Cu", aliases: ["cu"]),
        .init(id: "e-waste", name: "E-waste (WEEE)", containedBasis: "t gross", aliases: ["ewaste", "weee", "waste electrical and electronic equipment"]),
        .init(id: "gallium", name: "Gallium", containedBasis: "t Ga", aliases: ["ga"]),
        .init(id: "germanium", name: "Germanium", containedBasis: "t Ge", aliases: ["ge"]),
        .init(id: "gold", name: "Gold", containedBasis: "t Au", aliases: ["au"]),
        .init(id: "graphite", name: "Graphite", containedBasis: "t C (graphite)", aliases: ["natural graphite", "graphite (natural)"]),
        .init(id: "lithium", name: "Lithium", containedBasis: "t LCE", aliases: ["li"]),
        .init(id: "manganese", name: "Manganese", containedBasis: "t Mn", aliases: ["mn"]),
        .init(id: "nickel", name: "Nickel", containedBasis: "t Ni", aliases: ["ni"]),
        .init(id: "palladium", name: "Palladium", containedBasis: "t Pd", aliases: ["pd"]),
        .init(id: "platinum", name: "Platinum", containedBasis: "t Pt", aliases: ["pt"]),
        .init(id: "rare-earths", name: "Rare earths", containedBasis: "t REO", aliases: ["rare earths", "rare earth elements", "ree", "rare-earth"]),
        .init(id: "silicon", name: "Silicon", containedBasis: "t Si", aliases: ["si", "silicon metal"]),
        .init(id: "silver", name: "Silver", containedBasis: "t Ag", aliases: ["ag"]),
        .init(id: "tantalum", name: "Tantalum", containedBasis: "t Ta", aliases: ["ta"]),
        .init(id: "tin", name: "Tin", containedBasis: "t Sn", aliases: ["sn"]),
        .init(id: "titanium", name: "Titanium", containedBasis: "t TiO2", aliases: ["ti"]),
        .init(id: "tungsten", name: "Tungsten", containedBasis: "t W", aliases: ["w", "wolfram"]),
        .init(id: "vanadium", name: "Vanadium", containedBasis: "t V", aliases: ["v"]),
        .init(id: "zinc", name: "Zinc", containedBasis: "t Zn", aliases: ["zn"]),
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
