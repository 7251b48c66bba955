import MineralGraphAnalysis
import MineralGraphCore

// E4, burden share against value share (METHODS §2.3): built from ``BurdenBenefitPass``; method
// note, document section and rows.

extension ReportSections {
    /// E4: burden share against value share.
    enum BurdenBenefit: ReportSection {
        static let key = "burdenBenefit"
        static let empty: Report.BurdenBenefitSection? = nil
        static let rowSectionTitles = ["burden_benefit": "Burden and benefit"]

        static func build(_ context: ReportContext) -> Report.BurdenBenefitSection? {
            let groups = context.groups
            return burdenBenefit(BurdenBenefitPass(water: WaterFootprintPass(scheme: groups), scheme: groups).run(on: context.derived))
        }

        static func blocks(_ value: Report.BurdenBenefitSection?, in report: Report) -> [ReportDocument.Block] {
            ReportDocument.burdenSection(report)
        }

        static func rows(_ value: Report.BurdenBenefitSection?, into rows: inout MetricRows) {
            if let value { rows.add(value) }
        }

        /// Without the per-country table (the groups stay).
        static func summary(_ value: Report.BurdenBenefitSection?) -> Report.BurdenBenefitSection? {
            value.map { var summary = $0; summary.countries = []; return summary }
        }
    }
}

extension Report {
    /// E4: burden share against value share.
    public var burdenBenefit: BurdenBenefitSection? {
        get { self[ReportSections.BurdenBenefit.self] }
        set { self[ReportSections.BurdenBenefit.self] = newValue }
    }
}

extension ReportSections.BurdenBenefit {
    // MARK: E4

    static func burdenBenefit(_ result: MineralGraphAnalysis.BurdenBenefit) -> Report.BurdenBenefitSection {
        func amount(_ burden: BurdenResource) -> ReportUnit {
            switch burden {
            case .extraction, .wasteReceived: .tonnes
            case .waterWithdrawal, .waterConsumption, .scarcityWeightedWater: .cubicMetres
            }
        }
        func row(_ r: BurdenBenefitRow) -> Report.BurdenBenefitRow {
            Report.BurdenBenefitRow(
                party: r.party, valueAddedUsd: Report.Metric(r.valueAddedUSD, .usd),
                valueShare: Report.Metric(r.valueShare, .share),
                burdens: r.ratios.map { b in
                    Report.BurdenItem(
                        burden: b.burden.rawValue, unit: b.burden.unit, amount: Report.Metric(b.amount, amount(b.burden)),
                        share: Report.Metric(b.share, .share), ratio: Report.Metric(b.ratio, .ratio),
                        band: b.band?.rawValue)
                })
        }
        return Report.BurdenBenefitSection(
            priceYear: result.priceYear, totalValueAddedUsd: Report.Metric(result.totalValueAddedUSD, .usd),
            totals: result.totals.map {
                Report.BurdenTotalItem(burden: $0.burden.rawValue, unit: $0.burden.unit, amount: Report.Metric($0.amount, amount($0.burden)))
            },
            countries: result.countries.map(row), groups: result.groups.map(row))
    }

    static let methodNotes: [Report.MethodNote] = [
        Report.MethodNote(
            id: "E4", title: "Burden–benefit ratio",
            formula: "burden_share_g(R) = Σ_{n in g} R(n) / Σ_n R(n); BBR_g(R) = burden_share_g(R) / VA_share_g",
            section: "METHODS §2.3",
            notes: "Burdens: direct water withdrawal and consumption, AWARE-weighted consumption, tonnes extracted, tonnes of waste received. "
                + "BBR = 1: burden in proportion to value captured; > 1: more burden than value. Bands (tool convention): < 0.5 beneficiary, 0.5–2 roughly proportional, > 2 burden-bearing. "
                + "Needs the value added of every node; a burden without data at every node has no share.",
            sources: [
                "Dorninger et al. 2021; Hickel et al. 2022 (unequal exchange); METHODS §3 (value-added gap)",
            ]),
    ]
}

extension ReportDocument {
    // MARK: E4

    @Sendable static func burdenSection(_ report: Report) -> [Block] {
        guard let bb = report.burdenBenefit else { return [] }
        var blocks: [Block] = [
            .heading(level: 2, text: "Burden and benefit: who carries what, who earns what"),
            .paragraph([
                "Each group's share of a physical burden against its share of the chain's value added: burden–benefit ratio BBR = burden share ÷ value share (METHODS §2.3, E4). BBR above 2: burden-bearing; 0.5–2: roughly proportional; below 0.5: beneficiary (tool convention). A burden share needs the burden at every node and a ratio the value added of every node. Tonnes extracted are the mines' gross output, contained tonnes where gross is not stated — so where some mines state gross tonnes and others do not, these shares differ from the contained-tonne shares of the concentration section; waste received is in gross tonnes.",
            ]),
        ]
        blocks += glanceBlocks(report)
        blocks.append(.heading(level: 3, text: "Burden–benefit ratios"))
        var totals = MetricTable([Column("Burden"), Column("Chain total", .right)])
        for t in bb.totals {
            totals.append([.text(Display.burden(t.burden)), MetricTable.cell(t.amount) { Display.amount($0) + " " + t.unit }])
        }
        blocks += totals.blocks

        // Groups in columns, burdens in rows.
        let groups = bb.groups
        let burdens = groups.first?.burdens.map(\.burden) ?? []
        var table = MetricTable([Column("")] + groups.map { Column($0.party.name, .right) }, dropEmptyRows: true)
        table.append([.text("Share of value added")] + groups.map { MetricTable.cell($0.valueShare, Display.percent) })
        for burden in burdens {
            table.append([.text("Share of \(Display.burden(burden))")] + groups.map { g in
                g.burdens.first { $0.burden == burden }.map { MetricTable.cell($0.share, Display.percent) } ?? .text("—")
            })
        }
        for burden in burdens {
            table.append([.text("BBR for \(Display.burden(burden))")] + groups.map { g -> MetricTable.Cell in
                guard let item = g.burdens.first(where: { $0.burden == burden }) else { return .text("—") }
                let cell = MetricTable.cell(item.ratio, Display.ratio)
                if case .text(let text) = cell, let band = item.band { return .text(text + " (\(band.replacingAll("-", with: " ")))") }
                return cell
            })
        }
        blocks.append(.paragraph([
            "Country groups of the \(report.settings.scheme.title) (\(report.settings.scheme.id), as of \(report.settings.scheme.asOf)).",
        ]))
        blocks += table.blocks

        // Countries, collapsed.
        var countries = MetricTable(
            [Column("Country"), Column("Value share", .right)]
                + burdens.flatMap { [Column("Share of \(Display.burden($0))", .right), Column("BBR for \(Display.burden($0))", .right)] })
        for c in byValue(bb.countries, value: { $0.valueAddedUsd.value }, key: \.party.id) {
            countries.append([.text(Display.party(c.party)), MetricTable.cell(c.valueShare, Display.percent)]
                + burdens.flatMap { burden -> [MetricTable.Cell] in
                    guard let item = c.burdens.first(where: { $0.burden == burden }) else { return [.text("—"), .text("—")] }
                    return [MetricTable.cell(item.share, Display.percent), MetricTable.cell(item.ratio, Display.ratio)]
                })
        }
        blocks.append(.details(summary: "Burden and benefit per country (\(bb.countries.count) countries)", blocks: countries.blocks))
        return blocks
    }

    /// Group shares of the physical stages (contained tonnes, from the concentration rows) next
    /// to group shares of value added — readable even when the ratios of E4 are not.
    static func glanceBlocks(_ report: Report) -> [Block] {
        let groups = CountryGroup.allCases
        var table = MetricTable([Column("Share of …")] + groups.map { Column($0.title, .right) })
        let stages: [(Stage, String)] = [(.mining, "mined"), (.processing, "processed"), (.waste, "received at waste destinations")]
        for (stage, verb) in stages {
            for row in report.concentration where row.stage == stage && row.year == report.graph.year {
                guard let g = row.groupShares else { continue }
                let values = [g.developed, g.developing, g.developingExclChina, g.ldc]
                table.append([.text("\(Display.mineral(row.mineral)) \(verb) (\(row.basis))")] + values.map { .text(Display.percent($0)) })
            }
        }
        if let measured = report.valueAdded?.measured {
            let scope = measured.complete ? "whole chain" : measured.stages.isEmpty ? "no stage measured" : Display.series(measured.stages.map(\.rawValue))
            table.append([.text("Value added (\(scope))")] + groups.map { group -> MetricTable.Cell in
                guard let share = measured.groups.first(where: { $0.party.id == group.rawValue }) else { return .text("—") }
                return MetricTable.cell(share.share, Display.percent)
            })
        }
        guard !table.rows.isEmpty else { return [] }
        return [
            .heading(level: 3, text: "Shares by country group at a glance"),
            .paragraph([.text(
                "Where the material is mined, processed and discarded (contained tonnes, from the concentration section) against where value is added. Country groups of the \(report.settings.scheme.title) (\(report.settings.scheme.id), as of \(report.settings.scheme.asOf)); \"developing excluding China\" and the LDCs are cuts of the developing group.")]),
        ] + table.blocks
    }
}

extension MetricRows {
    // MARK: E4, X1

    mutating func add(_ bb: Report.BurdenBenefitSection) {
        let chain = Context(section: "burden_benefit", itemKind: "chain", item: "chain")
        emit(chain, "total_value_added_usd", .usd, bb.totalValueAddedUsd)
        for t in bb.totals { emit(chain, "total_" + Self.snake(t.burden), .named(t.unit), t.amount) }
        for row in bb.groups + bb.countries {
            let c = Self.party("burden_benefit", row.party)
            emit(c, "value_added_usd", .usd, row.valueAddedUsd)
            emit(c, "value_share", .share, row.valueShare)
            for b in row.burdens {
                let name = Self.snake(b.burden)
                emit(c, name + "_amount", .named(b.unit), b.amount)
                emit(c, name + "_share", .share, b.share)
                emit(c, name + "_bbr", .ratio, b.ratio)
            }
        }
    }
}
