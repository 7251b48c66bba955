import MineralGraphCore

/// The words production tables use for stages, special rows, withheld figures and units
/// (DATA-FORMATS.md, "Production tables"; USGS Mineral Commodity Summaries conventions).
enum ProductionTableVocabulary {
    /// Stage names and synonyms, lower case. Waste and use are not production stages.
    static let stages: [String: Stage] = [
        "mining": .mining, "mine": .mining, "mines": .mining, "mined": .mining, "extraction": .mining,
        "mine production": .mining, "ore": .mining,
        "processing": .processing, "processed": .processing, "refining": .processing, "refinery": .processing,
        "refined": .processing, "refinery production": .processing, "smelter": .processing,
        "smelting": .processing, "smelter production": .processing,
        "manufacturing": .manufacturing, "manufacture": .manufacturing, "manufacturer": .manufacturing,
        "manufactured": .manufacturing,
    ]

    /// Normalised spellings of the "Other countries" row.
    static let otherCountries: Set<String> = ["other countries", "other", "others", "rest of world", "rest of the world", "other countries rounded"]
    /// Normalised spellings of the "World total" row.
    static let worldTotal: Set<String> = ["world total", "world total rounded", "world", "total", "world rounded"]

    /// Lower case, letters and digits only, single spaces: "World total (rounded)" → "world total rounded".
    static func normalize(_ text: String) -> String {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.joined(separator: " ")
    }

    /// A quantity cell.
    enum Quantity: Equatable {
        case value(Double)
        /// Blank, "W" (withheld to avoid disclosing company data) or "NA": unknown, not zero.
        case withheld
        case invalid
    }

    /// Reads a quantity: plain or exponent notation, thousands separated by commas ("170,000");
    /// "--", "—", "–" and "-" are zero (USGS "Zero."); blank, "W" and "NA" are withheld.
    static func quantity(_ text: String) -> Quantity {
        let trimmed = text.trimmingCharacters()
        if trimmed.isEmpty { return .withheld }
        switch trimmed.uppercased() {
        case "W", "(W)", "NA", "N/A", "N.A.": return .withheld
        case "--", "—", "–", "-", "—–", "(--)": return .value(0)
        default: break
        }
        var digits = trimmed
        if trimmed.contains(",") {
            let parts = trimmed.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
            let wellGrouped = groups.count > 1
                && (1...3).contains(groups[0].drop(while: { $0 == "-" || $0 == "+" }).count)
                && groups.dropFirst().allSatisfy { $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) }
            guard wellGrouped else { return .invalid }
            digits = groups.joined() + (parts.count > 1 ? "." + parts[1] : "")
        }
        guard digits.allSatisfy({ $0.isASCIIDigit || "+-.eE".contains($0) }), let value = Double(digits), value.isFinite else {
            return .invalid
        }
        return .value(value)
    }

    /// A unit of a quantity column: scale to tonnes, and a factor to the mineral's contained basis.
    struct Unit: Equatable {
        /// Tonnes per unit of the figure (1,000 for kt).
        var tonnesPerUnit: Double
        /// Factor from the stated basis to the mineral's catalogue basis (5.323 for t Li → t LCE).
        var basisFactor: Double
        /// The text as written, for notes.
        var text: String
        /// A sentence describing the conversion, `nil` when none.
        var conversion: String?
    }

    /// Scale words and symbols. Symbols are case-sensitive ("Mt" is a megatonne; "mt" and "MT"
    /// are ambiguous between metric ton and megatonne and are rejected; so is "tons", which may
    /// be US short tons).
    static let scales: [String: (factor: Double, name: String)] = [
        "t": (1, "t"), "tonne": (1, "t"), "tonnes": (1, "t"), "metric ton": (1, "t"), "metric tons": (1, "t"),
        "metric tonne": (1, "t"), "metric tonnes": (1, "t"),
        "kt": (1e3, "kt"), "thousand tonnes": (1e3, "kt"), "thousand metric tons": (1e3, "kt"), "thousand t": (1e3, "kt"),
        "Mt": (1e6, "Mt"), "million tonnes": (1e6, "Mt"), "million metric tons": (1e6, "Mt"),
        "kg": (1e-3, "kg"), "kilogram": (1e-3, "kg"), "kilograms": (1e-3, "kg"),
    ]

    /// Lithium carbonate equivalent per tonne of lithium: M(Li₂CO₃) / (2 · M(Li)) =
    /// 73.891 / (2 × 6.941) = 5.323 (stoichiometry; the factor the lithium industry uses).
    static let lithiumToLCE = 5.323

    /// Parses a unit such as `t`, `kt`, `Mt Co`, `kg`, `t Li` for `mineral`; an error message and
    /// notes when it is not understood. An empty unit means tonnes of the mineral's basis.
    static func unit(_ text: String, mineral: MineralInfo) -> Result<Unit, UnitError> {
        let trimmed = text.trimmingCharacters()
        if trimmed.isEmpty { return .success(Unit(tonnesPerUnit: 1, basisFactor: 1, text: "t", conversion: nil)) }
        // Longest scale that prefixes the text, then an optional basis ("t Co", "kt LCE").
        let catalogueBasis = String(mineral.containedBasis.dropFirst(2)) // "t Co" → "Co"
        for (word, scale) in scales.sorted(by: { $0.key.count > $1.key.count }) {
            let matches = word.count <= 2 ? trimmed.hasPrefix(word) : trimmed.lowercased().hasPrefix(word)
            guard matches else { continue }
            let rest = String(trimmed.dropFirst(word.count))
            guard rest.isEmpty || rest.first == " " else { continue }
            let basis = rest.trimmingCharacters()
            var unit = Unit(tonnesPerUnit: scale.factor, basisFactor: 1, text: trimmed, conversion: nil)
            if basis.isEmpty || basis.lowercased() == catalogueBasis.lowercased() {
                // The catalogue basis, stated or implied.
            } else if mineral.id == "lithium" && basis.lowercased() == "li" {
                unit.basisFactor = lithiumToLCE
            } else {
                return .failure(UnitError(
                    message: "unit '\(trimmed)' is in '\(basis)', not \(mineral.name.lowercased())'s contained basis (\(mineral.containedBasis))",
                    notes: ["convert the figures to \(mineral.containedBasis) first"
                        + (mineral.id == "lithium" ? "; 't Li' (lithium content, as USGS reports) is converted to LCE automatically" : "")]))
            }
            var steps: [String] = []
            if unit.tonnesPerUnit != 1 { steps.append("\(scale.name) × \(NumberFormatting.grouped(unit.tonnesPerUnit, decimals: unit.tonnesPerUnit < 1 ? 3 : 0)) → t") }
            if unit.basisFactor != 1 { steps.append("t Li × \(unit.basisFactor) → t LCE (Li₂CO₃ 73.891 g/mol ÷ 2 × Li 6.941 g/mol)") }
            unit.conversion = steps.isEmpty ? nil : steps.joined(separator: ", ")
            return .success(unit)
        }
        var notes = ["units: t, kt (× 1,000), Mt (× 1,000,000), kg (× 0.001), optionally followed by the basis, e.g. 't Co'"]
        if trimmed == "mt" || trimmed == "MT" { notes.insert("'\(trimmed)' may mean metric ton or megatonne: write 't' or 'Mt'", at: 0) }
        return .failure(UnitError(message: "unknown unit '\(trimmed)'", notes: notes))
    }

    struct UnitError: Error, Equatable {
        var message: String
        var notes: [String]
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines (no Foundation needed).
    func trimmingCharacters() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{A0}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
