import MineralGraphAnalysis
import MineralGraphCore

// C2, import-source concentration per importer × mineral × supplying stage (METHODS §1.5):
// rows from ``ImportConcentrationPass``, the method note, the appendix table and the rows.

extension ReportSections {
    /// C2 per importer × mineral × supplying stage.
    enum ImportConcentration: ReportSection {
        static let key = "importConcentration"
        static let aliases = ["imports"]
        static let empty: [Report.ImportConcentrationRow] = []
        static let placement = DocumentPlacement.appendix
        static let rowSectionTitles = ["import_concentration": "Import-source concentration"]

        static func build(_ context: ReportContext) -> [Report.ImportConcentrationRow] {
            ImportConcentrationPass(guidelines: context.options.guidelines).run(on: context.derived).importers.map {
                row($0, topSuppliers: context.options.topSuppliers)
            }
        }

        static func blocks(_ value: [Report.ImportConcentrationRow], in report: Report) -> [ReportDocument.Block] {
            ReportDocument.importSection(report)
        }

        static func rows(_ value: [Report.ImportConcentrationRow], into rows: inout MetricRows) {
            for row in value { rows.add(row) }
        }

        /// One row per importer, mineral and supplying stage, with the largest partners by
        /// tonnes and by value as columns, names beside codes.
        static func tables(_ value: [Report.ImportConcentrationRow], in report: Report) -> [ReportTable] {
            [ReportTable.importConcentration(value, top: report.settings.topSuppliers)]
        }
    }
}

extension Report {
    /// C2 per importer × mineral × supplying stage.
    public var importConcentration: [ImportConcentrationRow] {
        get { self[ReportSections.ImportConcentration.self] }
        set { self[ReportSections.ImportConcentration.self] = newValue }
    }
}

extension ReportSections.ImportConcentration {
    static func row(_ item: MineralGraphAnalysis.ImportConcentration, topSuppliers: Int) -> Report.ImportConcentrationRow {
        // By tonnes on the row's basis, or by USD.
        func variant(_ v: ImportSourceConcentration, _ unit: ReportUnit) -> Report.ImportVariant {
            Report.ImportVariant(
                unit: v.unit, includesDomestic: v.includesDomestic, hhi: v.hhi.map(ReportUnit.hhi.round), band: v.band,
                importTotal: v.importTotal.map(unit.round), domesticAmount: v.domesticAmount.map(unit.round),
                partnerCount: v.partners.count,
                top: v.partners.prefix(topSuppliers).map {
                    .init(country: $0.country, name: ReportBuilder.countryName($0.country), share: $0.share.map(ReportUnit.share.round), amount: unit.round($0.amount))
                },
                flowsWithoutQuantity: v.flowsWithoutQuantity, unavailable: v.unavailable)
        }
        return Report.ImportConcentrationRow(
            importer: item.importer, importerName: ReportBuilder.countryName(item.importer), mineral: item.mineral,
            stage: item.stage, year: item.year, basis: item.basis, byTonnes: variant(item.byTonnes, .tonnes(item.basis)),
            byTonnesWithDomestic: variant(item.byTonnesWithDomestic, .tonnes(item.basis)), byValue: variant(item.byValue, .usd),
            byValueWithDomestic: variant(item.byValueWithDomestic, .usd))
    }

    static let methodNotes = [Report.MethodNote(
        id: "C2", title: "Import-source concentration per importer",
        formula: "s_ij = M_ij / Σ_i M_ij; HHI_import(j, m) = 10,000·Σ_i s_ij²",
        section: "METHODS §1.5",
        notes: "Imports are inter-country product flows of the graph's year, grouped by the stage of the supplying node, in tonnes of one basis per row (contained where any flow states it, else gross) and in USD. "
            + "The 'incl. domestic' variants add the importer's own production at that stage as one more supplier (EU CRM 'EU sourcing'). "
            + "Partners are shipping countries, not origins: re-exports through trading hubs stay with the hub. Waste flows are excluded (METHODS §2.5).",
        sources: [
            "European Commission, Methodology for establishing the EU list of critical raw materials (2017)",
            "World Bank WITS/TCdata360, market concentration index: https://tcdata360.worldbank.org/indicators/hh.mkt",
        ])]
}

extension ReportDocument {
    @Sendable static func importSection(_ report: Report) -> [Block] {
        var blocks: [Block] = [.heading(level: 2, text: "Import-source concentration")]
        guard !report.importConcentration.isEmpty else {
            return blocks + [.paragraph(["The graph has no product flows between countries, so there is no import-source concentration to report (METHODS §1.5: no imports → no value, not 0)."])]
        }
        blocks.append(.paragraph(["HHI over the countries each importer buys from, by tonnes (on the basis of column Basis: contained tonnes when any import flow states them, else gross; METHODS §0.1) and by USD value, without and with its own production at the same stage as one more supplier (EU \"sourcing\" view). Supplied stage = the stage of the exporting nodes. Partners are shipping countries, not origins."]))
        blocks.append(.table(Table(
            columns: [
                Column("Importer"), Column("Mineral"), Column("Supplied stage"), Column("Year", .right), Column("Basis"),
                Column("HHI (t)", .right), Column("HHI (t, incl. domestic)", .right), Column("HHI (USD)", .right),
                Column("HHI (USD, incl. domestic)", .right), Column("Band (t)"), Column("Top partners (t)"),
            ],
            rows: report.importConcentration.map { row in
                [
                    [.text("\(row.importerName) (\(row.importer))")], [.text(row.mineral.rawValue)], [.text(row.stage.rawValue)],
                    [.text(String(row.year))], [.text(row.basis)], [.text(Display.hhi(row.byTonnes.hhi))], [.text(Display.hhi(row.byTonnesWithDomestic.hhi))],
                    [.text(Display.hhi(row.byValue.hhi))], [.text(Display.hhi(row.byValueWithDomestic.hhi))],
                    [.text(row.byTonnes.band?.title ?? "—")],
                    [.text(row.byTonnes.top.map { "\($0.name) (\($0.country)) \(Display.percent($0.share))" }.joined(separator: "; "))],
                ]
            })))
        var notes: [[Inline]] = []
        for row in report.importConcentration {
            let label = "\(row.importer) · \(row.mineral) · \(row.stage.rawValue)"
            for (name, variant) in [("by tonnes", row.byTonnes), ("by tonnes incl. domestic", row.byTonnesWithDomestic),
                                    ("by value", row.byValue), ("by value incl. domestic", row.byValueWithDomestic)] {
                if let unavailable = variant.unavailable {
                    notes.append([.strong(label), ": HHI \(name) not available — \(unavailable.code): \(unavailable.reason)."])
                } else if variant.flowsWithoutQuantity > 0 {
                    notes.append([.strong(label), ": HHI \(name) leaves out \(variant.flowsWithoutQuantity) flow\(variant.flowsWithoutQuantity == 1 ? "" : "s") without a figure\(name.hasPrefix("by tonnes") ? " on \(row.basis)" : "")."])
                }
            }
        }
        if !notes.isEmpty { blocks.append(.list(notes)) }
        return blocks
    }
}

extension MetricRows {
    /// C2: import-source concentration of one importer, by tonnes and by value, without and
    /// with domestic supply.
    mutating func add(_ row: Report.ImportConcentrationRow) {
        let c = Context(
            section: "import_concentration", mineral: row.mineral.rawValue, stage: row.stage.rawValue, year: row.year,
            basis: row.basis, itemKind: "country", item: row.importer.rawValue, itemName: row.importerName)
        let variants = [
            ("tonnes", row.byTonnes), ("tonnes_with_domestic", row.byTonnesWithDomestic),
            ("value", row.byValue), ("value_with_domestic", row.byValueWithDomestic),
        ]
        for (name, variant) in variants {
            emit(c, "hhi_by_" + name, .hhi, ReportRow.Value(variant.hhi, unavailable: variant.unavailable))
            emit(c, "band_by_" + name, .label,
                 variant.band.map { .label($0.rawValue) } ?? .unavailable(variant.unavailable ?? Unavailable(.missingValue, "no HHI")))
            emit(c, "partners_by_" + name, .count, count: variant.partnerCount)
        }
        emit(c, "imports", .tonnes(row.basis), ReportRow.Value(row.byTonnes.importTotal, unavailable: row.byTonnes.unavailable))
        emit(c, "imports_value", .usd, ReportRow.Value(row.byValue.importTotal, unavailable: row.byValue.unavailable))
    }
}
