import MineralGraphAnalysis
import MineralGraphCore

/// The report as one CSV table (RFC 4180 quoting, LF line ends, header first).
///
/// **Concentration rows** come first: one per mineral × stage × year (country level), `section`
/// = `concentration`, with the concentration columns (`mineral` … `unavailable`) as before.
/// Numbers have fixed decimals: HHI and `n_eq` two, shares and normalized indices four; tonnes as
/// stored. `top` lists the top suppliers as `ISO3 share` pairs separated by `; `; `missing` lists
/// withheld nodes as `ISO3 node`. Empty cells are missing values.
///
/// **Metric rows** follow, one per figure (long format): `section` (`value_added`,
/// `value_capture`, `unit_values`, `trade_balance`, `terms_of_trade`, `bilateral`, `water`,
/// `virtual_water`, `burden_benefit`, `waste`), what the figure describes (`item_kind`:
/// `chain`, `stage`, `step`, `country`, `group`, `node`, `pair`, `quantity`; `item` its id;
/// `item_name`), `metric` (snake_case name), `unit` and `value` (the JSON's rounded number in
/// shortest form, or a label for `quadrant`, `eue_flag`, `compensated_exporter`,
/// `measured_stages`). `mineral`, `stage`, `year` and `basis` are filled where they apply; the
/// other concentration columns are empty. A missing value has an empty `value`, its code in
/// `unavailable` and its reason in `reason`. Countries without product trade are left out of
/// `trade_balance`, `terms_of_trade` and `virtual_water`, and countries no waste or recovered
/// fraction reaches or leaves out of `waste` (the JSON lists them with `NO_TRADE` or zeros).
public struct CSVFormatter: ReportFormatter {
    /// The concentration columns, in order.
    public static let concentrationColumns = [
        "mineral", "stage", "year", "basis", "hhi", "hhi_lo", "hhi_hi", "hhi_naive", "cr1", "cr3", "n_eq", "h_norm",
        "h_unctad", "band", "band_robust", "residual_share", "residual_flag", "supplier_count", "total_tonnes",
        "residual_tonnes", "complete", "missing", "top", "unavailable",
    ]

    /// The columns of the metric rows, after the concentration columns.
    public static let metricColumns = ["section", "item_kind", "item", "item_name", "metric", "unit", "value", "reason"]

    public static let columns = concentrationColumns + metricColumns

    public init() {}

    public func format(_ report: Report) -> String {
        var out = Self.columns.joined(separator: ",") + "\n"
        for row in report.concentration {
            let plain: (Double?) -> String = { $0.map(NumberFormatting.plain) ?? "" }
            let hhi: (Double?) -> String = { $0.map { Self.fixed($0, 2) } ?? "" }
            let share: (Double?) -> String = { $0.map { Self.fixed($0, 4) } ?? "" }
            let fields: [String] = [
                row.mineral.rawValue, row.stage.rawValue, String(row.year), row.basis,
                hhi(row.hhi), hhi(row.hhiLo), hhi(row.hhiHi), hhi(row.hhiNaive),
                share(row.cr1), share(row.cr3), hhi(row.nEq), share(row.hNorm), share(row.hUnctad),
                row.band?.rawValue ?? "", row.bandRobust.map { $0 ? "true" : "false" } ?? "",
                share(row.residualShare), row.residualFlag ? "true" : "false", String(row.supplierCount),
                plain(row.totalTonnes), plain(row.residualTonnes), row.complete ? "true" : "false",
                row.missing.map { "\($0.country) \($0.node)" }.joined(separator: "; "),
                row.top.map { "\($0.country) " + ($0.share.map { Self.fixed($0, 4) } ?? "") }.joined(separator: "; "),
                row.unavailable?.code ?? "",
                "concentration", "", "", "", "", "", "", row.unavailable?.reason ?? "",
            ]
            out += fields.map(Escaping.csv).joined(separator: ",") + "\n"
        }
        var rows = MetricRows(year: report.graph.year)
        rows.add(report)
        out += rows.text
        return out
    }

    /// `value` with exactly `decimals` decimals (`0.6800`, `4732.00`), no grouping.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        NumberFormatting.grouped(value, decimals: decimals).replacingAll(",", with: "")
    }
}

/// Builds the metric rows of ``CSVFormatter``.
struct MetricRows {
    let year: Int
    private(set) var text = ""

    /// Context of the rows being written.
    struct Context {
        var section: String
        var mineral = ""
        var stage = ""
        var basis = ""
        var itemKind = ""
        var item = ""
        var itemName = ""
    }

    init(year: Int) { self.year = year }

    mutating func emit(_ c: Context, _ metric: String, _ unit: String, value: String, code: String = "", reason: String = "") {
        var fields = [c.mineral, c.stage, String(year), c.basis]
        fields += Array(repeating: "", count: CSVFormatter.concentrationColumns.count - 5)
        fields.append(code)
        fields += [c.section, c.itemKind, c.item, c.itemName, metric, unit, value, reason]
        text += fields.map(Escaping.csv).joined(separator: ",") + "\n"
    }

    mutating func emit(_ c: Context, _ metric: String, _ unit: String, _ value: Report.Metric) {
        if let v = value.value {
            emit(c, metric, unit, value: NumberFormatting.plain(v))
        } else {
            emit(c, metric, unit, value: "", code: value.unavailable?.code ?? "", reason: value.unavailable?.reason ?? "")
        }
    }

    mutating func emit(_ c: Context, _ prefix: String, _ unit: String, _ flows: Report.Flows) {
        emit(c, prefix + "_exported", unit, flows.exported)
        emit(c, prefix + "_imported", unit, flows.imported)
        emit(c, prefix + "_net", unit, flows.net)
    }

    static func party(_ section: String, _ party: CountryOrGroup, mineral: String = "", basis: String = "") -> Context {
        Context(section: section, mineral: mineral, basis: basis, itemKind: party.kind.rawValue, item: party.id, itemName: party.name)
    }

    /// `water-consumption-m3` → `water_consumption_m3`.
    static func snake(_ id: String) -> String { id.replacingAll("-", with: "_") }

    mutating func add(_ report: Report) {
        if let va = report.valueAdded { add(va) }
        if let ue = report.unequalExchange { add(ue) }
        if let water = report.water { add(water) }
        if let bb = report.burdenBenefit { add(bb) }
        if let waste = report.waste { add(waste) }
    }

    // MARK: V1–V3

    mutating func add(_ va: Report.ValueAddedSection) {
        let chain = Context(section: "value_added", itemKind: "chain", item: "chain")
        emit(chain, "total_usd", "USD", va.totalUsd)
        emit(chain, "final_output_usd", "USD", va.finalOutputUsd)
        emit(chain, "other_inputs_usd", "USD", Report.Metric(value: va.otherInputsUsd))
        emit(chain, "measured_stages", "stages", value: va.measured.stages.map(\.rawValue).joined(separator: "; "))
        emit(chain, "measured_total_usd", "USD", va.measured.totalUsd)
        for s in va.byStage {
            let c = Context(section: "value_added", stage: s.stage.rawValue, itemKind: "stage", item: s.stage.rawValue)
            emit(c, "value_added_usd", "USD", s.valueAddedUsd)
            emit(c, "share", "share", s.share)
        }
        let measured = va.measured.countries + va.measured.groups
        for p in va.groups + va.countries {
            let c = Self.party("value_added", p.party)
            emit(c, "value_added_usd", "USD", p.valueAddedUsd)
            emit(c, "share", "share", p.share)
            if let m = measured.first(where: { $0.party == p.party }) {
                emit(c, "measured_value_added_usd", "USD", m.valueAddedUsd)
                emit(c, "measured_share", "share", m.share)
            }
        }
        for n in va.nodes {
            let c = Context(section: "value_added", stage: n.stage.rawValue, itemKind: "node", item: n.node, itemName: n.name)
            emit(c, "shipped_usd", "USD", n.shippedUsd)
            emit(c, "unshipped_usd", "USD", n.unshippedUsd)
            emit(c, "material_inputs_usd", "USD", n.materialInputsUsd)
            emit(c, "value_added_usd", "USD", n.valueAddedUsd)
            emit(c, "share", "share", n.share)
        }
        for mineral in va.valueCapture {
            for item in mineral.groups + mineral.countries {
                var c = Self.party("value_capture", item.party, mineral: mineral.mineral.rawValue, basis: mineral.basis)
                c.stage = mineral.stage.rawValue
                emit(c, "contained_tonnes", mineral.basis, item.containedTonnes)
                emit(c, "physical_share", "share", item.physicalShare)
                emit(c, "value_share", "share", item.valueShare)
                emit(c, "value_capture_ratio", "ratio", item.valueCaptureRatio)
                emit(c, "gap", "share", item.gap)
                emit(c, "measured_value_share", "share", item.measuredValueShare)
                emit(c, "measured_value_capture_ratio", "ratio", item.measuredValueCaptureRatio)
                emit(c, "measured_gap", "share", item.measuredGap)
            }
        }
        for mineral in va.unitValues {
            for s in mineral.stages {
                let c = Context(
                    section: "unit_values", mineral: mineral.mineral.rawValue, stage: s.stage.rawValue, basis: mineral.basis,
                    itemKind: "stage", item: s.stage.rawValue)
                emit(c, "value_usd", "USD", s.valueUsd)
                emit(c, "contained_tonnes", mineral.basis, s.containedTonnes)
                emit(c, "unit_value_usd_per_t", "USD/t", s.unitValueUsdPerT)
            }
            for r in mineral.ratios {
                let c = Context(
                    section: "unit_values", mineral: mineral.mineral.rawValue, stage: r.to.rawValue, basis: mineral.basis,
                    itemKind: "step", item: "\(r.from.rawValue)>\(r.to.rawValue)")
                emit(c, "unit_value_ratio", "ratio", r.ratio)
                emit(c, "payable_share", "share", r.payableShare)
            }
        }
    }

    // MARK: E1–E2

    mutating func add(_ ue: Report.UnequalExchangeSection) {
        let traded = Set(ue.tradeBalance.filter { $0.exportFlows + $0.importFlows > 0 }.map(\.party))
        for r in ue.tradeBalance where r.party.kind == .group || traded.contains(r.party) {
            let c = Self.party("trade_balance", r.party)
            emit(c, "tonnes", "t", r.tonnes)
            emit(c, "contained_tonnes", "t contained", r.containedTonnes)
            emit(c, "rme_tonnes", "t", r.rmeTonnes)
            emit(c, "value_usd", "USD", r.valueUsd)
            emit(c, "trade_balance_usd", "USD", r.tradeBalanceUsd)
            let reason = r.unavailable
            emit(c, "quadrant", "label", value: r.quadrant ?? "", code: r.quadrant == nil ? reason?.code ?? "" : "",
                 reason: r.quadrant == nil ? reason?.reason ?? "" : "")
            for (name, flag) in [("eue_flag", r.eueFlag), ("compensated_exporter", r.compensatedExporter)] {
                emit(c, name, "flag", value: flag.map { $0 ? "true" : "false" } ?? "", code: flag == nil ? reason?.code ?? "" : "",
                     reason: flag == nil ? reason?.reason ?? "" : "")
            }
        }
        for r in ue.termsOfTrade where r.party.kind == .group || traded.contains(r.party) {
            let c = Self.party("terms_of_trade", r.party)
            emit(c, "export_unit_value_usd_per_t", "USD/t", r.exportUnitValueUsdPerT)
            emit(c, "import_unit_value_usd_per_t", "USD/t", r.importUnitValueUsdPerT)
            emit(c, "ett", "ratio", r.ett)
            emit(c, "t_eq", "ratio", r.tEq)
            for er in r.exchangeRatios { emit(c, "er_" + Self.snake(er.resource), "ratio", er.ratio) }
        }
        for r in ue.bilateral {
            let c = Context(
                section: "bilateral", itemKind: "pair", item: "\(r.country.id)>\(r.partner.id)",
                itemName: "\(r.country.name) → \(r.partner.name)")
            emit(c, "export_value_usd", "USD", r.exportValueUsd)
            emit(c, "import_value_usd", "USD", r.importValueUsd)
            for er in r.exchangeRatios { emit(c, "er_" + Self.snake(er.resource), "ratio", er.ratio) }
        }
    }

    // MARK: W1, E3

    mutating func add(_ water: Report.WaterSection) {
        let chain = Context(section: "water", itemKind: "chain", item: "chain")
        emit(chain, "producing_nodes", "count", value: String(water.coverage.producingNodes))
        emit(chain, "nodes_with_aware_factor", "count", value: String(water.coverage.awareFactor.stated))
        emit(chain, "high_stress_withdrawal_m3", "m3", water.highStressWithdrawalM3)
        emit(chain, "high_stress_withdrawal_share", "share", water.highStressWithdrawalShare)
        for q in WaterQuantity.allCases {
            let c = Context(section: "water", itemKind: "quantity", item: q.rawValue)
            let t = water.totals[q]
            emit(c, "nodes_with_intensity", "count", value: String(water.coverage.intensities[q].stated))
            emit(c, "direct_m3", q.unit, t.directM3)
            emit(c, "stated_direct_m3", q.unit, Report.Metric(value: t.statedDirectM3))
            emit(c, "final_output_embodied_m3", q.unit, t.finalOutputEmbodiedM3)
            emit(c, "conservation_relative_error", "ratio", t.conservationRelativeError)
        }
        for row in water.groups + water.countries {
            let c = Self.party("water", row.party)
            for q in WaterQuantity.allCases { emit(c, "direct_\(Self.snake(q.rawValue))_m3", q.unit, row.directM3[q]) }
            emit(c, "high_stress_withdrawal_m3", "m3", row.highStressWithdrawalM3)
        }
        for n in water.nodes {
            let c = Context(section: "water", stage: n.stage.rawValue, itemKind: "node", item: n.node, itemName: n.name)
            emit(c, "output_tonnes", "t", n.outputTonnes)
            emit(c, "aware_factor", "ratio", n.awareFactor)
            for q in WaterQuantity.allCases {
                let name = Self.snake(q.rawValue)
                emit(c, "intensity_\(name)_m3_per_t", q.unit + "/t", n.water[q].intensityM3PerT)
                emit(c, "direct_\(name)_m3", q.unit, n.water[q].directM3)
                emit(c, "embodied_\(name)_m3_per_t", q.unit + "/t", n.water[q].embodiedM3PerT)
            }
        }
        for row in water.virtualWater.groups + water.virtualWater.countries.filter({ $0.exportFlows + $0.importFlows > 0 }) {
            let c = Self.party("virtual_water", row.party)
            for q in WaterQuantity.allCases { emit(c, "\(Self.snake(q.rawValue))_m3", q.unit, row.waterM3[q]) }
        }
    }

    // MARK: E4, X1

    mutating func add(_ bb: Report.BurdenBenefitSection) {
        let chain = Context(section: "burden_benefit", itemKind: "chain", item: "chain")
        emit(chain, "total_value_added_usd", "USD", bb.totalValueAddedUsd)
        for t in bb.totals { emit(chain, "total_" + Self.snake(t.burden), t.unit, t.amount) }
        for row in bb.groups + bb.countries {
            let c = Self.party("burden_benefit", row.party)
            emit(c, "value_added_usd", "USD", row.valueAddedUsd)
            emit(c, "value_share", "share", row.valueShare)
            for b in row.burdens {
                let name = Self.snake(b.burden)
                emit(c, name + "_amount", b.unit, b.amount)
                emit(c, name + "_share", "share", b.share)
                emit(c, name + "_bbr", "ratio", b.ratio)
            }
        }
    }

    mutating func add(_ waste: Report.WasteSection) {
        let chain = Context(section: "waste", itemKind: "chain", item: "chain")
        emit(chain, "waste_flows", "count", value: String(waste.wasteFlowCount))
        emit(chain, "total_waste_tonnes", "t", waste.totalWasteTonnes)
        func moved(_ r: Report.WasteRow) -> Bool {
            [r.wasteTonnes.exported, r.wasteTonnes.imported, r.recoveredTonnes.exported, r.recoveredTonnes.imported,
             r.wasteReceivedTonnes, r.recoveredValueUsd.exported, r.recoveredValueUsd.imported].contains { $0.value != 0 }
        }
        for row in waste.groups + waste.countries.filter(moved) {
            let c = Self.party("waste", row.party)
            emit(c, "waste_tonnes", "t", row.wasteTonnes)
            emit(c, "waste_value_usd", "USD", row.wasteValueUsd)
            emit(c, "recovered_tonnes", "t", row.recoveredTonnes)
            emit(c, "recovered_value_usd", "USD", row.recoveredValueUsd)
            emit(c, "value_recapture_ratio", "ratio", row.valueRecaptureRatio)
            emit(c, "waste_received_tonnes", "t", row.wasteReceivedTonnes)
            emit(c, "waste_received_share", "share", row.wasteReceivedShare)
            for fate in row.receivedByFate { emit(c, "received_\(Self.snake(fate.fate))_tonnes", "t", fate.tonnes) }
        }
    }
}
