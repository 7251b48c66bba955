import MineralGraphCore

/// The graph in the index form the shock propagation works on, built once per run: interned
/// minerals, each node's in-flows and out-flows grouped by mineral with their weights, source
/// nodes, and the strongly connected components in topological order.
struct ShockNetwork: Sendable {
    let graph: SupplyGraph
    let index: FlowIndex
    /// Every mineral of the graph, sorted; flows and groups refer to them by position.
    let minerals: [MineralID]
    let mineralIndex: [MineralID: Int]
    /// Mineral position of each flow.
    let flowMineral: [Int]
    /// Source and destination node of each flow; -1 for flows naming an unknown node.
    let flowFrom: [Int]
    let flowTo: [Int]
    /// Each node's in-flows of one mineral, weighted in the destination's basis.
    let inGroups: FlowGroups
    /// Each node's out-flows of one mineral, weighted in the source's basis.
    let outGroups: FlowGroups
    /// Mines, and nodes that receive no flow at all: their activity is set by cuts alone.
    let isSource: [Bool]
    let nodeStage: [Stage]
    let nodeCountry: [CountryCode]
    /// Strongly connected components, upstream first; members of a loop ordered by stage, then
    /// graph order, so that a Gauss–Seidel sweep follows the material.
    let components: [[Int]]
    let isCyclic: [Bool]
    /// Σ of every flow's basis tonnes (contained where given, else gross): the scale of the
    /// convergence tolerance.
    let totalBaselineTonnes: Double

    var nodeCount: Int { graph.nodes.count }
    var flowCount: Int { graph.flows.count }

    init(_ graph: SupplyGraph) {
        self.graph = graph
        let index = FlowIndex(graph)
        self.index = index
        minerals = Array(Set(graph.flows.map(\.mineral)).union(graph.nodes.flatMap { $0.outputs.map(\.mineral) })).sorted()
        var mineralIndex: [MineralID: Int] = [:]
        for (i, mineral) in minerals.enumerated() { mineralIndex[mineral] = i }
        self.mineralIndex = mineralIndex
        flowMineral = graph.flows.map { mineralIndex[$0.mineral]! }
        flowFrom = index.endpoints.map { $0?.from ?? -1 }
        flowTo = index.endpoints.map { $0?.to ?? -1 }
        inGroups = FlowGroups(nodeFlows: index.incoming, flows: graph.flows, flowMineral: flowMineral)
        outGroups = FlowGroups(nodeFlows: index.outgoing, flows: graph.flows, flowMineral: flowMineral)
        let isSource = graph.nodes.indices.map { n in graph.nodes[n].kind == .mine || index.incoming[n].isEmpty }
        self.isSource = isSource
        let nodeStage = graph.nodes.map(\.stage)
        self.nodeStage = nodeStage
        nodeCountry = graph.nodes.map(\.country)

        // A source's in-flows do not set its activity, so they are no dependence.
        let inputs = graph.nodes.indices.map { n -> [UpstreamSystem.Term] in
            isSource[n] ? [] : index.incoming[n].map { UpstreamSystem.Term(from: index.endpoints[$0]!.from, coefficient: 1) }
        }
        var components = UpstreamSystem.components(inputs: inputs)
        var isCyclic: [Bool] = []
        for (c, component) in components.enumerated() {
            let node = component[0]
            isCyclic.append(component.count > 1 || inputs[node].contains { $0.from == node })
            if component.count > 1 {
                components[c] = component.sorted { (nodeStage[$0], $0) < (nodeStage[$1], $1) }
            }
        }
        self.components = components
        self.isCyclic = isCyclic
        // The scale of the convergence tolerance: every flow's weight in its destination's group.
        totalBaselineTonnes = inGroups.weight.reduce(0, +)
    }

    /// The node's baseline output of mineral `m`, on the basis of its out-flows of `m` (so that
    /// output and shipments compare): its declared output for the graph's year where it gives a
    /// figure on that basis, else the sum of its out-flows of `m`.
    func baselineOutput(node n: Int, mineral m: Int) -> Double {
        let group = outGroups.group(node: n, mineral: m)
        let output = graph.nodes[n].output(of: minerals[m], year: graph.year, graphYear: graph.year)
        if let group {
            return output?.quantity(on: outGroups.unit[group]) ?? outGroups.total[group]
        }
        return output?.contained?.converted(to: MineralCatalog.info(minerals[m])?.referenceBasis ?? .element)?.tonnes
            ?? output?.tonnes ?? 0
    }

    /// The mineral of the node's reference (first) output in the graph's year, else of its first
    /// out-flow.
    func referenceMineral(node n: Int) -> Int? {
        if let output = index.referenceOutput(ofNode: n) { return mineralIndex[output.mineral] }
        return index.outgoing[n].first.map { flowMineral[$0] }
    }

    /// What a supplier's baseline out-flows of a mineral say about a substitution flow from it:
    /// unit value, gross per contained tonne, product name.
    struct SupplierTerms {
        var unitValue: Double?
        var grossPerContained: Double?
        var product: String?
    }

    func supplierTerms(node: Int, mineral: Int) -> SupplierTerms {
        var valued = 0.0, value = 0.0, gross = 0.0, contained = 0.0
        var products = Set<String?>()
        if let h = outGroups.group(node: node, mineral: mineral) {
            for e in outGroups.members(h) where graph.flows[e].type != .waste {
                let flow = graph.flows[e]
                products.insert(flow.product)
                if let v = flow.valueUSD, let q = flow.quantity(on: outGroups.unit[h]), q > 0 {
                    value += v
                    valued += q
                }
                if let t = flow.tonnes, let c = flow.containedTonnes, c > 0 {
                    gross += t
                    contained += c
                }
            }
        }
        return SupplierTerms(
            unitValue: valued > 0 ? value / valued : nil, grossPerContained: contained > 0 ? gross / contained : nil,
            product: products.count == 1 ? products.first! : nil)
    }

    /// "node 'id'" for messages.
    func label(node n: Int) -> String { index.label(node: n) }
}

/// Each node's flows on one side (in or out), grouped by mineral, in compressed form: the groups
/// of node `n` are `nodeStart[n]..<nodeStart[n + 1]`, the flows of group `g` are
/// `flows[flowStart[g]..<flowStart[g + 1]]`, ordered by mineral.
///
/// A group's weights are contained tonnes (on one basis) when every flow of it gives them, else
/// gross tonnes when every one does, else (`mixed`) contained tonnes where given; a flow without
/// a figure on the group's basis weighs 0 and is counted in `missing` (METHODS §0.1).
struct FlowGroups: Sendable {
    var node: [Int] = []
    var mineral: [Int] = []
    /// Σ weights of the group, tonnes.
    var total: [Double] = []
    var basis: [ShockFlowBasis] = []
    /// The basis the group's weights are on (gross, or the contained basis they convert to).
    var unit: [QuantityBasis] = []
    /// Flows of the group with no usable quantity.
    var missing: [Int] = []
    var flowStart: [Int] = [0]
    var flows: [Int] = []
    var nodeStart: [Int] = [0]
    /// Weight of each flow of the graph in its group on this side (0 for dangling flows).
    var weight: [Double]
    /// The group of each flow on this side; -1 for dangling flows.
    var groupOfFlow: [Int]

    init(nodeFlows: [[Int]], flows: [Flow], flowMineral: [Int]) {
        weight = [Double](repeating: 0, count: flows.count)
        groupOfFlow = [Int](repeating: -1, count: flows.count)
        for (n, list) in nodeFlows.enumerated() {
            // Stable sort by mineral keeps graph order inside a group.
            let sorted = list.enumerated().sorted { (flowMineral[$0.element], $0.offset) < (flowMineral[$1.element], $1.offset) }
                .map(\.element)
            var start = 0
            while start < sorted.count {
                var end = start + 1
                while end < sorted.count, flowMineral[sorted[end]] == flowMineral[sorted[start]] { end += 1 }
                append(node: n, mineral: flowMineral[sorted[start]], members: sorted[start..<end], flows: flows)
                start = end
            }
            nodeStart.append(node.count)
        }
    }

    private mutating func append(node n: Int, mineral m: Int, members: ArraySlice<Int>, flows: [Flow]) {
        let g = node.count
        let allContained = members.allSatisfy { flows[$0].containedTonnes != nil }
        let target: QuantityBasis? = {
            guard let first = members.first else { return .gross }
            let contained = members.compactMap { flows[$0].containedTonnes == nil ? nil : (basis: flows[$0].containedBasis, label: "") }
            return try? CommonBasis.choose(for: flows[first].mineral, containedBases: contained).get()
        }()
        let groupBasis: ShockFlowBasis =
            allContained && target != nil ? .contained
            : members.allSatisfy { flows[$0].tonnes != nil } ? .gross : .mixed
        var sum = 0.0
        var without = 0
        for e in members {
            let flow = flows[e]
            let quantity: Double? = switch groupBasis {
            case .contained, .mixed: target.flatMap { flow.quantity(on: $0) }
            case .gross: flow.tonnes
            }
            var w = 0.0
            if let quantity, quantity.isFinite, quantity > 0 { w = quantity }
            if quantity == nil { without += 1 }
            weight[e] = w
            groupOfFlow[e] = g
            sum += w
            self.flows.append(e)
        }
        node.append(n)
        mineral.append(m)
        total.append(sum)
        basis.append(groupBasis)
        unit.append(groupBasis == .gross ? .gross : target ?? .gross)
        missing.append(without)
        flowStart.append(self.flows.count)
    }

    var count: Int { node.count }

    func groups(of n: Int) -> Range<Int> { nodeStart[n]..<nodeStart[n + 1] }

    func members(_ g: Int) -> ArraySlice<Int> { flows[flowStart[g]..<flowStart[g + 1]] }

    /// The group of node `n` and mineral `m`, if the node has flows of it on this side.
    func group(node n: Int, mineral m: Int) -> Int? {
        groups(of: n).first { mineral[$0] == m }
    }
}
