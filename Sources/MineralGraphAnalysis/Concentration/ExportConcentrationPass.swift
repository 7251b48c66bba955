import MineralGraphCore

/// Export concentration per mineral × exporting stage × year: how concentrated the stage's
/// exports are across exporting countries (METHODS §1.10).
///
/// Trade flows show who **exports**, not who produces: a country can export re-exported or
/// stockpiled material, and its own consumption is invisible. So a graph whose stage figures come
/// only from trade gets no production HHI (C1 gives `NO_PRODUCTION_FIGURES`) and this measure
/// instead, worded as shares of exports. For exporter `i` with exports `X_i` of the stage:
/// ```
/// s_i = X_i / Σ_j X_j ;   HHI_export = 10,000 · Σ_i s_i² ;   CR_k = the k largest s_i
/// ```
/// computed on tonnes (on the basis the flows carry, one basis per row: gross for trade data,
/// METHODS §0.1) and on USD. Exports are the graph-year product and recovered-fraction flows from a
/// node at the stage to a node in another country; waste flows are left out (METHODS §2.5).
///
/// Edge cases: no exports → no row; flows without the quantity are left out and counted; no
/// flow with the quantity → `nil` with `MISSING_TONNES` or `MISSING_VALUE`. Units: HHI 0–10,000,
/// shares 0…1, amounts in tonnes of the row's basis or USD.
///
/// Sources: METHODS §1.1 (HHI), §1.10 (export concentration from trade data).
public struct ExportConcentrationPass: Sendable {
    public var guidelines: MergerGuidelines
    /// Exporting stages to measure.
    public var stages: [Stage]

    public init(guidelines: MergerGuidelines = .us2023, stages: [Stage] = [.mining, .processing, .manufacturing]) {
        self.guidelines = guidelines
        self.stages = stages
    }

    public func run(on graph: SupplyGraph) -> [ExportConcentration] {
        run(on: GraphDerivations(graph))
    }

    /// Export concentration of `derived`'s graph, with the node index it keeps for other passes.
    public func run(on derived: GraphDerivations) -> [ExportConcentration] {
        let graph = derived.graph
        let index = derived.index
        struct Key: Hashable, Comparable {
            let mineral: MineralID, stage: Stage
            static func < (a: Key, b: Key) -> Bool { (a.mineral, a.stage) < (b.mineral, b.stage) }
        }
        // Flow indices, not flows: a flow is a large value.
        var exports: [Key: [(exporter: CountryCode, flow: Int)]] = [:]
        for i in graph.flows.indices where graph.flows[i].type != .waste {
            guard let (f, t) = index.endpoints[i] else { continue }
            let (exporter, stage) = (graph.nodes[f].country, graph.nodes[f].stage)
            guard exporter != graph.nodes[t].country, stages.contains(stage) else { continue }
            exports[Key(mineral: graph.flows[i].mineral, stage: stage), default: []].append((exporter, i))
        }
        return exports.keys.sorted().map { key in
            let flows = exports[key]!
            let basis = ImportConcentrationPass.basis(ofFlows: flows.map(\.flow), in: graph, mineral: key.mineral)
            var bases = ContainedBases()  // the flows' figures read field by field
            return ExportConcentration(
                mineral: key.mineral, stage: key.stage, year: graph.year, basis: basis.unitLabel(for: key.mineral),
                byTonnes: measure(flows.map { ($0.exporter, bases.quantity(ofFlow: $0.flow, in: graph, on: basis)) }, unit: basis.unitLabel(for: key.mineral), missingCode: ReasonCode.missingTonnes),
                byValue: measure(flows.map { ($0.exporter, graph.flows[$0.flow].valueUSD) }, unit: "USD", missingCode: ReasonCode.missingValue))
        }
    }

    private func measure(_ amounts: [(CountryCode, Double?)], unit: String, missingCode: ReasonCode) -> ExportMeasure {
        var byExporter: [CountryCode: Double] = [:]
        var without = 0
        for (exporter, amount) in amounts {
            if let amount { byExporter[exporter, default: 0] += amount } else { without += 1 }
        }
        var result = ExportMeasure(unit: unit, total: nil, measures: nil, band: nil, exporters: [], flowsWithoutQuantity: without, unavailable: nil)
        guard !byExporter.isEmpty else {
            result.unavailable = Unavailable(missingCode, "no export flow gives this quantity")
            return result
        }
        let total = byExporter.values.reduce(0, +)
        result.total = total
        result.exporters = byExporter.map { ExporterShare(country: $0.key, amount: $0.value, share: total > 0 ? $0.value / total : nil) }
            .sorted { ($1.amount, $0.country) < ($0.amount, $1.country) }
        do {
            let measures = try ConcentrationMeasures.fromQuantities(named: result.exporters.map(\.amount))
            result.measures = measures
            result.band = measures.band(guidelines)
        } catch {
            result.unavailable = error.unavailable
        }
        return result
    }
}

/// An exporting country's part of a stage's exports.
public struct ExporterShare: Hashable, Codable, Sendable {
    public var country: CountryCode
    /// Tonnes of the row's basis or USD.
    public var amount: Double
    /// Share of the exports (0…1).
    public var share: Double?
}

/// Export concentration by one quantity (tonnes or USD).
public struct ExportMeasure: Hashable, Codable, Sendable {
    /// "USD" or the tonnes' basis ("t gross", "t Co").
    public var unit: String
    public var total: Double?
    /// HHI (no residual: `hhi_lo` = `hhi_hi`), CR1, CR3, N_eq; `nil` with `unavailable`.
    public var measures: ConcentrationMeasures?
    public var band: ConcentrationBand?
    /// Exporters by amount descending, then code.
    public var exporters: [ExporterShare]
    /// Export flows without this quantity, left out of the sums.
    public var flowsWithoutQuantity: Int
    public var unavailable: Unavailable?
}

/// Export concentration of one mineral's exports from one stage in the graph's year.
public struct ExportConcentration: Hashable, Codable, Sendable {
    public var mineral: MineralID
    /// The stage of the exporting nodes.
    public var stage: Stage
    public var year: Int
    /// The basis of the tonnes ("t gross" for trade data).
    public var basis: String
    public var byTonnes: ExportMeasure
    public var byValue: ExportMeasure
}
