import MineralGraphAnalysis
import MineralGraphCore

/// Flattens a ``Report`` into ``ReportRow``s (``Report/rows()``).
struct MetricRows {
    /// The graph's year.
    let year: Int
    private(set) var rows: [ReportRow] = []

    /// Context of the rows being written.
    struct Context {
        var section: String
        var mineral = ""
        var stage = ""
        /// The rows' year when not the graph's.
        var year: Int?
        var basis = ""
        var itemKind = ""
        var item = ""
        var itemName = ""
    }

    init(year: Int) { self.year = year }

    mutating func emit(_ c: Context, _ metric: String, _ unit: String, _ value: ReportRow.Value) {
        let rowYear = c.year ?? year
        let key = ReportRow.Key(
            section: c.section, mineral: c.mineral, stage: c.stage, year: rowYear == year ? nil : rowYear,
            itemKind: c.itemKind, item: c.item, metric: metric, unit: unit)
        rows.append(ReportRow(key: key, itemName: c.itemName, basis: c.basis, year: rowYear, value: value))
    }

    mutating func emit(_ c: Context, _ metric: String, _ unit: String, value label: String) {
        emit(c, metric, unit, .label(label))
    }

    mutating func emit(_ c: Context, _ metric: String, _ unit: String, count: Int) {
        emit(c, metric, unit, .number(Double(count)))
    }

    mutating func emit(_ c: Context, _ metric: String, _ unit: String, _ value: Report.Metric) {
        emit(c, metric, unit, ReportRow.Value(value))
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
        for row in report.concentration { add(row, section: "concentration") }
        for row in report.facilityConcentration { add(row, section: "facility_concentration") }
        for row in report.importConcentration { add(row) }
        for row in report.exportConcentration { add(row) }
        for row in report.exposure { add(row) }
        for row in report.supplyRisk { add(row) }
        for row in report.bottlenecks { add(row) }
        if let va = report.valueAdded { add(va) }
        if let ue = report.unequalExchange { add(ue) }
        if let water = report.water { add(water) }
        if let bb = report.burdenBenefit { add(bb) }
        if let waste = report.waste { add(waste) }
    }

    // MARK: C1–C3

    /// A market (mineral × stage × year) at country or facility level, and its top suppliers.
    mutating func add(_ row: Report.ConcentrationRow, section: String) {
        let c = Context(
            section: section, mineral: row.mineral.rawValue, stage: row.stage.rawValue, year: row.year, basis: row.basis,
            itemKind: "stage", item: row.stage.rawValue)
        let missing = row.unavailable
        emit(c, "hhi", "HHI", ReportRow.Value(row.hhi, unavailable: missing))
        emit(c, "hhi_lo", "HHI", ReportRow.Value(row.hhiLo, unavailable: missing))
        emit(c, "hhi_hi", "HHI", ReportRow.Value(row.hhiHi, unavailable: missing))
        emit(c, "cr1", "share", ReportRow.Value(row.cr1, unavailable: missing))
        emit(c, "cr3", "share", ReportRow.Value(row.cr3, unavailable: missing))
        emit(c, "n_eq", "suppliers", ReportRow.Value(row.nEq, unavailable: missing))
        emit(c, "band", "label", row.band.map { .label($0.rawValue) } ?? .unavailable(missing ?? Unavailable("MISSING_VALUE", "no HHI")))
        if let share = row.residualShare { emit(c, "residual_share", "share", .number(share)) }
        emit(c, "supplier_count", "count", count: row.supplierCount)
        emit(c, "total_tonnes", row.basis, .number(row.totalTonnes))
        for top in row.top {
            var s = c
            (s.itemKind, s.item, s.itemName) = top.node.map { ("node", $0, top.name) } ?? ("country", top.country.rawValue, top.name)
            emit(s, "top_share", "share", ReportRow.Value(top.share, unavailable: missing))
        }
    }

    /// C2: import-source concentration of one importer, by tonnes and by value, without and
    /// with domestic supply.
    mutating func add(_ row: Report.ImportConcentrationRow) {
        let c = Context(
            section: "import_concentration", mineral: row.mineral.rawValue, stage: row.stage.rawValue, year: row.year,
            basis: row.basis, itemKind: "country", item: row.importer.rawValue, itemName: row.importerName)
        let variants = [
            ("tonnes", row.byTonnes), ("tonnes_with_domestic", row.byTonnesWithDomestic),
            ("value", row.byValue), ("value_with_domestic", row.byValueWithDomestic),
        ]
        for (name, variant) in variants {
            emit(c, "hhi_by_" + name, "HHI", ReportRow.Value(variant.hhi, unavailable: variant.unavailable))
            emit(c, "band_by_" + name, "label",
                 variant.band.map { .label($0.rawValue) } ?? .unavailable(variant.unavailable ?? Unavailable("MISSING_VALUE", "no HHI")))
            emit(c, "partners_by_" + name, "count", count: variant.partnerCount)
        }
        emit(c, "imports", row.byTonnes.unit, ReportRow.Value(row.byTonnes.importTotal, unavailable: row.byTonnes.unavailable))
        emit(c, "imports_value", row.byValue.unit, ReportRow.Value(row.byValue.importTotal, unavailable: row.byValue.unavailable))
    }

    /// C3: the bottleneck stage of a mineral.
    mutating func add(_ row: Report.BottleneckRow) {
        let c = Context(section: "bottleneck", mineral: row.mineral.rawValue, year: row.year, itemKind: "mineral", item: row.mineral.rawValue)
        let missing = row.unavailable ?? Unavailable("MISSING_VALUE", "no stage has an HHI")
        emit(c, "stage", "label", row.stage.map { .label($0.rawValue) } ?? .unavailable(missing))
        emit(c, "hhi", "HHI", ReportRow.Value(row.hhi, unavailable: missing))
        emit(c, "band", "label", row.band.map { .label($0.rawValue) } ?? .unavailable(missing))
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
            let missing = r.unavailable ?? Unavailable("MISSING_VALUE", "no value")
            emit(c, "quadrant", "label", r.quadrant.map(ReportRow.Value.label) ?? .unavailable(missing))
            for (name, flag) in [("eue_flag", r.eueFlag), ("compensated_exporter", r.compensatedExporter)] {
                emit(c, name, "flag", flag.map { .label($0 ? "true" : "false") } ?? .unavailable(missing))
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
        emit(chain, "producing_nodes", "count", count: water.coverage.producingNodes)
        emit(chain, "nodes_with_aware_factor", "count", count: water.coverage.awareFactor.stated)
        emit(chain, "high_stress_withdrawal_m3", "m3", water.highStressWithdrawalM3)
        emit(chain, "high_stress_withdrawal_share", "share", water.highStressWithdrawalShare)
        for q in WaterQuantity.allCases {
            let c = Context(section: "water", itemKind: "quantity", item: q.rawValue)
            let t = water.totals[q]
            emit(c, "nodes_with_intensity", "count", count: water.coverage.intensities[q].stated)
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
        emit(chain, "waste_flows", "count", count: waste.wasteFlowCount)
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
