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
