import MineralGraphAnalysis
import MineralGraphCore

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

    // MARK: W1, E3

    @Sendable static func waterSection(_ report: Report) -> [Block] {
        guard let water = report.water else { return [] }
        var blocks: [Block] = [.heading(level: 2, text: "Water")]
        let coverage = water.coverage
        let producers = coverage.producingNodes
        guard producers > 0 else {
            return blocks + [.paragraph(["The graph has no producing nodes, so there is no water use to report."])]
        }
        let w = coverage.intensities
        blocks.append(.paragraph([
            "Direct water of a node = its intensity (m³ per tonne of output) × its output; embodied water per tonne adds what its inputs carried (METHODS §5, W1). Withdrawal and consumption are kept apart; scarcity weighting by AWARE applies to consumption; brine and seawater are not freshwater. ",
            .strong("Coverage:"),
            .text(" of \(producers) producing nodes, \(w.withdrawal.stated) state a withdrawal intensity, \(w.consumption.stated) a consumption intensity, \(w.brine.stated) a brine intensity and \(coverage.awareFactor.stated) an AWARE factor. A node without an intensity has no direct water, and nothing downstream of it has embodied water; no default is imputed."),
        ]))
        let stated = WaterQuantity.allCases.contains { w[$0].stated > 0 }
        guard stated else {
            blocks.append(.paragraph([.text(
                "No producing node states any water intensity, so direct and embodied water, virtual-water trade and the water burden are all unknown (MISSING_INTENSITY). Nodes without an intensity: "
                    + w.consumption.missing.joined(separator: ", ") + ".")]))
            return blocks
        }

        var totals = MetricTable([
            Column("Quantity"), Column("Chain total", .right), Column("At nodes that state it", .right),
            Column("Nodes stating it", .right), Column("Embodied in final output", .right),
        ])
        for q in WaterQuantity.allCases {
            let t = water.totals[q]
            totals.append([
                .text(Display.waterQuantity(q)), MetricTable.cell(t.directM3, Display.amount), .text(Display.amount(t.statedDirectM3)),
                .text("\(w[q].stated) of \(producers)"), MetricTable.cell(t.finalOutputEmbodiedM3, Display.amount),
            ])
        }
        blocks += totals.blocks
        var stress = MetricTable([
            Column("Basins"), Column("Withdrawal in high-stress basins (m³)", .right),
            Column("High-stress share of all withdrawal", .right),
        ])
        stress.append([
            .text("Baseline water stress ≥ \(Display.percent(water.highStressThreshold))"),
            MetricTable.cell(water.highStressWithdrawalM3, Display.amount), MetricTable.cell(water.highStressWithdrawalShare, Display.percent),
        ])
        blocks += stress.blocks

        // Direct water by group and country
        let quantities: [WaterQuantity] = [.withdrawal, .consumption, .scarcityWeightedConsumption, .brine]
        var direct = MetricTable([Column("Country or group")] + quantities.map { Column(Display.waterQuantity($0), .right) })
        for row in water.groups + water.countries {
            direct.append([.text(Display.party(row.party))] + quantities.map { MetricTable.cell(row.directM3[$0], Display.amount) })
        }
        blocks.append(.heading(level: 3, text: "Direct water by country group and country"))
        blocks += direct.blocks

        // E3
        blocks.append(.heading(level: 3, text: "Virtual water in trade"))
        blocks.append(.paragraph([
            "Net virtual-water import NVW = water embodied in imports − water embodied in exports (positive: net importer; METHODS §2.3, E3). The scarcity weight is applied where the water was consumed and travels with the product.",
        ]))
        let vw = water.virtualWater
        var trade = MetricTable([Column("Country or group")] + quantities.map { Column("NVW, " + Display.waterQuantity($0), .right) })
        for row in vw.groups + vw.countries.filter({ $0.exportFlows + $0.importFlows > 0 }) {
            trade.append([.text(Display.party(row.party))] + quantities.map { MetricTable.cell(row.waterM3[$0].net, Display.amount) })
        }
        blocks += trade.blocks

        // Per node, collapsed.
        let oneDecimal: (Double) -> String = { NumberFormatting.grouped($0, decimals: 1) }
        var nodes = MetricTable([
            Column("Node"), Column("Country"), Column("Stage"), Column("Output (t)", .right), Column("AWARE", .right),
            Column("Withdrawal m³/t", .right), Column("Withdrawal m³", .right), Column("Embodied withdrawal m³/t", .right),
            Column("Consumption m³/t", .right), Column("Consumption m³", .right), Column("Embodied consumption m³/t", .right),
        ])
        let producing = water.nodes.filter { $0.role == ChainRole.producer.rawValue }
        for n in producing {
            var row: [MetricTable.Cell] = [
                .text("\(n.name) (\(n.node))"), .text(n.country.rawValue), .text(n.stage.rawValue),
                MetricTable.cell(n.outputTonnes, Display.amount), MetricTable.cell(n.awareFactor, Display.ratio),
            ]
            for q in [WaterQuantity.withdrawal, .consumption] {
                let a = n.water[q]
                row += [MetricTable.cell(a.intensityM3PerT, oneDecimal), MetricTable.cell(a.directM3, Display.amount),
                        MetricTable.cell(a.embodiedM3PerT, oneDecimal)]
            }
            nodes.append(row)
        }
        blocks.append(.details(summary: "Water per node (\(producing.count) producing nodes)", blocks: nodes.blocks))
        return blocks
    }

    // MARK: X1

    @Sendable static func wasteSection(_ report: Report) -> [Block] {
        guard let waste = report.waste else { return [] }
        var blocks: [Block] = [.heading(level: 2, text: "Waste and recovered fractions")]
        let recovered = waste.countries.contains { $0.recoveredValueUsd.exported.value != 0 || $0.recoveredTonnes.exported.value != 0 }
        guard waste.wasteFlowCount > 0 || recovered else {
            return blocks + [.paragraph(["The graph has no waste or recovered-fraction flows."])]
        }
        let total = waste.totalWasteTonnes.value.map { Display.amount($0) + " t" }
            ?? "an unknown tonnage (\(Display.words(waste.totalWasteTonnes.unavailable?.code ?? "MISSING_TONNES")))"
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
