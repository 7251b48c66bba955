import MineralGraphAnalysis
import MineralGraphCore

extension ReportDocument {
    // MARK: V1–V3

    @Sendable static func valueAddedSection(_ report: Report) -> [Block] {
        guard let va = report.valueAdded else { return [] }
        var blocks: [Block] = [.heading(level: 2, text: "Value added: where the value sits")]
        guard !va.nodes.isEmpty else {
            return blocks + [.paragraph(["The graph has no producing nodes, so there is no value added to report."])]
        }
        let measured = va.measured
        var intro = "Value added of a node = what it sells (shipped and unshipped output) minus what it buys on the graph's edges, in USD at \(va.priceYear) prices (METHODS §3.1, V1). It is a gross margin over materials: energy, reagents, labour and services are not edges, and a one-mineral graph leaves out manufacturers' other materials, so it is an upper bound. "
        if measured.complete, let total = va.totalUsd.value {
            intro += "The chain adds \(Display.usd(total)) in all."
        } else if !measured.stages.isEmpty, let total = measured.totalUsd.value {
            intro += "The whole chain's value added is unknown because "
                + Display.series(measured.excluded.map { "the \($0.stage.rawValue) stage's is (\(Display.innermostExample($0.unavailable)))" })
                + ". Shares are therefore over the measured stages — \(Display.series(measured.stages.map(\.rawValue))), where every node has a value — which add \(Display.usd(total))."
        } else {
            intro += "No stage has a value at every node, so no shares can be given: \(Display.innermostExample(measured.totalUsd.unavailable ?? Unavailable(.missingValue, "no value")))."
        }
        blocks.append(.paragraph([.text(intro)]))
        guard !measured.stages.isEmpty || va.nodes.contains(where: { $0.valueAddedUsd.value != nil }) else {
            return blocks + nodeValueBlocks(va)
        }
        return blocks + valueByStageBlocks(va) + valueByPartyBlocks(va, scheme: report.settings.scheme)
            + valueCaptureBlocks(va) + unitValueBlocks(va) + nodeValueBlocks(va)
    }

    /// "chain", or the measured stages in words.
    static func measuredScope(_ measured: Report.MeasuredValueAdded) -> String {
        measured.complete ? "chain" : Display.series(measured.stages.map(\.rawValue))
    }

    /// Value added by stage, with shares over the measured stages.
    static func valueByStageBlocks(_ va: Report.ValueAddedSection) -> [Block] {
        let measured = va.measured, scope = measuredScope(va.measured)
        var stages = MetricTable([Column("Stage"), Column("Value added", .right), Column("Share (\(scope))", .right)])
        for s in va.byStage {
            let share: MetricTable.Cell =
                if let v = s.valueAddedUsd.value, measured.stages.contains(s.stage), let t = measured.totalUsd.value, t > 0 {
                    .text(Display.percent(v / t))
                } else if measured.stages.contains(s.stage) {
                    .missing(measured.totalUsd.unavailable ?? Unavailable(.nonPositiveTotal, "the measured stages add no value"))
                } else {
                    .text("not measured")
                }
            stages.append([.text(s.stage.rawValue), MetricTable.cell(s.valueAddedUsd, Display.usd), share])
        }
        return [.heading(level: 3, text: "By stage")] + stages.blocks
    }

    /// Value added by country group and country, over the measured stages and all stages.
    static func valueByPartyBlocks(_ va: Report.ValueAddedSection, scheme: Report.SchemeInfo) -> [Block] {
        let measured = va.measured, scope = measuredScope(va.measured)
        var blocks: [Block] = [.heading(level: 3, text: "By country group and country")]
        blocks.append(.paragraph([
            "Country groups of the \(scheme.title) (\(scheme.id), as of \(scheme.asOf)); \"developing excluding China\" and the LDCs are cuts of the developing group. Countries are ordered by value added over the \(measured.complete ? "chain" : "measured stages").",
        ]))
        func measuredShare(_ party: CountryOrGroup) -> Report.PartyShare? {
            (measured.countries + measured.groups).first { $0.party == party }
        }
        var parties = MetricTable([
            Column("Country or group"), Column("Nodes", .right), Column("Value added (\(scope))", .right),
            Column("Share (\(scope))", .right), Column("Value added, all stages", .right),
        ])
        let countries = byValue(
            va.countries.filter { $0.nodeCount > 0 }, value: { measuredShare($0.party)?.valueAddedUsd.value }, key: \.party.id)
        for p in va.groups + countries {
            let m = measuredShare(p.party)
            parties.append([
                .text(Display.party(p.party)), .text(String(p.nodeCount)),
                m.map { MetricTable.cell($0.valueAddedUsd, Display.usd) } ?? .text("—"),
                m.map { MetricTable.cell($0.share, Display.percent) } ?? .text("—"),
                MetricTable.cell(p.valueAddedUsd, Display.usd),
            ])
        }
        return blocks + parties.blocks
    }

    static func nodeValueBlocks(_ va: Report.ValueAddedSection) -> [Block] {
        var nodes = MetricTable([
            Column("Node"), Column("Country"), Column("Stage"), Column("Shipped", .right), Column("Unshipped", .right),
            Column("Material inputs", .right), Column("Value added", .right), Column("Share of chain", .right),
        ])
        for n in va.nodes {
            var added = MetricTable.cell(n.valueAddedUsd, Display.usd)
            if n.negative, case .text(let text) = added { added = .text(text + " (negative)") }
            nodes.append([
                .text("\(n.name) (\(n.node))"), .text(n.country.rawValue), .text(n.stage.rawValue),
                MetricTable.cell(n.shippedUsd, Display.usd), MetricTable.cell(n.unshippedUsd, Display.usd),
                MetricTable.cell(n.materialInputsUsd, Display.usd), added, MetricTable.cell(n.share, Display.percent),
            ])
        }
        return [.details(summary: "Value added per node (\(va.nodes.count) producing nodes)", blocks: nodes.blocks)]
    }

    static func valueCaptureBlocks(_ va: Report.ValueAddedSection) -> [Block] {
        guard !va.valueCapture.isEmpty, !va.measured.stages.isEmpty else { return [] }
        let complete = va.measured.complete
        let scope = complete ? "chain" : Display.series(va.measured.stages.map(\.rawValue))
        var blocks: [Block] = [
            .heading(level: 3, text: "Value capture against extraction"),
            .paragraph([.text(
                "Share of value added against share of the mineral mined (contained tonnes; METHODS §3.2, V2). Value-capture ratio VCR = value share ÷ mining share: 1 means value in proportion to extraction, below 1 less. The gap is the difference in percentage points."
                    + (complete ? "" : " Value shares are over the measured stages (\(scope)), because the whole chain's value added is unknown."))]),
        ]
        for mineral in va.valueCapture {
            var table = MetricTable([
                Column("Country or group"), Column("Mined (\(mineral.basis))", .right), Column("Share of mining", .right),
                Column("Share of value added (\(scope))", .right), Column("VCR", .right), Column("Gap", .right),
            ])
            let countries = byValue(mineral.countries.filter { item in
                (item.physicalShare.value ?? 1) > 0 || ((complete ? item.valueShare : item.measuredValueShare).value ?? 0) != 0
            }, value: { $0.containedTonnes.value }, key: \.party.id)
            for item in mineral.groups + countries {
                table.append([
                    .text(Display.party(item.party)), MetricTable.cell(item.containedTonnes, Display.amount),
                    MetricTable.cell(item.physicalShare, Display.percent),
                    MetricTable.cell(complete ? item.valueShare : item.measuredValueShare, Display.percent),
                    MetricTable.cell(complete ? item.valueCaptureRatio : item.measuredValueCaptureRatio, Display.ratio),
                    MetricTable.cell(complete ? item.gap : item.measuredGap, Display.points),
                ])
            }
            blocks.append(.paragraph([.strong("\(Display.mineral(mineral.mineral)) (\(mineral.basis))")]))
            blocks += table.blocks
        }
        return blocks
    }

    static func unitValueBlocks(_ va: Report.ValueAddedSection) -> [Block] {
        guard !va.unitValues.isEmpty else { return [] }
        var blocks: [Block] = [
            .heading(level: 3, text: "Unit values along the chain"),
            .paragraph([
                "Value per contained tonne of each stage's output (METHODS §3.3, V3). The unit-value ratio UVR compares a stage with the one before it; the payable is the earlier stage's unit value as a share of the later one's, the way intermediates are priced against refined metal.",
            ]),
        ]
        for mineral in va.unitValues {
            var table = MetricTable([
                Column("Stage"), Column("Output value", .right), Column("Contained \(mineral.basis)", .right),
                Column("USD per \(mineral.basis)", .right), Column("UVR from previous stage", .right), Column("Payable", .right),
            ])
            for s in mineral.stages {
                let ratio = mineral.ratios.first { $0.to == s.stage }
                table.append([
                    .text(s.stage.rawValue), MetricTable.cell(s.valueUsd, Display.usd), MetricTable.cell(s.containedTonnes, Display.amount),
                    MetricTable.cell(s.unitValueUsdPerT, { "$" + Display.amount($0) }),
                    ratio.map { MetricTable.cell($0.ratio, Display.ratio) } ?? .text("—"),
                    ratio.map { MetricTable.cell($0.payableShare, Display.percent) } ?? .text("—"),
                ])
            }
            blocks.append(.paragraph([.strong("\(Display.mineral(mineral.mineral)) (\(mineral.basis))")]))
            blocks += table.blocks
        }
        return blocks
    }
}
