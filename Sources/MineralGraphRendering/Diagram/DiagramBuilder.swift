import MineralGraphCore

/// Turns a `SupplyGraph` into a ``Diagram``: the pure "what to draw" step of rendering.
///
/// In order, it
/// 1. keeps the flows of `--mineral` (and the nodes that produce or handle it);
/// 2. collapses facilities into one node per country and stage (`--group-by country`), adding
///    up their flows per mineral and flow type;
/// 3. computes each edge's share of the flows of its mineral and type that leave its source
///    stage, and each node's share of its stage (the denominator includes the graph's
///    "other countries" production when weighing by tonnes);
/// 4. with `--min-share` / `--top`, keeps the large flows and summarises the rest in one
///    "other" node per stage: a small flow is redirected to the "other" node of its target's
///    stage, and leaves from its source if that node is drawn (it has a kept flow), else from
///    the "other" node of the source's stage. Each drawn source thus gets at most one summary
///    edge per target stage, mineral and flow type, and drawn targets show only kept inflows.
///
/// - Complexity: O(*n* + *f* log *f*) for *n* nodes and *f* flows.
public struct DiagramBuilder: Sendable {
    public var options: DiagramOptions

    public init(options: DiagramOptions = DiagramOptions()) {
        self.options = options
    }

    /// The diagram of `graph`, in the steps 1–4 above.
    public func build(_ graph: SupplyGraph) throws(DiagramError) -> Diagram {
        try checkOptions()
        let scheme = try resolveScheme(graph)
        let scope = try self.scope(of: graph)
        var units = self.units(of: scope, in: graph)
        measureThroughput(of: &units, scope: scope, in: graph)
        let stageTotals = self.stageTotals(of: units, scope: scope, in: graph)
        var edges = self.edges(of: scope, between: units)
        var nodes = units.byID.values.map { unit in
            diagramNode(unit, scheme: scheme, stageTotals: stageTotals)
        }
        var summarised = (flows: 0, nodes: 0)
        if options.filtersFlows {
            summarised = summarise(edges: &edges, nodes: &nodes, unitIDs: Set(units.byID.keys))
        }
        return diagram(of: graph, scheme: scheme, minerals: scope.minerals, nodes: nodes, edges: edges, summarised: summarised)
    }

    // MARK: Steps

    /// 1. Scope: the flows of the focus mineral, the nodes that take part, their minerals and bases.
    private func scope(of graph: SupplyGraph) throws(DiagramError) -> Scope {
        let index = graph.nodeIndex()
        var flows = graph.flows
        if let mineral = options.mineral {
            guard graph.minerals.contains(mineral) else {
                throw .mineralNotInGraph(mineral, available: graph.minerals)
            }
            flows = flows.filter { $0.mineral == mineral }
        }
        for flow in flows {
            for id in [flow.from, flow.to] where index[id] == nil {
                throw .unknownNode(id: id, flowFrom: flow.from, flowTo: flow.to)
            }
        }
        let touched = Set(flows.flatMap { [$0.from, $0.to] })
        let nodes = graph.nodes.enumerated().filter { offset, node in
            index[node.id] == offset
                && (options.mineral.map { node.outputs($0) || touched.contains(node.id) } ?? true)
        }.map(\.element)
        // The minerals drawn: those of the flows (a graph of production figures alone has
        // none, and then its outputs' minerals count).
        let minerals = flows.isEmpty
            ? Set(nodes.flatMap { $0.outputs.map(\.mineral) }.filter { options.mineral == nil || $0 == options.mineral })
            : Set(flows.map(\.mineral))
        return Scope(
            flows: flows, nodes: nodes, minerals: minerals,
            tonnesBasis: Self.tonnesBases(of: minerals, flows: flows), weighting: options.weight)
    }

    /// One tonnes basis per mineral (METHODS §0.1): line widths and totals never add gross
    /// tonnes to contained ones; a flow without a figure on it is drawn as not reported.
    private static func tonnesBases(of minerals: Set<MineralID>, flows: [Flow]) -> [MineralID: QuantityBasis] {
        var tonnesBasis: [MineralID: QuantityBasis] = [:]
        for mineral in minerals {
            let contained = flows.filter { $0.mineral == mineral && $0.containedTonnes != nil }.map { (basis: $0.containedBasis, label: "") }
            tonnesBasis[mineral] = (try? CommonBasis.choose(for: mineral, containedBases: contained).get())
                ?? MineralCatalog.info(mineral)?.referenceBasis ?? .element
        }
        return tonnesBasis
    }

    /// 2. Units: facilities or country-stage groups, with their outputs of the graph's year added up.
    private func units(of scope: Scope, in graph: SupplyGraph) -> Units {
        var units = Units()
        for node in scope.nodes {
            let unitID = unitID(of: node)
            units.ofNode[node.id] = unitID
            var unit = units.byID[unitID] ?? Unit(
                id: unitID, name: unitName(of: node), stage: node.stage, country: node.country,
                kinds: [], members: [], outputs: [:], water: nil, throughput: [:])
            unit.kinds.insert(node.kind)
            unit.members.append(node.displayName)
            unit.water = options.grouping == .none ? node.water : nil
            for output in node.outputs where (output.year ?? graph.year) == graph.year {
                unit.outputs[output.mineral] = Self.sum(unit.outputs[output.mineral], output, mineral: output.mineral)
            }
            units.byID[unitID] = unit
        }
        return units
    }

    /// 3a. Node throughput per mineral, added up per unit.
    ///
    /// Use and waste stages are measured by what they receive (consumption, waste received);
    /// the others by their declared output, else outflow.
    private func measureThroughput(of units: inout Units, scope: Scope, in graph: SupplyGraph) {
        var outflow: [String: [MineralID: Double]] = [:]
        var inflow: [String: [MineralID: Double]] = [:]
        for flow in scope.flows {
            guard let w = scope.weight(of: flow) else { continue }
            outflow[flow.from, default: [:]][flow.mineral, default: 0] += w
            inflow[flow.to, default: [:]][flow.mineral, default: 0] += w
        }
        for node in scope.nodes {
            let unitID = units.ofNode[node.id]!
            for mineral in scope.minerals {
                let declared = node.output(of: mineral, year: graph.year, graphYear: graph.year).flatMap {
                    options.weight == .tonnes ? scope.tonnesBasis[mineral].flatMap($0.quantity(on:)) : $0.valueUSD
                }
                let received = inflow[node.id]?[mineral], sent = outflow[node.id]?[mineral]
                let measured = node.stage >= .use ? received ?? declared ?? sent : declared ?? sent ?? received
                if let amount = measured {
                    units.byID[unitID]!.throughput[mineral, default: 0] += amount
                }
            }
        }
    }

    /// 3b. Stage totals for node shares, with the graph's "other countries" when weighing by tonnes.
    private func stageTotals(of units: Units, scope: Scope, in graph: SupplyGraph) -> [StageMineral: Double] {
        var stageTotals: [StageMineral: Double] = [:]
        for unit in units.byID.values {
            for (mineral, amount) in unit.throughput {
                stageTotals[StageMineral(stage: unit.stage, mineral: mineral), default: 0] += amount
            }
        }
        if options.weight == .tonnes {
            for other in graph.otherCountries where (other.year ?? graph.year) == graph.year && scope.minerals.contains(other.mineral) {
                if let amount = scope.tonnesBasis[other.mineral].flatMap(other.quantity(on:)) {
                    stageTotals[StageMineral(stage: other.stage, mineral: other.mineral), default: 0] += amount
                }
            }
        }
        return stageTotals
    }

    /// 3c. Edges: flows added up per unit pair, mineral and type, each with its share of its source stage.
    private func edges(of scope: Scope, between units: Units) -> [DiagramEdge] {
        var edgesByKey: [EdgeKey: DiagramEdge] = [:]
        for flow in scope.flows {
            let from = units.ofNode[flow.from]!, to = units.ofNode[flow.to]!
            let key = EdgeKey(from: from, to: to, mineral: flow.mineral, type: flow.type)
            let single = DiagramEdge(
                from: from, to: to, mineral: flow.mineral, type: flow.type, flowCount: 1,
                tonnes: scope.tonnesBasis[flow.mineral].flatMap(flow.quantity(on:)),
                tonnesAreContained: scope.tonnesBasis[flow.mineral]?.isContained ?? true,
                valueUSD: flow.valueUSD, flowsMissingWeight: scope.weight(of: flow) == nil ? 1 : 0, share: nil,
                products: flow.product.map { [$0] } ?? [], isSummary: false,
                fromStage: units.byID[from]!.stage, toStage: units.byID[to]!.stage)
            edgesByKey[key] = edgesByKey[key].map { Self.merge($0, single) } ?? single
        }
        var edgeTotals: [ShareKey: Double] = [:]
        for edge in edgesByKey.values {
            if let w = edge.weight(options.weight) {
                edgeTotals[ShareKey(stage: edge.fromStage, mineral: edge.mineral, type: edge.type), default: 0] += w
            }
        }
        return edgesByKey.values.map { edge in
            var edge = edge
            let total = edgeTotals[ShareKey(stage: edge.fromStage, mineral: edge.mineral, type: edge.type)] ?? 0
            if let w = edge.weight(options.weight), total > 0 { edge.share = w / total }
            return edge
        }
    }

    /// 4. Thresholds: keeps the large flows and summarises the rest through "other" nodes;
    /// returns how many flows and facilities were summarised.
    private func summarise(
        edges: inout [DiagramEdge], nodes: inout [DiagramNode], unitIDs: Set<String>
    ) -> (flows: Int, nodes: Int) {
        let kept = keptEdges(edges)
        var visible = Set(kept.flatMap { [$0.from, $0.to] })
        let withEdges = Set(edges.flatMap { [$0.from, $0.to] })
        visible.formUnion(keptLoneNodes(nodes.filter { !withEdges.contains($0.id) }))
        let hidden = nodes.filter { !visible.contains($0.id) }
        func otherID(_ stage: Stage) -> String {
            var id = "other:" + stage.rawValue
            while unitIDs.contains(id) { id += "'" }
            return id
        }
        let keptKeys = Set(kept.map(EdgeKey.init))
        var summaries: [EdgeKey: DiagramEdge] = [:]
        var stagesNeedingOther = Set(hidden.map(\.stage))
        var summarisedFlows = 0
        for edge in edges where !keptKeys.contains(EdgeKey(edge)) {
            var summary = edge
            summary.isSummary = true
            if !visible.contains(edge.from) {
                summary.from = otherID(edge.fromStage)
                stagesNeedingOther.insert(edge.fromStage)
            }
            summary.to = otherID(edge.toStage)
            stagesNeedingOther.insert(edge.toStage)
            let key = EdgeKey(summary)
            summaries[key] = summaries[key].map { Self.merge($0, summary) } ?? summary
            summarisedFlows += edge.flowCount
        }
        edges = kept + Array(summaries.values)
        nodes = nodes.filter { visible.contains($0.id) }
            + otherNodes(for: stagesNeedingOther, holding: hidden, id: otherID)
        return (summarisedFlows, hidden.reduce(0) { $0 + $1.members.count })
    }

    /// The "other" node of each stage in `stages`, holding the members, throughput and shares of
    /// the `hidden` nodes of its stage.
    private func otherNodes(for stages: Set<Stage>, holding hidden: [DiagramNode], id otherID: (Stage) -> String) -> [DiagramNode] {
        var others: [Stage: DiagramNode] = [:]
        for stage in stages {
            others[stage] = DiagramNode(
                id: otherID(stage), name: "Other " + stage.rawValue, stage: stage, role: .other,
                country: nil, group: nil, members: [], outputs: [], water: nil, throughput: [:], stageShare: [:])
        }
        for node in hidden {
            var other = others[node.stage]!
            other.members.append(contentsOf: node.members)
            for (mineral, amount) in node.throughput { other.throughput[mineral, default: 0] += amount }
            for (mineral, share) in node.stageShare { other.stageShare[mineral, default: 0] += share }
            others[node.stage] = other
        }
        return others.values.map { node in
            var node = node
            node.members.sort()
            return node
        }
    }

    /// The diagram, its nodes in stage order ("other" last) and its edges by endpoints, mineral and type.
    private func diagram(
        of graph: SupplyGraph, scheme: CountryGroupScheme, minerals: Set<MineralID>,
        nodes: [DiagramNode], edges: [DiagramEdge], summarised: (flows: Int, nodes: Int)
    ) -> Diagram {
        let nodes = nodes.sorted { ($0.stage, $0.isOther ? 1 : 0, $0.id) < ($1.stage, $1.isOther ? 1 : 0, $1.id) }
        let edges = edges.sorted {
            ($0.from, $0.to, $0.mineral, $0.type.rawValue) < ($1.from, $1.to, $1.mineral, $1.type.rawValue)
        }.map { edge in
            var edge = edge
            edge.products.sort()
            return edge
        }
        return Diagram(
            title: graph.name.contains(String(graph.year)) ? graph.name : "\(graph.name), \(graph.year)",
            options: options, schemeID: scheme.id, schemeTitle: scheme.title, schemeAsOf: scheme.asOf,
            minerals: minerals.sorted(), nodes: nodes, edges: edges,
            summarisedFlowCount: summarised.flows, summarisedNodeCount: summarised.nodes)
    }

    private func checkOptions() throws(DiagramError) {
        if let minShare = options.minShare, !(0...1).contains(minShare) {
            throw .invalidOption("the minimum share must be a fraction between 0 and 1 (0.05 for 5 %), not \(minShare)")
        }
        if let top = options.top, top < 1 {
            throw .invalidOption("the number of largest flows kept must be at least 1, not \(top)")
        }
    }

    private func resolveScheme(_ graph: SupplyGraph) throws(DiagramError) -> CountryGroupScheme {
        do {
            return try CountryGroupScheme.resolve(options.scheme, for: graph)
        } catch {
            throw .unknownScheme(error.id, available: error.known)
        }
    }

    private func unitID(of node: Node) -> String {
        switch options.grouping {
        case .none: node.id
        case .country: node.country.rawValue + "/" + node.stage.rawValue
        }
    }

    private func unitName(of node: Node) -> String {
        switch options.grouping {
        case .none: node.displayName
        case .country: CountryTable.country(node.country)?.name ?? node.country.rawValue
        }
    }

    private func diagramNode(_ unit: Unit, scheme: CountryGroupScheme, stageTotals: [StageMineral: Double]) -> DiagramNode {
        let role: DiagramNode.Role
        if options.grouping == .none, let kind = unit.kinds.first {
            role = .facility(kind)
        } else {
            role = .countryStage(fates: unit.kinds.compactMap(\.fate).sorted { $0.rawValue < $1.rawValue })
        }
        var shares: [MineralID: Double] = [:]
        for (mineral, amount) in unit.throughput {
            if let total = stageTotals[StageMineral(stage: unit.stage, mineral: mineral)], total > 0 {
                shares[mineral] = amount / total
            }
        }
        return DiagramNode(
            id: unit.id, name: unit.name, stage: unit.stage, role: role, country: unit.country,
            group: DevelopmentGroup(unit.country, scheme: scheme), members: unit.members.sorted(),
            outputs: unit.outputs.keys.sorted().map { unit.outputs[$0]! }, water: unit.water,
            throughput: unit.throughput, stageShare: shares)
    }

    /// Edges that pass `--min-share` and `--top`, ranked within their source stage, mineral
    /// and flow type by weight (ties by endpoints). Edges without the weight never pass.
    private func keptEdges(_ edges: [DiagramEdge]) -> [DiagramEdge] {
        var kept: [DiagramEdge] = []
        let groups = Dictionary(grouping: edges) { ShareKey(stage: $0.fromStage, mineral: $0.mineral, type: $0.type) }
        for group in groups.values {
            let ranked = group.filter { $0.weight(options.weight) != nil }.sorted {
                ($1.weight(options.weight)!, $0.from, $0.to) < ($0.weight(options.weight)!, $1.from, $1.to)
            }
            for (rank, edge) in ranked.enumerated() {
                if let top = options.top, rank >= top { break }
                if let minShare = options.minShare, (edge.share ?? 0) < minShare { continue }
                kept.append(edge)
            }
        }
        return kept
    }

    /// Ids of nodes without any flow that pass the thresholds by their own stage share.
    private func keptLoneNodes(_ nodes: [DiagramNode]) -> [String] {
        var kept: [String] = []
        for group in Dictionary(grouping: nodes, by: \.stage).values {
            let ranked = group.sorted {
                ($1.largestShare?.share ?? -1, $0.id) < ($0.largestShare?.share ?? -1, $1.id)
            }
            for (rank, node) in ranked.enumerated() {
                guard let share = node.largestShare?.share else { continue }
                if let top = options.top, rank >= top { break }
                if let minShare = options.minShare, share < minShare { continue }
                kept.append(node.id)
            }
        }
        return kept
    }

    // MARK: Helpers

    /// Step 1's result: what is drawn, and the weight of a flow.
    private struct Scope {
        var flows: [Flow]
        var nodes: [Node]
        var minerals: Set<MineralID>
        var tonnesBasis: [MineralID: QuantityBasis]
        var weighting: DiagramOptions.Weight

        /// Tonnes on the mineral's basis, or USD; `nil` when the flow lacks that figure.
        func weight(of flow: Flow) -> Double? {
            weighting == .tonnes ? tonnesBasis[flow.mineral].flatMap { flow.quantity(on: $0) } : flow.valueUSD
        }
    }

    /// Step 2's result: the units by id, and the unit id of each node.
    private struct Units {
        var byID: [String: Unit] = [:]
        var ofNode: [String: String] = [:]
    }

    private struct Unit {
        var id: String
        var name: String
        var stage: Stage
        var country: CountryCode
        var kinds: Set<NodeKind>
        var members: [String]
        var outputs: [MineralID: Output]
        var water: WaterUse?
        var throughput: [MineralID: Double]
    }

    private struct StageMineral: Hashable {
        var stage: Stage
        var mineral: MineralID
    }

    private struct ShareKey: Hashable {
        var stage: Stage
        var mineral: MineralID
        var type: FlowType
    }

    private struct EdgeKey: Hashable {
        var from: String
        var to: String
        var mineral: MineralID
        var type: FlowType

        init(from: String, to: String, mineral: MineralID, type: FlowType) {
            self.from = from
            self.to = to
            self.mineral = mineral
            self.type = type
        }

        init(_ edge: DiagramEdge) {
            self.init(from: edge.from, to: edge.to, mineral: edge.mineral, type: edge.type)
        }
    }

    /// Present values added up; `nil` only when both are missing.
    static func add(_ a: Double?, _ b: Double?) -> Double? {
        switch (a, b) {
        case (nil, nil): nil
        default: (a ?? 0) + (b ?? 0)
        }
    }

    /// Two outputs of one mineral as one, contained tonnes on one basis (METHODS §0.1): the
    /// outputs' own when they share it, else the mineral's reference basis when both convert to
    /// it, else unknown (never a sum of two bases).
    private static func sum(_ total: Output?, _ output: Output, mineral: MineralID) -> Output {
        guard let total else { return Output(mineral: mineral, product: output.product, tonnes: output.tonnes,
                                             containedTonnes: output.containedTonnes, basis: output.basis, valueUSD: output.valueUSD) }
        var contained = add(total.containedTonnes, output.containedTonnes)
        var basis = total.containedTonnes == nil ? output.basis : total.basis
        if let a = total.containedTonnes, let b = output.containedTonnes, total.basis != output.basis {
            let reference = MineralCatalog.info(mineral)?.referenceBasis
            let fa = reference.flatMap { (total.basis ?? $0).factor(to: $0) }
            let fb = reference.flatMap { (output.basis ?? $0).factor(to: $0) }
            if let fa, let fb { contained = a * fa + b * fb } else { contained = nil }
            basis = nil
        }
        return Output(
            mineral: mineral, product: total.product == output.product ? total.product : nil,
            tonnes: add(total.tonnes, output.tonnes), containedTonnes: contained, basis: basis,
            valueUSD: add(total.valueUSD, output.valueUSD))
    }

    private static func merge(_ a: DiagramEdge, _ b: DiagramEdge) -> DiagramEdge {
        var merged = a
        merged.flowCount += b.flowCount
        merged.tonnes = add(a.tonnes, b.tonnes)
        merged.tonnesAreContained = a.tonnesAreContained && b.tonnesAreContained
        merged.valueUSD = add(a.valueUSD, b.valueUSD)
        merged.flowsMissingWeight += b.flowsMissingWeight
        merged.share = add(a.share, b.share)
        merged.products = Array(Set(a.products + b.products)).sorted()
        merged.isSummary = a.isSummary || b.isSummary
        return merged
    }
}
