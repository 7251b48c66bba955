import MineralGraphCore

/// Every figure of a graph whose value is uncertain, with its interval, and the drawing of
/// graphs in which each such figure is replaced by a value from its interval.
///
/// Intervals: the figure's own statement (``FigureUncertainty``), else the graph's
/// ``UncertaintyDefaults`` — `production` for node outputs and "other countries" entries,
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
        public var field: Field {
            switch place {
            case let .output(_, _, field), let .flow(_, field), let .otherCountries(_, field): field
            }
        }
        public var value: Double
        public var interval: ClosedRange<Double>
    }

    public let graph: SupplyGraph
    public let figures: [Figure]

    public init(_ graph: SupplyGraph) {
        self.graph = graph
        let defaults = graph.uncertaintyDefaults ?? .standard
        var figures: [Figure] = []
        func add(_ value: Double?, _ statement: FigureUncertainty?, _ fallback: Double, _ place: Place) {
            guard let value else { return }
            let interval = statement.map { $0.interval(around: value, defaults: defaults) }
                ?? FigureUncertainty.interval(value, relative: fallback)
            if let interval { figures.append(Figure(place: place, value: value, interval: interval)) }
        }
        for (n, node) in graph.nodes.enumerated() {
            for (o, output) in node.outputs.enumerated() {
                add(output.tonnes, output.uncertainty?.tonnes, defaults.production, .output(node: n, output: o, .tonnes))
                add(output.containedTonnes, output.uncertainty?.containedTonnes, defaults.production, .output(node: n, output: o, .containedTonnes))
                add(output.valueUSD, output.uncertainty?.valueUSD, defaults.production, .output(node: n, output: o, .valueUSD))
            }
        }
        for (f, flow) in graph.flows.enumerated() {
            add(flow.tonnes, flow.uncertainty?.tonnes, defaults.flows, .flow(f, .tonnes))
            add(flow.containedTonnes, flow.uncertainty?.containedTonnes, defaults.flows, .flow(f, .containedTonnes))
            add(flow.valueUSD, flow.uncertainty?.valueUSD, defaults.flows, .flow(f, .valueUSD))
        }
        for (r, other) in graph.otherCountries.enumerated() {
            add(other.tonnes, other.uncertainty?.tonnes, defaults.production, .otherCountries(r, .tonnes))
            add(other.containedTonnes, other.uncertainty?.containedTonnes, defaults.production, .otherCountries(r, .containedTonnes))
        }
        self.figures = figures
    }

    /// Whether every figure is exact (then there is nothing to propagate).
    public var isEmpty: Bool { figures.isEmpty }

    /// The graph with every uncertain figure drawn from its interval.
    public func draw(using generator: inout SeededGenerator) -> SupplyGraph {
        var drawn = graph
        for figure in figures {
            let span = figure.interval.upperBound - figure.interval.lowerBound
            var value = figure.interval.lowerBound + span * generator.unit()
            if case .valueUSD = figure.field {} else { value = max(value, 0) }
            switch figure.place {
            case let .output(n, o, .tonnes): drawn.nodes[n].outputs[o].tonnes = value
            case let .output(n, o, .containedTonnes): drawn.nodes[n].outputs[o].containedTonnes = value
            case let .output(n, o, .valueUSD): drawn.nodes[n].outputs[o].valueUSD = value
            case let .flow(f, .tonnes): drawn.flows[f].tonnes = value
            case let .flow(f, .containedTonnes): drawn.flows[f].containedTonnes = value
            case let .flow(f, .valueUSD): drawn.flows[f].valueUSD = value
            case let .otherCountries(r, .tonnes): drawn.otherCountries[r].tonnes = value
            case let .otherCountries(r, .containedTonnes): drawn.otherCountries[r].containedTonnes = value
            case .otherCountries(_, .valueUSD): break
            }
        }
        return drawn
    }

}
