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
///
/// Units: metric tonnes of the mineral's contained basis where given (METHODS §0).
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
    }

    public var mineral: MineralID
    public var stage: Stage
    public var year: Int
    /// Nodes with a known quantity, in graph order.
    public var nodes: [NodeSupply]
    /// Nodes whose quantity is unknown, in graph order.
    public var missing: [MissingSupply]
    /// The "other countries" residual, tonnes; `nil` when the graph has no entry.
    public var residualTonnes: Double?
    /// Whether the graph has an "other countries" entry whose quantity is not given.
    public var residualMissing: Bool

    /// True when no node is missing, no flow lacks a quantity and the residual, if any, is known.
    public var isComplete: Bool {
        missing.isEmpty && !residualMissing && nodes.allSatisfy { $0.flowsWithoutQuantity == 0 }
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
        struct Key: Hashable, Comparable {
            let mineral: MineralID, stage: Stage, year: Int
            static func < (a: Key, b: Key) -> Bool { (a.mineral, a.stage, a.year) < (b.mineral, b.stage, b.year) }
        }
        let stageSet = Set(stages)
        var outFlows: [String: [Flow]] = [:]
        var inFlows: [String: [Flow]] = [:]
        for flow in graph.flows {
            if flow.type != .waste { outFlows[flow.from, default: []].append(flow) }
            inFlows[flow.to, default: []].append(flow)
        }
        var supplies: [Key: StageSupply] = [:]
        /// Edits the entry of `key` in place (creating it when new): a copy taken out of the
        /// dictionary and stored back would copy its node list on every append, which is
        /// quadratic in the nodes of a market.
        func update(_ key: Key, _ change: (inout StageSupply) -> Void) {
            change(&supplies[key, default: StageSupply(
                mineral: key.mineral, stage: key.stage, year: key.year, nodes: [], missing: [],
                residualTonnes: nil, residualMissing: false)])
        }
        /// Sum of the flows' basis tonnes and the number without one; `nil` when none has one.
        func sum(_ flows: [Flow]) -> (tonnes: Double, withoutQuantity: Int)? {
            let known = flows.compactMap(\.basisTonnes)
            return known.isEmpty ? nil : (known.reduce(0, +), flows.count - known.count)
        }

        var seenNodes = Set<String>()
        for node in graph.nodes where stageSet.contains(node.stage) && seenNodes.insert(node.id).inserted {
            let receiving = node.stage == .use || node.stage == .waste
            var keys: [Key] = []
            for output in node.outputs {
                let key = Key(mineral: output.mineral, stage: node.stage, year: output.year ?? graph.year)
                if !keys.contains(key) { keys.append(key) }
            }
            if receiving {
                for flow in inFlows[node.id] ?? [] {
                    let key = Key(mineral: flow.mineral, stage: node.stage, year: graph.year)
                    if !keys.contains(key) { keys.append(key) }
                }
            }
            for key in keys {
                let declared = node.output(of: key.mineral, year: key.year, graphYear: graph.year)?.basisTonnes
                let flows = key.year == graph.year
                    ? ((receiving ? inFlows : outFlows)[node.id] ?? []).filter { $0.mineral == key.mineral } : []
                var supply: NodeSupply?
                if receiving, let (tonnes, without) = sum(flows) {
                    supply = NodeSupply(node: node.id, country: node.country, tonnes: tonnes, source: .inFlows, flowsWithoutQuantity: without)
                } else if let declared {
                    supply = NodeSupply(node: node.id, country: node.country, tonnes: declared, source: .output, flowsWithoutQuantity: 0)
                } else if !receiving, let (tonnes, without) = sum(flows) {
                    supply = NodeSupply(node: node.id, country: node.country, tonnes: tonnes, source: .outFlows, flowsWithoutQuantity: without)
                }
                update(key) { item in
                    if let supply {
                        item.nodes.append(supply)
                    } else {
                        item.missing.append(MissingSupply(node: node.id, country: node.country))
                    }
                }
            }
        }
        var seenResiduals = Set<Key>()
        for other in graph.otherCountries where stageSet.contains(other.stage) {
            let key = Key(mineral: other.mineral, stage: other.stage, year: other.year ?? graph.year)
            guard seenResiduals.insert(key).inserted else { continue }
            update(key) { item in
                if let tonnes = other.basisTonnes {
                    item.residualTonnes = tonnes
                } else {
                    item.residualMissing = true
                }
            }
        }
        return supplies.keys.sorted().map { supplies[$0]! }
    }
}
