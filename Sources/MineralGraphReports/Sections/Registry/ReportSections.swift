import MineralGraphCore

/// The registered report sections, and the section types themselves (each declared in its
/// folder as `extension ReportSections { enum Name: ReportSection }`).
enum ReportSections {
    /// Every section, in the order of the report's rows (``Report/rows()``: the CSV's long
    /// rows, `diff` and `whatif`). A new section is one more line here.
    static let all: [any ReportSection.Type] = [
        Concentration.self,
        FacilityConcentration.self,
        ImportConcentration.self,
        ExportConcentration.self,
        Exposure.self,
        SupplyRisk.self,
        Bottleneck.self,
        ValueAdded.self,
        UnequalExchange.self,
        Water.self,
        BurdenBenefit.self,
        Waste.self,
        Uncertainty.self,
    ]

    /// The order of the body sections in the document, by key; sections not listed (new
    /// ones) follow in registry order. Fixed so that the documents of the sections that predate
    /// the registry keep their order.
    static let documentOrder = [
        "concentration", "bottlenecks", "exportConcentration", "exposure", "supplyRisk", "valueAdded", "burdenBenefit",
        "unequalExchange", "water", "waste",
    ]

    /// The order of the method notes, by key; sections not listed follow in registry order
    /// (C1, C2 and C3 first, as in METHODS).
    static let methodOrder = ["concentration", "importConcentration", "bottlenecks"]

    /// The order the builder starts sections in, by key; sections not listed follow in
    /// registry order. The longest first (the Monte Carlo draws of a graph with uncertain
    /// figures, origin tracing, the trade ledger), so that no long section starts last on
    /// an otherwise idle pool, and the water section well after the unequal-exchange one,
    /// whose ledger builds the water model it would otherwise wait for.
    static let startOrder = [
        "uncertainty", "concentration", "exposure", "unequalExchange", "supplyRisk", "valueAdded", "importConcentration",
        "exportConcentration", "facilityConcentration", "bottlenecks", "water", "burdenBenefit", "waste",
    ]

    /// The name `report --sections` shows for a section: its key in kebab-case
    /// (`import-concentration`, `supply-risk`).
    static func name(_ section: any ReportSection.Type) -> String {
        var out = ""
        for character in section.key {
            if character.isUppercase { out += "-" + character.lowercased() } else { out.append(character) }
        }
        return out
    }

    /// The names `report --sections` accepts, in registry order.
    static var names: [String] { all.map(name) }

    /// The keys of the sections `names` name (a key in camelCase, snake_case or kebab-case, or
    /// an alias such as `imports`), in registry order; an unknown name is an error with the
    /// closest known ones.
    static func keys(named names: [String]) throws(ReportError) -> [String] {
        func normalized(_ text: String) -> String { text.lowercased().filter { $0.isLetter || $0.isNumber } }
        var byName: [String: String] = [:]
        for section in all {
            for spelling in [section.key] + section.aliases { byName[normalized(spelling)] = section.key }
        }
        var keys: Set<String> = []
        for name in names {
            let trimmed = name.trimmedOfSpaces()
            guard let key = byName[normalized(trimmed)] else {
                let candidates = self.names + all.flatMap { $0.aliases }
                let closest = ClosestMatches.best(for: trimmed, among: candidates, limit: 2)
                throw .invalidOption("unknown section '\(trimmed)'" + (closest.isEmpty ? "" : "; did you mean " + closest.map { "'\($0)'" }.joined(separator: " or ") + "?")
                    + " (sections: " + self.names.joined(separator: ", ") + ")")
            }
            keys.insert(key)
        }
        return all.map { $0.key }.filter(keys.contains)
    }

    /// The sections in the order `keys` gives, then the others in registry order.
    static func ordered(_ keys: [String]) -> [any ReportSection.Type] {
        let listed = keys.compactMap { key in all.first { $0.key == key } }
        return listed + all.filter { !keys.contains($0.key) }
    }

    /// The body sections, then the appendix ones, as the document shows them.
    static var documentSections: [any ReportSection.Type] {
        let sections = ordered(documentOrder)
        return sections.filter { $0.placement == .body } + sections.filter { $0.placement == .appendix }
    }

    /// Titles of every row section name, for `diff` and `whatif` headings.
    static let rowSectionTitles: [String: String] = all.reduce(into: [:]) { titles, section in
        titles.merge(section.rowSectionTitles) { first, _ in first }
    }
}
