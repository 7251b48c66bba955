import MineralGraphAnalysis
import MineralGraphCore

// The origin-exposure section (METHODS §4.2, S1): its JSON rows, how they are built from
// ``CountryExposurePass``, its method note, its document blocks and its CSV/diff rows.

extension Report {
    public struct OriginShare: Codable, Hashable, Sendable {
        public var country: CountryCode
        public var name: String
        /// 0…1 of the importing country's supply.
        public var share: Double
    }

    /// Where one importing country's supply of one mineral comes from.
    public struct ExposureRow: Codable, Hashable, Sendable {
        public var country: CountryCode
        public var countryName: String
        public var mineral: MineralID
        /// The stage of the country's supplied nodes.
        public var stage: Stage
        public var minedIn: [OriginShare]
        public var refinedIn: [OriginShare]
        public var untracedMined: Double?
        /// Origin-traced import HHI (0–10,000) over mining countries.
        public var originHhi: Double?
        public var unavailable: Unavailable?
    }
}

extension ReportSections {
    /// S1 origin exposure per importing country × mineral.
    enum Exposure: ReportSection {
        static let key = "exposure"
        static let empty: [Report.ExposureRow] = []

        static func build(_ context: ReportContext) -> [Report.ExposureRow] {
            rows(CountryExposurePass().run(on: context.derived))
        }

        static func blocks(_ value: [Report.ExposureRow], in report: Report) -> [ReportDocument.Block] {
            ReportDocument.exposureSection(report)
        }

        static func rows(_ value: [Report.ExposureRow], into rows: inout MetricRows) {
            for row in value { rows.add(row) }
        }
    }
}

extension Report {
    /// S1 origin exposure per importing country × mineral (METHODS §4.2).
    public var exposure: [ExposureRow] {
        get { self[ReportSections.Exposure.self] }
        set { self[ReportSections.Exposure.self] = newValue }
    }
}

extension ReportSections.Exposure {
    static func rows(_ items: [CountryExposureRow]) -> [Report.ExposureRow] {
        items.map { row in
            func shares(_ list: [CountryExposure]) -> [Report.OriginShare] {
                list.filter { ReportUnit.share.round($0.share) > 0 }.map {
                    Report.OriginShare(country: $0.country, name: ReportBuilder.countryName($0.country), share: ReportUnit.share.round($0.share))
                }
            }
            return Report.ExposureRow(
                country: row.country, countryName: ReportBuilder.countryName(row.country), mineral: row.mineral, stage: row.stage,
                minedIn: shares(row.minedIn), refinedIn: shares(row.refinedIn), untracedMined: row.untracedMined.map(ReportUnit.share.round),
                originHhi: row.originHHI.map(ReportUnit.hhi.round), unavailable: row.unavailable)
        }
    }

    static let methodNotes = [Report.MethodNote(
        id: "S1", title: "Origin exposure per importing country",
        formula: "exp_n(s) = Σ_{e into n} (f_e / I_n)·exp_src(e)(s); exp_c(o) = Σ_n I_n·Σ_{s in o} exp_n(s) / Σ_n I_n; HHI_origin(c) = 10,000·Σ_o exp_c(o)²",
        section: "METHODS §4.2, §1.5",
        notes: "Linear origin tracing through the chain, loops solved as a fixed point. A country's supply is what its nodes at the most downstream stage where it receives the mineral receive (tool convention), so a domestic refinery feeding domestic plants is counted once. 'Mined in' traces to mines; 'refined in' to processing nodes. Under proportional rationing a cut δ at an origin gives the country a shortfall of δ times its exposure (first order).",
        sources: ["Klimek, Obersteiner & Thurner 2015, Systemic trade risk of critical resources, Sci. Adv. 1:e1500522"])]
}

extension ReportDocument {
    @Sendable static func exposureSection(_ report: Report) -> [Block] {
        guard !report.exposure.isEmpty else { return [] }
        var blocks: [Block] = [.heading(level: 2, text: "Origin exposure: where each importer's supply is mined and refined")]
        blocks.append(.paragraph([
            "The share of each importing country's supply that traces back, through the chain, to each mining country and to each processing country (METHODS §4.2), and the import HHI over the mining origins. A cut at an origin reaches the importer in proportion to its exposure.",
        ]))
        func list(_ shares: [Report.OriginShare]) -> String {
            shares.isEmpty ? "—" : shares.prefix(3).map { "\($0.name) (\($0.country)) \(Display.percent($0.share))" }.joined(separator: "; ")
        }
        blocks.append(.table(Table(
            columns: [
                Column("Importer"), Column("Mineral"), Column("Supplied stage"), Column("Mined in"), Column("Refined in"),
                Column("Origin HHI", .right),
            ],
            rows: report.exposure.map { row in
                [
                    [.text("\(row.countryName) (\(row.country))")], [.text(row.mineral.rawValue)], [.text(row.stage.rawValue)],
                    [.text(row.unavailable.map { "n/a (\($0.code))" } ?? list(row.minedIn))], [.text(list(row.refinedIn))],
                    [.text(Display.hhi(row.originHhi))],
                ]
            })))
        let notes: [[Inline]] = report.exposure.compactMap { row in
            row.unavailable.map { [.strong("\(row.country) · \(row.mineral)"), ": not available — \($0.code): \($0.reason)."] }
        }
        if !notes.isEmpty { blocks.append(.list(notes)) }
        return blocks
    }
}

extension MetricRows {
    mutating func add(_ row: Report.ExposureRow) {
        let c = Context(
            section: "exposure", mineral: row.mineral.rawValue, stage: row.stage.rawValue, itemKind: "country",
            item: row.country.rawValue, itemName: row.countryName)
        emit(c, "origin_hhi", .hhi, ReportRow.Value(row.originHhi, unavailable: row.unavailable))
        for origin in row.minedIn {
            emit(c, "mined_in_" + origin.country.rawValue, .share, .number(origin.share))
        }
        for origin in row.refinedIn {
            emit(c, "refined_in_" + origin.country.rawValue, .share, .number(origin.share))
        }
    }
}
