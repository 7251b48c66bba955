/// A Graphviz layout program (https://graphviz.org/docs/layouts/).
public enum LayoutEngine: String, CaseIterable, Hashable, Sendable {
    /// Layered drawing: stages as columns from mining (left) to waste (right). The default.
    case dot
    /// Spring model (stress majorisation).
    case neato
    /// Spring model (force-directed), honours clusters.
    case fdp
    /// Multiscale force-directed, for large graphs.
    case sfdp
    /// Circular layout.
    case circo
    /// Radial layout.
    case twopi

    /// Whether the engine lays out ranks, so that stages become columns.
    public var isLayered: Bool { self == .dot }
}
