import MineralGraphAnalysis
import MineralGraphCore

// E1–E2, physical against monetary trade, terms of trade and exchange ratios (METHODS §2.3,
// §2.6): built from ``PhysicalTradeBalancePass`` and ``TermsOfTradePass``; method notes,
// document section and rows.

extension ReportSections {
    /// E1–E2: physical against monetary trade, terms of trade, exchange ratios.
    enum UnequalExchange: ReportSection {
        static let key = "unequalExchange"
        static let empty: Report.UnequalExchangeSection? = nil
        static let rowSectionTitles = ["trade_balance": "Physical trade balance", "terms_of_trade": "Terms of trade", "bilateral": "Bilateral exchange"]

        static func build(_ context: ReportContext) -> Report.UnequalExchangeSection? {
            let groups = context.groups
            return unequalExchange(
                PhysicalTradeBalancePass(scheme: groups).run(on: context.derived),
                TermsOfTradePass(water: WaterFootprintPass(scheme: groups), scheme: groups).run(on: context.derived))
        }

        static func blocks(_ value: Report.UnequalExchangeSection?, in report: Report) -> [ReportDocument.Block] {
            ReportDocument.tradeSection(report)
        }

        static func rows(_ value: Report.UnequalExchangeSection?, into rows: inout MetricRows) {
            if let value { rows.add(value) }
        }

        /// Without the bilateral (country-pair) rows, and with the trade balance and terms of
        /// trade of the groups and of the countries that trade, as the document and the rows
        /// show them.
        static func summary(_ value: Report.UnequalExchangeSection?) -> Report.UnequalExchangeSection? {
            value.map { ue in
                var summary = ue
                let shown = ue.shownParties
                summary.tradeBalance = ue.tradeBalance.filter { shown.contains($0.party) }
                summary.termsOfTrade = ue.termsOfTrade.filter { shown.contains($0.party) }
                summary.bilateral = []
                return summary
            }
        }
    }
}

extension Report {
    /// E1–E2: physical against monetary trade, terms of trade, exchange ratios.
    public var unequalExchange: UnequalExchangeSection? {
        get { self[ReportSections.UnequalExchange.self] }
        set { self[ReportSections.UnequalExchange.self] = newValue }
    }
}

extension ReportSections.UnequalExchange {
    static func unequalExchange(_ balance: PhysicalTradeBalance, _ terms: TermsOfTrade) -> Report.UnequalExchangeSection {
        func flows(_ f: TradeFlows, _ unit: ReportUnit) -> Report.Flows { Report.Flows(f, unit) }
        let balanceRows = (balance.countries + balance.groups).map { row in
            Report.TradeBalanceRow(
                party: row.party, exportFlows: row.exportFlowCount, importFlows: row.importFlowCount,
                tonnes: flows(row.tonnes, .tonnes), containedTonnes: flows(row.containedTonnes, .tonnes),
                rmeTonnes: flows(row.rawMaterialEquivalentTonnes, .tonnes),
                valueUsd: flows(row.valueUSD, .usd),
                tradeBalanceUsd: Report.Metric(row.tradeBalanceUSD, .usd), quadrant: row.quadrant?.name,
                eueFlag: row.eueFlag, compensatedExporter: row.compensatedExporter,
                unavailable: row.classificationUnavailable)
        }
        let termsRows = (terms.countries + terms.groups).map { row in
            Report.TermsOfTradeRow(
                party: row.party,
                exportUnitValueUsdPerT: Report.Metric(row.exportUnitValueUSDPerTonne, .usdPerTonne),
                importUnitValueUsdPerT: Report.Metric(row.importUnitValueUSDPerTonne, .usdPerTonne),
                ett: Report.Metric(row.ecologicalTermsOfTrade, .ratio),
                tEq: Report.Metric(row.tonnesExportedPerTonneImported, .ratio),
                exchangeRatios: row.exchangeRatios.map(exchangeRatio))
        }
        let bilateral = terms.bilateral.map { row in
            Report.BilateralRow(
                country: row.country, partner: row.partner,
                exportValueUsd: Report.Metric(row.exportValueUSD, .usd),
                importValueUsd: Report.Metric(row.importValueUSD, .usd),
                exchangeRatios: row.exchangeRatios.map(exchangeRatio))
        }
        let solver = SolverReport(
            relativeTolerance: balance.solver.relativeTolerance, maxIterations: balance.solver.maxIterations,
            directSolveLimit: balance.solver.directSolveLimit,
            cyclicComponents: max(balance.solver.cyclicComponents, terms.solver.cyclicComponents),
            iterations: max(balance.solver.iterations, terms.solver.iterations),
            converged: balance.solver.converged && terms.solver.converged)
        return Report.UnequalExchangeSection(
            epsilon: balance.epsilon, minimumTradeShare: terms.minimumTradeShare, tradeBalance: balanceRows,
            termsOfTrade: termsRows, bilateral: bilateral, solver: Report.SolverInfo(solver))
    }

    static func exchangeRatio(_ ratio: ExchangeRatio) -> Report.ExchangeRatioItem {
        Report.ExchangeRatioItem(
            resource: ratio.resource.rawValue, unit: ratio.resource.unit,
            exportedPerMillionUsd: Report.Metric(ratio.exportedPerUSD.map { $0 * 1_000_000 }, .ratio),
            importedPerMillionUsd: Report.Metric(ratio.importedPerUSD.map { $0 * 1_000_000 }, .ratio),
            ratio: Report.Metric(ratio.ratio, .ratio), band: ratio.band?.rawValue)
    }

    static let methodNotes: [Report.MethodNote] = [
        Report.MethodNote(
            id: "E1", title: "Physical against monetary trade balance",
            formula: "PTB_A = M_A^t − X_A^t; TB_A = X_A^$ − M_A^$; EUE flag = PTB_A < 0 and TB_A ≤ ε·(X_A^$ + M_A^$), ε = 0.05",
            section: "METHODS §2.3, §2.6",
            notes: "Inter-country product flows only (waste is in X1). Positive PTB = net importer of mass (Eurostat sign). The quadrant is the sign of PTB × the sign of TB; a net mass exporter with a larger surplus is a 'compensated exporter'. "
                + "Also on contained tonnes and raw-material equivalents (RME: mine-product tonnes embodied upstream, a lower bound). Groups drop flows between two members. Values are exporter-side (FOB).",
            sources: [
                "Eurostat, Physical imports and exports: https://ec.europa.eu/eurostat/statistics-explained/index.php/Physical_imports_and_exports",
                "Dorninger et al. 2021, Global patterns of ecologically unequal exchange, Ecological Economics 179:106824",
                "Samaniego, Vallejo & Martínez-Alier, Commercial and physical trade deficits in South America",
            ]),
        Report.MethodNote(
            id: "E2", title: "Terms of trade and exchange ratios",
            formula: "ETT_A = (X_A^$ / X_A^t) / (M_A^$ / M_A^t); T_eq = 1 / ETT; ER_AB(R) = (X_{A→B}^R / X_{A→B}^$) / (X_{B→A}^R / X_{B→A}^$)",
            section: "METHODS §2.3",
            notes: "ER > 1: A gives more of resource R per dollar than it receives. Computed for gross and contained tonnes, RME and embodied water. "
                + "Bilateral ratios need trade both ways of at least 1 % of the country's exports and imports (tool convention); bands 0.8–1.25 roughly symmetric, 1.25–2 asymmetric, > 2 strongly asymmetric (tool convention). "
                + "Raw-against-manufactured ratios are large by construction.",
            sources: [
                "Hickel, Dorninger, Wieland & Suwandi 2022, Imperialist appropriation in the world economy, Global Environmental Change",
                "Rammelt & Ylla-Catala 2025, Journal of World-Systems Research: https://jwsr.pitt.edu/ojs/jwsr/article/view/1298",
                "Moran et al. 2013, Does ecologically unequal exchange occur?, Ecological Economics",
            ]),
    ]
}

extension MetricRows {
    // MARK: E1–E2

    mutating func add(_ ue: Report.UnequalExchangeSection) {
        let shown = ue.shownParties
        for r in ue.tradeBalance where shown.contains(r.party) {
            let c = Self.party("trade_balance", r.party)
            emit(c, "tonnes", .tonnes, r.tonnes)
            emit(c, "contained_tonnes", .tonnes("t contained"), r.containedTonnes)
            emit(c, "rme_tonnes", .tonnes, r.rmeTonnes)
            emit(c, "value_usd", .usd, r.valueUsd)
            emit(c, "trade_balance_usd", .usd, r.tradeBalanceUsd)
            let missing = r.unavailable ?? Unavailable(.missingValue, "no value")
            emit(c, "quadrant", .label, r.quadrant.map(ReportRow.Value.label) ?? .unavailable(missing))
            for (name, flag) in [("eue_flag", r.eueFlag), ("compensated_exporter", r.compensatedExporter)] {
                emit(c, name, .flag, flag.map { .label($0 ? "true" : "false") } ?? .unavailable(missing))
            }
        }
        for r in ue.termsOfTrade where shown.contains(r.party) {
            let c = Self.party("terms_of_trade", r.party)
            emit(c, "export_unit_value_usd_per_t", .usdPerTonne, r.exportUnitValueUsdPerT)
            emit(c, "import_unit_value_usd_per_t", .usdPerTonne, r.importUnitValueUsdPerT)
            emit(c, "ett", .ratio, r.ett)
            emit(c, "t_eq", .ratio, r.tEq)
            for er in r.exchangeRatios { emit(c, "er_" + Self.snake(er.resource), .ratio, er.ratio) }
        }
        for r in ue.bilateral {
            let c = Context(
                section: "bilateral", itemKind: "pair", item: "\(r.country.id)>\(r.partner.id)",
                itemName: "\(r.country.name) → \(r.partner.name)")
            emit(c, "export_value_usd", .usd, r.exportValueUsd)
            emit(c, "import_value_usd", .usd, r.importValueUsd)
            for er in r.exchangeRatios { emit(c, "er_" + Self.snake(er.resource), .ratio, er.ratio) }
        }
    }
}

extension Report.UnequalExchangeSection {
    /// The groups and the countries with product trade: the parties whose trade balance and
    /// terms of trade the rows and the summary carry (countries without trade are `NO_TRADE`).
    var shownParties: Set<CountryOrGroup> {
        Set(tradeBalance.filter { $0.party.kind == .group || $0.exportFlows + $0.importFlows > 0 }.map(\.party))
    }
}
