import MineralGraphAnalysis
import MineralGraphCore

// The tidy tables that concentration and import concentration give instead of their pivoted
// rows: one row per market or importer with the top suppliers or partners as columns.

extension ReportTable {
    /// Shares and HHI as the JSON has them (``ReportUnit``), other numbers in shortest form.
    static func number(_ value: Double?) -> String {
        value.map(NumberFormatting.plain) ?? ""
    }

    static func flag(_ value: Bool?) -> String {
        value.map { $0 ? "true" : "false" } ?? ""
    }

    /// `prefix1_country, prefix1_name, prefix1_share, …` for `count` suppliers.
    static func topColumns(_ prefix: String, count: Int) -> [String] {
        (1...max(count, 1)).flatMap { ["\(prefix)\($0)_country", "\(prefix)\($0)_name", "\(prefix)\($0)_share"] }
    }

    /// The cells of ``topColumns(_:count:)``: code, name and share of each supplier, empty
    /// past the last one.
    static func topCells(_ suppliers: [(code: String, name: String, share: Double?)], count: Int) -> [String] {
        (0..<max(count, 1)).flatMap { index -> [String] in
            guard index < suppliers.count else { return ["", "", ""] }
            let supplier = suppliers[index]
            return [supplier.code, supplier.name, number(supplier.share)]
        }
    }

    /// C1 per market (country level): `concentration.csv`.
    static func concentration(name: String, _ rows: [Report.ConcentrationRow], top: Int) -> ReportTable {
        let columns = [
            "mineral", "mineral_name", "stage", "year", "basis", "hhi", "hhi_lo", "hhi_hi", "hhi_naive", "cr1", "cr3", "n_eq",
            "h_norm", "h_unctad", "band", "band_robust", "residual_share", "residual_flag", "supplier_count", "total_tonnes",
            "residual_tonnes", "complete",
        ] + topColumns("top", count: top) + ["missing", "unavailable", "reason"]
        return ReportTable(name: name, columns: columns, rows: rows.map { row in
            [
                row.mineral.rawValue, Display.mineral(row.mineral), row.stage.rawValue, String(row.year), row.basis,
                number(row.hhi), number(row.hhiLo), number(row.hhiHi), number(row.hhiNaive), number(row.cr1), number(row.cr3),
                number(row.nEq), number(row.hNorm), number(row.hUnctad), row.band?.rawValue ?? "", flag(row.bandRobust),
                number(row.residualShare), flag(row.residualFlag), String(row.supplierCount), number(row.totalTonnes),
                number(row.residualTonnes), flag(row.complete),
            ] + topCells(row.top.map { ($0.node ?? $0.country.rawValue, $0.name, $0.share) }, count: top) + [
                row.missing.map { "\($0.country) \($0.node)" }.joined(separator: "; "), row.unavailable?.code.rawValue ?? "",
                row.unavailable?.reason ?? "",
            ]
        })
    }

    /// C2 per importer × mineral × supplying stage: `import_concentration.csv`.
    static func importConcentration(_ rows: [Report.ImportConcentrationRow], top: Int) -> ReportTable {
        let variants = ["tonnes", "tonnes_with_domestic", "value", "value_with_domestic"]
        var columns = ["importer", "importer_name", "mineral", "mineral_name", "stage", "year", "basis"]
        for name in variants {
            columns += ["hhi_by_\(name)", "band_by_\(name)", "partners_by_\(name)", "unavailable_by_\(name)"]
        }
        columns += ["imports", "domestic", "imports_value_usd", "domestic_value_usd"]
        columns += topColumns("tonnes_top", count: top) + topColumns("value_top", count: top)
        return ReportTable(name: "import_concentration", columns: columns, rows: rows.map { row in
            var cells = [row.importer.rawValue, row.importerName, row.mineral.rawValue, Display.mineral(row.mineral), row.stage.rawValue, String(row.year), row.basis]
            for variant in [row.byTonnes, row.byTonnesWithDomestic, row.byValue, row.byValueWithDomestic] {
                cells += [number(variant.hhi), variant.band?.rawValue ?? "", String(variant.partnerCount), variant.unavailable?.code.rawValue ?? ""]
            }
            cells += [
                number(row.byTonnes.importTotal), number(row.byTonnesWithDomestic.domesticAmount),
                number(row.byValue.importTotal), number(row.byValueWithDomestic.domesticAmount),
            ]
            cells += topCells(row.byTonnes.top.map { ($0.country.rawValue, $0.name, $0.share) }, count: top)
            cells += topCells(row.byValue.top.map { ($0.country.rawValue, $0.name, $0.share) }, count: top)
            return cells
        })
    }
}
