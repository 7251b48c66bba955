import Foundation

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
    /// Other spellings accepted by importers (symbols, plural forms, source spellings such as
    /// World Mining Data's table names `Lithium (Li2O)` or USGS's `Aluminum`).
    public let aliases: [String]
    /// The publications that list the commodity (USGS MCS, World Mining Data, the EU 2023 list).
    public let sources: [CommoditySource]
    /// What the catalogue says about the entry's bases or scope, where something needs saying.
    public let note: String?

    public init(
        id: MineralID, name: String, element: String?, referenceBasis: QuantityBasis, bases: [QuantityBasis],
        bareTonnesBasis: QuantityBasis?, aliases: [String], sources: [CommoditySource] = [], note: String? = nil
    ) {
        self.id = id
        self.name = name
        self.element = element
        self.referenceBasis = referenceBasis
        self.bases = bases
        self.bareTonnesBasis = bareTonnesBasis
        self.aliases = aliases
        self.sources = sources
        self.note = note
    }

    /// The unit of `contained_tonnes` without a `basis`, as reports print it: "t Co", "t LCE".
    public var containedBasis: String { referenceBasis.unitLabel(for: id) }
}

/// The minerals and materials graph files may name: the commodity catalogue.
///
/// The catalogue is data, `Resources/commodities.csv` (read by `CommodityTable`): every
/// commodity of the USGS Mineral Commodity Summaries, every World Mining Data table and the EU
/// 2023 critical raw materials list, plus `e-waste` for waste electrical and electronic equipment
/// (HS 8549, UNCTAD DER 2024), whose basis is the gross mass. Ores and the metals made from them
/// are separate entries (bauxite, alumina and aluminium; iron ore, pig iron and steel; zircon and
/// zirconium; magnesite and magnesium; phosphate rock and phosphorus). A malformed catalogue
/// stops the program with a message naming the row: it ships with the program, so that is a
/// build defect, not a user error.
public enum MineralCatalog {
    /// Every entry, in the catalogue's (id) order.
    public static let all: [MineralInfo] = catalogue.all

    private struct Index: Sendable {
        let all: [MineralInfo]
        let byID: [MineralID: MineralInfo]
        let byKey: [String: MineralInfo]
    }

    private static let resourceName = "commodities.csv"

    private static let catalogue: Index = {
        guard let url = Bundle.module.url(forResource: "commodities", withExtension: "csv"),
              let data = try? Data(contentsOf: url)
        else {
            fatalError("mineral-graph: the commodity catalogue (\(resourceName)) is missing from the installation")
        }
        let infos: [MineralInfo]
        do {
            infos = try CommodityTable.parse(String(decoding: data, as: UTF8.self), file: resourceName)
        } catch {
            fatalError("mineral-graph: the commodity catalogue is malformed: \(error)")
        }
        var byKey: [String: MineralInfo] = [:]
        for info in infos {
            for key in keys(of: info) { byKey[key] = info }
        }
        return Index(all: infos, byID: Dictionary(uniqueKeysWithValues: infos.map { ($0.id, $0) }), byKey: byKey)
    }()

    /// The lookup keys of an entry: its id, the id with spaces for hyphens (`coking coal`), its
    /// name and its aliases, each through ``key(_:)``.
    static func keys(of info: MineralInfo) -> [String] {
        var keys: [String] = []
        for text in [info.id.rawValue, info.id.rawValue.replacingOccurrences(of: "-", with: " "), info.name] + info.aliases {
            let key = key(text)
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    /// Lower case, spaces trimmed and runs of spaces collapsed: `" Rare  Earths (REO)"` → `"rare earths (reo)"`.
    static func key(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    /// The catalogue entry for an exact id.
    public static func info(_ id: MineralID) -> MineralInfo? { catalogue.byID[id] }

    /// Resolves an id, name or alias case-insensitively (`"Rare earths"`, `"Co"`, `"Aluminum"`), and
    /// a name followed by a basis in parentheses as World Mining Data names its tables
    /// (`"Lithium (Li2O)"`, `"Iron (Fe)"`, `"Nickel (Ni)"`).
    public static func resolve(_ text: String) -> MineralInfo? {
        resolveWithBasis(text)?.0
    }

    /// Resolves like ``resolve(_:)`` and also returns the basis that the parentheses name:
    /// `Lithium (Li2O)` → lithium, Li₂O; `Rare Earths (REO)` → rare-earths, REO; `Iron (Fe)` →
    /// iron, element; `Beryllium (conc.)` → beryllium, gross; `Tungsten (W)` → tungsten, element.
    /// The basis is `nil` where the text has no parentheses or they say something else
    /// (`Diamonds (Gem)`, `Salt (rock, brines, marine)`). A name with parentheses that are
    /// neither an alias nor a basis of that commodity (`Cobalt (Li2O)`) does not resolve.
    public static func resolveWithBasis(_ text: String) -> (MineralInfo, QuantityBasis?)? {
        let split = splitParenthetical(text)
        if let info = catalogue.byKey[key(text)] {
            return (info, split.qualifier.flatMap { basis(named: $0, for: info) })
        }
        guard let qualifier = split.qualifier, let info = catalogue.byKey[key(split.head)],
              let basis = basis(named: qualifier, for: info)
        else { return nil }
        return (info, basis)
    }

    /// Words in parentheses that mean the gross weight of the product (`Beryllium (conc.)`).
    private static let grossWords: Set<String> = ["conc.", "conc", "concentrate", "concentrates", "ore", "gross", "gross weight"]

    /// The basis a parenthetical names for `info`, if it is one the commodity can be given on:
    /// gross always; the element where the entry has one; a compound of the entry's element or
    /// one of its listed bases (REO).
    private static func basis(named text: String, for info: MineralInfo) -> QuantityBasis? {
        let basis: QuantityBasis
        if grossWords.contains(key(text)) {
            basis = .gross
        } else if let parsed = QuantityBasis.parse(text, mineral: info.id) {
            basis = parsed
        } else {
            return nil
        }
        switch basis {
        case .gross: return basis
        case .element: return info.element == nil ? nil : basis
        case .compound(let compound):
            return info.bases.contains(basis) || (compound.element != nil && compound.element == info.element) ? basis : nil
        }
    }

    /// `"Lithium (Li2O)"` → (`"Lithium"`, `"Li2O"`); text without a final parenthetical → (text, nil).
    static func splitParenthetical(_ text: String) -> (head: String, qualifier: String?) {
        let trimmed = text.trimmingSpaces()
        guard trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "("), open > trimmed.startIndex else { return (trimmed, nil) }
        let head = String(trimmed[..<open]).trimmingSpaces()
        let qualifier = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]).trimmingSpaces()
        guard !head.isEmpty, !qualifier.isEmpty else { return (trimmed, nil) }
        return (head, qualifier)
    }

    /// The ids closest to `text` by edit distance, for "did you mean" hints; a parenthetical is
    /// left out of the comparison (`Lithum (Li2O)` is compared as `Lithum`).
    public static func suggestions(for text: String, limit: Int = 3) -> [MineralID] {
        ClosestMatches.best(for: splitParenthetical(text).head, among: all.map(\.id.rawValue), limit: limit).map { MineralID(rawValue: $0) }
    }
}
