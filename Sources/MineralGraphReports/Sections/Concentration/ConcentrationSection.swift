import MineralGraphAnalysis
import MineralGraphCore

// C1 per mineral × stage × year over countries (METHODS §1.1–1.4): how the rows are built from
// ``StageConcentrationPass``, the method note, the document section and the rows.

extension ReportSections {
    /// C1 per mineral × stage × year over countries.
    enum Concentration: ReportSection {
        static let key = "concentration"
        static let empty: [Report.ConcentrationRow] = []
        static let rowSectionTitles = ["concentration": "Concentration (countries)"]

        static func build(_ context: ReportContext) -> [Report.ConcentrationRow] {
            context.countryConcentration.markets.map { row($0, context) }
        }

        static func methods(_ context: ReportContext) -> [Report.MethodNote] {
            [method(guidelines: context.options.guidelines, upperBound: context.options.upperBound)]
        }

        static func blocks(_ value: [Report.ConcentrationRow], in report: Report) -> [ReportDocument.Block] {
            ReportDocument.concentrationSection(report)
        }

        static func rows(_ value: [Report.ConcentrationRow], into rows: inout MetricRows) {
            for row in value { rows.add(row, section: "concentration") }
        }

        /// The CSV prints the concentration rows wide, one line per market (``CSVFormatter``).
        static func csvLines(_ value: [Report.ConcentrationRow]) -> [String]? {
            value.map(CSVFormatter.line)
        }

        /// One row per market with the top suppliers as columns (`top1_country`,
        /// `top1_name`, `top1_share`, … up to the report's `--top`), names beside codes.
        static func tables(_ value: [Report.ConcentrationRow], in report: Report) -> [ReportTable] {
            [ReportTable.concentration(name: "concentration", value, top: report.settings.topSuppliers)]
        }
    }
}

extension Report {
    /// C1 per mineral × stage × year over countries.
    public var concentration: [ConcentrationRow] {
        get { self[ReportSections.Concentration.self] }
        set { self[ReportSections.Concentration.self] = newValue }
    }
}

extension ReportSections.Concentration {
    /// One market at country or facility level, rounded, with its top suppliers and group shares.
    static func row(_ market: MarketConcentration, _ context: ReportContext) -> Report.ConcentrationRow {
        let (groups, names, topSuppliers) = (context.groups, context.names, context.options.topSuppliers)
        let m = market.measures
        var groupShares: Report.GroupShares?
        if market.totalTonnes > 0 {
            var shares = Report.GroupShares(developed: 0, developing: 0, developingExclChina: 0, ldc: 0, residual: 0)
            for supplier in market.suppliers {
                let share = supplier.share ?? 0
                if groups.contains(.developed, supplier.country) { shares.developed += share }
                if groups.contains(.developing, supplier.country) { shares.developing += share }
                if groups.contains(.developingExcludingChina, supplier.country) { shares.developingExclChina += share }
                if groups.contains(.leastDeveloped, supplier.country) { shares.ldc += share }
            }
            shares.residual = (market.residualTonnes ?? 0) / market.totalTonnes
            groupShares = .init(
                developed: ReportUnit.share.round(shares.developed), developing: ReportUnit.share.round(shares.developing),
                developingExclChina: ReportUnit.share.round(shares.developingExclChina), ldc: ReportUnit.share.round(shares.ldc),
                residual: ReportUnit.share.round(shares.residual))
        }
        return Report.ConcentrationRow(
            mineral: market.mineral, stage: market.stage, year: market.year, level: market.level, basis: market.basis,
            hhi: m.map { ReportUnit.hhi.round($0.hhi) }, hhiLo: m.map { ReportUnit.hhi.round($0.hhiLo) },
            hhiHi: m.map { ReportUnit.hhi.round($0.hhiHi) }, hhiNaive: m.map { ReportUnit.hhi.round($0.hhiNaive) },
            cr1: m.map { ReportUnit.share.round($0.cr1) }, cr3: m.map { ReportUnit.share.round($0.cr3) },
            nEq: m.map { ReportUnit.suppliers.round($0.nEq) }, hNorm: m?.hNormalized.map(ReportUnit.share.round),
            hUnctad: m?.hUNCTAD.map(ReportUnit.share.round), band: market.band, bandRobust: market.bandIsRobust,
            residualShare: m.map { ReportUnit.share.round($0.residualShare) }, residualFlag: m?.residualFlagged ?? false,
            supplierCount: market.suppliers.filter { $0.tonnes > 0 }.count, totalTonnes: ReportUnit.tonnes.round(market.totalTonnes),
            residualTonnes: market.residualTonnes.map(ReportUnit.tonnes.round), complete: market.isComplete,
            missing: market.missing.map { .init(node: $0.node, country: $0.country, grossOnly: $0.grossOnly) },
            residualMissing: market.residualMissing,
            top: market.suppliers.prefix(topSuppliers).map { supplier in
                Report.TopSupplier(
                    country: supplier.country,
                    name: supplier.node.map { names[$0] ?? $0 } ?? ReportBuilder.countryName(supplier.country),
                    node: supplier.node, share: supplier.share.map(ReportUnit.share.round), tonnes: ReportUnit.tonnes.round(supplier.tonnes))
            },
            groupShares: groupShares, unavailable: market.unavailable)
    }

    static func method(guidelines: MergerGuidelines, upperBound: ResidualUpperBound) -> Report.MethodNote {
        let (moderate, high) = guidelines.thresholds
        let bands = "\(guidelines.title): below \(NumberFormatting.grouped(moderate)) unconcentrated, "
            + "\(NumberFormatting.grouped(moderate))–\(NumberFormatting.grouped(high)) moderately concentrated, "
            + "above \(NumberFormatting.grouped(high)) highly concentrated. Antitrust bands describe firms in a product market; here they are labels only (METHODS §1.2, §9)."
        let bound = upperBound == .smallestNamedCap
            ? "hhi_hi assumes no unnamed country is larger than the smallest named one: HHI_lo + 10,000·(q·s_min² + r²), q = ⌊s_o/s_min⌋, r = s_o − q·s_min"
            : "hhi_hi treats the residual as one country: HHI_lo + 10,000·s_o²"
        return Report.MethodNote(
            id: "C1", title: "Supplier concentration per mineral, stage and year",
            formula: "s_i = q_i / Σq; HHI = 10,000·Σ s_i²; CR_k = sum of the k largest shares; N_eq = 10,000 / HHI; H* = (H − 1/N)/(1 − 1/N) for complete lists",
            section: "METHODS §1.1–1.4",
            notes: "Quantities are the graph's own, each node's output, else its summed out-flows (waste destinations: what they receive), summed per country, on one basis per row: contained tonnes (converted with stoichiometric factors) when any figure states them, else gross; a figure on another basis is missing, never added (METHODS §0.1). "
                + "A producing stage whose figures are only shipments has no HHI (NO_PRODUCTION_FIGURES): see export concentration. "
                + "An 'other countries' residual s_o is bounded: hhi_lo treats it as infinitely fragmented; \(bound). "
                + "The headline hhi is hhi_hi when a residual is present (conservative; tool convention), residual shares above 10 % are flagged. "
                + "Withheld figures are left out and the row marked incomplete; a zero total gives no HHI (NO_SUPPLY). "
                + "Facility-level rows count nodes instead of countries. " + bands,
            sources: [
                "US DOJ/FTC Merger Guidelines (2023), Guideline 1: https://www.justice.gov/atr/merger-guidelines/applying-merger-guidelines/guideline-1",
                "US DOJ/FTC Horizontal Merger Guidelines (2010), §5.3",
                "World Mining Data, Concentration of producer countries: https://www.world-mining-data.info/",
                "European Commission, Methodology for establishing the EU list of critical raw materials (2017)",
                "Cracau & Durán Lima, On the normalized Herfindahl-Hirschman Index: a technical note",
            ])
    }
}

extension ReportDocument {
    @Sendable static func concentrationSection(_ report: Report) -> [Block] {
        var blocks: [Block] = [.heading(level: 2, text: "Supplier concentration by mineral and stage")]
        guard !report.concentration.isEmpty else {
            return blocks + [.paragraph(["The graph has no production at the mining, processing, manufacturing or waste stages, so there is no concentration to report."])]
        }
        let settings = report.settings
        blocks.append(.paragraph([
            "Concentration of supply by mineral and stage, computed from the graph's own quantities with countries as suppliers. Every row adds figures of one basis only (column Basis; METHODS §0.1): contained tonnes, converted to the mineral's reference basis with stoichiometric factors, when any figure of the market states them, else gross tonnes; a figure on another basis is listed as missing, never added. HHI is on the 0–10,000 scale; bands follow the \(settings.guidelinesTitle) (< \(Display.hhi(settings.moderateFrom)) unconcentrated, \(Display.hhi(settings.moderateFrom))–\(Display.hhi(settings.highAbove)) moderately, > \(Display.hhi(settings.highAbove)) highly concentrated) and are labels, not risk thresholds.",
        ]))
        blocks.append(.paragraph([
            "Headline HHI = upper bound ", .emphasis("hhi_hi"),
            " when an \"other countries\" residual is present (METHODS §1.4, conservative), else the exact value; the range is hhi_lo–hhi_hi. CR1 and CR3 are the shares of the largest one and three named countries; N_eq = 10,000 / HHI; H* is the normalized HHI of complete lists. A ⚑ marks residuals above \(Display.percent(report.settings.residualFlagAbove)).",
        ]))
        let minerals = orderedUnique(report.concentration.map(\.mineral))
        for mineral in minerals {
            let rows = report.concentration.filter { $0.mineral == mineral }
            blocks.append(.heading(level: 3, text: Display.mineral(mineral)))
            blocks.append(.table(Table(
                columns: [
                    Column("Stage"), Column("Year", .right), Column("Basis"), Column("HHI", .right), Column("HHI range", .right),
                    Column("Band"), Column("CR1", .right), Column("CR3", .right), Column("N_eq", .right),
                    Column("H*", .right), Column("Residual", .right), Column("Top suppliers"),
                ],
                rows: rows.map { row in
                    [
                        [.text(row.stage.rawValue)], [.text(String(row.year))], [.text(row.basis)], [.text(Display.hhi(row.hhi))],
                        [.text(Display.range(row.hhiLo, row.hhiHi))], [.text(Display.band(row.band, robust: row.bandRobust))],
                        [.text(Display.percent(row.cr1))], [.text(Display.percent(row.cr3))], [.text(Display.decimal(row.nEq))],
                        [.text(row.hNorm.map { Display.decimal($0, 3) } ?? "—")], [.text(Display.residual(row))],
                        [.text(row.top.map { "\($0.name) (\($0.country)) \(Display.percent($0.share))" }.joined(separator: "; "))],
                    ]
                })))
            let notes = rows.flatMap(concentrationNotes)
            if !notes.isEmpty { blocks.append(.list(notes)) }
            let figures = rows.compactMap(barChart)
            if !figures.isEmpty { blocks.append(.figures(figures)) }
        }
        blocks += groupSharesSection(report)
        return blocks
    }

    static func concentrationNotes(_ row: Report.ConcentrationRow) -> [[Inline]] {
        let label = "\(row.mineral) · \(row.stage.rawValue) · \(row.year)"
        var notes: [[Inline]] = []
        if let unavailable = row.unavailable {
            notes.append([.strong(label), ": no HHI — \(unavailable.code): \(unavailable.reason)."])
        }
        if !row.complete {
            var parts: [String] = []
            if !row.missing.isEmpty {
                parts.append("no figure on \(row.basis) for " + row.missing.map {
                    "\($0.country) (node \($0.node)\($0.grossOnly ? ", gross tonnes only" : ""))"
                }.joined(separator: ", "))
            }
            if row.residualMissing { parts.append("the \"other countries\" figure is missing") }
            if parts.isEmpty { parts.append("some flows have no quantity") }
            notes.append([.strong(label), .text(": incomplete — " + parts.joined(separator: "; ") + ". The figures describe the listed suppliers only.")])
        }
        if row.residualFlag {
            notes.append([.strong(label), ": \"other countries\" hold \(Display.percent(row.residualShare)) of supply; the HHI lies between \(Display.range(row.hhiLo, row.hhiHi)) depending on how it splits."])
        }
        if row.bandRobust == false {
            notes.append([.strong(label), ": the band depends on the residual's split (hhi_lo and hhi_hi fall in different bands)."])
        }
        return notes
    }

    static func barChart(_ row: Report.ConcentrationRow) -> Figure? {
        guard row.hhi != nil, !row.top.isEmpty else { return nil }
        var bars = row.top.map { BarChartSVG.Bar(label: "\($0.name) (\($0.country))", share: $0.share ?? 0, style: .named) }
        let shown = row.top.compactMap(\.share).reduce(0, +)
        let residual = row.residualShare ?? 0
        let rest = max(0, 1 - shown - residual)
        if row.supplierCount > row.top.count && rest > 0.00005 {
            bars.append(.init(label: "\(row.supplierCount - row.top.count) other named", share: rest, style: .otherNamed))
        }
        if residual > 0 { bars.append(.init(label: "Other countries (unnamed)", share: residual, style: .residual)) }
        let title = "\(Display.mineral(row.mineral)), \(row.stage.rawValue), \(row.year): HHI \(Display.hhi(row.hhi))"
        return Figure(
            svg: BarChartSVG.render(title: title, bars: bars),
            caption: "Shares of \(row.basis) at the \(row.stage.rawValue) stage in \(row.year); \(Display.band(row.band, robust: row.bandRobust)).")
    }

    static func groupSharesSection(_ report: Report) -> [Block] {
        let rows = report.concentration.filter { $0.groupShares != nil }
        guard !rows.isEmpty else { return [] }
        return [
            .heading(level: 3, text: "Supply by country group"),
            .paragraph(["Shares of each market held by country groups of the \(report.settings.scheme.title) (\(report.settings.scheme.id), as of \(report.settings.scheme.asOf)). The \"other countries\" residual belongs to no group."]),
            .table(Table(
                columns: [
                    Column("Mineral"), Column("Stage"), Column("Year", .right), Column("Developed", .right),
                    Column("Developing", .right), Column("Developing excl. China", .right), Column("LDCs", .right),
                    Column("Unattributed", .right),
                ],
                rows: rows.map { row in
                    let g = row.groupShares!
                    return [
                        [.text(row.mineral.rawValue)], [.text(row.stage.rawValue)], [.text(String(row.year))],
                        [.text(Display.percent(g.developed))], [.text(Display.percent(g.developing))],
                        [.text(Display.percent(g.developingExclChina))], [.text(Display.percent(g.ldc))],
                        [.text(Display.percent(g.residual))],
                    ]
                })),
        ]
    }
}

extension MetricRows {
    /// A market (mineral × stage × year) at country or facility level, and its top suppliers.
    mutating func add(_ row: Report.ConcentrationRow, section: String) {
        let c = Context(
            section: section, mineral: row.mineral.rawValue, stage: row.stage.rawValue, year: row.year, basis: row.basis,
            itemKind: "stage", item: row.stage.rawValue)
        let missing = row.unavailable
        emit(c, "hhi", .hhi, ReportRow.Value(row.hhi, unavailable: missing))
        emit(c, "hhi_lo", .hhi, ReportRow.Value(row.hhiLo, unavailable: missing))
        emit(c, "hhi_hi", .hhi, ReportRow.Value(row.hhiHi, unavailable: missing))
        emit(c, "cr1", .share, ReportRow.Value(row.cr1, unavailable: missing))
        emit(c, "cr3", .share, ReportRow.Value(row.cr3, unavailable: missing))
        emit(c, "n_eq", .suppliers, ReportRow.Value(row.nEq, unavailable: missing))
        emit(c, "band", .label, row.band.map { .label($0.rawValue) } ?? .unavailable(missing ?? Unavailable(.missingValue, "no HHI")))
        if let share = row.residualShare { emit(c, "residual_share", .share, .number(share)) }
        emit(c, "supplier_count", .count, count: row.supplierCount)
        emit(c, "total_tonnes", .tonnes(row.basis), .number(row.totalTonnes))
        for top in row.top {
            var s = c
            (s.itemKind, s.item, s.itemName) = top.node.map { ("node", $0, top.name) } ?? ("country", top.country.rawValue, top.name)
            emit(s, "top_share", .share, ReportRow.Value(top.share, unavailable: missing))
        }
    }
}
