import MineralGraphCore

/// Every figure of a graph whose value is uncertain, with its interval, and the drawing of
/// graphs in which each such figure is replaced by a value from its interval.
///
/// Intervals: the figure's own statement (`FigureUncertainty`), else the graph's
/// `UncertaintyDefaults` — `production` for node outputs and "other countries" entries,
/// `flows` for flows. A figure that is absent, or whose interval is empty, is exact. Draws are
/// uniform on the interval and independent between figures (tool convention, docs/methods.md
/// §10); a drawn tonne figure below zero is taken as zero (a USD value may be negative: waste paid for).
public struct UncertainFigures: Sendable {
    /// Where a figure sits in the graph.
    public enum Place: Hashable, Sendable {
        case output(node: Int, output: Int, Field)
        case flow(Int, Field)
        case otherCountries(Int, Field)
    }

    public enum Field: Hashable, Sendable {
        case tonnes, containedTonnes, valueUSD
    }

    public struct Figure: Hashable, Sendable {
        public var place: Place
        /// A hash of what the figure is (element, mineral, year, field), independent of where it
        /// sits in the file: its draws do not change when nodes or flows are reordered.
        public var identity: UInt64
        public var field: Field {
            switch place {
            case let .output(_, _, field), let .flow(_, field), let .otherCountries(_, field): field
            }
        }
        public var value: Double
        public var interval: ClosedRange<Double>

        /// `value`, or 0 for a tonne figure below zero (a USD value may be negative: waste paid for).
        func admissible(_ value: Double) -> Double {
            if case .valueUSD = field { value } else { max(value, 0) }
        }
    }

    public let graph: SupplyGraph
    public let figures: [Figure]

    public init(_ graph: SupplyGraph) {
        self.graph = graph
        let defaults = graph.uncertaintyDefaults ?? .standard
        var figures: [Figure] = []
        var seen: [String: Int] = [:]
        /// `name` is made only for an uncertain figure (most figures of a large graph are exact).
        func add(_ value: Double?, _ statement: FigureUncertainty?, _ fallback: Double, _ place: Place, _ name: @autoclosure () -> String) {
            guard let value else { return }
            let interval = statement.map { $0.interval(around: value, defaults: defaults) }
                ?? FigureUncertainty.interval(value, relative: fallback)
            guard let interval else { return }
            let name = name()
            let occurrence = seen[name, default: 0]
            seen[name] = occurrence + 1
            figures.append(Figure(place: place, identity: Self.fnv1a("\(name)|\(occurrence)"), value: value, interval: interval))
        }
        for (n, node) in graph.nodes.enumerated() {
            for (o, output) in node.outputs.enumerated() {
                var name: String { "output|\(node.id)|\(output.mineral.rawValue)|\(output.year ?? graph.year)" }
                add(output.tonnes, output.uncertainty?.tonnes, defaults.production, .output(node: n, output: o, .tonnes), name + "|t")
                add(output.containedTonnes, output.uncertainty?.containedTonnes, defaults.production, .output(node: n, output: o, .containedTonnes), name + "|ct")
                add(output.valueUSD, output.uncertainty?.valueUSD, defaults.production, .output(node: n, output: o, .valueUSD), name + "|usd")
            }
        }
        let flows = graph.flows
        for f in flows.indices {
            var name: String {
                let flow = flows[f]
                return "flow|\(flow.from)|\(flow.to)|\(flow.mineral.rawValue)|\(flow.product ?? "")|\(flow.type.rawValue)"
            }
            add(flows[f].tonnes, flows[f].uncertainty?.tonnes, defaults.flows, .flow(f, .tonnes), name + "|t")
            add(flows[f].containedTonnes, flows[f].uncertainty?.containedTonnes, defaults.flows, .flow(f, .containedTonnes), name + "|ct")
            add(flows[f].valueUSD, flows[f].uncertainty?.valueUSD, defaults.flows, .flow(f, .valueUSD), name + "|usd")
        }
        for (r, other) in graph.otherCountries.enumerated() {
            var name: String { "other|\(other.mineral.rawValue)|\(other.stage.rawValue)|\(other.year ?? graph.year)" }
            add(other.tonnes, other.uncertainty?.tonnes, defaults.production, .otherCountries(r, .tonnes), name + "|t")
            add(other.containedTonnes, other.uncertainty?.containedTonnes, defaults.production, .otherCountries(r, .containedTonnes), name + "|ct")
        }
        self.figures = figures
    }

    /// Whether every figure is exact (then there is nothing to propagate).
    public var isEmpty: Bool { figures.isEmpty }

    /// Draw number `index` of the run started from `seed`: the graph with every uncertain figure
    /// drawn from its interval. Each figure's draw comes from its own ``SeededGenerator``,
    /// started from the seed, the draw's index and the figure's identity, so draws neither
    /// depend on the order of nodes and flows nor on the other figures.
    public func draw(index: Int, seed: UInt64) -> SupplyGraph {
        var drawn = graph
        write(index: index, seed: seed, into: &drawn)
        return drawn
    }

    /// Writes the figures of draw number `index` into `drawn`, a copy of ``graph`` or of an
    /// earlier draw: every uncertain figure is set, the rest left as they are, so `drawn`
    /// becomes ``draw(index:seed:)`` without a new copy of the graph (a Monte Carlo worker
    /// reuses one graph for all its draws).
    public func write(index: Int, seed: UInt64, into drawn: inout SupplyGraph) {
        for figure in figures {
            var generator = SeededGenerator(seed: seed ^ figure.identity ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15))
            let span = figure.interval.upperBound - figure.interval.lowerBound
            Self.set(figure.place, to: figure.admissible(figure.interval.lowerBound + span * generator.unit()), in: &drawn)
        }
    }

    /// Whether some uncertain figure is a flow's.
    public var includesFlows: Bool {
        figures.contains { if case .flow = $0.place { true } else { false } }
    }

    /// The stated graph with figure number `index` (of ``figures``) moved to `value` and every
    /// other figure as stated: what a one-at-a-time screen of a figure's effect reads.
    public func moving(_ index: Int, to value: Double) -> SupplyGraph {
        var graph = graph
        Self.set(figures[index].place, to: figures[index].admissible(value), in: &graph)
        return graph
    }

    private static func set(_ place: Place, to value: Double, in graph: inout SupplyGraph) {
        switch place {
        case let .output(n, o, .tonnes): graph.nodes[n].outputs[o].tonnes = value
        case let .output(n, o, .containedTonnes): graph.nodes[n].outputs[o].containedTonnes = value
        case let .output(n, o, .valueUSD): graph.nodes[n].outputs[o].valueUSD = value
        case let .flow(f, .tonnes): graph.flows[f].tonnes = value
        case let .flow(f, .containedTonnes): graph.flows[f].containedTonnes = value
        case let .flow(f, .valueUSD): graph.flows[f].valueUSD = value
        case let .otherCountries(r, .tonnes): graph.otherCountries[r].tonnes = value
        case let .otherCountries(r, .containedTonnes): graph.otherCountries[r].containedTonnes = value
        case .otherCountries(_, .valueUSD): break
        }
    }

    /// 64-bit FNV-1a of the UTF-8 bytes (Fowler, Noll, Vo): stable across runs and platforms,
    /// unlike Swift's `Hasher`.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
