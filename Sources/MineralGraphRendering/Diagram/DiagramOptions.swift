import MineralGraphCore

/// What a diagram shows and how it is simplified: the options of `mineral-graph render`.
public struct DiagramOptions: Hashable, Sendable {
    /// The quantity edge widths and shares measure.
    public enum Weight: String, CaseIterable, Hashable, Sendable {
        /// Contained tonnes where given, else gross tonnes (`Flow.basisTonnes`).
        case tonnes
        /// USD value (`Flow.valueUSD`).
        case value
    }

    /// How facilities are collapsed.
    public enum Grouping: String, CaseIterable, Hashable, Sendable {
        /// One node per facility.
        case none
        /// One node per country and stage.
        case country
    }

    /// Boxes drawn around groups of nodes.
    public enum Clustering: String, CaseIterable, Hashable, Sendable {
        case none
        /// One box per country.
        case country
        /// One box per stage (labelled columns with the `dot` engine).
        case stage
    }

    /// What a node's fill colour encodes.
    public enum Coloring: String, CaseIterable, Hashable, Sendable {
        /// The country's development group (developed, developing, LDC) in the country scheme.
        case group
        /// The node's share of its stage, in five classes, so dominant suppliers stand out.
        case share
    }

    public var weight: Weight
    public var grouping: Grouping
    public var clustering: Clustering
    public var coloring: Coloring
    /// Show only flows of this mineral, and the nodes that produce or handle it.
    public var mineral: MineralID?
    /// Hide flows whose share of their source stage's outflow (same mineral and flow type)
    /// is below this fraction (0…1); they are summarised by "other" nodes.
    public var minShare: Double?
    /// Keep only the `top` largest flows out of each stage (per mineral and flow type); the
    /// rest are summarised by "other" nodes.
    public var top: Int?
    /// The country-group scheme for fills; `nil` uses the graph's `country_scheme`, else
    /// `CountryGroupScheme.defaultScheme`.
    public var scheme: CountryGroupScheme.ID?
    /// What edge labels say. `nil` means: quantity and share unless the diagram has more
    /// than ``DiagramOptions/maximumLabelledEdges`` edges, then none (tooltips always carry
    /// the figures).
    public var edgeLabels: EdgeLabels?

    /// Above this many edges, labels are left off unless asked for: they double the layout
    /// time of `dot` and turn large diagrams into text soup.
    public static let maximumLabelledEdges = 150

    public init(
        weight: Weight = .tonnes, grouping: Grouping = .none, clustering: Clustering = .none,
        coloring: Coloring = .group, mineral: MineralID? = nil, minShare: Double? = nil,
        top: Int? = nil, scheme: CountryGroupScheme.ID? = nil, edgeLabels: EdgeLabels? = nil
    ) {
        self.weight = weight
        self.grouping = grouping
        self.clustering = clustering
        self.coloring = coloring
        self.mineral = mineral
        self.minShare = minShare
        self.top = top
        self.scheme = scheme
        self.edgeLabels = edgeLabels
    }

    /// Whether small flows are hidden.
    public var filtersFlows: Bool { minShare != nil || top != nil }
}
