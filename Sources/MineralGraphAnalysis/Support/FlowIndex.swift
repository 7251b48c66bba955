import MineralGraphCore

/// Node positions, the flows into and out of every node and the nodes of every country, built
/// once per pass in O(nodes + flows), so that no pass scans the whole graph per node, flow or
/// country.
///
/// Flows that name an unknown node (a validation error) are left out of `incoming`/`outgoing`
/// and listed in `danglingFlows`, so passes still run on graphs that failed validation.
struct FlowIndex: Sendable {
    let graph: SupplyGraph
    /// Node index by id (first occurrence).
    let position: [String: Int]
    /// Flow indices into each node, in flow order.
    let incoming: [[Int]]
    /// Flow indices out of each node, in flow order.
    let outgoing: [[Int]]
    /// Source and destination node index of each flow (`nil` for dangling flows).
    let endpoints: [(from: Int, to: Int)?]
    let danglingFlows: [Int]
    /// Node indices of each country, in graph order (sums over them add in the same order as a
    /// scan of the whole node list would).
    let nodesByCountry: [CountryCode: [Int]]

    init(_ graph: SupplyGraph) {
        self.graph = graph
        position = graph.nodeIndex()
        var incoming = [[Int]](repeating: [], count: graph.nodes.count)
        var outgoing = [[Int]](repeating: [], count: graph.nodes.count)
        var endpoints: [(from: Int, to: Int)?] = []
        var dangling: [Int] = []
        endpoints.reserveCapacity(graph.flows.count)
        for i in graph.flows.indices {
            guard let from = position[graph.flows[i].from], let to = position[graph.flows[i].to] else {
                endpoints.append(nil)
                dangling.append(i)
                continue
            }
            endpoints.append((from, to))
            outgoing[from].append(i)
            incoming[to].append(i)
        }
        self.incoming = incoming
        self.outgoing = outgoing
        self.endpoints = endpoints
        danglingFlows = dangling
        var byCountry: [CountryCode: [Int]] = [:]
        for (n, node) in graph.nodes.enumerated() { byCountry[node.country, default: []].append(n) }
        nodesByCountry = byCountry
    }

    var nodes: [Node] { graph.nodes }
    var flows: [Flow] { graph.flows }

    /// Exporter and importer countries of a flow, or `nil` for dangling flows.
    func countries(ofFlow i: Int) -> (exporter: CountryCode, importer: CountryCode)? {
        guard let (from, to) = endpoints[i] else { return nil }
        return (graph.nodes[from].country, graph.nodes[to].country)
    }

    /// Whether flow `i` crosses a border (inter-country edge, METHODS §2.3).
    func isTrade(_ i: Int) -> Bool {
        guard let (exporter, importer) = countries(ofFlow: i) else { return false }
        return exporter != importer
    }

    /// The node's reference output: its first output in the graph's year (the output its water
    /// intensities and capacity refer to).
    func referenceOutput(ofNode n: Int) -> Output? {
        graph.nodes[n].outputs.first { ($0.year ?? graph.year) == graph.year }
    }

    /// Every country that has a node, sorted.
    var countries: [CountryCode] {
        nodesByCountry.keys.sorted()
    }

    /// Node indices of `country`, in graph order.
    func nodes(in country: CountryCode) -> [Int] {
        nodesByCountry[country] ?? []
    }

    /// Node indices of the member countries of `group`, in graph order.
    func nodes(in group: CountryGroup, _ grouping: CountryGrouping) -> [Int] {
        graph.nodes.indices.filter { grouping.contains(group, graph.nodes[$0].country) }
    }

    /// "node-id" for messages.
    func label(node n: Int) -> String { "node '\(graph.nodes[n].id)'" }

    /// "flow a → b (mineral)" for messages.
    func label(flow i: Int) -> String {
        let flow = graph.flows[i]
        return "flow \(flow.from) → \(flow.to) (\(flow.mineral))"
    }
}
