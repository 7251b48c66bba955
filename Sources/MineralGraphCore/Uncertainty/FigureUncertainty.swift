/// How sure a figure is: the range its true value lies in.
///
/// A graph file states it beside the value (`contained_tonnes: {value: 157000, range: [140000,
/// 170000]}`, `{value: 157000, uncertainty: 10%}`, `{value: 157000, estimated: true}`); a figure
/// without a statement takes the graph's ``UncertaintyDefaults``. The Monte Carlo propagation
/// (MineralGraphAnalysis, docs/methods.md §10) draws each uncertain figure uniformly from its
/// interval, independently of the others (tool convention).
public enum FigureUncertainty: Hashable, Codable, Sendable {
    /// The true figure lies in `low...high` (same unit and basis as the value).
    case range(low: Double, high: Double)
    /// The true figure lies within ± `fraction` of the stated value (0.1 for ±10 %).
    case relative(Double)
    /// The figure is an estimate (USGS "e", a World Mining Data estimate): the graph's
    /// ``UncertaintyDefaults/estimated`` applies.
    case estimated
    /// The figure is rounded (a world total printed to three significant digits): the graph's
    /// ``UncertaintyDefaults/rounded`` applies.
    case rounded
    /// The figure is contained tonnes derived from gross tonnes through a grade or contained
    /// share (the trade importer's HS product map): the graph's ``UncertaintyDefaults/grade``
    /// applies.
    case grade

    /// The interval of a figure whose stated value is `value`, or `nil` when it is exact.
    public func interval(around value: Double, defaults: UncertaintyDefaults) -> ClosedRange<Double>? {
        switch self {
        case let .range(low, high):
            return low < high ? low...high : nil
        case let .relative(fraction):
            return Self.interval(value, relative: fraction)
        case .estimated:
            return Self.interval(value, relative: defaults.estimated)
        case .rounded:
            return Self.interval(value, relative: defaults.rounded)
        case .grade:
            return Self.interval(value, relative: defaults.grade)
        }
    }

    /// The key of a mark (`estimated: true`, `rounded: true`, `grade: true`); `nil` for a range
    /// or a relative uncertainty.
    public var markKey: FigureKey? {
        switch self {
        case .range, .relative: nil
        case .estimated: .estimated
        case .rounded: .rounded
        case .grade: .grade
        }
    }

    /// The marks a figure may carry, with their keys.
    public static let marks: [(key: FigureKey, statement: FigureUncertainty)] = [(.estimated, .estimated), (.rounded, .rounded), (.grade, .grade)]

    /// The statement after the figure is multiplied by `factor` (an edit `*=`): a range scales
    /// with it; a relative uncertainty and an estimate mark stay as they are.
    public func scaled(by factor: Double) -> FigureUncertainty {
        guard case let .range(low, high) = self else { return self }
        return .range(low: min(low * factor, high * factor), high: max(low * factor, high * factor))
    }

    /// The statement after `amount` is added to the figure (an edit `+=`): a range moves with it.
    public func shifted(by amount: Double) -> FigureUncertainty {
        guard case let .range(low, high) = self else { return self }
        return .range(low: low + amount, high: high + amount)
    }

    /// `value ± |value| · fraction`, or `nil` when that is a single point.
    public static func interval(_ value: Double, relative fraction: Double) -> ClosedRange<Double>? {
        let halfWidth = abs(value) * fraction
        return halfWidth > 0 ? (value - halfWidth)...(value + halfWidth) : nil
    }
}

/// The uncertainty statements of one output, flow or "other countries" entry, per figure.
public struct FigureUncertainties: Hashable, Codable, Sendable {
    public var tonnes: FigureUncertainty?
    public var containedTonnes: FigureUncertainty?
    public var valueUSD: FigureUncertainty?

    public init(tonnes: FigureUncertainty? = nil, containedTonnes: FigureUncertainty? = nil, valueUSD: FigureUncertainty? = nil) {
        self.tonnes = tonnes
        self.containedTonnes = containedTonnes
        self.valueUSD = valueUSD
    }

    /// Whether no figure has a statement.
    public var isEmpty: Bool { tonnes == nil && containedTonnes == nil && valueUSD == nil }

    /// `nil` when no figure has a statement, so that equal graphs compare equal.
    public var nonEmpty: FigureUncertainties? { isEmpty ? nil : self }

    /// The statements after every figure is multiplied by `factor` (``FigureUncertainty/scaled(by:)``).
    public func scaled(by factor: Double) -> FigureUncertainties {
        FigureUncertainties(
            tonnes: tonnes?.scaled(by: factor), containedTonnes: containedTonnes?.scaled(by: factor), valueUSD: valueUSD?.scaled(by: factor))
    }
}

/// Relative uncertainties a graph applies to figures that state none of their own (tool
/// convention; docs/methods.md §10 gives the defaults' sources). Half-widths: 0.1 means ±10 %.
public struct UncertaintyDefaults: Hashable, Codable, Sendable {
    /// Figures marked `estimated: true`.
    public var estimated: Double
    /// Production figures (node outputs and "other countries") without a statement.
    public var production: Double
    /// Flow figures without a statement (trade: the gap between exporter- and importer-reported
    /// values).
    public var flows: Double
    /// Figures marked `rounded: true`: ± 0.5 % unless set, the largest error of rounding to
    /// three significant digits (a figure of 100–999 units rounded to the unit), as USGS rounds
    /// its world totals.
    public var rounded: Double
    /// Contained tonnes marked `grade: true` (derived from gross tonnes through a grade or a
    /// contained share): 0 unless set — grades vary by deposit and product, and no source gives
    /// a range for the typical shares the tool uses; set what your source supports.
    public var grade: Double

    /// ±10 % for estimates, ± 0.5 % for rounded figures, every other figure exact: what a graph
    /// without an `uncertainty:` block means.
    public static let standard = UncertaintyDefaults()

    public init(estimated: Double = 0.10, production: Double = 0, flows: Double = 0, rounded: Double = 0.005, grade: Double = 0) {
        self.estimated = estimated
        self.production = production
        self.flows = flows
        self.rounded = rounded
        self.grade = grade
    }

    /// The defaults as a graph file writes them, in its order: `estimated`, `production` and
    /// `flows` always, `rounded` and `grade` where they differ from ``standard`` (so that files
    /// written before they existed are written as they were).
    public var fileEntries: [(key: UncertaintyDefaultsKey, fraction: Double)] {
        var entries: [(key: UncertaintyDefaultsKey, fraction: Double)] = [(.estimated, estimated), (.production, production), (.flows, flows)]
        if rounded != Self.standard.rounded { entries.append((.rounded, rounded)) }
        if grade != Self.standard.grade { entries.append((.grade, grade)) }
        return entries
    }

    /// The default under `key`.
    public subscript(key: UncertaintyDefaultsKey) -> Double {
        get {
            switch key {
            case .estimated: estimated
            case .production: production
            case .flows: flows
            case .rounded: rounded
            case .grade: grade
            }
        }
        set {
            switch key {
            case .estimated: estimated = newValue
            case .production: production = newValue
            case .flows: flows = newValue
            case .rounded: rounded = newValue
            case .grade: grade = newValue
            }
        }
    }
}

extension SupplyGraph {
    /// The graph with every uncertainty statement and default removed: what the exports that
    /// carry no uncertainty (DOT, GraphML, CSV, node-link) hold of it.
    public var withoutUncertainty: SupplyGraph {
        var graph = self
        graph.uncertaintyDefaults = nil
        for n in graph.nodes.indices { for o in graph.nodes[n].outputs.indices { graph.nodes[n].outputs[o].uncertainty = nil } }
        for f in graph.flows.indices { graph.flows[f].uncertainty = nil }
        for r in graph.otherCountries.indices { graph.otherCountries[r].uncertainty = nil }
        return graph
    }
}
