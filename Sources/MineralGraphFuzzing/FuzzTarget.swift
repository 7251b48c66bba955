import Foundation
import MineralGraphCore
import MineralGraphFormats

/// A property of the readers, editors and writers that an input broke: what the fuzzers in
/// `Fuzz/` report as a crash and the regression tests check every kept crasher against.
public struct FuzzFinding: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// The fuzz targets (docs/fuzzing.md): one per reader, and two round trips. Each takes any
/// bytes and checks, beyond "does not crash, hang or exhaust memory" (which the fuzzer and the
/// sanitizer watch):
/// - a refused input gives diagnostics that are located (or about the whole file), bounded and
///   free of raw control characters when printed;
/// - an accepted input gives a graph that validates without crashing, and whose canonical text
///   reads back to the same canonical text;
/// - importers produce graphs without validation errors (`import` would call that a bug);
/// - edits that apply read back as the edited graph, and those that fail never fail for a
///   limitation of the patcher (`edit-internal`);
/// - valid graphs export to JSON and DOT that import back to the same graph.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case graphYAML = "graph-yaml"
    case scenario
    case productionCSV = "production-csv"
    case tradeCSV = "trade-csv"
    case dot
    case jsonGraph = "json-graph"
    case editScript = "edit-script"
    case editRoundTrip = "edit-roundtrip"
    case exportRoundTrip = "export-roundtrip"

    /// Runs the target's checks on `bytes`.
    public func check(_ bytes: [UInt8]) throws(FuzzFinding) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .graphYAML: try Self.graphYAML(text)
        case .scenario: try Self.scenario(text)
        case .productionCSV: try Self.productionCSV(bytes)
        case .tradeCSV: try Self.tradeCSV(bytes)
        case .dot: try Self.dot(text)
        case .jsonGraph: try Self.jsonGraph(text)
        case .editScript: try Self.editScript(text)
        case .editRoundTrip: try Self.editRoundTrip(text)
        case .exportRoundTrip: try Self.exportRoundTrip(text)
        }
    }

    // MARK: Readers

    static func graphYAML(_ text: String) throws(FuzzFinding) {
        try graphReader("graph reader", exports: false) { () throws(DiagnosticError) in try GraphFileReader().read(text: text, file: "fuzz.yaml") }
    }

    /// A reader of graphs: a refusal is a good failure; a graph validates with located
    /// findings, has a stable canonical text and (with `exports`) survives the exports.
    static func graphReader(
        _ what: String, exports: Bool, _ read: () throws(DiagnosticError) -> GraphDocument
    ) throws(FuzzFinding) {
        let document: GraphDocument
        do {
            document = try read()
        } catch {
            return try expectGoodFailure(error.diagnostics, rendered: error.description, what)
        }
        let findings = document.validate()
        try expectGoodDiagnostics(findings, rendered: DiagnosticRenderer(text: document.text).render(findings), "validation")
        try expectStableCanonicalText(document.graph, what)
        if exports { try expectExportsRoundTrip(document.graph) }
    }

    static func scenario(_ text: String) throws(FuzzFinding) {
        let document: ScenarioDocument
        do {
            document = try ScenarioFileReader().read(text: text, file: "fuzz.yaml")
        } catch {
            return try expectGoodFailure(error.diagnostics, rendered: error.description, "scenario reader")
        }
        let warnings = document.validate(against: sampleDocument.graph)
        try expectGoodDiagnostics(warnings, rendered: DiagnosticRenderer(text: document.text).render(warnings), "scenario validation")
    }

    static func productionCSV(_ bytes: [UInt8]) throws(FuzzFinding) {
        let imported: ProductionTableImport
        do {
            imported = try ProductionTableImporter().read(bytes: bytes, file: "fuzz.csv")
        } catch {
            return try expectGoodFailure(error.diagnostics, rendered: error.description, "production importer")
        }
        try expectValidImport(imported.graph, "production importer")
        try expectStableCanonicalText(imported.graph, "production importer")
    }

    /// The first byte picks what the rest is: a trade file (BACI or Comtrade, detected from
    /// its header), a product map, or a country table.
    static func tradeCSV(_ bytes: [UInt8]) throws(FuzzFinding) {
        guard let mode = bytes.first else { return }
        let rest = Array(bytes.dropFirst())
        switch mode % 3 {
        case 0:
            try importTrade(rest, map: builtInMap, "trade reader")
        case 1:
            let map: HSProductMap
            do {
                map = try HSProductMap.parse(bytes: rest, file: "map.csv")
            } catch {
                return try expectGoodFailure(error.diagnostics, rendered: error.description, "product map")
            }
            try importTrade(Array(sampleBACI.utf8), map: builtInMap.overridden(by: map), "trade import with a product map")
        default:
            do {
                _ = try TradeReferenceTables.countries(bytes: rest, file: "countries.csv")
            } catch {
                return try expectGoodFailure(error.diagnostics, rendered: error.description, "country table")
            }
        }
    }

    static func dot(_ text: String) throws(FuzzFinding) {
        try graphReader("DOT importer", exports: true) { () throws(DiagnosticError) in try DOTImporter().read(text: text, file: "fuzz.dot") }
    }

    static func jsonGraph(_ text: String) throws(FuzzFinding) {
        try graphReader("JSON reader", exports: true) { () throws(DiagnosticError) in try JSONGraphReader().read(text: text, file: "fuzz.json") }
    }

    // MARK: Editing

    /// An edit script applied to ``sampleGraph``.
    static func editScript(_ text: String) throws(FuzzFinding) {
        let script: EditScript
        do {
            script = try EditScript.parse(script: text, file: "fuzz.txt")
        } catch {
            return try expectGoodFailure(error.diagnostics, rendered: error.description, "edit parser")
        }
        try applyEdits([script], to: sampleDocument)
    }

    /// Edits of every kind applied, one at a time, to a graph read from the input: adding a
    /// node and a flow, setting, scaling and removing fields, removing a flow and a node,
    /// renaming a node.
    static func editRoundTrip(_ text: String) throws(FuzzFinding) {
        guard let document = try? GraphFileReader().read(text: text, file: "fuzz.yaml") else { return }
        let graph = document.graph
        var edits = ["add node {id: fuzz-new-node, kind: consumer, country: USA, notes: added}", "graph.description=\"Edited\""]
        if let node = graph.nodes.last {
            let id = EditScript.quote(node.id)
            edits += ["node[\(id)].notes=\"edited\\nnote\"", "node[\(id)].name=null", "node[\(id)].capacity_tonnes=5",
                      "rename node[\(id)] fuzz-renamed", "remove node[\(id)]"]
            if let output = node.outputs.first {
                edits.append("add flow {from: \(id), to: fuzz-new-node, mineral: \(EditScript.quote(output.mineral.rawValue)), contained_tonnes: 1}")
                edits.append("node[\(id)].output[\(EditScript.quote(output.mineral.rawValue))]*=0.5")
            }
        }
        if let flow = graph.flows.last {
            let selector = "flow[\(EditScript.quote(flow.from))->\(EditScript.quote(flow.to))]"
            edits += ["\(selector).notes=edited", "\(selector).value_usd+=1", "remove \(selector)"]
        }
        if let node = graph.nodes.first {
            edits.append("node[\(EditScript.quote(node.id))].water.aware_cf=1")
        }
        for edit in edits {
            guard let script = try? EditScript.parse(edit: edit, file: "<edit>") else { continue }
            try applyEdits([script], to: document)
        }
    }

    /// Applies `scripts`; a failure must be the user's (a bad edit, a new validation error),
    /// never the patcher's, and a success must read back as the edited graph.
    static func applyEdits(_ scripts: [EditScript], to document: GraphDocument) throws(FuzzFinding) {
        do {
            let outcome = try GraphFileEditor().apply(scripts, to: document, editedName: "fuzz.yaml (edited)")
            let back: GraphDocument
            do {
                back = try GraphFileReader().read(text: outcome.text, file: "again.yaml")
            } catch {
                throw FuzzFinding("the edited text does not read back a second time:\n\(error.description)")
            }
            if GraphFileWriter().write(back.graph) != GraphFileWriter().write(outcome.document.graph) {
                throw FuzzFinding("the edited text reads back differently a second time")
            }
        } catch let finding as FuzzFinding {
            throw finding
        } catch let failure as DiagnosticError {
            if failure.diagnostics.contains(where: { $0.code == DiagnosticCode.editInternal.rawValue }) {
                throw FuzzFinding("an edit failed inside the patcher:\n\(failure.description)\nedits: "
                                  + scripts.map(\.text).joined(separator: " | ") + "\nfile:\n" + document.text)
            }
            try expectGoodFailure(failure.diagnostics, rendered: failure.description, "edit")
        } catch {
            throw FuzzFinding("unexpected error \(error)")
        }
    }

    // MARK: Round trips

    /// A graph read from the input, exported to JSON and DOT and imported back.
    static func exportRoundTrip(_ text: String) throws(FuzzFinding) {
        guard let document = try? GraphFileReader().read(text: text, file: "fuzz.yaml") else { return }
        try expectExportsRoundTrip(document.graph)
        // The other writers must not crash, whatever the graph holds.
        _ = GraphMLWriter().write(document.graph)
        _ = CSVTableWriter().write(document.graph)
    }

    /// A graph without validation errors (`export` refuses others: a DOT file cannot declare a
    /// node twice) exports to JSON and DOT that import back to it (DOT: without the uncertainty
    /// statements, which it does not carry).
    static func expectExportsRoundTrip(_ graph: SupplyGraph) throws(FuzzFinding) {
        guard !GraphValidator().run(on: graph).contains(where: { $0.severity == .error }) else { return }
        let exports: [(format: String, expected: String, text: String, read: (String) throws(DiagnosticError) -> GraphDocument)] = [
            ("JSON", GraphFileWriter().write(graph), JSONGraphWriter().write(graph),
             { (text) throws(DiagnosticError) in try JSONGraphReader().read(text: text, file: "export.json") }),
            ("DOT", GraphFileWriter().write(graph.withoutUncertainty), DOTDataWriter().write(graph),
             { (text) throws(DiagnosticError) in try DOTImporter().read(text: text, file: "export.dot") }),
        ]
        for export in exports {
            let back: GraphDocument
            do {
                back = try export.read(export.text)
            } catch {
                throw FuzzFinding("the \(export.format) export does not read back: \(error)\n\(export.text)")
            }
            if GraphFileWriter().write(back.graph) != export.expected {
                throw FuzzFinding("the \(export.format) export reads back as another graph:\n\(export.text)")
            }
        }
    }

    // MARK: Properties

    /// Codes of diagnostics about the whole input, which have no position.
    static let fileLevelCodes: Set<String> = ["unreadable", "not-utf8", "edit-invalid"]

    /// The most bytes a printed failure may have: 50 diagnostics of bounded size.
    static let maximumRenderedBytes = 200_000

    /// A refused input: at least one error, located unless it is about the whole input.
    static func expectGoodFailure(_ diagnostics: [Diagnostic], rendered: String, _ what: String) throws(FuzzFinding) {
        guard diagnostics.contains(where: { $0.severity == .error }) else {
            throw FuzzFinding("\(what) failed without an error:\n\(rendered)")
        }
        try expectGoodDiagnostics(diagnostics, rendered: rendered, what)
    }

    /// Diagnostics are located (but those about the whole input) and print bounded and
    /// without raw control characters.
    static func expectGoodDiagnostics(_ diagnostics: [Diagnostic], rendered: String, _ what: String) throws(FuzzFinding) {
        if let unlocated = diagnostics.first(where: { $0.location == nil && !fileLevelCodes.contains($0.code) }) {
            throw FuzzFinding("\(what): a diagnostic without a location: \(unlocated.code): \(unlocated.message)")
        }
        if let located = diagnostics.first(where: { ($0.location?.line ?? 1) < 1 || ($0.location?.column ?? 1) < 1 }) {
            throw FuzzFinding("\(what): a diagnostic at line \(located.location!.line), column \(located.location!.column)")
        }
        if rendered.utf8.count > maximumRenderedBytes {
            throw FuzzFinding("\(what): \(rendered.utf8.count) bytes of diagnostics")
        }
        if let control = rendered.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || (0x7F...0x9F).contains($0.value) }) {
            throw FuzzFinding("\(what): the printed diagnostics hold the raw control character U+\(String(control.value, radix: 16))")
        }
    }

    /// The canonical text of `graph` reads back, to the same canonical text.
    static func expectStableCanonicalText(_ graph: SupplyGraph, _ what: String) throws(FuzzFinding) {
        let canonical = GraphFileWriter().write(graph)
        do {
            let back = try GraphFileReader().read(text: canonical, file: "canonical.yaml")
            let again = GraphFileWriter().write(back.graph)
            if again != canonical {
                throw FuzzFinding("\(what): the canonical text changes when read back:\n\(canonical)\n---\n\(again)")
            }
        } catch let finding as FuzzFinding {
            throw finding
        } catch {
            throw FuzzFinding("\(what): the canonical text does not read back: \(error)\n\(canonical)")
        }
    }

    /// An imported graph has no validation error (the import commands call one a bug).
    static func expectValidImport(_ graph: SupplyGraph, _ what: String) throws(FuzzFinding) {
        let errors = GraphValidator().run(on: graph).filter { $0.severity == .error }
        if let first = errors.first {
            throw FuzzFinding("\(what) made a graph with \(errors.count) validation errors, first: \(first.code): \(first.message)")
        }
    }

    static func importTrade(_ bytes: [UInt8], map: HSProductMap, _ what: String) throws(FuzzFinding) {
        let imported: TradeImport
        do {
            imported = try TradeTableReader(productMap: map).read(bytes: bytes, file: "trade.csv")
        } catch {
            return try expectGoodFailure(error.diagnostics, rendered: error.description, what)
        }
        let (graph, _) = TradeGraphBuilder(productMap: map, command: "fuzz").build(imported)
        try expectValidImport(graph, what)
        try expectStableCanonicalText(graph, what)
    }
}
