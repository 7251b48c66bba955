/// A named compound or oxide in which mineral production is reported (Li₂O, LCE, REO, Ta₂O₅ …),
/// with the mass fraction of its element where one is defined (METHODS §0.1).
///
/// Mass fractions are computed from the composition and the standard atomic weights below, so a
/// figure of one compound converts to its element or to another compound of the same element:
/// t Li = t Li₂O × 0.4646; t LCE = t Li₂O × 2.473. Mixtures (REO, a blend of rare-earth oxides)
/// have no single element and no factor: they stay a basis of their own.
///
/// Atomic weights: IUPAC Commission on Isotopic Abundances and Atomic Weights, *Standard atomic
/// weights of the elements 2021* (Pure Appl. Chem. 2022, 94(5):573–600), with lithium at 6.941,
/// the value METHODS' worked factors use (the IUPAC interval is 6.938–6.997).
public struct Compound: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The canonical code graph files write after `basis:` (`Li2O`, `LCE`, `REO`).
    public let code: String
    /// The formula as printed in reports, with subscripts (`Li₂O`); the code for mixtures.
    public let formula: String
    public let name: String
    /// The element whose content the compound carries (`Li`); `nil` for mixtures.
    public let element: String?
    /// Atoms per formula unit; empty for mixtures.
    public let composition: [(symbol: String, count: Int)]
    /// Other spellings accepted in graph files and units (`Li₂CO₃`, `lithium carbonate equivalent`).
    public let aliases: [String]

    public var description: String { code }

    /// Mass of the element per mass of the compound (0…1), from the atomic weights; `nil` for mixtures.
    ///
    /// `Li₂O`: 2 · 6.941 / (2 · 6.941 + 15.999) = 0.4646.
    public var elementFraction: Double? {
        guard let element, !composition.isEmpty else { return nil }
        var total = 0.0
        var own = 0.0
        for (symbol, count) in composition {
            guard let weight = Compound.atomicWeights[symbol] else { return nil }
            total += weight * Double(count)
            if symbol == element { own += weight * Double(count) }
        }
        return total > 0 ? own / total : nil
    }

    public static func == (a: Compound, b: Compound) -> Bool { a.code == b.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
    public static func < (a: Compound, b: Compound) -> Bool { a.code < b.code }

    init(_ code: String, _ formula: String, _ name: String, element: String?, _ composition: [(String, Int)], aliases: [String] = []) {
        self.code = code
        self.formula = formula
        self.name = name
        self.element = element
        self.composition = composition.map { (symbol: $0.0, count: $0.1) }
        self.aliases = aliases
    }

    /// Standard atomic weights (g/mol) of the elements the compounds below contain.
    static let atomicWeights: [String: Double] = [
        "H": 1.008, "Li": 6.941, "Be": 9.0121831, "B": 10.81, "C": 12.011, "O": 15.999, "F": 18.998403162,
        "Mg": 24.305, "Al": 26.9815384, "Si": 28.085, "P": 30.973761998, "K": 39.0983, "Ca": 40.078,
        "Ti": 47.867, "V": 50.9415, "Cr": 51.9961, "Mn": 54.938043, "Fe": 55.845, "Zr": 91.224,
        "Nb": 92.90637, "Mo": 95.95, "Ta": 180.94788, "W": 183.84, "U": 238.02891, "S": 32.06,
        "As": 74.921595, "Sc": 44.955907, "Y": 88.905838,
    ]

    /// Every compound basis mineral-graph knows, in code order.
    public static let all: [Compound] = [
        Compound("Al2O3", "Al₂O₃", "alumina", element: "Al", [("Al", 2), ("O", 3)]),
        Compound("As2O3", "As₂O₃", "arsenic trioxide", element: "As", [("As", 2), ("O", 3)], aliases: ["arsenic trioxide"]),
        Compound("B2O3", "B₂O₃", "boric oxide", element: "B", [("B", 2), ("O", 3)]),
        Compound("BeO", "BeO", "beryllium oxide", element: "Be", [("Be", 1), ("O", 1)]),
        Compound("CaF2", "CaF₂", "calcium fluoride (fluorspar)", element: "F", [("Ca", 1), ("F", 2)]),
        Compound("Cr2O3", "Cr₂O₃", "chromium(III) oxide", element: "Cr", [("Cr", 2), ("O", 3)]),
        Compound("Fe2O3", "Fe₂O₃", "iron(III) oxide", element: "Fe", [("Fe", 2), ("O", 3)]),
        Compound("K2O", "K₂O", "potassium oxide (potash)", element: "K", [("K", 2), ("O", 1)]),
        Compound("LCE", "LCE", "lithium carbonate equivalent (Li₂CO₃)", element: "Li", [("Li", 2), ("C", 1), ("O", 3)],
                 aliases: ["Li2CO3", "lithium carbonate", "lithium carbonate equivalent"]),
        Compound("Li2O", "Li₂O", "lithium oxide", element: "Li", [("Li", 2), ("O", 1)], aliases: ["lithium oxide"]),
        Compound("LiOH", "LiOH·H₂O", "lithium hydroxide monohydrate", element: "Li", [("Li", 1), ("O", 2), ("H", 3)],
                 aliases: ["LiOH.H2O", "LiOH·H2O", "lithium hydroxide"]),
        Compound("MgO", "MgO", "magnesia", element: "Mg", [("Mg", 1), ("O", 1)]),
        Compound("MoS2", "MoS₂", "molybdenite", element: "Mo", [("Mo", 1), ("S", 2)]),
        Compound("Nb2O5", "Nb₂O₅", "niobium pentoxide", element: "Nb", [("Nb", 2), ("O", 5)]),
        Compound("P2O5", "P₂O₅", "phosphorus pentoxide", element: "P", [("P", 2), ("O", 5)]),
        Compound("REO", "REO", "rare-earth oxide equivalent (a mixture)", element: nil, [],
                 aliases: ["rare earth oxide", "rare-earth oxide", "rare earth oxides", "rare-earth oxides", "TREO"]),
        Compound("Sc2O3", "Sc₂O₃", "scandium oxide (scandia)", element: "Sc", [("Sc", 2), ("O", 3)]),
        Compound("SiO2", "SiO₂", "silica", element: "Si", [("Si", 1), ("O", 2)]),
        Compound("Ta2O5", "Ta₂O₅", "tantalum pentoxide", element: "Ta", [("Ta", 2), ("O", 5)]),
        Compound("TiO2", "TiO₂", "titanium dioxide", element: "Ti", [("Ti", 1), ("O", 2)]),
        Compound("U3O8", "U₃O₈", "triuranium octoxide", element: "U", [("U", 3), ("O", 8)]),
        Compound("V2O5", "V₂O₅", "vanadium pentoxide", element: "V", [("V", 2), ("O", 5)]),
        Compound("WO3", "WO₃", "tungsten trioxide", element: "W", [("W", 1), ("O", 3)]),
        Compound("Y2O3", "Y₂O₃", "yttrium oxide (yttria)", element: "Y", [("Y", 2), ("O", 3)]),
        Compound("ZrO2", "ZrO₂", "zirconia", element: "Zr", [("Zr", 1), ("O", 2)]),
    ]

    private static let byName: [String: Compound] = {
        var map: [String: Compound] = [:]
        for compound in all {
            for spelling in [compound.code, compound.formula] + compound.aliases { map[spelling.lowercased()] = compound }
        }
        return map
    }()

    /// The compound with this code, formula or alias, case-insensitively (`li2o`, `Li₂O`, `Li2CO3`).
    public static func named(_ text: String) -> Compound? { byName[text.trimmingSpaces().lowercased()] }
}
