import MineralGraphAnalysis
import MineralGraphCore

// W1 and E3, direct and embodied water and virtual-water trade (METHODS §5, §2.3): built from
// ``WaterFootprintPass`` and ``VirtualWaterTradePass``; method notes, document section and rows.

extension ReportSections {
    /// W1 and E3: direct and embodied water, virtual-water trade.
    enum Water: ReportSection {
        static let key = "water"
        static let empty: Report.WaterSection? = nil
        static let rowSectionTitles = ["water": "Water", "virtual_water": "Virtual water"]

        static func build(_ context: ReportContext) -> Report.WaterSection? {
            let pass = WaterFootprintPass(scheme: context.groups)
            return water(
                pass.run(on: context.derived), VirtualWaterTradePass(water: pass, scheme: context.groups, listsFlows: false).run(on: context.derived),
                names: context.names)
        }

        static func blocks(_ value: Report.WaterSection?, in report: Report) -> [ReportDocument.Block] {
            ReportDocument.waterSection(report)
        }

        static func rows(_ value: Report.WaterSection?, into rows: inout MetricRows) {
            if let value { rows.add(value) }
        }

        /// Without the per-node table, and with the virtual water of the countries that trade
        /// (and of the groups), as the document and the rows show it.
        static func summary(_ value: Report.WaterSection?) -> Report.WaterSection? {
            value.map { water in
                var summary = water
                summary.nodes = []
                summary.virtualWater.countries = water.virtualWater.countries.filter(\.traded)
                return summary
            }
        }
    }
}

extension Report {
    /// W1 and E3: direct and embodied water, virtual-water trade.
    public var water: WaterSection? {
        get { self[ReportSections.Water.self] }
        set { self[ReportSections.Water.self] = newValue }
    }
}

extension ReportSections.Water {
    // MARK: W1, E3

    static func water(_ footprint: WaterFootprint, _ trade: VirtualWaterTrade, names: [String: String]) -> Report.WaterSection {
        let nodes = footprint.nodes
        let producers = nodes.indices.filter { nodes[$0].role == .producer }  // indices: a node row is a large value
        /// The producers that lack a figure, in node order, and how many state it.
        func coverage(_ lacks: (NodeWater) -> Bool) -> Report.CoverageItem {
            let missing = producers.filter { lacks(nodes[$0]) }.map { nodes[$0].nodeID }
            return Report.CoverageItem(stated: producers.count - missing.count, missing: missing)
        }
        let intensities = PerWaterQuantity<Report.CoverageItem> { quantity in
            coverage { $0.water[quantity].intensityM3PerTonne.value == nil }
        }
        let aware = coverage { $0.awareFactor.value == nil }
        func direct(_ row: DirectWater) -> Report.DirectWaterRow {
            Report.DirectWaterRow(
                party: row.party, directM3: row.directM3.map { Report.Metric($0, .cubicMetres) },
                highStressWithdrawalM3: Report.Metric(row.highStressWithdrawalM3, .cubicMetres))
        }
        func virtual(_ row: VirtualWaterBalance) -> Report.VirtualWaterRow {
            Report.VirtualWaterRow(
                party: row.party, exportFlows: row.exportFlowCount, importFlows: row.importFlowCount,
                waterM3: row.waterM3.map { Report.Flows($0, .cubicMetres) })
        }
        let solver = SolverReport.init(
            relativeTolerance: footprint.solver.relativeTolerance, maxIterations: footprint.solver.maxIterations,
            directSolveLimit: footprint.solver.directSolveLimit,
            cyclicComponents: max(footprint.solver.cyclicComponents, trade.solver.cyclicComponents),
            iterations: max(footprint.solver.iterations, trade.solver.iterations),
            converged: footprint.solver.converged && trade.solver.converged)
        return Report.WaterSection(
            allocation: footprint.allocation, highStressThreshold: footprint.highStressThreshold,
            coverage: Report.WaterCoverage(producingNodes: producers.count, intensities: intensities, awareFactor: aware),
            totals: footprint.totals.map { total in
                Report.WaterTotalItem(
                    directM3: Report.Metric(total.directM3, .cubicMetres),
                    statedDirectM3: ReportUnit.cubicMetres.round(total.statedDirectM3), nodesMissing: total.nodesMissing,
                    finalOutputEmbodiedM3: Report.Metric(total.finalOutputEmbodiedM3, .cubicMetres),
                    conservationRelativeError: Report.Metric(total.conservationRelativeError, .ratio))
            },
            highStressWithdrawalM3: Report.Metric(footprint.highStressWithdrawalM3, .cubicMetres),
            highStressWithdrawalShare: Report.Metric(footprint.highStressWithdrawalShare, .share),
            countries: footprint.countries.map(direct), groups: footprint.groups.map(direct),
            nodes: footprint.nodes.map { n in
                Report.NodeWaterRow(
                    node: n.nodeID, name: names[n.nodeID] ?? n.nodeID, country: n.country, stage: n.stage,
                    role: n.role.rawValue, outputTonnes: Report.Metric(n.outputTonnes, .tonnes),
                    outputBasis: n.outputBasis?.rawValue, awareFactor: Report.Metric(n.awareFactor, .ratio),
                    baselineWaterStress: n.baselineWaterStress.map(ReportUnit.share.round), inHighStressBasin: n.inHighStressBasin,
                    water: n.water.map { account in
                        Report.WaterAccountItem(
                            intensityM3PerT: Report.Metric(account.intensityM3PerTonne, .cubicMetres),
                            directM3: Report.Metric(account.directM3, .cubicMetres),
                            embodiedM3PerT: Report.Metric(account.embodiedM3PerTonne, .cubicMetres))
                    })
            },
            virtualWater: Report.VirtualWaterSection(countries: trade.countries.map(virtual), groups: trade.groups.map(virtual)),
            solver: Report.SolverInfo(solver))
    }

    static let methodNotes: [Report.MethodNote] = [
        Report.MethodNote(
            id: "W1", title: "Direct and embodied water",
            formula: "W_n = w_n · O_n; W*_n = w_n + Σ_k a_kn · W*_k, a_kn = q_(k→n) / O_n; WSF_n = consumption_n · CF_AWARE(n)",
            section: "METHODS §5",
            notes: "Withdrawal and consumption are kept apart; AWARE weights consumption only; brine and seawater are not freshwater. "
                + "A producing node without an intensity has no direct water and nothing downstream of it has embodied water (MISSING_INTENSITY): no default is imputed. "
                + "Loops (recycling) are solved as linear systems. Conservation: water embodied in final output equals the sum of direct water.",
            sources: [
                "GRI 303 (water and effluents), 303-3 withdrawal and 303-5 consumption",
                "Hoekstra et al. 2011, The Water Footprint Assessment Manual",
                "Boulay et al. 2018, The WULCA consensus characterization model for water scarcity footprints (AWARE), Int. J. LCA: http://wulca-waterlca.org/aware/",
                "WRI Aqueduct 4.0 (Kuzma et al. 2023), baseline water stress",
            ]),
        Report.MethodNote(
            id: "E3", title: "Net virtual-water trade",
            formula: "VW(e) = q_e · W*_src(e); NVW_A = Σ_{e into A} VW(e) − Σ_{e out of A} VW(e)",
            section: "METHODS §2.3, §5.4",
            notes: "Positive NVW = net importer of embodied water. The AWARE weight is applied where the water is consumed and travels with the product. Inter-country product flows only.",
            sources: [
                "J. A. Allan, virtual water: https://geo.fu-berlin.de/en/v/iwm-network/learning_content/environmental-background/basics_hydrogeography/virtual_water/index.html",
                "Boulay et al. 2018 (AWARE)",
            ]),
    ]
}

extension ReportDocument {
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
        return blocks + waterByPartyBlocks(water) + waterPerNodeBlocks(water)
    }

    /// The quantities the per-party tables show.
    static let partyWaterQuantities: [WaterQuantity] = [.withdrawal, .consumption, .scarcityWeightedConsumption, .brine]

    /// Direct water by group and country, and virtual water in trade (E3).
    static func waterByPartyBlocks(_ water: Report.WaterSection) -> [Block] {
        let quantities = partyWaterQuantities
        var blocks: [Block] = []
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
        for row in vw.groups + vw.countries.filter(\.traded) {
            trade.append([.text(Display.party(row.party))] + quantities.map { MetricTable.cell(row.waterM3[$0].net, Display.amount) })
        }
        blocks += trade.blocks
        return blocks
    }

    /// Water per producing node, collapsed.
    static func waterPerNodeBlocks(_ water: Report.WaterSection) -> [Block] {
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
        return [.details(summary: "Water per node (\(producing.count) producing nodes)", blocks: nodes.blocks)]
    }
}

extension MetricRows {
    // MARK: W1, E3

    mutating func add(_ water: Report.WaterSection) {
        let chain = Context(section: "water", itemKind: "chain", item: "chain")
        emit(chain, "producing_nodes", .count, count: water.coverage.producingNodes)
        emit(chain, "nodes_with_aware_factor", .count, count: water.coverage.awareFactor.stated)
        emit(chain, "high_stress_withdrawal_m3", .cubicMetres, water.highStressWithdrawalM3)
        emit(chain, "high_stress_withdrawal_share", .share, water.highStressWithdrawalShare)
        for q in WaterQuantity.allCases {
            let c = Context(section: "water", itemKind: "quantity", item: q.rawValue)
            let t = water.totals[q]
            emit(c, "nodes_with_intensity", .count, count: water.coverage.intensities[q].stated)
            emit(c, "direct_m3", .cubicMetres(q.unit), t.directM3)
            emit(c, "stated_direct_m3", .cubicMetres(q.unit), Report.Metric(value: t.statedDirectM3))
            emit(c, "final_output_embodied_m3", .cubicMetres(q.unit), t.finalOutputEmbodiedM3)
            emit(c, "conservation_relative_error", .ratio, t.conservationRelativeError)
        }
        for row in water.groups + water.countries {
            let c = Self.party("water", row.party)
            for q in WaterQuantity.allCases { emit(c, "direct_\(Self.snake(q.rawValue))_m3", .cubicMetres(q.unit), row.directM3[q]) }
            emit(c, "high_stress_withdrawal_m3", .cubicMetres, row.highStressWithdrawalM3)
        }
        for n in water.nodes {
            let c = Context(section: "water", stage: n.stage.rawValue, itemKind: "node", item: n.node, itemName: n.name)
            emit(c, "output_tonnes", .tonnes, n.outputTonnes)
            emit(c, "aware_factor", .ratio, n.awareFactor)
            for q in WaterQuantity.allCases {
                let name = Self.snake(q.rawValue)
                emit(c, "intensity_\(name)_m3_per_t", .cubicMetres(q.unit + "/t"), n.water[q].intensityM3PerT)
                emit(c, "direct_\(name)_m3", .cubicMetres(q.unit), n.water[q].directM3)
                emit(c, "embodied_\(name)_m3_per_t", .cubicMetres(q.unit + "/t"), n.water[q].embodiedM3PerT)
            }
        }
        for row in water.virtualWater.groups + water.virtualWater.countries.filter(\.traded) {
            let c = Self.party("virtual_water", row.party)
            for q in WaterQuantity.allCases { emit(c, "\(Self.snake(q.rawValue))_m3", .cubicMetres(q.unit), row.waterM3[q]) }
        }
    }
}

extension Report.VirtualWaterRow {
    /// Whether the party has product trade (countries without it are left out of the rows).
    var traded: Bool { exportFlows + importFlows > 0 }
}
