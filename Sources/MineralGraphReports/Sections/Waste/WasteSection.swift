import MineralGraphAnalysis
import MineralGraphCore

// X1, waste balance and value recapture (METHODS §2.5): built from ``WasteBalancePass``; method
// note, document section and rows.

extension ReportSections {
    /// X1: waste balance and recovered-fraction value recapture.
    enum Waste: ReportSection {
        static let key = "waste"
        static let empty: Report.WasteSection? = nil
        static let rowSectionTitles = ["waste": "Waste"]

        static func build(_ context: ReportContext) -> Report.WasteSection? {
            waste(WasteBalancePass(scheme: context.groups).run(on: context.derived))
        }

        static func blocks(_ value: Report.WasteSection?, in report: Report) -> [ReportDocument.Block] {
            ReportDocument.wasteSection(report)
        }

        static func rows(_ value: Report.WasteSection?, into rows: inout MetricRows) {
            if let value { rows.add(value) }
        }

        /// The groups and the countries that waste or recovered fractions reach or leave, as
        /// the document and the rows show them.
        static func summary(_ value: Report.WasteSection?) -> Report.WasteSection? {
            value.map { var summary = $0; summary.countries = $0.countries.filter(\.moved); return summary }
        }
    }
}

extension Report {
    /// X1: waste balance and recovered-fraction value recapture.
    public var waste: WasteSection? {
        get { self[ReportSections.Waste.self] }
        set { self[ReportSections.Waste.self] = newValue }
    }
}

extension ReportSections.Waste {
    // MARK: X1

    static func waste(_ balance: WasteBalance) -> Report.WasteSection {
        func row(_ r: WasteBalanceRow) -> Report.WasteRow {
            Report.WasteRow(
                party: r.party, wasteTonnes: Report.Flows(r.wasteTonnes, .tonnes),
                wasteValueUsd: Report.Flows(r.wasteValueUSD, .usd),
                recoveredTonnes: Report.Flows(r.recoveredTonnes, .tonnes),
                recoveredValueUsd: Report.Flows(r.recoveredValueUSD, .usd),
                valueRecaptureRatio: Report.Metric(r.valueRecaptureRatio, .ratio),
                wasteReceivedTonnes: Report.Metric(r.wasteReceivedTonnes, .tonnes),
                wasteReceivedShare: Report.Metric(r.wasteReceivedShare, .share),
                receivedByFate: r.receivedByFate.map {
                    Report.FateItem(fate: $0.fate?.rawValue ?? "not-waste-destination", tonnes: Report.Metric($0.tonnes, .tonnes))
                })
        }
        return Report.WasteSection(
            wasteFlowCount: balance.wasteFlowCount, totalWasteTonnes: Report.Metric(balance.totalWasteTonnes, .tonnes),
            countries: balance.countries.map(row), groups: balance.groups.map(row))
    }

    static let methodNotes: [Report.MethodNote] = [
        Report.MethodNote(
            id: "X1", title: "Waste balance and value recapture",
            formula: "WB_A = waste_in_t − waste_out_t; recapture_A = value of recovered fractions exported / value of waste imported",
            section: "METHODS §2.5",
            notes: "Waste can carry zero or negative value (the exporter pays), so it is kept out of E1–E3. Gross tonnes; groups drop flows between two members. "
                + "Per-capita balances need population figures, which graphs do not hold.",
            sources: [
                "UNCTAD, Digital Economy Report 2024: https://unctad.org/publication/digital-economy-report-2024",
                "Summary of its waste figures: https://resource-recycling.com/e-scrap/2024/07/18/un-e-commerce-growth-drives-e-scrap-volumes",
            ]),
    ]
}

extension ReportDocument {

    @Sendable static func wasteSection(_ report: Report) -> [Block] {
        guard let waste = report.waste else { return [] }
        var blocks: [Block] = [.heading(level: 2, text: "Waste and recovered fractions")]
        let recovered = waste.countries.contains { $0.recoveredValueUsd.exported.value != 0 || $0.recoveredTonnes.exported.value != 0 }
        guard waste.wasteFlowCount > 0 || recovered else {
            return blocks + [.paragraph(["The graph has no waste or recovered-fraction flows."])]
        }
        let total = waste.totalWasteTonnes.value.map { Display.amount($0) + " t" }
            ?? "an unknown tonnage (\(Display.words(waste.totalWasteTonnes.unavailable?.code ?? .missingTonnes)))"
        blocks.append(.paragraph([.text(
            "Waste is kept out of the product trade figures because it can carry no or negative value (METHODS §2.5, X1). Waste balance WB = gross tonnes of waste imported − exported (positive: net receiver); recovered fractions (circuit boards, black mass and the like) moving on are a separate flow, and value recapture = value of recovered fractions exported ÷ value of waste imported. The graph's \(waste.wasteFlowCount) waste flows carry \(total). Per-capita balances need population figures, which the graph does not hold; where gross tonnes are missing, the waste stage of the concentration section gives contained tonnes received per country.")]))
        func moved(_ r: Report.WasteRow) -> Bool {
            [r.wasteTonnes.exported, r.wasteTonnes.imported, r.recoveredTonnes.exported, r.recoveredTonnes.imported, r.wasteReceivedTonnes,
             r.recoveredValueUsd.exported].contains { $0.value != 0 }
        }
        var table = MetricTable([
            Column("Country or group"), Column("Waste exported (t)", .right), Column("Waste imported (t)", .right),
            Column("WB (t)", .right), Column("Waste received (t)", .right), Column("Share received", .right),
            Column("Recovered exported (t)", .right), Column("Recovered exported (USD)", .right), Column("Value recapture", .right),
        ])
        for r in waste.groups + waste.countries.filter(moved) {
            table.append([
                .text(Display.party(r.party)), MetricTable.cell(r.wasteTonnes.exported, Display.amount),
                MetricTable.cell(r.wasteTonnes.imported, Display.amount), MetricTable.cell(r.wasteTonnes.net, Display.amount),
                MetricTable.cell(r.wasteReceivedTonnes, Display.amount), MetricTable.cell(r.wasteReceivedShare, Display.percent),
                MetricTable.cell(r.recoveredTonnes.exported, Display.amount), MetricTable.cell(r.recoveredValueUsd.exported, Display.usd),
                MetricTable.cell(r.valueRecaptureRatio, Display.ratio),
            ])
        }
        blocks += table.blocks
        return blocks
    }
}

extension MetricRows {
    mutating func add(_ waste: Report.WasteSection) {
        let chain = Context(section: "waste", itemKind: "chain", item: "chain")
        emit(chain, "waste_flows", .count, count: waste.wasteFlowCount)
        emit(chain, "total_waste_tonnes", .tonnes, waste.totalWasteTonnes)
        for row in waste.groups + waste.countries.filter(\.moved) {
            let c = Self.party("waste", row.party)
            emit(c, "waste_tonnes", .tonnes, row.wasteTonnes)
            emit(c, "waste_value_usd", .usd, row.wasteValueUsd)
            emit(c, "recovered_tonnes", .tonnes, row.recoveredTonnes)
            emit(c, "recovered_value_usd", .usd, row.recoveredValueUsd)
            emit(c, "value_recapture_ratio", .ratio, row.valueRecaptureRatio)
            emit(c, "waste_received_tonnes", .tonnes, row.wasteReceivedTonnes)
            emit(c, "waste_received_share", .share, row.wasteReceivedShare)
            for fate in row.receivedByFate { emit(c, "received_\(Self.snake(fate.fate))_tonnes", .tonnes, fate.tonnes) }
        }
    }
}

extension Report.WasteRow {
    /// Whether waste or recovered fractions reach or leave the party (in tonnes or USD).
    var moved: Bool {
        [wasteTonnes.exported, wasteTonnes.imported, recoveredTonnes.exported, recoveredTonnes.imported,
         wasteReceivedTonnes, recoveredValueUsd.exported, recoveredValueUsd.imported].contains { $0.value != 0 }
    }
}
