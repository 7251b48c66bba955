import Foundation
import MineralGraphCore

/// A rendering failure: the options do not fit the graph, or Graphviz failed.
public enum RenderError: Error, Hashable, Sendable, CustomStringConvertible {
    case diagram(DiagramError)
    case graphviz(GraphvizError)

    public var description: String {
        switch self {
        case .diagram(let error): error.description
        case .graphviz(let error): error.description
        }
    }
}

/// A rendered diagram in memory.
public struct RenderedDiagram: Hashable, Sendable {
    public var format: RenderFormat
    public var data: Data
    /// Graphviz warnings (none for DOT, which Graphviz does not touch).
    public var warnings: [String]
    /// With ``FigureOptions/size``: the factor the drawing was scaled by to fit the box, so
    /// that node text prints at `10 × fontScale × scale` points; `nil` otherwise.
    public var scale: Double? = nil

    /// The printed size of node text (10 pt × font scale × ``scale``), with `--size`.
    public func nodeTextPoints(fontScale: Double) -> Double? {
        scale.map { 10 * fontScale * $0 }
    }
}

/// Draws supply graphs: ``DiagramBuilder`` → ``DiagramEncoder`` → ``DOTWriter`` → Graphviz.
///
/// ```swift
/// let renderer = DiagramRenderer(options: DiagramOptions(minShare: 0.05), engine: .dot)
/// let svg = try renderer.render(graph, as: .svg).data
/// ```
public struct DiagramRenderer: Sendable {
    public var options: DiagramOptions
    public var engine: LayoutEngine
    public var figure: FigureOptions

    public init(options: DiagramOptions = DiagramOptions(), engine: LayoutEngine = .dot, figure: FigureOptions = FigureOptions()) {
        self.options = options
        self.engine = engine
        self.figure = figure
    }

    /// The diagram model of `graph`.
    public func diagram(for graph: SupplyGraph) throws(DiagramError) -> Diagram {
        try DiagramBuilder(options: options).build(graph)
    }

    /// The DOT text of `graph`'s diagram, generated in Swift. `bitmap` writes the figure's
    /// dpi (for PNG and JPEG, and for DOT text that will be drawn as one).
    public func dot(for graph: SupplyGraph, bitmap: Bool = false) throws(DiagramError) -> String {
        DOTWriter().write(DiagramEncoder(engine: engine, figure: figure, bitmap: bitmap).encode(try diagram(for: graph)))
    }

    /// `graph` drawn as `format`; DOT is returned as generated, other formats go through
    /// libgvc in-process. The bytes depend only on the graph, the options and the Graphviz,
    /// cairo and font versions: SVG names its font with CSS fallbacks, PDF loses cairo's
    /// creation date (``DeterministicPDF``).
    public func render(_ graph: SupplyGraph, as format: RenderFormat) throws(RenderError) -> RenderedDiagram {
        let text: String
        do {
            text = try dot(for: graph, bitmap: format.isBitmap || (format == .dot && figure.dpi != nil))
        } catch {
            throw .diagram(error)
        }
        guard let graphvizFormat = format.graphvizFormat else {
            return RenderedDiagram(format: format, data: Data(text.utf8), warnings: [])
        }
        let output: GraphvizOutput
        do {
            output = try GraphvizRenderer.render(dot: text, engine: engine.rawValue, format: graphvizFormat)
        } catch {
            throw .graphviz(error)
        }
        var data = output.data
        switch format {
        case .svg: data = Self.withFontFallbacks(svg: data)
        case .pdf: data = DeterministicPDF.fixingDates(data)
        default: break
        }
        var scale: Double?
        if let size = figure.size, let layout = output.layoutSize, layout.width > 0, layout.height > 0 {
            // size="W,H!": the drawing with its pad is scaled up or down until one side fits.
            let pad = 2 * DiagramEncoder.padInches * 72
            scale = min(size.widthInches * 72 / (layout.width + pad), size.heightInches * 72 / (layout.height + pad))
        }
        return RenderedDiagram(format: format, data: data, warnings: output.warnings, scale: scale)
    }

    /// Graphviz writes `font-family="DejaVu Sans"`; a browser without the font would fall
    /// back to its default, often a serif: name sans-serif fallbacks after it.
    /// (Replaced on the bytes in one pass: `replacingOccurrences` on the text was 6 % of
    /// rendering 2,000 nodes.)
    static func withFontFallbacks(svg: Data) -> Data {
        let pattern = Array(("font-family=\"" + DiagramStyle.fontName + "\"").utf8)
        let replacement = Array(("font-family=\"" + DiagramStyle.svgFontFamily + "\"").utf8)
        let bytes = [UInt8](svg)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var index = 0, copied = 0
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], bytes[index..<index + pattern.count].elementsEqual(pattern) {
                out += bytes[copied..<index]
                out += replacement
                index += pattern.count
                copied = index
            } else {
                index += 1
            }
        }
        out += bytes[copied...]
        return Data(out)
    }
}
