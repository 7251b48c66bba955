import MineralGraphCore

/// What each node supplied of one mineral at one stage in one year: the quantity basis of the
/// concentration passes (METHODS §1.1, "from node output_t or summed out-edges").
///
/// Rules (tool convention where METHODS leaves a choice):
/// - Producing stages (mining, processing, manufacturing): a node's output of the mineral for
///   the year (`contained_tonnes`, else `tonnes`). When the output lists no quantity and the
///   year is the graph's year, the sum of the node's product out-flows of the mineral (waste
///   flows excluded).
/// - Receiving stages (use, waste): what the node received, the sum of its in-flows of the
///   mineral in the graph's year; a declared output quantity only when no in-flow has one.
/// - A node listing the mineral for the year with no quantity and no flow quantity is
///   *missing* (a withheld figure, "W" in USGS tables); it is excluded and the market marked
///   incomplete.
/// - The "other countries" entry of the mineral, stage and year is the residual.
/// - Every figure of a market is taken on one basis (`CommonBasis`, METHODS §0.1): contained
///   tonnes (converted to the mineral's reference basis with stoichiometric factors) when any
///   figure of the market states them, else gross tonnes. A node or residual that gives no
///   figure on that basis is missing (`grossOnly` when it states gross tonnes), and a flow that
///   gives none counts as a flow without quantity; figures of two bases are never added.
///
/// Units: metric tonnes on ``basis``.
public struct StageSupply: Hashable, Sendable {
    /// Where a node's quantity comes from.
    public enum QuantitySource: String, Codable, Sendable {
        /// The node's declared output.
        case output
        /// The sum of its out-flows (no output quantity declared).
        case outFlows = "out-flows"
        /// The sum of its in-flows (use and waste stages: what it received).
        case inFlows = "in-flows"
    }

    /// One node's supply.
    public struct NodeSupply: Hashable, Codable, Sendable {
        public var node: String
        public var country: CountryCode
        /// Tonnes of the mineral's basis; may be negative in an invalid graph (the passes report it).
        public var tonnes: Double
        public var source: QuantitySource
        /// Flows summed into `tonnes` that had no quantity (left out of the sum).
        public var flowsWithoutQuantity: Int
    }

    /// A node of the stage whose quantity is unknown.
    public struct MissingSupply: Hashable, Codable, Sendable {
        public var node: String
        public var country: CountryCode
        /// The node states gross tonnes but nothing on the market's contained basis.
        public var grossOnly: Bool

        public init(node: String, country: CountryCode, grossOnly: Bool = false) {
            self.node = node
            self.country = country
            self.grossOnly = grossOnly
        }
    }

    public var mineral: MineralID
    public var stage: Stage
    public var year: Int
    /// The basis every quantity of the market is on.
    public var basis: QuantityBasis
    /// Why the market's figures cannot be added (`MIXED_BASES`); `nil` when they can.
    public var mixedBases: Unavailable?
    /// A producing stage (mining, processing, manufacturing) none of whose nodes states an output
    /// figure of the mineral for the year, without an "other countries" entry, and every node of
    /// which ships it: every figure is a sum of shipments, as in a graph built from trade data. Such figures are exports, not
    /// production (METHODS §1.10).
    public var fromFlowsOnly: Bool
    /// Nodes with a known quantity, in graph order.
    public var nodes: [NodeSupply]
    /// Nodes whose quantity is unknown, in graph order.
    public var missing: [MissingSupply]
    /// The "other countries" residual, tonnes; `nil` when the graph has no entry.
    public var residualTonnes: Double?
    /// Whether the graph has an "other countries" entry whose quantity is not given.
    public var residualMissing: Bool

    /// True when the figures share a basis, no node is missing, no flow lacks a quantity and the
    /// residual, if any, is known.
    public var isComplete: Bool {
        mixedBases == nil && missing.isEmpty && !residualMissing && nodes.allSatisfy { $0.flowsWithoutQuantity == 0 }
    }

    /// Tonnes per country, summed over its nodes.
    public var countryTonnes: [CountryCode: Double] {
        var totals: [CountryCode: Double] = [:]
        for node in nodes { totals[node.country, default: 0] += node.tonnes }
        return totals
    }

    /// Supply of every mineral, stage and year in `graph` for the given stages, sorted by
    /// mineral, stage and year.
    public static func collect(from graph: SupplyGraph, stages: [Stage]) -> [StageSupply] {
        plans(in: graph, stages: stages).map(\.supply)
    }

    /// The supply that `collect(from:stages:)` gives for `derived`'s graph, from the stage-supply
    /// plans it keeps for other passes.
    public static func collect(from derived: GraphDerivations, stages: [Stage]) -> [StageSupply] {
        derived.plans(stages: stages).map(\.supply)
    }

    /// One market's supply with where each of its quantities comes from: the node output or
    /// the flows summed into each node's tonnes and the residual entry. Which figures a market
    /// reads, its basis and its missing nodes depend only on which figures are given, not on
    /// their values, so a graph that differs in figure values alone (a Monte Carlo draw,
    /// ``UncertainFigures``) gives the same plan, and ``tonnes(_:in:)`` recomputes its
    /// quantities without collecting the market again.
    struct Plan: Sendable {
        enum Source: Sendable {
            /// `graph.nodes[node].outputs[output]` on the market's basis.
            case output(node: Int, output: Int)
            /// The sum of the flows with these indices that give a figure on the basis, in order.
            case flows([Int])
        }

        /// The market in the planned graph.
        var supply: StageSupply
        /// Where the tonnes of each of `supply.nodes` come from, in the same order.
        var sources: [Source]
        /// The "other countries" entry whose quantity is `supply.residualTonnes`.
        var residual: Int?

        /// The tonnes of `supply.nodes[i]` in `graph` (a graph with the planned one's structure).
        func tonnes(_ i: Int, in graph: SupplyGraph) -> Double {
            switch sources[i] {
            case let .output(n, o): graph.nodes[n].outputs[o].quantity(on: supply.basis) ?? 0
            case let .flows(flows): StageSupply.sum(flows, in: graph, on: supply.basis)?.tonnes ?? 0
            }
        }

        /// `supply.residualTonnes` in `graph`.
        func residualTonnes(in graph: SupplyGraph) -> Double? {
            residual.flatMap { graph.otherCountries[$0].quantity(on: supply.basis) }
        }
    }

    /// Sum of the flows on `basis` and the number without a figure on it; `nil` when none has one.
    static func sum(_ flows: [Int], in graph: SupplyGraph, on basis: QuantityBasis) -> (tonnes: Double, withoutQuantity: Int)? {
        var total = 0.0, known = 0
        for i in flows {
            if let tonnes = graph.flows[i].quantity(on: basis) { total += tonnes; known += 1 }
        }
        return known == 0 ? nil : (total, flows.count - known)
    }

    /// The ``Plan`` of every market that ``collect(from:stages:)`` gives, in its order.
    static func plans(in graph: SupplyGraph, stages: [Stage]) -> [Plan] {
        plans(in: FlowIndex(graph), stages: stages)
    }

    /// ``plans(in:stages:)`` of `index`'s graph.
    static func plans(in index: FlowIndex, stages: [Stage]) -> [Plan] {
        struct Key: Hashable, Comparable {
            let mineral: MineralID, stage: Stage, year: Int
            static func < (a: Key, b: Key) -> Bool { (a.mineral, a.stage, a.year) < (b.mineral, b.stage, b.year) }
        }
        let graph = index.graph
        let stageSet = Set(stages)
        // The flows from and to each node id, in flow order: those of the id's first node, and
        // the flows that name an unknown node at their other end (left out of the index's lists).
        var danglingOut: [String: [Int]] = [:]
        var danglingIn: [String: [Int]] = [:]
        for i in index.danglingFlows {
            danglingOut[graph.flows[i].from, default: []].append(i)
            danglingIn[graph.flows[i].to, default: []].append(i)
        }
        func flows(_ id: String, _ indexed: (Int) -> [Int], _ dangling: [String: [Int]]) -> [Int] {
            let known = index.position[id].map(indexed) ?? []
            guard let extra = dangling[id] else { return known }
            return (known + extra).sorted()
        }
        func outFlows(_ id: String) -> [Int] {
            flows(id, { index.outgoing[$0] }, danglingOut).filter { graph.flows[$0].type != .waste }
        }
        func inFlows(_ id: String) -> [Int] {
            flows(id, { index.incoming[$0] }, danglingIn)
        }
        /// A node's figures in one market, before the market's basis is known: indices into the
        /// graph's nodes, the node's outputs and the graph's flows.
        struct Entry {
            let node: Int
            let receiving: Bool
            let declared: Int?
            let flows: [Int]
        }
        var entries: [Key: [Entry]] = [:]
        var residuals: [Key: Int] = [:]
        var keyOrder: [Key] = []
        func register(_ key: Key) {
            if entries[key] == nil && residuals[key] == nil { keyOrder.append(key) }
        }

        var seenNodes = Set<String>()
        let idsUnique = index.position.count == graph.nodes.count  // then no id is seen twice
        for n in graph.nodes.indices
        where stageSet.contains(graph.nodes[n].stage) && (idsUnique || seenNodes.insert(graph.nodes[n].id).inserted) {
            // The node's fields, not a copy of the node (a large value).
            let (id, stage, outputs) = (graph.nodes[n].id, graph.nodes[n].stage, graph.nodes[n].outputs)
            let receiving = stage == .use || stage == .waste
            let nodeFlows = receiving ? inFlows(id) : outFlows(id)
            var keys: [Key] = []
            for output in outputs {
                let key = Key(mineral: output.mineral, stage: stage, year: output.year ?? graph.year)
                if !keys.contains(key) { keys.append(key) }
            }
            if receiving {
                for i in nodeFlows {
                    let key = Key(mineral: graph.flows[i].mineral, stage: stage, year: graph.year)
                    if !keys.contains(key) { keys.append(key) }
                }
            }
            for key in keys {
                let flows = key.year == graph.year ? nodeFlows.filter { graph.flows[$0].mineral == key.mineral } : []
                register(key)
                // The node's first output of the mineral in the year (`Node.output(of:year:graphYear:)`).
                let declared = outputs.firstIndex { $0.mineral == key.mineral && ($0.year ?? graph.year) == key.year }
                entries[key, default: []].append(Entry(node: n, receiving: receiving, declared: declared, flows: flows))
            }
        }
        for (r, other) in graph.otherCountries.enumerated() where stageSet.contains(other.stage) {
            let key = Key(mineral: other.mineral, stage: other.stage, year: other.year ?? graph.year)
            guard residuals[key] == nil else { continue }
            register(key)
            residuals[key] = r
        }

        return keyOrder.sorted().map { key in
            let nodes = entries[key] ?? []
            let residual = residuals[key].map { graph.otherCountries[$0] }
            func declared(_ entry: Entry) -> Output? { entry.declared.map { graph.nodes[entry.node].outputs[$0] } }
            /// The contained bases of the market's figures (`CommonBasis.containedBases`), labelled
            /// by node and flow only when `labelled`: the labels name figures in the reason of a
            /// failed choice, and the choice itself reads the bases alone.
            /// Unlabelled, each basis is listed once.
            func containedBases(labelled: Bool) -> [(basis: QuantityBasis, label: String)] {
                var contained: [(basis: QuantityBasis, label: String)] = []
                var bases = ContainedBases()
                func add(_ basis: QuantityBasis, _ label: @autoclosure () -> String) {
                    if labelled {
                        contained.append((basis, label()))
                    } else if !contained.contains(where: { $0.basis == basis }) {
                        contained.append((basis, ""))
                    }
                }
                for entry in nodes {
                    if let declared = declared(entry), declared.containedTonnes != nil {
                        add(bases.basis(stated: declared.basis, mineral: declared.mineral), graph.nodes[entry.node].id)
                    }
                    for i in entry.flows where graph.flows[i].containedTonnes != nil {
                        add(bases.basis(stated: graph.flows[i].basis, mineral: graph.flows[i].mineral), "\(graph.flows[i].from) → \(graph.flows[i].to)")
                    }
                }
                if let residual, residual.containedTonnes != nil { contained.append((residual.containedBasis, "other countries")) }
                return contained
            }
            var supply = StageSupply(
                mineral: key.mineral, stage: key.stage, year: key.year, basis: .gross, mixedBases: nil,
                fromFlowsOnly: false,
                nodes: [], missing: [], residualTonnes: nil, residualMissing: false)
            var choice = CommonBasis.choose(for: key.mineral, containedBases: containedBases(labelled: false))
            if case .failure = choice { choice = CommonBasis.choose(for: key.mineral, containedBases: containedBases(labelled: true)) }
            switch choice {
            case .success(let basis): supply.basis = basis
            case .failure(let reason):
                supply.basis = MineralCatalog.info(key.mineral)?.referenceBasis ?? .element
                supply.mixedBases = reason
            }
            let basis = supply.basis
            var sources: [Plan.Source] = []
            supply.nodes.reserveCapacity(nodes.count)
            for entry in nodes {
                let (id, country) = (graph.nodes[entry.node].id, graph.nodes[entry.node].country)
                let declaredOutput = declared(entry)
                let declaredTonnes = declaredOutput?.quantity(on: basis)
                if entry.receiving, let (tonnes, without) = sum(entry.flows, in: graph, on: basis) {
                    supply.nodes.append(NodeSupply(node: id, country: country, tonnes: tonnes, source: .inFlows, flowsWithoutQuantity: without))
                    sources.append(.flows(entry.flows))
                } else if let declaredTonnes, let o = entry.declared {
                    supply.nodes.append(NodeSupply(node: id, country: country, tonnes: declaredTonnes, source: .output, flowsWithoutQuantity: 0))
                    sources.append(.output(node: entry.node, output: o))
                } else if !entry.receiving, let (tonnes, without) = sum(entry.flows, in: graph, on: basis) {
                    supply.nodes.append(NodeSupply(node: id, country: country, tonnes: tonnes, source: .outFlows, flowsWithoutQuantity: without))
                    sources.append(.flows(entry.flows))
                } else {
                    let grossOnly = declaredOutput?.tonnes != nil || entry.flows.contains { graph.flows[$0].tonnes != nil }
                    supply.missing.append(MissingSupply(node: id, country: country, grossOnly: grossOnly && basis != .gross))
                }
            }
            supply.fromFlowsOnly = [.mining, .processing, .manufacturing].contains(key.stage) && residual == nil
                && nodes.allSatisfy { declared($0)?.tonnes == nil && declared($0)?.containedTonnes == nil && !$0.flows.isEmpty }
            if let residual {
                if let tonnes = residual.quantity(on: basis) {
                    supply.residualTonnes = tonnes
                } else {
                    supply.residualMissing = true
                }
            }
            return Plan(supply: supply, sources: sources, residual: supply.residualTonnes == nil ? nil : residuals[key])
        }
    }
}
