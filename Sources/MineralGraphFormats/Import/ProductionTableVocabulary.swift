import Foundation
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

    /// A figure's marker as USGS prints it after (or before) the number: estimated, revised,
    /// preliminary. World Mining Data's `data_source` column uses `e` and `p` the same way (and
    /// `r` for "reported", which is not a marker).
    enum Marker: Character, Hashable, Comparable, CaseIterable {
        case estimated = "e"
        case preliminary = "p"
        case revised = "r"

        var word: String {
            switch self {
            case .estimated: "estimated"
            case .preliminary: "preliminary"
            case .revised: "revised"
            }
        }

        static func < (a: Marker, b: Marker) -> Bool { a.rawValue < b.rawValue }
    }

    /// A quantity cell.
    enum Quantity: Equatable {
        case value(Double)
        /// "W" (withheld to avoid disclosing company data) or "NA": unknown, not zero.
        case withheld
        /// An empty cell (or `nan`, as spreadsheets exported by pandas write one): withheld or
        /// zero as the import's `--blank` option says.
        case blank
        case invalid
    }

    /// Reads a quantity: plain or exponent notation, thousands separated by commas ("170,000");
    /// "--", "—", "–" and "-" are zero (USGS "Zero."); "W" and "NA" are withheld; an empty cell
    /// or "nan" is blank. A USGS marker `e`, `r` or `p` before or after the number ("170,000e",
    /// "e170,000", "3,900 r", "12(p)") is returned apart.
    static func quantity(_ text: String) -> (quantity: Quantity, marker: Marker?) {
        var trimmed = text.trimmingCharacters()
        if trimmed.isEmpty || trimmed.lowercased() == "nan" { return (.blank, nil) }
        var marker: Marker?
        if trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "("), open != trimmed.startIndex {
            // "12(p)", "12 (e)"
            let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            if inner.count == 1, let found = inner.first.flatMap(Marker.init(rawValue:)) {
                marker = found
                trimmed = String(trimmed[..<open]).trimmingCharacters()
            }
        }
        if marker == nil, trimmed.count > 1, let last = trimmed.last, let found = Marker(rawValue: last) {
            let before = trimmed[trimmed.index(before: trimmed.index(before: trimmed.endIndex))]
            if before.isASCIIDigit || before == " " || before == "-" || before == "—" || before == "–" {
                marker = found
                trimmed = String(trimmed.dropLast()).trimmingCharacters()
            }
        }
        if marker == nil, trimmed.count > 1, let first = trimmed.first, let found = Marker(rawValue: first) {
            let after = trimmed[trimmed.index(after: trimmed.startIndex)]
            if after.isASCIIDigit || after == " " {
                marker = found
                trimmed = String(trimmed.dropFirst()).trimmingCharacters()
            }
        }
        switch trimmed.uppercased() {
        case "W", "(W)", "NA", "N/A", "N.A.": return (.withheld, marker)
        case "--", "—", "–", "-", "—–", "(--)": return (.value(0), marker)
        default: break
        }
        var digits = trimmed
        if trimmed.contains(",") {
            let parts = trimmed.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
            let wellGrouped = groups.count > 1
                && (1...3).contains(groups[0].drop(while: { $0 == "-" || $0 == "+" }).count)
                && groups.dropFirst().allSatisfy { $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) }
            guard wellGrouped else { return (.invalid, marker) }
            digits = groups.joined() + (parts.count > 1 ? "." + parts[1] : "")
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCIIDigit || "+-.eE".contains($0) }), let value = Double(digits), value.isFinite else {
            return (.invalid, marker)
        }
        return (.value(value), marker)
    }

    /// A year column's header: `2018`, `2024e`, `Mine production 2023`, `Refinery production
    /// 2024e (t Co content)`. The stage words are optional; "production" and "output" are noise.
    struct YearHeader: Equatable {
        var year: Int
        var stage: Stage?
        var marker: Marker?
        /// The unit in parentheses after the year, as written.
        var unit: String?
    }

    /// Reads a year column's header; `nil` when the header is not one.
    static func yearHeader(_ text: String) -> YearHeader? {
        let (name, unit) = splitUnit(text)
        var words = name.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "_" || $0 == "\u{A0}" }).map(String.init)
        guard var last = words.popLast() else { return nil }
        var marker: Marker?
        if last.count == 5, let found = last.last.flatMap(Marker.init(rawValue:)) {
            marker = found
            last.removeLast()
        }
        guard last.count == 4, last.allSatisfy(\.isASCIIDigit), let year = Int(last), (1900...2100).contains(year) else { return nil }
        let stageWords = normalize(words.joined(separator: " ")).split(separator: " ").filter { $0 != "production" && $0 != "output" }
            .joined(separator: " ")
        if stageWords.isEmpty { return YearHeader(year: year, stage: nil, marker: marker, unit: unit) }
        guard let stage = stages[stageWords] else { return nil }
        return YearHeader(year: year, stage: stage, marker: marker, unit: unit)
    }

    /// `quantity (kt)` → (`quantity`, `kt`); a header without a parenthesised tail → (header, nil).
    static func splitUnit(_ header: String) -> (name: String, unit: String?) {
        let trimmed = header.trimmingCharacters()
        guard trimmed.hasSuffix(")"), let open = trimmed.firstIndex(of: "("), open != trimmed.startIndex else { return (trimmed, nil) }
        let unit = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]).trimmingCharacters()
        return (String(trimmed[..<open]).trimmingCharacters(), unit.isEmpty ? nil : unit)
    }
}

/// Mineral names as tables print them, with the basis a name may carry: `Lithium (Li2O)`,
/// `Rare Earths (REO)`, `Tungsten (W)`, `Beryllium (conc.)`; file names with underscores for
/// spaces (`Lithium_(Li2O)`).
enum MineralNames {
    /// The mineral and, where the name states one, its basis (``MineralCatalog/resolveWithBasis(_:)``
    /// after underscores become spaces); `nil` when the catalogue does not know the name.
    static func resolve(_ text: String) -> (info: MineralInfo, basis: QuantityBasis?)? {
        let name = text.replacingOccurrences(of: "_", with: " ").trimmingCharacters()
        return MineralCatalog.resolveWithBasis(name).map { (info: $0.0, basis: $0.1) }
    }

    /// The catalogue's ids closest to `text` (its parenthesised part left out), for hints.
    static func suggestions(for text: String) -> [MineralID] {
        let name = text.replacingOccurrences(of: "_", with: " ").trimmingCharacters()
        return MineralCatalog.suggestions(for: ProductionTableVocabulary.splitUnit(name).name)
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
