import MineralGraphCore

/// Applies edit scripts to a graph file's text, keeping every byte the edits do not change.
///
/// The edits are applied to the graph by `GraphEditor` (which defines what they mean), the
/// differences are patched into the text by `GraphTextPatcher`, and the new text is read back:
/// it must give exactly the edited graph, and it must not have a validation error that the
/// original did not have. Otherwise nothing is returned but an ``DiagnosticError`` that points at
/// the edit (`script.txt:3:1: error: ...`) or at the finding in the edited text, naming the
/// edit that introduced it.
///
/// ```swift
/// let script = try EditScript.parse(edit: "node[cod-mines].output[cobalt]*=0.5", file: "<edit 1>")
/// let outcome = try GraphFileEditor().apply([script], to: document, editedName: "cobalt.yaml")
/// try OutputFile.write(outcome.text, to: "cobalt.yaml")
/// ```
public struct GraphFileEditor: Sendable {
    /// Validation settings for the check of the edited graph.
    public var validator: GraphValidator

    public init(validator: GraphValidator = GraphValidator()) {
        self.validator = validator
    }

    /// Something an edit did that the user should know, at the edit's location.
    public struct Note: Hashable, Sendable, CustomStringConvertible {
        public var location: SourceLocation
        public var message: String

        public var description: String { "\(location): note: \(message)" }
    }

    /// The edited file.
    public struct Outcome: Sendable {
        /// The edited text.
        public var text: String
        /// The edited text, read back.
        public var document: GraphDocument
        /// What the edits did that is worth saying: flows removed with a node, values left missing.
        public var notes: [Note]
        /// Validation warnings the edited graph has and the original did not, located in ``text``.
        public var newWarnings: [Diagnostic]
    }

    /// Applies the edits of `scripts`, in order, to `document`. `editedName` names the edited
    /// text in diagnostics (an output path, or something like `cobalt.yaml (edited)`).
    ///
    /// At most two graphs are in memory at once: the original's source map and text are
    /// released (when the caller passes its last copy of `document`, `consume document`) and
    /// its findings counted before the edited text is read back.
    public func apply(_ scripts: [EditScript], to document: consuming GraphDocument, editedName: String) throws(DiagnosticError) -> Outcome {
        let located = scripts.indices.flatMap { s in scripts[s].edits.map { (script: s, edit: $0) } }
        let edits = located.map(\.edit.edit)
        let result: GraphEditResult
        do {
            result = try GraphEditor().apply(edits, to: document.graph)
        } catch {
            let (s, parsed) = located[error.editIndex]
            let script = scripts[s]
            throw DiagnosticError(diagnostics: [Diagnostic(.error, .edit, error.message,
                            at: SourceLocation(file: script.file, line: parsed.line, column: parsed.column(of: error.part)),
                            notes: error.notes.map { Diagnostic.Note($0) } + ["nothing was changed"])],
                text: script.text)
        }

        let text: String
        do {
            text = try GraphTextPatcher.patch(document, to: result)
        } catch {
            throw Self.internalFailure("cannot carry the edits into the file's text: \(error.description)")
        }
        let original = document.graph
        let originalFile = document.sourceMap.file
        _ = consume document
        let before = Self.counts(validator.run(on: original))
        let edited: GraphDocument
        do {
            edited = try GraphFileReader().read(text: text, file: editedName)
        } catch {
            throw DiagnosticError(
                diagnostics: error.diagnostics + Self.internalFailure("the edited text does not read back").diagnostics,
                text: nil, texts: [editedName: text])
        }
        if edited.graph != result.graph {
            throw Self.internalFailure("the edited text reads back as a different graph (\(Self.firstDifference(edited.graph, result.graph)))")
        }

        let after = validator.run(on: edited.graph)
        let added = Self.added(after, comparedWith: before)
        let newErrors = added.filter { $0.severity == .error }
        if !newErrors.isEmpty {
            let culprits = firstEdits(introducing: newErrors, baseline: before, edits: edits, graph: original)
            let diagnostics = newErrors.map { issue -> Diagnostic in
                var diagnostic = edited.sourceMap.diagnostic(for: issue)
                if let index = culprits[Self.key(issue)] {
                    let (s, parsed) = located[index]
                    let edit = SourceLocation(file: scripts[s].file, line: parsed.line, column: parsed.selectorColumn)
                    diagnostic.notes.append(Diagnostic.Note("introduced by this edit", at: edit))
                }
                return diagnostic
            }
            let count = newErrors.count
            let summary = Diagnostic(
                .error, .editInvalid,
                "the edits would add \(count) validation error\(count == 1 ? "" : "s") to \(originalFile); nothing was changed", at: nil)
            var texts = [editedName: text]
            for script in scripts { texts[script.file] = script.text }
            throw DiagnosticError(diagnostics: diagnostics + [summary], text: nil, texts: texts)
        }

        var notes: [Note] = []
        for (index, report) in result.reports.enumerated() {
            let (s, parsed) = located[index]
            for message in report.notes {
                notes.append(Note(location: SourceLocation(file: scripts[s].file, line: parsed.line, column: parsed.selectorColumn), message: message))
            }
        }
        return Outcome(text: text, document: edited, notes: notes, newWarnings: added.filter { $0.severity == .warning }.map(edited.sourceMap.diagnostic(for:)))
    }

    // MARK: Findings

    /// Findings compare by code and message: positions shift when elements are removed.
    private struct Key: Hashable {
        let severity: Severity
        let code: ValidationCode
        let message: String
    }

    private static func key(_ issue: ValidationIssue) -> Key { Key(severity: issue.severity, code: issue.code, message: issue.message) }

    private static func counts(_ issues: [ValidationIssue]) -> [Key: Int] {
        var counts: [Key: Int] = [:]
        for issue in issues { counts[key(issue), default: 0] += 1 }
        return counts
    }

    /// The findings of `after` beyond those `before` counts: for a finding that occurs more
    /// often than before, its later occurrences.
    private static func added(_ after: [ValidationIssue], comparedWith before: [Key: Int]) -> [ValidationIssue] {
        var seen: [Key: Int] = [:]
        return after.filter { issue in
            let key = key(issue)
            seen[key, default: 0] += 1
            return seen[key]! > before[key, default: 0]
        }
    }

    /// For each new finding, the first edit after which it appears, found by replaying the
    /// edits and validating after each (only done when edits fail).
    private func firstEdits(introducing issues: [ValidationIssue], baseline: [Key: Int], edits: [GraphEdit], graph: SupplyGraph) -> [Key: Int] {
        var wanted = Set(issues.map(Self.key))
        var found: [Key: Int] = [:]
        var state = GraphEditResult(original: graph)
        for (index, edit) in edits.enumerated() where !wanted.isEmpty {
            guard (try? GraphEditor().apply(edit, index: index, to: &state)) != nil else { break }
            let counts = Self.counts(validator.run(on: state.graph))
            for key in wanted where counts[key, default: 0] > baseline[key, default: 0] {
                found[key] = index
                wanted.remove(key)
            }
        }
        return found
    }

    // MARK: Internal failures

    private static func internalFailure(_ message: String) -> DiagnosticError {
        DiagnosticError(diagnostics: [Diagnostic(.error, .editInternal, message + "; nothing was changed", at: nil,
                        notes: ["this is a limitation of mineral-graph edit: please report it with the file",
                                "running `mineral-graph fmt` on the file first avoids it (fmt keeps only the comment block at the top)"])],
            text: nil)
    }

    private static func firstDifference(_ a: SupplyGraph, _ b: SupplyGraph) -> String {
        if a.nodes.count != b.nodes.count { return "\(a.nodes.count) nodes instead of \(b.nodes.count)" }
        if let i = a.nodes.indices.first(where: { a.nodes[$0] != b.nodes[$0] }) { return "node '\(b.nodes[i].id)'" }
        if a.flows.count != b.flows.count { return "\(a.flows.count) flows instead of \(b.flows.count)" }
        if let i = a.flows.indices.first(where: { a.flows[$0] != b.flows[$0] }) {
            return "flow \(b.flows[i].from)->\(b.flows[i].to):\(b.flows[i].mineral)"
        }
        return "graph fields"
    }
}
