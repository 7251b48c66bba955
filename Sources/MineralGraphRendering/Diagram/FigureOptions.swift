/// How a diagram is laid out on the page, independent of what it shows: resolution, size,
/// text size and where the legend goes. The options of `mineral-graph render` for figures in
/// papers (docs/rendering.md has the recipes for one- and two-column figures).
public struct FigureOptions: Hashable, Sendable {
    /// Where the legend (the graph label) goes.
    public enum LegendPlacement: String, CaseIterable, Hashable, Sendable {
        /// Below the drawing, left-aligned (the default).
        case below
        /// Above the drawing, left-aligned.
        case above
        /// Left out: the caption of a paper carries it.
        case none
    }

    /// A page size in inches.
    public struct Size: Hashable, Sendable, CustomStringConvertible {
        public var widthInches: Double
        public var heightInches: Double

        public init(widthInches: Double, heightInches: Double) {
            self.widthInches = widthInches
            self.heightInches = heightInches
        }

        /// `3.5x4`, `7X5` or `3.5,4` (inches); `nil` unless both are positive and finite.
        public init?(parsing text: String) {
            let parts = text.lowercased().split(whereSeparator: { $0 == "x" || $0 == "," }).map(String.init)
            guard parts.count == 2, let width = Double(parts[0]), let height = Double(parts[1]),
                  width.isFinite, height.isFinite, width > 0, height > 0, width <= 200, height <= 200
            else { return nil }
            self.init(widthInches: width, heightInches: height)
        }

        public var description: String {
            DOTValue.format(widthInches) + "x" + DOTValue.format(heightInches)
        }
    }

    /// Resolution of PNG and JPEG output in dots per inch; `nil` leaves Graphviz's 96.
    /// Vector output (SVG, PDF) ignores it.
    public var dpi: Double?
    /// The drawing is scaled, keeping its aspect ratio, to fit exactly into this box
    /// (Graphviz `size="W,H!"`): up or down, so that a figure is as wide as the column.
    public var size: Size?
    /// Multiplies every font size (node, edge, cluster and legend text) before layout, so that
    /// text stays readable when `size` shrinks a large drawing.
    public var fontScale: Double
    public var legend: LegendPlacement
    /// Short node labels (name and share: "China · 82 %", no facility count or stage name)
    /// and closer columns, so that a drawing shrunk to a column keeps larger text.
    public var compact: Bool

    public init(dpi: Double? = nil, size: Size? = nil, fontScale: Double = 1, legend: LegendPlacement = .below, compact: Bool = false) {
        self.dpi = dpi
        self.size = size
        self.fontScale = fontScale
        self.legend = legend
        self.compact = compact
    }

    /// A font size in points, scaled by ``fontScale`` and rounded to 0.1 pt.
    func fontSize(_ points: Double) -> Double {
        (points * fontScale * 10).rounded() / 10
    }
}

/// What edge labels say. Tooltips in SVG always carry all the figures.
public enum EdgeLabels: String, CaseIterable, Hashable, Sendable {
    /// No text on edges.
    case none
    /// The quantity (tonnes, or USD with `--weight value`).
    case value
    /// The share of the flows of that mineral and type leaving the source stage.
    case share
    /// Quantity · share.
    case both
}
