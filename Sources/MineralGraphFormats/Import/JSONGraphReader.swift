import MineralGraphCore

/// Reads the JSON export (``JSONGraphWriter``, `mineral-graph-json/1`) back into a graph.
///
/// JSON is YAML, so the text is composed by the same YAML library and decoded by the graph
/// file reader's checks: every problem is reported with `file:line:column`, unknown keys get
/// "did you mean" notes, and the result is the graph the JSON was written from. `null` means
/// "missing", as an absent key does; the derived keys (`group_scheme`, and a node's `stage`,
/// `country_name`, `development_group`, `least_developed`) are ignored.
public struct JSONGraphReader: Sendable {
    public init() {}

    /// Reads the file at `path` (`-` for standard input).
    public func read(contentsOf path: String) throws(DiagnosticError) -> GraphDocument {
        let (text, file) = try GraphFileReader.text(contentsOf: path)
        return try read(text: text, file: file)
    }

    public func read(text: String, file: String) throws(DiagnosticError) -> GraphDocument {
        var decoder = Decoding(file: file)
        let root = try decoder.compose(text, kind: "graph files")
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard let root, case .mapping(let mapping) = root else {
            throw DiagnosticError(
                diagnostics: [Diagnostic(.error, .expectedObject, "expected a JSON object with 'metadata', 'nodes' and 'flows'", at: start)],
                text: text)
        }
        var problems: [Diagnostic] = []
        func at(_ node: YAMLNode) -> SourceLocation {
            SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
        }
        let lists = [GraphKey.sources, .nodes, .flows, .otherCountries].map(\.rawValue)
        let allowed = [GraphKey.format.rawValue, JSONGraphWriter.metadataKey] + lists
        var graphPairs: [(YAMLNode, YAMLNode)] = []
        var listPairs: [(YAMLNode, YAMLNode)] = []
        var sawMetadata = false
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case GraphKey.format.rawValue:
                if value.string != JSONGraphWriter.formatVersion {
                    problems.append(Diagnostic(
                        .error, .unsupportedFormat, "unsupported format \(value.string.map { "'\($0)'" } ?? "value")", at: at(value),
                        notes: ["this version of mineral-graph reads '\(JSONGraphWriter.formatVersion)'"]))
                }
            case JSONGraphWriter.metadataKey:
                sawMetadata = true
                guard case .mapping(let metadata) = value else {
                    problems.append(Diagnostic(.error, .expectedMapping, "expected 'metadata' to be an object", at: at(value)))
                    continue
                }
                graphPairs += metadata.filter { $0.key.string != GraphAttributeTables.groupScheme }.map { ($0.key, $0.value) }
            case _ where lists.contains(key):
                listPairs.append((keyNode, Self.withoutNulls(value, derivedKeys: key == GraphKey.nodes.rawValue ? GraphAttributeTables.derivedNodeNames : [])))
            default:
                problems.append(Diagnostic(
                    .error, .unknownKey, "unknown key '\(key)' in the graph", at: at(keyNode),
                    notes: decoder.hints.suggestions { ClosestMatches.best(for: key, among: allowed, limit: 1) }.map { "did you mean '\($0)'?" } + ["keys: " + allowed.joined(separator: ", ")]))
            }
        }
        if !sawMetadata {
            problems.append(Diagnostic(.error, .missingKey, "the graph needs 'metadata' (name, year ...)", at: at(root)))
        }
        let graphRoot = Self.withoutNulls(.mapping(YAMLNode.Mapping(pairs: (graphPairs + listPairs).map { (key: $0.0, value: $0.1) }, isFlow: mapping.isFlow, mark: root.mark)), derivedKeys: [])
        let graph = problems.isEmpty ? decoder.graph(graphRoot) : nil
        let errors = (problems + decoder.diagnostics).inFileOrder()
        if let graph, errors.isEmpty {
            return GraphDocument(graph: graph, sourceMap: decoder.sourceMap, text: text)
        }
        throw DiagnosticError(diagnostics: errors, text: text)
    }

    /// `node` without `null` members in its objects (at any depth) and, in the objects of a
    /// list, without `derivedKeys`. Recursive, to at most ``InputLimits/maximumDepth`` levels.
    static func withoutNulls(_ node: YAMLNode, derivedKeys: Set<String>) -> YAMLNode {
        switch node {
        case .mapping(let mapping):
            let pairs = mapping.compactMap { pair -> (key: YAMLNode, value: YAMLNode)? in
                if case .scalar(let scalar) = pair.value, scalar.string == "null", scalar.isPlain { return nil }
                if let key = pair.key.string, derivedKeys.contains(key) { return nil }
                return (pair.key, withoutNulls(pair.value, derivedKeys: []))
            }
            return .mapping(YAMLNode.Mapping(pairs: pairs, isFlow: mapping.isFlow, mark: mapping.mark))
        case .sequence(let sequence):
            return .sequence(YAMLNode.Sequence(
                items: sequence.map { withoutNulls($0, derivedKeys: derivedKeys) }, isFlow: sequence.isFlow, mark: sequence.mark))
        case .scalar:
            return node
        }
    }
}
