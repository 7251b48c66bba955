internal import CGraphviz
import Foundation

/// A failure inside libgraphviz, with the message Graphviz gave.
public struct GraphvizError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The step that failed.
    public enum Step: String, Hashable, Sendable {
        case context = "creating the Graphviz context"
        case parse = "reading the DOT text"
        case layout = "laying out the graph"
        case render = "rendering the graph"
    }

    public var step: Step
    /// Graphviz's own message (its `Error:` and `Warning:` lines), or a note when it gave none.
    public var message: String

    public var description: String { "Graphviz failed \(step.rawValue): \(message)" }
}

/// What Graphviz produced, with the warnings it printed on the way.
public struct GraphvizOutput: Hashable, Sendable {
    public var data: Data
    /// Graphviz's warning lines (e.g. about fonts or unknown attributes), in order.
    public var warnings: [String]
    /// Width and height of the laid-out drawing in points, before `size` scales it (the `bb`
    /// attribute `gvLayout` sets); `nil` if Graphviz gave none.
    public var layoutSize: (width: Double, height: Double)? = nil

    public static func == (a: GraphvizOutput, b: GraphvizOutput) -> Bool {
        a.data == b.data && a.warnings == b.warnings && a.layoutSize?.width == b.layoutSize?.width
            && a.layoutSize?.height == b.layoutSize?.height
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(data)
        hasher.combine(warnings)
        hasher.combine(layoutSize?.width)
        hasher.combine(layoutSize?.height)
    }
}

/// Lays out and renders DOT text in-process with libgvc (Graphviz's C library), never by
/// running the `dot` program.
///
/// This file is the only code in mineral-graph that calls C. Each call
/// - takes a process-wide lock, because libcgraph and libgvc keep global state and are not
///   thread-safe;
/// - uses the one Graphviz context of the process (`gvContext()`, created on first use and
///   never freed): on Graphviz 2.42 (Debian 12) a context freed after one render and a new one
///   created for the next leave the pango plugin reading memory the first context freed
///   (valgrind: invalid reads in `pango_*` when `report A B C --format html` draws three
///   diagrams). Plugins are loaded once, as the `dot` program does;
/// - installs an error function with `agseterrf` that collects Graphviz's messages (without it
///   libcgraph prints to standard error) and calls `agreseterrors()` before each step, because
///   `agerrors()` is sticky;
/// - frees everything it allocated for the graph in reverse order with `defer` —
///   `gvFreeRenderData`, `gvFreeLayout`, `agclose` — on success and on every error path.
///
/// The `gvRenderData` length parameter is `unsigned int` in Graphviz 2.42–13 (Debian 12 ships
/// 2.42.2, reporting 2.43.0) and `size_t` from 14; `renderData(_:_:_:_:_:)` has an overload
/// for each, so this file builds against both.
public enum GraphvizRenderer {
    /// Serialises all use of the library.
    private static let lock = NSLock()

    /// The process's Graphviz context, created on first use (with ``lock`` held) and kept
    /// until the process ends; `nil` until then, or when `gvContext()` failed.
    nonisolated(unsafe) private static var sharedContext: OpaquePointer?

    /// The shared context; call with ``lock`` held.
    private static func context() -> OpaquePointer? {
        if sharedContext == nil { sharedContext = gvContext() }
        return sharedContext
    }

    /// Lays out `dot` with `engine` (`dot`, `neato` ...) and renders it as `format`
    /// (Graphviz's `-T` name: `svg`, `png`, `pdf` ...).
    ///
    /// - Throws: ``GraphvizError`` carrying Graphviz's message when the text does not parse,
    ///   the engine or format is unknown, or layout or rendering fails.
    public static func render(dot: String, engine: String, format: String) throws(GraphvizError) -> GraphvizOutput {
        lock.lock()
        defer { lock.unlock() }

        collectedMessages = ""
        let previousHandler = agseterrf(collectMessage)
        defer {
            agseterrf(previousHandler)
            collectedMessages = ""
        }
        var warnings: [String] = []
        func failure(_ step: GraphvizError.Step, _ fallback: String) -> GraphvizError {
            let text = collectedMessages.trimmingCharacters(in: .whitespacesAndNewlines)
            return GraphvizError(step: step, message: text.isEmpty ? fallback : text)
        }
        func takeWarnings() {
            warnings += collectedMessages.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            collectedMessages = ""
        }

        agreseterrors()
        guard let context = context() else {
            throw failure(.context, "gvContext() returned NULL")
        }
        takeWarnings()

        agreseterrors()
        let parsed = dot.withCString { agmemread($0) }
        let parseErrors = agerrors()
        guard let graph = parsed else {
            throw failure(.parse, "agmemread() returned NULL")
        }
        defer { agclose(graph) }
        if parseErrors > 0 { throw failure(.parse, "agmemread() reported errors") }
        takeWarnings()

        agreseterrors()
        let layoutStatus = engine.withCString { gvLayout(context, graph, $0) }
        // gvFreeLayout is safe after a failed layout: it frees whatever the engine attached.
        defer { gvFreeLayout(context, graph) }
        if layoutStatus != 0 || agerrors() > 0 {
            throw failure(.layout, "gvLayout() returned \(layoutStatus) for engine '\(engine)'")
        }
        takeWarnings()
        // "llx lly urx ury" in points (2.43 writes spaces, `dot -Tdot` commas), set by gvLayout
        // before any scaling to `size`.
        let box = "bb".withCString { agget(UnsafeMutableRawPointer(graph), UnsafeMutablePointer(mutating: $0)) }
            .map { String(cString: $0).split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Double($0) } }
        let layoutSize = box.flatMap { $0.count == 4 ? (width: $0[2] - $0[0], height: $0[3] - $0[1]) : nil }

        agreseterrors()
        var result: UnsafeMutablePointer<CChar>? = nil
        let (renderStatus, length) = format.withCString { renderData(gvRenderData, context, graph, $0, &result) }
        defer { if let result { gvFreeRenderData(result) } }
        if renderStatus != 0 || agerrors() > 0 {
            throw failure(.render, "gvRenderData() returned \(renderStatus) for format '\(format)'")
        }
        guard let result else { throw failure(.render, "gvRenderData() gave no data") }
        takeWarnings()
        return GraphvizOutput(data: Data(bytes: result, count: length), warnings: warnings, layoutSize: layoutSize)
    }

    /// Whether the linked Graphviz has an output device for `format` (`jpg`, `png` ...),
    /// from `gvPluginList(context, "device", ...)`, whose entries read `jpg:cairo` or `jpg`.
    public static func supportsFormat(_ format: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let context = context() else { return false }
        var count: Int32 = 0
        guard let list = gvPluginList(context, "device", &count, nil) else { return false }
        defer {
            for index in 0..<Int(max(count, 0)) { free(list[index]) }
            free(list)
        }
        return (0..<Int(max(count, 0))).contains { index in
            guard let entry = list[index] else { return false }
            return String(cString: entry).split(separator: ":").first.map(String.init) == format
        }
    }

    /// The version of the linked Graphviz library, e.g. "2.43.0".
    public static func libraryVersion() -> String {
        lock.lock()
        defer { lock.unlock() }
        guard let context = context() else { return "unknown" }
        guard let info = gvcVersion(context) else { return "unknown" }
        return String(cString: info)
    }

    // MARK: gvRenderData across Graphviz versions

    private typealias ResultPointer = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

    /// `gvRenderData` with an `unsigned int *` length (Graphviz before 14).
    private static func renderData(
        _ function: (OpaquePointer?, UnsafeMutablePointer<Agraph_t>?, UnsafePointer<CChar>?, ResultPointer?, UnsafeMutablePointer<UInt32>?) -> Int32,
        _ context: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>, _ format: UnsafePointer<CChar>,
        _ result: ResultPointer
    ) -> (Int32, Int) {
        var length: UInt32 = 0
        let status = function(context, graph, format, result, &length)
        return (status, Int(length))
    }

    /// `gvRenderData` with a `size_t *` length (Graphviz 14 and later).
    private static func renderData(
        _ function: (OpaquePointer?, UnsafeMutablePointer<Agraph_t>?, UnsafePointer<CChar>?, ResultPointer?, UnsafeMutablePointer<Int>?) -> Int32,
        _ context: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>, _ format: UnsafePointer<CChar>,
        _ result: ResultPointer
    ) -> (Int32, Int) {
        var length = 0
        let status = function(context, graph, format, result, &length)
        return (status, length)
    }
}

// MARK: Error collection

/// Graphviz's messages since the last reset. Only touched while `GraphvizRenderer.lock` is
/// held (the C callback runs synchronously inside a locked call).
nonisolated(unsafe) private var collectedMessages = ""

/// The `agusererrf` callback: libcgraph passes "Error"/"Warning", ": " and the message as
/// separate pieces.
private func collectMessage(_ text: UnsafeMutablePointer<CChar>?) -> Int32 {
    if let text { collectedMessages += String(cString: text) }
    return 0
}
