import MineralGraphAnalysis
import MineralGraphCore

// The C1 markets over nodes (facilities or country-stage aggregates): rows from
// ``FacilityConcentrationPass``, shown in the appendix; the method is C1's.

extension ReportSections {
    /// The concentration markets with each node as one supplier.
    enum FacilityConcentration: ReportSection {
        static let key = "facilityConcentration"
        static let aliases = ["facilities"]
        static let empty: [Report.ConcentrationRow] = []
        static let placement = DocumentPlacement.appendix
        static let rowSectionTitles = ["facility_concentration": "Concentration (facilities)"]

        static func build(_ context: ReportContext) -> [Report.ConcentrationRow] {
            FacilityConcentrationPass(guidelines: context.options.guidelines, upperBound: context.options.upperBound)
                .run(on: context.derived).markets.map { Concentration.row($0, context) }
        }

        static func blocks(_ value: [Report.ConcentrationRow], in report: Report) -> [ReportDocument.Block] {
            ReportDocument.facilitySection(report)
        }

        static func rows(_ value: [Report.ConcentrationRow], into rows: inout MetricRows) {
            for row in value { rows.add(row, section: "facility_concentration") }
        }
    }
}

extension Report {
    /// The same markets over nodes (facilities or country-stage aggregates).
    public var facilityConcentration: [ConcentrationRow] {
        get { self[ReportSections.FacilityConcentration.self] }
        set { self[ReportSections.FacilityConcentration.self] = newValue }
    }
}

extension ReportDocument {
    @Sendable static func facilitySection(_ report: Report) -> [Block] {
        guard !report.facilityConcentration.isEmpty else { return [] }
        return [
            .heading(level: 2, text: "Facility-level concentration"),
            .paragraph(["The same markets with each node (facility or country-stage aggregate) as one supplier; the residual stands for unnamed facilities. Where a graph has one node per country and stage, this equals the country-level HHI."]),
            .table(Table(
                columns: [
                    Column("Mineral"), Column("Stage"), Column("Year", .right), Column("HHI", .right), Column("HHI range", .right),
                    Column("Band"), Column("Facilities", .right), Column("Top facilities"),
                ],
                rows: report.facilityConcentration.map { row in
                    [
                        [.text(row.mineral.rawValue)], [.text(row.stage.rawValue)], [.text(String(row.year))],
                        [.text(Display.hhi(row.hhi))], [.text(Display.range(row.hhiLo, row.hhiHi))],
                        [.text(Display.band(row.band, robust: row.bandRobust))], [.text(String(row.supplierCount))],
                        [.text(row.top.map { "\($0.name) (\($0.country)) \(Display.percent($0.share))" }.joined(separator: "; "))],
                    ]
                })),
        ]
    }
}
