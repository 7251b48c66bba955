import MineralGraphAnalysis
import MineralGraphCore

extension ReportDocument {
    // MARK: E1–E2

    @Sendable static func tradeSection(_ report: Report) -> [Block] {
        guard let ue = report.unequalExchange else { return [] }
        var blocks: [Block] = [.heading(level: 2, text: "Trade: mass against money")]
        let countries = ue.tradeBalance.filter { $0.party.kind == .country && $0.exportFlows + $0.importFlows > 0 }
        guard !countries.isEmpty else {
            return blocks + [.paragraph(["No product flows cross a border in this graph, so there is no trade to compare (METHODS §2.3: no trade → no value, not 0)."])]
        }
        blocks.append(.paragraph([
            "Physical trade balance PTB = tonnes imported − tonnes exported (positive: net importer of mass), against the trade balance TB = USD exported − USD imported (METHODS §2.3, E1). A net exporter of mass whose trade balance is at most \(Display.percent(ue.epsilon)) of its gross trade gets the unequal-exchange (EUE) flag; one with a larger surplus is a \"compensated exporter\". The position and the flag need gross tonnes; where those are missing, the contained-tonne balance still shows the direction. Inter-country product flows only; group figures leave out flows between two members.",
        ]))
        var balance = MetricTable([
            Column("Country or group"), Column("PTB (t)", .right), Column("PTB (t contained)", .right),
            Column("Exports (USD)", .right), Column("Imports (USD)", .right), Column("TB (USD)", .right), Column("Position"),
            Column("EUE flag"),
        ])
        for r in ue.tradeBalance.filter({ $0.party.kind == .group }) + countries {
            let position: MetricTable.Cell =
                if let quadrant = r.quadrant { .text(Display.quadrant(quadrant)) } else { .missing(r.unavailable ?? Unavailable(.noTrade, "no trade")) }
            let flag: MetricTable.Cell =
                if let eue = r.eueFlag { .text(Display.flag(eue)) } else { .missing(r.unavailable ?? Unavailable(.noTrade, "no trade")) }
            balance.append([
                .text(Display.party(r.party)), MetricTable.cell(r.tonnes.net, Display.amount),
                MetricTable.cell(r.containedTonnes.net, Display.amount), MetricTable.cell(r.valueUsd.exported, Display.usd),
                MetricTable.cell(r.valueUsd.imported, Display.usd), MetricTable.cell(r.tradeBalanceUsd, Display.usd), position, flag,
            ])
        }
        blocks += balance.blocks

        // E2
        blocks.append(.heading(level: 3, text: "Terms of trade and exchange ratios"))
        blocks.append(.paragraph([
            "Unit values are USD per gross tonne exported and imported; ETT = export unit value ÷ import unit value, and T_eq = 1/ETT is the tonnes a party exports for each tonne it imports at equal value. The exchange ratio ER of a resource = resource exported per dollar ÷ resource imported per dollar: above 1, more leaves per dollar than comes back (METHODS §2.3, E2). Raw-against-manufactured ratios are large by construction.",
        ]))
        let resources: [TradeResource] = [.containedTonnes, .rawMaterialEquivalentTonnes, .waterConsumptionM3, .scarcityWeightedWaterM3WorldEq]
        var terms = MetricTable(
            [Column("Country or group"), Column("Export USD/t", .right), Column("Import USD/t", .right), Column("ETT", .right),
             Column("T_eq", .right)] + resources.map { Column("ER (\($0.unit))", .right) },
            dropEmptyRows: true)
        let traded = Set(countries.map(\.party))
        for r in ue.termsOfTrade where r.party.kind == .group || traded.contains(r.party) {
            terms.append(
                [.text(Display.party(r.party)), MetricTable.cell(r.exportUnitValueUsdPerT, { "$" + Display.amount($0) }),
                 MetricTable.cell(r.importUnitValueUsdPerT, { "$" + Display.amount($0) }), MetricTable.cell(r.ett, Display.ratio),
                 MetricTable.cell(r.tEq, Display.ratio)]
                    + resources.map { resource in
                        r.exchangeRatios.first { $0.resource == resource.rawValue }.map { MetricTable.cell($0.ratio, Display.ratio) } ?? .text("—")
                    })
        }
        blocks += terms.blocks
        return blocks + bilateralBlocks(ue)
    }

    static func bilateralBlocks(_ ue: Report.UnequalExchangeSection) -> [Block] {
        guard !ue.bilateral.isEmpty else { return [] }
        let resources: [TradeResource] = [.tonnes, .containedTonnes, .rawMaterialEquivalentTonnes, .waterConsumptionM3, .scarcityWeightedWaterM3WorldEq]
        var inner: [Block] = [.paragraph([
            "ER_AB per resource for each country A and partner B. Ratios need trade both ways of at least \(Display.percent(ue.minimumTradeShare)) of A's exports and imports.",
        ])]
        var table = MetricTable(
            [Column("Country → partner"), Column("Exports to partner", .right), Column("Imports from partner", .right)]
                + resources.map { Column("ER (\($0.unit))", .right) })
        var without: [(reason: String, pairs: [String])] = []
        for row in ue.bilateral {
            let pair = "\(row.country.id) → \(row.partner.id)"
            guard row.exchangeRatios.contains(where: { $0.ratio.value != nil }) else {
                let code = row.exchangeRatios.first?.ratio.unavailable?.code ?? .noTrade
                let words = "\(Display.words(code)) (\(code))"
                if let i = without.firstIndex(where: { $0.reason == words }) { without[i].pairs.append(pair) } else { without.append((words, [pair])) }
                continue
            }
            table.append(
                [.text(pair), MetricTable.cell(row.exportValueUsd, Display.usd), MetricTable.cell(row.importValueUsd, Display.usd)]
                    + resources.map { resource in
                        row.exchangeRatios.first { $0.resource == resource.rawValue }.map { MetricTable.cell($0.ratio, Display.ratio) } ?? .text("—")
                    })
        }
        inner += table.blocks
        if !without.isEmpty {
            inner.append(.paragraph(["Pairs without any ratio:"]))
            inner.append(.list(without.map { [.strong($0.reason), .text(": " + $0.pairs.joined(separator: ", "))] }))
        }
        return [.details(summary: "Bilateral exchange ratios (\(ue.bilateral.count) country pairs)", blocks: inner)]
    }
}
