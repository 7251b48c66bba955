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

    public init(options: DiagramOptions = DiagramOptions(), engine: LayoutEngine = .dot) {
        self.options = options
        self.engine = engine
    }

    /// The diagram model of `graph`.
    public func diagram(for graph: SupplyGraph) throws(DiagramError) -> Diagram {
        try DiagramBuilder(options: options).build(graph)
    }

    /// The DOT text of `graph`'s diagram, generated in Swift.
    public func dot(for graph: SupplyGraph) throws(DiagramError) -> String {
        DOTWriter().write(DiagramEncoder(engine: engine).encode(try diagram(for: graph)))
    }

    /// `graph` drawn as `format`; DOT is returned as generated, other formats go through
    /// libgvc in-process.
    public func render(_ graph: SupplyGraph, as format: RenderFormat) throws(RenderError) -> RenderedDiagram {
        let text: String
        do {
            text = try dot(for: graph)
        } catch {
            throw .diagram(error)
        }
        guard let graphvizFormat = format.graphvizFormat else {
            return RenderedDiagram(format: format, data: Data(text.utf8), warnings: [])
        }
        do {
            let output = try GraphvizRenderer.render(dot: text, engine: engine.rawValue, format: graphvizFormat)
            return RenderedDiagram(format: format, data: output.data, warnings: output.warnings)
        } catch {
            throw .graphviz(error)
        }
    }
}
