import MineralGraphCore

/// The unit of a production-table figure, read the way USGS, World Mining Data and BGS print it:
/// a scale, and optionally what the tonnes measure (docs/production-tables.md, "Units").
///
/// Grammar (symbols are case-sensitive, words are not):
/// ```text
/// unit       = scale [ [","] qualifier ] { "(" qualifier ")" }
/// scale      = "t" | "kt" | "Mt" | "kg" | "g" | "ct"
///            | [ multiplier ] mass-word | [ multiplier ] volume-word
/// multiplier = "thousand" | "million" | "billion" | "Mio" | "Mio." | "Mrd."
/// mass-word  = "t" | "tonne(s)" | "metric ton(s)" | "metric tonne(s)" | "metr. t" | "kg"
///            | "kilogram(s)" | "g" | "gram(s)" | "ct" | "carat(s)" | "metric carat(s)"
///            | "troy ounce(s)" | "oz t"
/// volume-word= "m3" | "m³" | "cubic metre(s)" | "cubic meter(s)"
/// qualifier  = words naming the basis: an element symbol (Co), a compound or oxide (Li2O, LCE,
///              REO, Ta2O5 …), the mineral's name (cobalt), "content", "contained", "metal",
///              "equivalent", "gross weight", "concentrate" and descriptive words ("refined",
///              "natural", "primary", "mine production" …)
/// ```
///
/// Examples:
///
/// | Unit | Tonnes per unit | Basis |
/// |---|---|---|
/// | `t`, `metr. t`, `tonnes`, `metric tons` | 1 | unstated |
/// | `kt`, `thousand metric tons` | 1,000 | unstated |
/// | `Mt`, `million tonnes` | 1,000,000 | unstated |
/// | `kg`, `kilograms` | 0.001 | unstated |
/// | `thousand kilograms` | 1 | unstated |
/// | `t Co`, `t Co content`, `metric tons, cobalt content` | 1 | element |
/// | `kt Cu (refined copper)` | 1,000 | element |
/// | `kg Ga content` | 0.001 | element |
/// | `t Li2O`, `t LCE`, `t REO equivalent` | 1 | compound |
/// | `t natural graphite (gross weight)`, `t concentrate` | 1 | gross |
/// | `ct` (carats, diamonds) | 0.0000002 | unstated |
///
/// Refused because they are ambiguous: `mt` and `MT` (metric ton or megatonne?), `ton`/`tons`
/// (short, long or metric?), `short tons` and `long tons` (not metric; convert them yourself so
/// the conversion is visible), `oz` (troy or avoirdupois?). A basis of another mineral (`t Li2O`
/// for cobalt, `t Cu` for cobalt) and two bases in one unit (`t Co (gross weight)`) are errors.
public struct ProductionUnit: Hashable, Sendable {
    /// What one unit of the figure is.
    public enum Measure: Hashable, Sendable {
        /// A mass: metric tonnes per unit (1,000 for kt, 0.001 for kg).
        case mass(tonnesPerUnit: Double)
        /// A volume (natural gas): cubic metres per unit. Graphs hold tonnes, so importers need a
        /// stated density to use it.
        case volume(cubicMetresPerUnit: Double)
    }

    /// The unit as written.
    public var text: String
    /// The scale as written (`metr. t`, `kt`, `thousand kilograms`).
    public var scaleText: String
    /// The canonical symbol of the scale (`t`, `kt`, `kg`, `ct`, `Mio m3`).
    public var symbol: String
    public var measure: Measure
    /// The basis the unit names; `nil` when it names none (a plain `t`).
    public var basis: QuantityBasis?
    /// The words after the scale as written (`Co content`, `refined copper`), `nil` for a plain unit.
    public var qualifier: String?

    /// Tonnes per unit, `nil` for a volume.
    public var tonnesPerUnit: Double? {
        if case .mass(let factor) = measure { return factor }
        return nil
    }

    /// Why a unit cannot be read.
    public struct ParseError: Error, Hashable, Sendable {
        public var message: String
        public var notes: [String]
    }

    /// The units a plain figure may be given in, for notes.
    static let summary = "units: t (also metr. t, tonnes, metric tons), kt, Mt, kg, g, ct, thousand/million …, optionally followed by the basis: 't Co', 't Co content', 't Li2O', 't REO equivalent', 'kt Cu (refined copper)', 't (gross weight)'"

    /// Reads `text` as the unit of figures of `mineral` (`nil` when the mineral is not known yet:
    /// the basis is then read without the mineral's checks).
    public static func parse(_ text: String, mineral: MineralInfo?) -> Result<ProductionUnit, ParseError> {
        let trimmed = text.trimmingCharacters()
        if let refusal = ambiguity(trimmed) { return .failure(refusal) }
        guard let (scale, rest) = Scale.longestPrefix(of: trimmed) else {
            return .failure(ParseError(message: "unknown unit '\(trimmed)'", notes: [summary]))
        }
        var unit = ProductionUnit(
            text: trimmed, scaleText: String(trimmed.prefix(trimmed.count - rest.count)).trimmingCharacters(),
            symbol: scale.symbol, measure: scale.measure, basis: nil, qualifier: nil)
        let qualifier = String(rest).trimmingCharacters()
        guard !qualifier.isEmpty else { return .success(unit) }
        unit.qualifier = qualifier.hasPrefix(",") ? String(qualifier.dropFirst()).trimmingCharacters() : qualifier
        switch BasisWords.basis(of: qualifier, unit: trimmed, mineral: mineral) {
        case .success(let basis): unit.basis = basis
        case .failure(let error): return .failure(error)
        }
        return .success(unit)
    }

    /// A refusal for the truly ambiguous spellings, `nil` for anything else.
    static func ambiguity(_ text: String) -> ParseError? {
        let lower = text.lowercased()
        let head = lower.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "(" }).first.map(String.init) ?? lower
        if head == "mt" && !text.hasPrefix("Mt") {
            return ParseError(message: "unit '\(text)' is ambiguous: 'mt' is written for metric tons and for megatonnes",
                              notes: ["write 't' (or 'metric tons') for tonnes, 'Mt' for million tonnes"])
        }
        let words = ProductionTableVocabulary.normalize(lower)
        for customary in ["short ton", "short tons", "long ton", "long tons"] where words == customary || words.hasPrefix(customary + " ") {
            return ParseError(message: "unit '\(text)' is not metric: \(customary.hasPrefix("short") ? "a short ton is 2,000 lb (0.90718474 t)" : "a long ton is 2,240 lb (1.0160469 t)")",
                              notes: ["convert the figures to metric tonnes yourself and write 't', so that the conversion is stated where the figures are"])
        }
        if head == "ton" || head == "tons" {
            return ParseError(message: "unit '\(text)' is ambiguous: 'tons' may be short tons (907 kg), long tons (1,016 kg) or metric tons",
                              notes: ["write 't' or 'metric tons' for tonnes"])
        }
        if head == "oz" && !words.hasPrefix("oz t") {
            return ParseError(message: "unit '\(text)' is ambiguous: 'oz' may be a troy ounce (31.1 g) or an avoirdupois ounce (28.3 g)",
                              notes: ["write 'troy ounces' or 'oz t' for precious metals"])
        }
        return nil
    }

    /// A scale: its spellings, canonical symbol and size.
    struct Scale {
        var symbol: String
        var measure: Measure

        /// Every spelling of a scale, lower case for words (matched without case) and as written
        /// for the case-sensitive symbols.
        static let table: (symbols: [(String, Scale)], words: [(String, Scale)]) = {
            let mass: [(words: [String], symbol: String, tonnes: Double)] = [
                (["t", "tonne", "tonnes", "metric ton", "metric tons", "metric tonne", "metric tonnes", "metr. t", "metr t", "metr.t"], "t", 1),
                (["kg", "kilogram", "kilograms", "kilogramme", "kilogrammes"], "kg", 1e-3),
                (["g", "gram", "grams", "gramme", "grammes"], "g", 1e-6),
                (["ct", "carat", "carats", "metric carat", "metric carats"], "ct", 2e-7),
                (["troy ounce", "troy ounces", "oz t", "ozt", "troy oz"], "troy oz", 31.1034768e-6),
            ]
            let volume: [(words: [String], symbol: String, cubicMetres: Double)] = [
                (["m3", "m³", "cubic metre", "cubic metres", "cubic meter", "cubic meters"], "m3", 1),
            ]
            let multipliers: [(words: [String], prefix: String, factor: Double)] = [
                (["thousand", "thousands of", "1000", "1,000", "tsd.", "tsd"], "thousand ", 1e3),
                (["million", "millions of", "mio", "mio.", "mn"], "million ", 1e6),
                (["billion", "billions of", "mrd.", "mrd", "bn"], "billion ", 1e9),
            ]
            var words: [(String, Scale)] = []
            for entry in mass {
                for word in entry.words {
                    words.append((word, Scale(symbol: entry.symbol, measure: .mass(tonnesPerUnit: entry.tonnes))))
                    for multiplier in multipliers {
                        let symbol = switch (entry.symbol, multiplier.factor) {
                        case ("t", 1e3): "kt"
                        case ("t", 1e6): "Mt"
                        case ("kg", 1e3): "t"
                        default: multiplier.prefix + entry.symbol
                        }
                        for spelling in multiplier.words {
                            words.append((spelling + " " + word, Scale(symbol: symbol, measure: .mass(tonnesPerUnit: entry.tonnes * multiplier.factor))))
                        }
                    }
                }
            }
            for entry in volume {
                for word in entry.words {
                    words.append((word, Scale(symbol: entry.symbol, measure: .volume(cubicMetresPerUnit: entry.cubicMetres))))
                    for multiplier in multipliers {
                        let symbol = (multiplier.factor == 1e6 ? "Mio " : multiplier.prefix) + entry.symbol
                        for spelling in multiplier.words {
                            words.append((spelling + " " + word, Scale(symbol: symbol, measure: .volume(cubicMetresPerUnit: entry.cubicMetres * multiplier.factor))))
                        }
                    }
                }
            }
            words.append(("bcm", Scale(symbol: "billion m3", measure: .volume(cubicMetresPerUnit: 1e9))))
            let symbols: [(String, Scale)] = [
                ("kt", Scale(symbol: "kt", measure: .mass(tonnesPerUnit: 1e3))),
                ("Mt", Scale(symbol: "Mt", measure: .mass(tonnesPerUnit: 1e6))),
                ("Gt", Scale(symbol: "Gt", measure: .mass(tonnesPerUnit: 1e9))),
            ]
            return (symbols, words.sorted { $0.0.count > $1.0.count })
        }()

        /// The longest scale spelling that starts `text` and ends at a word boundary, with the
        /// rest of the text.
        static func longestPrefix(of text: String) -> (Scale, Substring)? {
            let lower = text.lowercased()
            var best: (length: Int, scale: Scale)?
            for (symbol, scale) in table.symbols where text.hasPrefix(symbol) && boundary(text, after: symbol.count) {
                if symbol.count > (best?.length ?? 0) { best = (symbol.count, scale) }
            }
            for (word, scale) in table.words where lower.hasPrefix(word) && boundary(text, after: word.count) {
                if word.count > (best?.length ?? 0) { best = (word.count, scale) }
                break // sorted longest first
            }
            guard let best else { return nil }
            return (best.scale, text.dropFirst(best.length))
        }

        /// Whether the scale ends at `count` characters: the end, a space, comma or parenthesis.
        static func boundary(_ text: String, after count: Int) -> Bool {
            guard count < text.count else { return true }
            let next = text[text.index(text.startIndex, offsetBy: count)]
            return next == " " || next == "," || next == "(" || next == "\u{A0}"
        }
    }
}

/// The words of a unit after its scale, and the basis they name.
enum BasisWords {
    /// Words that describe the figure without naming a basis.
    static let descriptive: Set<String> = [
        "refined", "primary", "secondary", "mine", "mined", "mining", "production", "output", "recoverable",
        "recovered", "natural", "marketable", "total", "of", "in", "as", "the", "and", "basis", "estimated",
        "smelter", "refinery", "usable", "saleable", "salable", "crude", "product",
    ]
    /// Words saying the figure is the contained element (or the compound named with them).
    static let content: Set<String> = ["content", "contained", "metal", "element", "elemental", "equivalent", "equiv", "equiv.", "eq", "eq."]
    /// Words saying the figure is gross product weight.
    static let gross: Set<String> = ["gross", "weight", "concentrate", "concentrates", "conc", "conc.", "ore", "mass"]

    /// The basis named by `qualifier` (the unit's words after its scale) for `mineral`.
    static func basis(of qualifier: String, unit: String, mineral: MineralInfo?) -> Result<QuantityBasis?, ProductionUnit.ParseError> {
        var claims: [(basis: QuantityBasis, words: String)] = []
        for phrase in phrases(qualifier) {
            switch claim(phrase, unit: unit, mineral: mineral) {
            case .success(let basis?): claims.append((basis, phrase))
            case .success(nil): break
            case .failure(let error): return .failure(error)
            }
        }
        guard let first = claims.first else { return .success(nil) }
        if let other = claims.first(where: { $0.basis != first.basis }) {
            return .failure(ProductionUnit.ParseError(
                message: "unit '\(unit)' names two bases: '\(first.words)' (\(first.basis.code)) and '\(other.words)' (\(other.basis.code))",
                notes: ["a figure has one basis; write it once, e.g. 't Co content' or 't (gross weight)'"]))
        }
        return .success(first.basis)
    }

    /// `Cu (refined copper)` → `["Cu", "refined copper"]`; `, cobalt content` → `["cobalt content"]`.
    static func phrases(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var depth = 0
        func flush() {
            let phrase = current.trimmingCharacters()
            if !phrase.isEmpty { result.append(phrase) }
            current = ""
        }
        for character in text {
            switch character {
            case "(" where depth == 0: flush(); depth += 1
            case ")" where depth > 0: depth -= 1; if depth == 0 { flush() }
            case "," where depth == 0: flush()
            case ";" where depth == 0: flush()
            default: current.append(character)
            }
        }
        flush()
        return result
    }

    /// The basis one phrase names; `nil` for a purely descriptive phrase ("natural graphite").
    static func claim(_ phrase: String, unit: String, mineral: MineralInfo?) -> Result<QuantityBasis?, ProductionUnit.ParseError> {
        // A whole phrase that is a compound's name or alias ("lithium carbonate equivalent").
        if let compound = Compound.named(phrase) { return check(.compound(compound), phrase, unit: unit, mineral: mineral) }
        var tokens = phrase.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" }).map(String.init)
        var sawContent = false
        var sawGross = false
        var named: [QuantityBasis] = []
        var rest: [String] = []
        for token in tokens {
            let lower = token.lowercased()
            if content.contains(lower) { sawContent = true; continue }
            if gross.contains(lower) { sawGross = true; continue }
            if descriptive.contains(lower) { continue }
            if let mineral, let symbol = mineral.element, token == symbol {
                named.append(.element)
            } else if let compound = Compound.named(token) {
                named.append(.compound(compound))
            } else if let owner = elementOwners[token], owner.id != mineral?.id {
                return .failure(ProductionUnit.ParseError(
                    message: "unit '\(unit)' is in \(token) (\(owner.name.lowercased())), not \(mineral.map { "\($0.name.lowercased())" } ?? "the table's mineral")",
                    notes: mineral.map { ["bases of \($0.name.lowercased()): " + choices(for: $0).joined(separator: ", ")] } ?? []))
            } else {
                rest.append(token)
            }
        }
        tokens = rest
        if !tokens.isEmpty {
            let words = tokens.joined(separator: " ")
            if let compound = Compound.named(words) {
                named.append(.compound(compound))
            } else if let info = MineralCatalog.resolve(words) {
                if let mineral, info.id != mineral.id {
                    return .failure(ProductionUnit.ParseError(
                        message: "unit '\(unit)' names \(info.name.lowercased()), but the figures are \(mineral.name.lowercased())",
                        notes: ["check the table's mineral, or the unit"]))
                }
                // "cobalt content", "refined copper": the element; "natural graphite": descriptive.
                let metal = sawContent || phrase.lowercased().contains("refined")
                if metal && (mineral ?? info).element != nil { named.append(.element) }
            } else {
                let vocabulary = Array(content) + Array(gross) + Array(descriptive) + Compound.all.map(\.code)
                let hint = ClosestMatches.best(for: words, among: vocabulary, limit: 1).first
                return .failure(ProductionUnit.ParseError(
                    message: "unit '\(unit)': '\(words)' is not a basis, a mineral or a word units use",
                    notes: (hint.map { ["did you mean '\($0)'?"] } ?? []) + [ProductionUnit.summary]))
            }
        }
        if sawGross {
            if let basis = named.first, basis != .gross {
                return .failure(ProductionUnit.ParseError(
                    message: "unit '\(unit)' names two bases: '\(phrase)' is gross weight and \(basis.code)",
                    notes: ["a figure has one basis; write it once"]))
            }
            return .success(.gross)
        }
        if let first = named.first {
            if let other = named.first(where: { $0 != first }) {
                return .failure(ProductionUnit.ParseError(
                    message: "unit '\(unit)' names two bases: \(first.code) and \(other.code)", notes: ["a figure has one basis; write it once"]))
            }
            return check(first, phrase, unit: unit, mineral: mineral)
        }
        // "content" or "metal content" alone: the element of the table's mineral.
        if sawContent, let mineral {
            guard mineral.element != nil else {
                return .failure(ProductionUnit.ParseError(
                    message: "unit '\(unit)': \(mineral.name.lowercased()) has no single element whose content it could be",
                    notes: ["bases of \(mineral.name.lowercased()): " + choices(for: mineral).joined(separator: ", ")]))
            }
            return .success(.element)
        }
        return .success(nil)
    }

    /// `basis` if `mineral` can be given on it: a compound of the mineral's element, a mixture
    /// the mineral is reported in (REO for rare earths), its element, or gross.
    static func check(_ basis: QuantityBasis, _ phrase: String, unit: String, mineral: MineralInfo?) -> Result<QuantityBasis?, ProductionUnit.ParseError> {
        guard let mineral else { return .success(basis) }
        if let problem = problem(basis, for: mineral) {
            return .failure(ProductionUnit.ParseError(message: "unit '\(unit)': \(problem)",
                                                      notes: ["bases of \(mineral.name.lowercased()): " + choices(for: mineral).joined(separator: ", ")]))
        }
        return .success(basis)
    }

    /// Why `mineral` cannot be given on `basis`, `nil` when it can.
    static func problem(_ basis: QuantityBasis, for mineral: MineralInfo) -> String? {
        switch basis {
        case .gross:
            return nil
        case .element:
            return mineral.element == nil ? "\(mineral.name.lowercased()) has no single element to count" : nil
        case .compound(let compound):
            if let element = compound.element {
                return element == mineral.element ? nil
                    : "\(compound.formula) is a compound of \(element), not of \(mineral.name.lowercased())"
            }
            return mineral.bases.contains(basis) ? nil : "\(compound.code) is not a basis of \(mineral.name.lowercased())"
        }
    }

    /// Units a figure of `mineral` may be written in: `t Li`, `t Li2O`, `t LCE` …
    static func choices(for mineral: MineralInfo) -> [String] {
        var bases = mineral.bases.filter { $0 != .gross }
        if bases.isEmpty { bases = mineral.bases }
        return bases.map { basis in
            switch basis {
            case .gross: "t (gross weight)"
            case .element: "t " + (mineral.element ?? "content")
            case .compound(let compound): "t " + compound.code
            }
        }
    }

    /// Element symbols of the catalogue's minerals, for "not this mineral" errors.
    static let elementOwners: [String: MineralInfo] = {
        var owners: [String: MineralInfo] = [:]
        for info in MineralCatalog.all { if let symbol = info.element, owners[symbol] == nil { owners[symbol] = info } }
        return owners
    }()
}
