import MineralGraphAnalysis
import MineralGraphCore

/// The unequal-exchange, value-added, water, waste and burden–benefit sections of a report,
/// built from the analysis passes run with their default options and the report's country-group
/// scheme.
struct MetricSections {
    var unequalExchange: Report.UnequalExchangeSection
    var valueAdded: Report.ValueAddedSection
    var water: Report.WaterSection
    var waste: Report.WasteSection
    var burdenBenefit: Report.BurdenBenefitSection

    /// Runs E1–E4, W1, V1–V3 and X1 on `graph`. `names` maps node ids to display names.
    init(graph: SupplyGraph, groups: CountryGroupScheme, names: [String: String]) {
        let waterPass = WaterFootprintPass(scheme: groups)
        let balance = PhysicalTradeBalancePass(scheme: groups).run(on: graph)
        let terms = TermsOfTradePass(water: waterPass, scheme: groups).run(on: graph)
        let virtualWater = VirtualWaterTradePass(water: waterPass, scheme: groups).run(on: graph)
        let burden = BurdenBenefitPass(water: waterPass, scheme: groups).run(on: graph)
        let footprint = waterPass.run(on: graph)
        let valueAdded = ValueAddedPass(scheme: groups).run(on: graph)
        let capture = ValueCapturePass(scheme: groups).run(on: graph)
        let unitValues = StageUnitValuePass().run(on: graph)
        let waste = WasteBalancePass(scheme: groups).run(on: graph)

        unequalExchange = Self.unequalExchange(balance, terms)
        self.valueAdded = Self.valueAdded(valueAdded, capture, unitValues, names: names)
        water = Self.water(footprint, virtualWater, names: names)
        self.waste = Self.waste(waste)
        burdenBenefit = Self.burdenBenefit(burden)
    }

    // MARK: E1–E2

    static func unequalExchange(_ balance: PhysicalTradeBalance, _ terms: TermsOfTrade) -> Report.UnequalExchangeSection {
        func flows(_ f: TradeFlows, _ round: (Double) -> Double) -> Report.Flows { Report.Flows(f, round) }
        let balanceRows = (balance.countries + balance.groups).map { row in
            Report.TradeBalanceRow(
                party: row.party, exportFlows: row.exportFlowCount, importFlows: row.importFlowCount,
                tonnes: flows(row.tonnes, Rounding.tonnes), containedTonnes: flows(row.containedTonnes, Rounding.tonnes),
                rmeTonnes: flows(row.rawMaterialEquivalentTonnes, Rounding.tonnes),
                valueUsd: flows(row.valueUSD, Rounding.money),
                tradeBalanceUsd: Report.Metric(row.tradeBalanceUSD, Rounding.money), quadrant: row.quadrant?.name,
                eueFlag: row.eueFlag, compensatedExporter: row.compensatedExporter,
                unavailable: row.classificationUnavailable)
        }
        let termsRows = (terms.countries + terms.groups).map { row in
            Report.TermsOfTradeRow(
                party: row.party,
                exportUnitValueUsdPerT: Report.Metric(row.exportUnitValueUSDPerTonne, Rounding.unitValue),
                importUnitValueUsdPerT: Report.Metric(row.importUnitValueUSDPerTonne, Rounding.unitValue),
                ett: Report.Metric(row.ecologicalTermsOfTrade, Rounding.ratio),
                tEq: Report.Metric(row.tonnesExportedPerTonneImported, Rounding.ratio),
                exchangeRatios: row.exchangeRatios.map(exchangeRatio))
        }
        let bilateral = terms.bilateral.map { row in
            Report.BilateralRow(
                country: row.country, partner: row.partner,
                exportValueUsd: Report.Metric(row.exportValueUSD, Rounding.money),
                importValueUsd: Report.Metric(row.importValueUSD, Rounding.money),
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
            exportedPerMillionUsd: Report.Metric(ratio.exportedPerUSD.map { $0 * 1_000_000 }, Rounding.ratio),
            importedPerMillionUsd: Report.Metric(ratio.importedPerUSD.map { $0 * 1_000_000 }, Rounding.ratio),
            ratio: Report.Metric(ratio.ratio, Rounding.ratio), band: ratio.band?.rawValue)
    }

    // MARK: V1–V3

    /// Stages in chain order for the measured run of ``Report/MeasuredValueAdded``.
    static let chainOrder: [Stage] = [.mining, .processing, .manufacturing, .use, .waste]

    static func valueAdded(
        _ value: ValueAdded, _ capture: ValueCapture, _ unitValues: StageUnitValues, names: [String: String]
    ) -> Report.ValueAddedSection {
        func stage(_ s: StageValueAdded) -> Report.StageValue {
            Report.StageValue(
                stage: s.stage, valueAddedUsd: Report.Metric(s.valueAddedUSD, Rounding.money),
                share: Report.Metric(s.share, Rounding.share))
        }
        func party(_ p: PartyValueAdded) -> Report.PartyValue {
            Report.PartyValue(
                party: p.party, nodeCount: p.nodeCount, valueAddedUsd: Report.Metric(p.valueAddedUSD, Rounding.money),
                share: Report.Metric(p.share, Rounding.share), byStage: p.byStage.map(stage))
        }
        let measured = Self.measured(value)
        var measuredShares: [CountryOrGroup: MetricValue] = [:]
        for item in measured.parties { measuredShares[item.party] = item.share }

        let captureRows = capture.minerals.map { mineral in
            func item(_ row: ValueCaptureRow) -> Report.ValueCaptureItem {
                let measuredShare = measuredShares[row.party] ?? .unavailable("UNKNOWN_PARTY", "no value added for \(row.party.name)")
                let ratio = measuredShare.divided(
                    by: row.physicalShare, ifZero: "NO_PHYSICAL_SHARE",
                    "\(row.party.name) produces none of the stage's \(mineral.mineral)")
                return Report.ValueCaptureItem(
                    party: row.party, containedTonnes: Report.Metric(row.containedTonnes, Rounding.tonnes),
                    physicalShare: Report.Metric(row.physicalShare, Rounding.share),
                    valueShare: Report.Metric(row.valueShare, Rounding.share),
                    valueCaptureRatio: Report.Metric(row.valueCaptureRatio, Rounding.ratio),
                    gap: Report.Metric(row.gap, Rounding.share),
                    measuredValueShare: Report.Metric(measuredShare, Rounding.share),
                    measuredValueCaptureRatio: Report.Metric(ratio, Rounding.ratio),
                    measuredGap: Report.Metric(measuredShare.combined(with: row.physicalShare, -), Rounding.share))
            }
            return Report.MineralValueCaptureRow(
                mineral: mineral.mineral, basis: mineral.containedBasis, stage: capture.stage,
                producingNodes: mineral.producingNodes,
                stageContainedTonnes: Report.Metric(mineral.stageContainedTonnes, Rounding.tonnes),
                countries: mineral.countries.map(item), groups: mineral.groups.map(item))
        }

        let unitRows = unitValues.minerals.map { mineral in
            Report.MineralUnitValueRow(
                mineral: mineral.mineral, basis: mineral.containedBasis,
                stages: mineral.stages.map { s in
                    Report.StageUnitValueItem(
                        stage: s.stage, nodes: s.nodes, valueUsd: Report.Metric(s.valueUSD, Rounding.money),
                        containedTonnes: Report.Metric(s.containedTonnes, Rounding.tonnes),
                        unitValueUsdPerT: Report.Metric(s.unitValueUSDPerTonne, Rounding.unitValue))
                },
                ratios: mineral.ratios.map { r in
                    Report.UnitValueRatioItem(
                        from: r.from, to: r.to, ratio: Report.Metric(r.ratio, Rounding.ratio),
                        payableShare: Report.Metric(r.payableShare, Rounding.share))
                })
        }

        return Report.ValueAddedSection(
            priceYear: value.priceYear, totalUsd: Report.Metric(value.totalValueAddedUSD, Rounding.money),
            finalOutputUsd: Report.Metric(value.finalOutputValueUSD, Rounding.money),
            otherInputsUsd: Rounding.money(value.otherInputsUSD), byStage: value.byStage.map(stage),
            countries: value.countries.map(party), groups: value.groups.map(party),
            nodes: value.nodes.map { n in
                Report.NodeValue(
                    node: n.nodeID, name: names[n.nodeID] ?? n.nodeID, country: n.country, stage: n.stage,
                    shippedUsd: Report.Metric(n.shippedValueUSD, Rounding.money),
                    unshippedUsd: Report.Metric(n.unshippedValueUSD, Rounding.money),
                    materialInputsUsd: Report.Metric(n.materialInputsUSD, Rounding.money),
                    otherInputsUsd: n.otherInputsUSD.map(Rounding.money),
                    valueAddedUsd: Report.Metric(n.grossMarginOverMaterialsUSD, Rounding.money),
                    share: Report.Metric(n.share, Rounding.share), negative: n.negative,
                    outputValueBelowShipped: n.outputValueBelowShipped)
            },
            finalDemandNodes: value.finalDemandNodes, measured: measured.section, valueCapture: captureRows,
            unitValues: unitRows)
    }

    /// Value added over the longest run of stages in ``chainOrder``, starting upstream, at which
    /// every node has a value.
    static func measured(_ value: ValueAdded) -> (section: Report.MeasuredValueAdded, parties: [(party: CountryOrGroup, share: MetricValue)]) {
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
                    "UPSTREAM_STAGE_INCOMPLETE",
                    "comes after the \(excluded.first?.stage.rawValue ?? "previous") stage, whose value added is unknown")))
            }
        }
        let totalMetric: MetricValue
        if stages.isEmpty {
            let first = excluded.first
            totalMetric = .unavailable(
                first?.unavailable.code ?? "NO_PRODUCTION",
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
                        .unavailable("NON_POSITIVE_TOTAL", "the measured stages' total value added is not positive")
                    } else {
                        own.divided(by: totalMetric, ifZero: "NON_POSITIVE_TOTAL", "the measured stages add no value")
                    }
                parties.append((p.party, share))
                return Report.PartyShare(
                    party: p.party, valueAddedUsd: Report.Metric(own, Rounding.money), share: Report.Metric(share, Rounding.share))
            }
        }
        let section = Report.MeasuredValueAdded(
            stages: stages, excluded: excluded, complete: excluded.isEmpty && !stages.isEmpty,
            totalUsd: Report.Metric(totalMetric, Rounding.money), countries: shares(value.countries),
            groups: shares(value.groups))
        return (section, parties)
    }

    // MARK: W1, E3

    static func water(_ footprint: WaterFootprint, _ trade: VirtualWaterTrade, names: [String: String]) -> Report.WaterSection {
        let producers = footprint.nodes.filter { $0.role == .producer }
        let intensities = PerWaterQuantity<Report.CoverageItem> { quantity in
            Report.CoverageItem(
                stated: producers.filter { $0.water[quantity].intensityM3PerTonne.value != nil }.count,
                missing: producers.filter { $0.water[quantity].intensityM3PerTonne.value == nil }.map(\.nodeID))
        }
        let aware = Report.CoverageItem(
            stated: producers.filter { $0.awareFactor.value != nil }.count,
            missing: producers.filter { $0.awareFactor.value == nil }.map(\.nodeID))
        func direct(_ row: DirectWater) -> Report.DirectWaterRow {
            Report.DirectWaterRow(
                party: row.party, directM3: row.directM3.map { Report.Metric($0, Rounding.water) },
                highStressWithdrawalM3: Report.Metric(row.highStressWithdrawalM3, Rounding.water))
        }
        func virtual(_ row: VirtualWaterBalance) -> Report.VirtualWaterRow {
            Report.VirtualWaterRow(
                party: row.party, exportFlows: row.exportFlowCount, importFlows: row.importFlowCount,
                waterM3: row.waterM3.map { Report.Flows($0, Rounding.water) })
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
                    directM3: Report.Metric(total.directM3, Rounding.water),
                    statedDirectM3: Rounding.water(total.statedDirectM3), nodesMissing: total.nodesMissing,
                    finalOutputEmbodiedM3: Report.Metric(total.finalOutputEmbodiedM3, Rounding.water),
                    conservationRelativeError: Report.Metric(total.conservationRelativeError, Rounding.ratio))
            },
            highStressWithdrawalM3: Report.Metric(footprint.highStressWithdrawalM3, Rounding.water),
            highStressWithdrawalShare: Report.Metric(footprint.highStressWithdrawalShare, Rounding.share),
            countries: footprint.countries.map(direct), groups: footprint.groups.map(direct),
            nodes: footprint.nodes.map { n in
                Report.NodeWaterRow(
                    node: n.nodeID, name: names[n.nodeID] ?? n.nodeID, country: n.country, stage: n.stage,
                    role: n.role.rawValue, outputTonnes: Report.Metric(n.outputTonnes, Rounding.tonnes),
                    outputBasis: n.outputBasis?.rawValue, awareFactor: Report.Metric(n.awareFactor, Rounding.ratio),
                    baselineWaterStress: n.baselineWaterStress.map(Rounding.share), inHighStressBasin: n.inHighStressBasin,
                    water: n.water.map { account in
                        Report.WaterAccountItem(
                            intensityM3PerT: Report.Metric(account.intensityM3PerTonne, Rounding.water),
                            directM3: Report.Metric(account.directM3, Rounding.water),
                            embodiedM3PerT: Report.Metric(account.embodiedM3PerTonne, Rounding.water))
                    })
            },
            virtualWater: Report.VirtualWaterSection(countries: trade.countries.map(virtual), groups: trade.groups.map(virtual)),
            solver: Report.SolverInfo(solver))
    }

    // MARK: X1

    static func waste(_ balance: WasteBalance) -> Report.WasteSection {
        func row(_ r: WasteBalanceRow) -> Report.WasteRow {
            Report.WasteRow(
                party: r.party, wasteTonnes: Report.Flows(r.wasteTonnes, Rounding.tonnes),
                wasteValueUsd: Report.Flows(r.wasteValueUSD, Rounding.money),
                recoveredTonnes: Report.Flows(r.recoveredTonnes, Rounding.tonnes),
                recoveredValueUsd: Report.Flows(r.recoveredValueUSD, Rounding.money),
                valueRecaptureRatio: Report.Metric(r.valueRecaptureRatio, Rounding.ratio),
                wasteReceivedTonnes: Report.Metric(r.wasteReceivedTonnes, Rounding.tonnes),
                wasteReceivedShare: Report.Metric(r.wasteReceivedShare, Rounding.share),
                receivedByFate: r.receivedByFate.map {
                    Report.FateItem(fate: $0.fate?.rawValue ?? "not-waste-destination", tonnes: Report.Metric($0.tonnes, Rounding.tonnes))
                })
        }
        return Report.WasteSection(
            wasteFlowCount: balance.wasteFlowCount, totalWasteTonnes: Report.Metric(balance.totalWasteTonnes, Rounding.tonnes),
            countries: balance.countries.map(row), groups: balance.groups.map(row))
    }

    // MARK: E4

    static func burdenBenefit(_ result: BurdenBenefit) -> Report.BurdenBenefitSection {
        func amount(_ burden: BurdenResource) -> (Double) -> Double {
            switch burden {
            case .extraction, .wasteReceived: Rounding.tonnes
            case .waterWithdrawal, .waterConsumption, .scarcityWeightedWater: Rounding.water
            }
        }
        func row(_ r: BurdenBenefitRow) -> Report.BurdenBenefitRow {
            Report.BurdenBenefitRow(
                party: r.party, valueAddedUsd: Report.Metric(r.valueAddedUSD, Rounding.money),
                valueShare: Report.Metric(r.valueShare, Rounding.share),
                burdens: r.ratios.map { b in
                    Report.BurdenItem(
                        burden: b.burden.rawValue, unit: b.burden.unit, amount: Report.Metric(b.amount, amount(b.burden)),
                        share: Report.Metric(b.share, Rounding.share), ratio: Report.Metric(b.ratio, Rounding.ratio),
                        band: b.band?.rawValue)
                })
        }
        return Report.BurdenBenefitSection(
            priceYear: result.priceYear, totalValueAddedUsd: Report.Metric(result.totalValueAddedUSD, Rounding.money),
            totals: result.totals.map {
                Report.BurdenTotalItem(burden: $0.burden.rawValue, unit: $0.burden.unit, amount: Report.Metric($0.amount, amount($0.burden)))
            },
            countries: result.countries.map(row), groups: result.groups.map(row))
    }
}
