import MineralGraphAnalysis
import MineralGraphCore

// C3, the bottleneck stage per mineral (METHODS §1.7–1.8): rows from ``BottleneckStagePass``
// on the country concentration, the method note, the document section and the rows.

extension ReportSections {
    /// C3 per mineral × year.
    enum Bottleneck: ReportSection {
        static let key = "bottlenecks"
        static let aliases = ["bottleneck"]
        static let empty: [Report.BottleneckRow] = []
        static let rowSectionTitles = ["bottleneck": "Bottleneck stage"]

        static func build(_ context: ReportContext) -> [Report.BottleneckRow] {
            BottleneckStagePass(guidelines: context.options.guidelines, upperBound: context.options.upperBound)
                .run(on: context.countryConcentration).minerals.map(row)
        }

        static func blocks(_ value: [Report.BottleneckRow], in report: Report) -> [ReportDocument.Block] {
            ReportDocument.bottleneckSection(report)
        }

        static func rows(_ value: [Report.BottleneckRow], into rows: inout MetricRows) {
            for row in value { rows.add(row) }
        }
    }
}

extension Report {
    /// C3 per mineral × year.
    public var bottlenecks: [BottleneckRow] {
        get { self[ReportSections.Bottleneck.self] }
        set { self[ReportSections.Bottleneck.self] = newValue }
    }
}

extension ReportSections.Bottleneck {
    static func row(_ item: BottleneckStage) -> Report.BottleneckRow {
        Report.BottleneckRow(
            mineral: item.mineral, year: item.year, stage: item.stage, hhi: item.hhi.map(ReportUnit.hhi.round), band: item.band,
            tie: item.isTie, robust: item.isRobust,
            candidates: item.candidates.map {
                .init(stage: $0.stage, hhi: $0.hhi.map(ReportUnit.hhi.round), hhiLo: $0.hhiLo.map(ReportUnit.hhi.round),
                      hhiHi: $0.hhiHi.map(ReportUnit.hhi.round), complete: $0.isComplete)
            },
            unavailable: item.unavailable)
    }

    static let methodNotes = [Report.MethodNote(
        id: "C3", title: "Bottleneck stage per mineral",
        formula: "bottleneck(m, y) = argmax over mining, processing, manufacturing of HHI(m, stage, y)",
        section: "METHODS §1.7–1.8",
        notes: "The EU method keeps the stage with the higher supply risk; without the external inputs supply risk needs (WGI, import reliance, recycling, substitution), stages are ranked by HHI. "
            + "A bottleneck is 'robust' when its hhi_lo is at least every other stage's hhi_hi, there is no tie and no figure is withheld.",
        sources: [
            "Blengini et al. 2017, EUR 28654 EN, doi:10.2760/73303",
            "meyerdata/CritMAT: critmat/calculations/supply_risk_eu.py",
        ])]
}

extension ReportDocument {
    @Sendable static func bottleneckSection(_ report: Report) -> [Block] {
        guard !report.bottlenecks.isEmpty else { return [] }
        return [
            .heading(level: 2, text: "Bottleneck stage per mineral"),
            .paragraph(["The most concentrated of the mining, processing and manufacturing stages (METHODS §1.7: the EU method keeps the higher stage). \"Robust\" means no split of the residuals can change the ranking: the bottleneck's hhi_lo is at least every other stage's hhi_hi, with no tie and no withheld figure."]),
            .table(Table(
                columns: [
                    Column("Mineral"), Column("Year", .right), Column("Bottleneck"), Column("HHI", .right), Column("Band"),
                    Column("Stages compared"), Column("Robust"),
                ],
                rows: report.bottlenecks.map { row in
                    [
                        [.text(row.mineral.rawValue)], [.text(String(row.year))],
                        [.text(row.stage?.rawValue ?? "n/a" + (row.unavailable.map { " (\($0.code))" } ?? ""))],
                        [.text(Display.hhi(row.hhi))], [.text(row.band?.title ?? "—")],
                        [.text(row.candidates.map { candidate in
                            "\(candidate.stage.rawValue) \(Display.hhi(candidate.hhi))"
                                + (candidate.hhiLo != candidate.hhiHi ? " (\(Display.range(candidate.hhiLo, candidate.hhiHi)))" : "")
                                + (candidate.complete ? "" : " incomplete")
                        }.joined(separator: "; "))],
                        [.text(row.stage == nil ? "—" : row.candidates.filter { $0.hhi != nil }.count == 1 ? "one stage measured"
                            : row.tie ? "no (tie)" : row.robust ? "yes" : "no")],
                    ]
                })),
        ]
    }
}

extension MetricRows {
    /// C3: the bottleneck stage of a mineral.
    mutating func add(_ row: Report.BottleneckRow) {
        let c = Context(section: "bottleneck", mineral: row.mineral.rawValue, year: row.year, itemKind: "mineral", item: row.mineral.rawValue)
        let missing = row.unavailable ?? Unavailable(.missingValue, "no stage has an HHI")
        emit(c, "stage", .label, row.stage.map { .label($0.rawValue) } ?? .unavailable(missing))
        emit(c, "hhi", .hhi, ReportRow.Value(row.hhi, unavailable: missing))
        emit(c, "band", .label, row.band.map { .label($0.rawValue) } ?? .unavailable(missing))
    }
}
