import MineralGraphAnalysis
import MineralGraphCore

// The export-concentration section (METHODS §1.10): its JSON rows, how they are built from
// ``ExportConcentrationPass``, its method note, its document blocks and its CSV/diff rows.

extension Report {
    /// Export concentration of one mineral's exports from one stage: shares of **exports**, on
    /// the basis the flows carry (gross tonnes for trade data), never production shares.
    public struct ExportConcentrationRow: Codable, Hashable, Sendable {
        public var mineral: MineralID
        /// The stage of the exporting nodes.
        public var stage: Stage
        public var year: Int
        /// What the tonnes measure ("t gross" for trade data).
        public var basis: String
        /// By tonnes: HHI (0–10,000; exports have no residual, so the bounds are equal), CR1, CR3.
        public var hhi: Double?
        public var hhiLo: Double?
        public var hhiHi: Double?
        public var cr1: Double?
        public var cr3: Double?
        public var nEq: Double?
        public var band: ConcentrationBand?
        public var exporterCount: Int
        public var totalTonnes: Double?
        /// Export flows without tonnes on the basis, left out.
        public var flowsWithoutQuantity: Int
        /// The largest exporters by tonnes, with their shares of the exports.
        public var top: [Partner]
        public var unavailable: Unavailable?
        /// The same by USD value.
        public var byValue: ExportValueVariant
    }

    public struct ExportValueVariant: Codable, Hashable, Sendable {
        public var hhi: Double?
        public var cr1: Double?
        public var cr3: Double?
        public var band: ConcentrationBand?
        public var totalUsd: Double?
        public var flowsWithoutValue: Int
        public var top: [Partner]
        public var unavailable: Unavailable?
    }
}

extension ReportSections {
    /// Export concentration per mineral × exporting stage.
    enum ExportConcentration: ReportSection {
        static let key = "exportConcentration"
        static let aliases = ["exports"]
        static let empty: [Report.ExportConcentrationRow] = []

        static func build(_ context: ReportContext) -> [Report.ExportConcentrationRow] {
            rows(ExportConcentrationPass(guidelines: context.options.guidelines).run(on: context.derived), topSuppliers: context.options.topSuppliers)
        }

        static func blocks(_ value: [Report.ExportConcentrationRow], in report: Report) -> [ReportDocument.Block] {
            ReportDocument.exportSection(report)
        }

        static func rows(_ value: [Report.ExportConcentrationRow], into rows: inout MetricRows) {
            for row in value { rows.add(row) }
        }
    }
}

extension Report {
    /// Export concentration per mineral × exporting stage (METHODS §1.10).
    public var exportConcentration: [ExportConcentrationRow] {
        get { self[ReportSections.ExportConcentration.self] }
        set { self[ReportSections.ExportConcentration.self] = newValue }
    }
}

extension ReportSections.ExportConcentration {
    static func rows(_ items: [MineralGraphAnalysis.ExportConcentration], topSuppliers: Int) -> [Report.ExportConcentrationRow] {
        items.map { item in
            func top(_ measure: ExportMeasure, _ unit: ReportUnit) -> [Report.Partner] {
                measure.exporters.prefix(topSuppliers).map {
                    Report.Partner(
                        country: $0.country, name: ReportBuilder.countryName($0.country), share: $0.share.map(ReportUnit.share.round),
                        amount: unit.round($0.amount))
                }
            }
            let t = item.byTonnes, v = item.byValue
            return Report.ExportConcentrationRow(
                mineral: item.mineral, stage: item.stage, year: item.year, basis: item.basis,
                hhi: t.measures.map { ReportUnit.hhi.round($0.hhi) }, hhiLo: t.measures.map { ReportUnit.hhi.round($0.hhiLo) },
                hhiHi: t.measures.map { ReportUnit.hhi.round($0.hhiHi) }, cr1: t.measures.map { ReportUnit.share.round($0.cr1) },
                cr3: t.measures.map { ReportUnit.share.round($0.cr3) }, nEq: t.measures.map { ReportUnit.suppliers.round($0.nEq) }, band: t.band,
                exporterCount: t.exporters.count, totalTonnes: t.total.map(ReportUnit.tonnes.round),
                flowsWithoutQuantity: t.flowsWithoutQuantity, top: top(t, .tonnes(item.basis)), unavailable: t.unavailable,
                byValue: Report.ExportValueVariant(
                    hhi: v.measures.map { ReportUnit.hhi.round($0.hhi) }, cr1: v.measures.map { ReportUnit.share.round($0.cr1) },
                    cr3: v.measures.map { ReportUnit.share.round($0.cr3) }, band: v.band, totalUsd: v.total.map(ReportUnit.usd.round),
                    flowsWithoutValue: v.flowsWithoutQuantity, top: top(v, .usd), unavailable: v.unavailable))
        }
    }

    static let methodNotes = [Report.MethodNote(
        id: "C1-export", title: "Export concentration per mineral and exporting stage",
        formula: "s_i = X_i / Σ_j X_j over exporting countries i; HHI_export = 10,000·Σ_i s_i²; CR_k = sum of the k largest s_i",
        section: "METHODS §1.10",
        notes: "Exports are inter-country product flows of the graph's year from nodes at the stage, in tonnes of the basis the flows carry (gross product tonnes for trade data) and in USD. They measure who ships, not who produces: re-exports and stock draws count, domestic use does not. A stage whose figures are only shipments has no production HHI (NO_PRODUCTION_FIGURES); merge a production table into the graph for that.",
        sources: ["World Bank WITS/TCdata360, market concentration index: https://tcdata360.worldbank.org/indicators/hh.mkt"])]
}

extension ReportDocument {
    @Sendable static func exportSection(_ report: Report) -> [Block] {
        guard !report.exportConcentration.isEmpty else { return [] }
        var blocks: [Block] = [.heading(level: 2, text: "Export concentration")]
        blocks.append(.paragraph([
            "Shares of each stage's exports held by the exporting countries (METHODS §1.10): who ships the material across borders, by tonnes on the basis the flows carry and by USD value. These are shares of exports, not of production: re-exports count and domestic use does not.",
        ]))
        blocks.append(.table(Table(
            columns: [
                Column("Mineral"), Column("Exporting stage"), Column("Year", .right), Column("Basis"), Column("HHI (t)", .right),
                Column("Band (t)"), Column("CR1", .right), Column("CR3", .right), Column("HHI (USD)", .right),
                Column("Top exporters (t)"),
            ],
            rows: report.exportConcentration.map { row in
                [
                    [.text(row.mineral.rawValue)], [.text(row.stage.rawValue)], [.text(String(row.year))], [.text(row.basis)],
                    [.text(Display.hhi(row.hhi))], [.text(row.band?.title ?? "—")], [.text(Display.percent(row.cr1))],
                    [.text(Display.percent(row.cr3))], [.text(Display.hhi(row.byValue.hhi))],
                    [.text(row.top.map { "\($0.name) (\($0.country)) \(Display.percent($0.share))" }.joined(separator: "; "))],
                ]
            })))
        var notes: [[Inline]] = []
        for row in report.exportConcentration {
            let label = "\(row.mineral) · \(row.stage.rawValue) exports"
            if let unavailable = row.unavailable {
                notes.append([.strong(label), ": HHI by tonnes not available — \(unavailable.code): \(unavailable.reason)."])
            } else if row.flowsWithoutQuantity > 0 {
                notes.append([.strong(label), ": HHI by tonnes leaves out \(row.flowsWithoutQuantity) flow\(row.flowsWithoutQuantity == 1 ? "" : "s") without a figure on \(row.basis)."])
            }
            if let unavailable = row.byValue.unavailable {
                notes.append([.strong(label), ": HHI by value not available — \(unavailable.code): \(unavailable.reason)."])
            }
        }
        if !notes.isEmpty { blocks.append(.list(notes)) }
        return blocks
    }
}

extension MetricRows {
    /// Export concentration of one mineral and exporting stage, by tonnes and by value.
    mutating func add(_ row: Report.ExportConcentrationRow) {
        let c = Context(
            section: "export_concentration", mineral: row.mineral.rawValue, stage: row.stage.rawValue, year: row.year,
            basis: row.basis, itemKind: "stage", item: row.stage.rawValue)
        let missing = row.unavailable
        emit(c, "hhi", .hhi, ReportRow.Value(row.hhi, unavailable: missing))
        emit(c, "cr1", .share, ReportRow.Value(row.cr1, unavailable: missing))
        emit(c, "cr3", .share, ReportRow.Value(row.cr3, unavailable: missing))
        emit(c, "band", .label, row.band.map { .label($0.rawValue) } ?? .unavailable(missing ?? Unavailable(.missingValue, "no HHI")))
        emit(c, "exports", .tonnes(row.basis), ReportRow.Value(row.totalTonnes, unavailable: missing))
        emit(c, "hhi_by_value", .hhi, ReportRow.Value(row.byValue.hhi, unavailable: row.byValue.unavailable))
        emit(c, "exports_value", .usd, ReportRow.Value(row.byValue.totalUsd, unavailable: row.byValue.unavailable))
        for top in row.top {
            var s = c
            (s.itemKind, s.item, s.itemName) = ("country", top.country.rawValue, top.name)
            emit(s, "export_share", .share, ReportRow.Value(top.share, unavailable: missing))
        }
    }
}
