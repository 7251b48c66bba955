/// An output format of `mineral-graph render`.
public enum RenderFormat: String, CaseIterable, Hashable, Sendable {
    /// DOT source, generated in Swift without Graphviz (feed it to `dot` to draw it).
    case dot
    case svg
    case png
    case pdf
    /// JPEG through Graphviz's own renderer (refused where the linked Graphviz has none).
    case jpg

    /// The Graphviz output format name (`-T`), `nil` for DOT source.
    public var graphvizFormat: String? {
        switch self {
        case .dot: nil
        case .svg: "svg"
        case .png: "png"
        case .pdf: "pdf"
        case .jpg: "jpg"
        }
    }

    /// Whether the output is binary (and should not be written to a terminal).
    public var isBinary: Bool { self == .png || self == .pdf || self == .jpg }

    /// Whether the output is a bitmap, whose resolution `--dpi` sets.
    public var isBitmap: Bool { self == .png || self == .jpg }

    /// The usual file extension.
    public var fileExtension: String { rawValue }

    /// The format a file name's extension names (`x.PNG` → png, `x.gv` → dot, `x.jpeg` → jpg), if any.
    public init?(fileExtensionOf path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "dot", "gv": self = .dot
        case "svg": self = .svg
        case "png": self = .png
        case "pdf": self = .pdf
        case "jpg", "jpeg": self = .jpg
        default: return nil
        }
    }
}
