import MineralGraphAnalysis
import MineralGraphCore

// V1–V3, value added, value capture and unit values (METHODS §3): built from ``ValueAddedPass``,
// ``ValueCapturePass`` and ``StageUnitValuePass`` with the report's country groups; method
// notes, document section and rows.

extension ReportSections {
    /// V1–V3: value added, value capture against extraction, unit values per stage.
    enum ValueAdded: ReportSection {
        static let key = "valueAdded"
        static let empty: Report.ValueAddedSection? = nil
        static let rowSectionTitles = ["value_added": "Value added", "value_capture": "Value capture", "unit_values": "Unit values"]

        static func build(_ context: ReportContext) -> Report.ValueAddedSection? {
            let derived = context.derived, groups = context.groups
            let value = ValueAddedPass(scheme: groups).run(on: derived)
            return valueAdded(
                value, ValueCapturePass(scheme: groups).run(on: derived, valueAdded: value),
                StageUnitValuePass().run(on: derived), names: context.names)
        }

        /// The section on `graph` without its node rows and unit values (V3), which hold none
        /// of its headline figures (``HeadlineUncertainty``): what a Monte Carlo draw measures.
        /// Its headline rows are those of ``build(_:)``'s section (UncertaintyFastPathTests).
        /// `valueAdded`, when given, is ``ValueAddedPass``'s result on `graph` with `groups`.
        static func headline(
            _ graph: SupplyGraph, groups: CountryGroupScheme, valueAdded: MineralGraphAnalysis.ValueAdded? = nil
        ) -> Report.ValueAddedSection {
            let value = valueAdded ?? ValueAddedPass(scheme: groups).run(on: graph)
            return Self.valueAdded(
                value, ValueCapturePass(scheme: groups).run(on: graph, valueAdded: value),
                StageUnitValues(minerals: [], priceYear: value.priceYear), names: [:], withNodes: false)
        }

        static func blocks(_ value: Report.ValueAddedSection?, in report: Report) -> [ReportDocument.Block] {
            ReportDocument.valueAddedSection(report)
        }

        static func rows(_ value: Report.ValueAddedSection?, into rows: inout MetricRows) {
            if let value { rows.add(value) }
        }

        /// Without the per-node table.
        static func summary(_ value: Report.ValueAddedSection?) -> Report.ValueAddedSection? {
            value.map { var summary = $0; summary.nodes = []; return summary }
        }
    }
}

extension Report {
    /// V1–V3: value added, value capture against extraction, unit values per stage.
    public var valueAdded: ValueAddedSection? {
        get { self[ReportSections.ValueAdded.self] }
        set { self[ReportSections.ValueAdded.self] = newValue }
    }
}

extension ReportSections.ValueAdded {
    /// Stages in chain order for the measured run of ``Report/MeasuredValueAdded``.
    static let chainOrder: [Stage] = [.mining, .processing, .manufacturing, .use, .waste]

    static func valueAdded(
        _ value: MineralGraphAnalysis.ValueAdded, _ capture: ValueCapture, _ unitValues: StageUnitValues, names: [String: String],
        withNodes: Bool = true
    ) -> Report.ValueAddedSection {
        func stage(_ s: StageValueAdded) -> Report.StageValue {
            Report.StageValue(
                stage: s.stage, valueAddedUsd: Report.Metric(s.valueAddedUSD, .usd),
                share: Report.Metric(s.share, .share))
        }
        func party(_ p: PartyValueAdded) -> Report.PartyValue {
            Report.PartyValue(
                party: p.party, nodeCount: p.nodeCount, valueAddedUsd: Report.Metric(p.valueAddedUSD, .usd),
                share: Report.Metric(p.share, .share), byStage: p.byStage.map(stage))
        }
        let measured = Self.measured(value)
        var measuredShares: [CountryOrGroup: MetricValue] = [:]
        for item in measured.parties { measuredShares[item.party] = item.share }

        let captureRows = valueCapture(capture, measuredShares: measuredShares)
        let unitRows = self.unitValues(unitValues)

        return Report.ValueAddedSection(
            priceYear: value.priceYear, totalUsd: Report.Metric(value.totalValueAddedUSD, .usd),
            finalOutputUsd: Report.Metric(value.finalOutputValueUSD, .usd),
            otherInputsUsd: ReportUnit.usd.round(value.otherInputsUSD), byStage: value.byStage.map(stage),
            countries: value.countries.map(party), groups: value.groups.map(party),
            nodes: (withNodes ? value.nodes : []).map { n in
                Report.NodeValue(
                    node: n.nodeID, name: names[n.nodeID] ?? n.nodeID, country: n.country, stage: n.stage,
                    shippedUsd: Report.Metric(n.shippedValueUSD, .usd),
                    unshippedUsd: Report.Metric(n.unshippedValueUSD, .usd),
                    materialInputsUsd: Report.Metric(n.materialInputsUSD, .usd),
                    otherInputsUsd: n.otherInputsUSD.map(ReportUnit.usd.round),
                    valueAddedUsd: Report.Metric(n.grossMarginOverMaterialsUSD, .usd),
                    share: Report.Metric(n.share, .share), negative: n.negative,
                    outputValueBelowShipped: n.outputValueBelowShipped)
            },
            finalDemandNodes: value.finalDemandNodes, measured: measured.section, valueCapture: captureRows,
            unitValues: unitRows)
    }

    /// V2 per mineral, against the value shares over all stages and over the measured ones.
    static func valueCapture(_ capture: ValueCapture, measuredShares: [CountryOrGroup: MetricValue]) -> [Report.MineralValueCaptureRow] {
        capture.minerals.map { mineral in
            func item(_ row: ValueCaptureRow) -> Report.ValueCaptureItem {
                let measuredShare = measuredShares[row.party] ?? .unavailable(.unknownParty, "no value added for \(row.party.name)")
                let ratio = measuredShare.divided(
                    by: row.physicalShare, ifZero: .noPhysicalShare,
                    "\(row.party.name) produces none of the stage's \(mineral.mineral)")
                return Report.ValueCaptureItem(
                    party: row.party, containedTonnes: Report.Metric(row.containedTonnes, .tonnes),
                    physicalShare: Report.Metric(row.physicalShare, .share),
                    valueShare: Report.Metric(row.valueShare, .share),
                    valueCaptureRatio: Report.Metric(row.valueCaptureRatio, .ratio),
                    gap: Report.Metric(row.gap, .share),
                    measuredValueShare: Report.Metric(measuredShare, .share),
                    measuredValueCaptureRatio: Report.Metric(ratio, .ratio),
                    measuredGap: Report.Metric(measuredShare.combined(with: row.physicalShare, -), .share))
            }
            return Report.MineralValueCaptureRow(
                mineral: mineral.mineral, basis: mineral.containedBasis, stage: capture.stage,
                producingNodes: mineral.producingNodes,
                stageContainedTonnes: Report.Metric(mineral.stageContainedTonnes, .tonnes),
                countries: mineral.countries.map(item), groups: mineral.groups.map(item))
        }
    }

    /// V3 per mineral: unit values per stage and the ratios between stages.
    static func unitValues(_ unitValues: StageUnitValues) -> [Report.MineralUnitValueRow] {
        unitValues.minerals.map { mineral in
            Report.MineralUnitValueRow(
                mineral: mineral.mineral, basis: mineral.containedBasis,
                stages: mineral.stages.map { s in
                    Report.StageUnitValueItem(
                        stage: s.stage, nodes: s.nodes, valueUsd: Report.Metric(s.valueUSD, .usd),
                        containedTonnes: Report.Metric(s.containedTonnes, .tonnes),
                        unitValueUsdPerT: Report.Metric(s.unitValueUSDPerTonne, .usdPerTonne))
                },
                ratios: mineral.ratios.map { r in
                    Report.UnitValueRatioItem(
                        from: r.from, to: r.to, ratio: Report.Metric(r.ratio, .ratio),
                        payableShare: Report.Metric(r.payableShare, .share))
                })
        }
    }

    /// Value added over the longest run of stages in ``chainOrder``, starting upstream, at which
    /// every node has a value.
    static func measured(_ value: MineralGraphAnalysis.ValueAdded) -> (section: Report.MeasuredValueAdded, parties: [(party: CountryOrGroup, share: MetricValue)]) {
        let present = value.byStage.sorted {
            (chainOrder.firstIndex(of: $0.stage) ?? .max) < (chainOrder.firstIndex(of: $1.stage) ?? .max)
        }
        var stages: [Stage] = []
        var excluded: [Report.ExcludedStage] = []
        var total = 0.0
        for item in present {
            if excluded.isEmpty, let v = item.valueAddedUSD.value {
                stages.append(item.stage)
                total += v
            } else if let reason = item.valueAddedUSD.unavailable {
                excluded.append(.init(stage: item.stage, unavailable: reason))
            } else {
                excluded.append(.init(stage: item.stage, unavailable: Unavailable(
                    .upstreamStageIncomplete,
                    "comes after the \(excluded.first?.stage.rawValue ?? "previous") stage, whose value added is unknown")))
            }
        }
        let totalMetric: MetricValue
        if stages.isEmpty {
            let first = excluded.first
            totalMetric = .unavailable(
                first?.unavailable.code ?? .noProduction,
                first.map { "value added is unknown at the first stage (\($0.stage.rawValue)): \($0.unavailable.reason)" }
                    ?? "the graph has no producing nodes")
        } else {
            totalMetric = MetricValue(total)
        }
        var parties: [(party: CountryOrGroup, share: MetricValue)] = []
        func shares(_ list: [PartyValueAdded]) -> [Report.PartyShare] {
            list.map { p in
                let own: MetricValue = stages.isEmpty
                    ? totalMetric
                    : MetricValue(p.byStage.filter { stages.contains($0.stage) }.reduce(0) { $0 + ($1.valueAddedUSD.value ?? 0) })
                let share: MetricValue =
                    if let t = totalMetric.value, t <= 0 {
                        .unavailable(.nonPositiveTotal, "the measured stages' total value added is not positive")
                    } else {
                        own.divided(by: totalMetric, ifZero: .nonPositiveTotal, "the measured stages add no value")
                    }
                parties.append((p.party, share))
                return Report.PartyShare(
                    party: p.party, valueAddedUsd: Report.Metric(own, .usd), share: Report.Metric(share, .share))
            }
        }
        let section = Report.MeasuredValueAdded(
            stages: stages, excluded: excluded, complete: excluded.isEmpty && !stages.isEmpty,
            totalUsd: Report.Metric(totalMetric, .usd), countries: shares(value.countries),
            groups: shares(value.groups))
        return (section, parties)
    }

    static let methodNotes: [Report.MethodNote] = [
        Report.MethodNote(
            id: "V1", title: "Value added per node, stage, country and group",
            formula: "VA(n) = Σ out-flow values + value of output not shipped − Σ in-flow values − other_inputs_usd(n); VA_share_g = Σ_{n in g} VA(n) / Σ_n VA(n)",
            section: "METHODS §3.1–3.2",
            notes: "Gross margin over materials: edges carry only material inputs, so VA is an upper bound on value added unless other_inputs_usd is given. "
                + "Output not shipped is valued at the node's declared output value less what it ships; a node that keeps output without a value has no VA (MISSING_VALUE). "
                + "Consumers are final demand and have no VA; Σ VA = final output value − other inputs. Negative VA is kept and flagged. "
                + "A single-mineral graph leaves out the other inputs of manufacturers (other metals, cells, labour), so their VA is overstated. "
                + "When some node's VA is unknown, chain shares are null (CHAIN_INCOMPLETE); the report then also gives shares over the measured stages: the longest run of stages from mining downstream at which every node's VA is known (tool convention).",
            sources: [
                "OECD, Trade in Value Added (TiVA) indicators guide: https://www.oecd.org/en/data/indicators/domestic-value-added-in-gross-exports.html",
            ]),
        Report.MethodNote(
            id: "V2", title: "Value-capture ratio and gap against extraction",
            formula: "VCR_g = VA_share_g / phys_share_g(extraction); gap_g = VA_share_g − phys_share_g(extraction)",
            section: "METHODS §3.2",
            notes: "phys_share is the contained tonnes a country or group mines, per mineral. VCR = 1: value captured in proportion to extraction; a party that mines nothing has no VCR (NO_PHYSICAL_SHARE), only a gap.",
            sources: [
                "BloombergNEF on DRC cobalt value capture, relayed by https://www.chinapulse.com/data-news/2021/11/29/drc-can-get-better-value-for-cobalt-by-processing-rather-than-exporting-raw-materials/",
            ]),
        Report.MethodNote(
            id: "V3", title: "Unit values and payables between stages",
            formula: "UV_k = value of stage-k output / contained tonnes; UVR_k→l = UV_l / UV_k; payable = UV_k / UV_l",
            section: "METHODS §3.3",
            notes: "On the contained basis only: per gross tonne the ratios are meaningless (ore grades, chemistries). Prices are volatile; every value carries the graph's price year.",
            sources: [
                "Fastmarkets on lithium conversion margins: https://www.fastmarkets.com/insights/spot-prices-for-lithium-hydroxide-and-carbonate-outpace-spodumene/",
                "Cobalt hydroxide payables: https://ttm.financial/m/news/2590234635",
            ]),
    ]
}

extension MetricRows {
    // MARK: V1–V3

    mutating func add(_ va: Report.ValueAddedSection) {
        let chain = Context(section: "value_added", itemKind: "chain", item: "chain")
        emit(chain, "total_usd", .usd, va.totalUsd)
        emit(chain, "final_output_usd", .usd, va.finalOutputUsd)
        emit(chain, "other_inputs_usd", .usd, Report.Metric(value: va.otherInputsUsd))
        emit(chain, "measured_stages", .named("stages"), value: va.measured.stages.map(\.rawValue).joined(separator: "; "))
        emit(chain, "measured_total_usd", .usd, va.measured.totalUsd)
        for s in va.byStage {
            let c = Context(section: "value_added", stage: s.stage.rawValue, itemKind: "stage", item: s.stage.rawValue)
            emit(c, "value_added_usd", .usd, s.valueAddedUsd)
            emit(c, "share", .share, s.share)
        }
        let measured = va.measured.countries + va.measured.groups
        for p in va.groups + va.countries {
            let c = Self.party("value_added", p.party)
            emit(c, "value_added_usd", .usd, p.valueAddedUsd)
            emit(c, "share", .share, p.share)
            if let m = measured.first(where: { $0.party == p.party }) {
                emit(c, "measured_value_added_usd", .usd, m.valueAddedUsd)
                emit(c, "measured_share", .share, m.share)
            }
        }
        for n in va.nodes {
            let c = Context(section: "value_added", stage: n.stage.rawValue, itemKind: "node", item: n.node, itemName: n.name)
            emit(c, "shipped_usd", .usd, n.shippedUsd)
            emit(c, "unshipped_usd", .usd, n.unshippedUsd)
            emit(c, "material_inputs_usd", .usd, n.materialInputsUsd)
            emit(c, "value_added_usd", .usd, n.valueAddedUsd)
            emit(c, "share", .share, n.share)
        }
        addValueCapture(va)
        addUnitValues(va)
    }

    /// V2 rows: per mineral, each group and country.
    mutating func addValueCapture(_ va: Report.ValueAddedSection) {
        for mineral in va.valueCapture {
            for item in mineral.groups + mineral.countries {
                var c = Self.party("value_capture", item.party, mineral: mineral.mineral.rawValue, basis: mineral.basis)
                c.stage = mineral.stage.rawValue
                emit(c, "contained_tonnes", .tonnes(mineral.basis), item.containedTonnes)
                emit(c, "physical_share", .share, item.physicalShare)
                emit(c, "value_share", .share, item.valueShare)
                emit(c, "value_capture_ratio", .ratio, item.valueCaptureRatio)
                emit(c, "gap", .share, item.gap)
                emit(c, "measured_value_share", .share, item.measuredValueShare)
                emit(c, "measured_value_capture_ratio", .ratio, item.measuredValueCaptureRatio)
                emit(c, "measured_gap", .share, item.measuredGap)
            }
        }
    }

    /// V3 rows: unit values per stage and ratios per step.
    mutating func addUnitValues(_ va: Report.ValueAddedSection) {
        for mineral in va.unitValues {
            for s in mineral.stages {
                let c = Context(
                    section: "unit_values", mineral: mineral.mineral.rawValue, stage: s.stage.rawValue, basis: mineral.basis,
                    itemKind: "stage", item: s.stage.rawValue)
                emit(c, "value_usd", .usd, s.valueUsd)
                emit(c, "contained_tonnes", .tonnes(mineral.basis), s.containedTonnes)
                emit(c, "unit_value_usd_per_t", .usdPerTonne, s.unitValueUsdPerT)
            }
            for r in mineral.ratios {
                let c = Context(
                    section: "unit_values", mineral: mineral.mineral.rawValue, stage: r.to.rawValue, basis: mineral.basis,
                    itemKind: "step", item: "\(r.from.rawValue)>\(r.to.rawValue)")
                emit(c, "unit_value_ratio", .ratio, r.ratio)
                emit(c, "payable_share", .share, r.payableShare)
            }
        }
    }
}
