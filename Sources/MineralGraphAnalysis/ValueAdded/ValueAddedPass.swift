import MineralGraphCore

/// V1 — node value added (gross margin over materials) and chain value shares (METHODS §3.1–§3.2).
///
///     VA(n) = Σ_{e out of n} value(e) + value of output not shipped − Σ_{e into n} value(e) − other_inputs_usd(n)
///
/// in USD at the graph's price year. Edges carry only material inputs, so VA is an upper bound on
/// value added — reported as `grossMarginOverMaterialsUSD` — unless the node gives
/// `other_inputs_usd` (energy, reagents, services), which is subtracted. All flow types count:
/// a waste flow with a negative value (the exporter pays) is a disposal cost of its source and an
/// income of its destination.
///
/// **Value of output not shipped** (domestic sales, stock build, final products):
/// - when the node's outputs in the graph year state `value_usd`: that value minus the value of
///   its non-waste out-flows, floored at 0 (`outputValueBelowShipped` marks a declared value more
///   than 1 % below what the node ships);
/// - otherwise 0 when the node ships its whole output (for each output, its out-flows of that
///   mineral reach the output's figure on the same basis within 1 %, or it declares no output
///   quantity, or it has neither outputs nor out-flows);
///   a node that keeps part of its output without a value for it → `MISSING_VALUE`.
///
/// Consumer nodes are final demand, not producers: they have no VA, and what flows into them is
/// final output. Hence `Σ_n VA(n) = final output value − Σ other inputs`, with final output value =
/// unshipped output of producers + deliveries to consumers − what consumers sell back (METHODS
/// §3.1 consistency check: "Σ VA over a closed chain = value of final output"; never sum output
/// values across stages).
///
/// Edge cases: negative VA is valid and flagged, never clamped; a missing flow value makes both
/// its nodes' VA unavailable, and any unavailable VA makes the chain shares unavailable
/// (`CHAIN_INCOMPLETE`); shares of a non-positive chain total are `NON_POSITIVE_TOTAL`.
///
/// Worked example (§3.4): D $1.0 M, C $0.5 M, J $4.5 M; shares 16.7/8.3/75 %; Σ = $6.0 M = J's
/// final output value.
///
/// Sources: OECD TiVA indicator guides (value added = output − intermediate consumption).
public struct ValueAddedPass: Sendable {
    /// Country-group scheme; `nil` uses the graph's `country_scheme` or the default.
    public var scheme: CountryGroupScheme?
    /// Relative tolerance for "ships its whole output" and "declared value below shipped" (0.01).
    public var tolerance: Double

    public init(scheme: CountryGroupScheme? = nil, tolerance: Double = 0.01) {
        self.scheme = scheme
        self.tolerance = tolerance
    }

    public func run(on graph: SupplyGraph) -> ValueAdded {
        run(on: GraphDerivations(graph))
    }

    /// V1 of `derived`'s graph, kept there for the passes that read it (V2, E4).
    public func run(on derived: GraphDerivations) -> ValueAdded {
        derived.valueAdded(self)
    }

    /// V1 of `derived`'s graph, computed (``GraphDerivations/valueAdded(_:)`` keeps it).
    func compute(_ derived: GraphDerivations) -> ValueAdded {
        let graph = derived.graph
        let index = derived.index
        let grouping = CountryGrouping(override: scheme, graph: graph)
        var rows: [NodeValueAdded] = []
        for n in graph.nodes.indices where graph.nodes[n].kind != .consumer {
            rows.append(nodeRow(n, index: index))
        }

        var total = PartialSum()
        rows.forEach { total.add($0.grossMarginOverMaterialsUSD) }
        let chainTotal = total.metric
        let incomplete: Unavailable? = chainTotal.value == nil
            ? Unavailable(ReasonCode.chainIncomplete, "value added is unavailable at some node: \(chainTotal.unavailable?.reason ?? "")")
            : nil
        func share(_ value: MetricValue) -> MetricValue {
            if let incomplete { return MetricValue(unavailable: incomplete) }
            guard let t = chainTotal.value, t > 0 else {
                return .unavailable(ReasonCode.nonPositiveTotal, "the chain's total value added is not positive")
            }
            return value.map { $0 / t }
        }
        for i in rows.indices { rows[i].share = share(rows[i].grossMarginOverMaterialsUSD) }

        // Final output value: unshipped output of producers, plus deliveries to consumers, minus
        // what consumers sell back.
        var final = PartialSum()
        rows.forEach { final.add($0.unshippedValueUSD) }
        for i in graph.flows.indices {
            guard let (from, to) = index.endpoints[i] else { continue }
            let fromConsumer = graph.nodes[from].kind == .consumer
            let toConsumer = graph.nodes[to].kind == .consumer
            guard fromConsumer != toConsumer else { continue }
            let value = MetricValue(graph.flows[i].valueUSD, else: Unavailable(ReasonCode.missingValue, "\(index.label(flow: i)) has no value"))
            final.add(toConsumer ? value : value.map { -$0 })
        }

        /// `members`: indices into `rows`, in graph order.
        func stages(_ members: [Int]) -> [StageValueAdded] {
            var sums: [Stage: PartialSum] = [:]
            for r in members { sums[rows[r].stage, default: PartialSum()].add(rows[r].grossMarginOverMaterialsUSD) }
            return Stage.allCases.compactMap { stage in
                sums[stage].map { StageValueAdded(stage: stage, valueAddedUSD: $0.metric, share: share($0.metric)) }
            }
        }
        func party(_ label: CountryOrGroup, _ members: [Int]) -> PartyValueAdded {
            var sum = PartialSum()
            members.forEach { sum.add(rows[$0].grossMarginOverMaterialsUSD) }
            return PartyValueAdded(
                party: label, nodeCount: members.count, valueAddedUSD: sum.metric, share: share(sum.metric),
                byStage: stages(members))
        }

        var other = 0.0
        rows.forEach { other += $0.otherInputsUSD ?? 0 }
        // Rows per country in graph order, so each country's sums add in the same order.
        let rowsByCountry = Dictionary(grouping: rows.indices, by: { rows[$0].country })
        return ValueAdded(
            nodes: rows, totalValueAddedUSD: chainTotal, finalOutputValueUSD: final.metric, otherInputsUSD: other,
            byStage: stages(Array(rows.indices)),
            countries: index.countries.map { country in party(.country(country), rowsByCountry[country] ?? []) },
            groups: grouping.groups.map { group in
                party(.group(group), rows.indices.filter { grouping.contains(group, rows[$0].country) })
            },
            finalDemandNodes: graph.nodes.filter { $0.kind == .consumer }.map(\.id),
            priceYear: graph.priceYear ?? graph.year, scheme: grouping.info)
    }

    /// 0 when node `n` ships each of its `outputs` whole (per mineral, its out-flows of that
    /// mineral, production scrap included, reach the output's figure on the output's own basis, within `tolerance`);
    /// `MISSING_VALUE` when it keeps part of one without a value for it; `MISSING_QUANTITY` when
    /// a shipment gives no figure on the output's basis (METHODS §0.1: never compared across bases).
    private func shipsWholeOutput(_ n: Int, outputs: [Output], index: FlowIndex) -> MetricValue {
        let flows = index.graph.flows
        for output in outputs {
            guard let declared = output.contained ?? output.gross else { continue }
            var shippedTonnes = 0.0
            for i in index.outgoing[n] where flows[i].mineral == output.mineral {
                guard let tonnes = flows[i].quantity(on: declared.basis) else {
                    return .unavailable(
                        ReasonCode.missingQuantity,
                        "\(index.label(flow: i)) gives no figure on \(declared.basis.unitLabel(for: output.mineral)), "
                            + "the basis of its source's output")
                }
                shippedTonnes += tonnes
            }
            if shippedTonnes < declared.tonnes * (1 - tolerance) {
                return .unavailable(
                    ReasonCode.missingValue,
                    "\(index.label(node: n)) ships \(NumberFormatting.compact(shippedTonnes)) of "
                        + "\(NumberFormatting.compact(declared.tonnes)) \(declared.basis.unitLabel(for: output.mineral)); "
                        + "the value of the rest is not stated")
            }
        }
        return MetricValue(0)
    }

    /// Whether node `n`'s output figure is declared (`ProductionSystem.declaredOutput`): its
    /// first output in the graph's year states tonnes, contained or gross.
    static func declaresOutput(_ n: Int, index: FlowIndex) -> Bool {
        index.referenceOutput(ofNode: n).map { $0.containedTonnes != nil || $0.tonnes != nil } ?? false
    }

    func nodeRow(_ n: Int, index: FlowIndex) -> NodeValueAdded {
        let graph = index.graph
        let node = graph.nodes[n]
        func value(_ i: Int) -> MetricValue {
            MetricValue(graph.flows[i].valueUSD, else: Unavailable(ReasonCode.missingValue, "\(index.label(flow: i)) has no value"))
        }
        var shipped = PartialSum()
        var shippedProducts = PartialSum()
        for i in index.outgoing[n] {
            shipped.add(value(i))
            if graph.flows[i].type != .waste { shippedProducts.add(value(i)) }
        }
        var inputs = PartialSum()
        index.incoming[n].forEach { inputs.add(value($0)) }

        let outputs = node.outputs.filter { ($0.year ?? graph.year) == graph.year }
        let declared = outputs.compactMap(\.valueUSD)
        var belowShipped = false
        let unshipped: MetricValue
        if !declared.isEmpty {
            if declared.count < outputs.count {
                unshipped = .unavailable(
                    ReasonCode.missingValue, "\(index.label(node: n)) states the value of some of its outputs only")
            } else {
                let whole = declared.reduce(0, +)
                unshipped = shippedProducts.metric.map { max(0, whole - $0) }
                if let s = shippedProducts.metric.value, whole < s * (1 - tolerance) { belowShipped = true }
            }
        } else if index.outgoing[n].isEmpty {
            unshipped = outputs.isEmpty
                ? MetricValue(0)
                : .unavailable(ReasonCode.missingValue, "\(index.label(node: n)) keeps its output but states no value for it")
        } else if !Self.declaresOutput(n, index: index) {
            unshipped = MetricValue(0)  // its output is what it ships
        } else {
            unshipped = shipsWholeOutput(n, outputs: outputs, index: index)
        }

        let other = node.otherInputsUSD
        let va = shipped.metric.combined(with: unshipped, +).combined(with: inputs.metric, -).map { $0 - (other ?? 0) }
        return NodeValueAdded(
            nodeID: node.id, country: node.country, stage: node.stage, shippedValueUSD: shipped.metric,
            unshippedValueUSD: unshipped, materialInputsUSD: inputs.metric, otherInputsUSD: other,
            grossMarginOverMaterialsUSD: va, share: MetricValue(0), negative: (va.value ?? 0) < 0,
            outputValueBelowShipped: belowShipped)
    }
}

extension ValueAddedPass {
    /// Whether the pass reads some uncertain figure of `figures` (docs/methods.md §11.2): a
    /// flow's figure, an output's value, or the tonnes of an output of a node with out-flows
    /// (compared with its shipments: "ships its whole output"). Tonnes of nodes that ship
    /// nothing and "other countries" entries it does not read, so when only those are
    /// uncertain it gives the stated graph's result on every drawn graph.
    public static func readsSome(of figures: UncertainFigures) -> Bool {
        let graph = figures.graph
        let shipping = Set(graph.flows.map(\.from))
        return figures.figures.contains { figure in
            switch figure.place {
            case .flow: true
            case .otherCountries: false
            case let .output(n, _, field): field == .valueUSD || shipping.contains(graph.nodes[n].id)
            }
        }
    }
}
