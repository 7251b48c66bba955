extension SupplyGraph {
    /// A text field of an element: required or optional.
    private enum TextField<Element> {
        case text(WritableKeyPath<Element, String>)
        case optional(WritableKeyPath<Element, String?>)
    }

    /// Every text field of the graph (ids, names, codes, references, notes), in file order; the
    /// validator's control-character check and ``replacingControlCharacters()`` read them
    /// through ``forEachText(_:)`` and ``visitText(_:)``, so that both cover the same fields.
    /// (Made once per traversal: key paths are not `Sendable`, so they cannot be static.)
    private struct TextFields {
        let graphFields: [(TextField<SupplyGraph>, GraphKey)] = [
            (.text(\.name), .name), (.optional(\.description), .description), (.optional(\.countryScheme), .countryScheme),
        ]
        let sourceFields: [(TextField<SourceReference>, SourceKey)] = [
            (.text(\.id), .id), (.text(\.title), .title), (.optional(\.publisher), .publisher), (.optional(\.url), .url),
            (.optional(\.notes), .notes),
        ]
        let nodeFields: [(TextField<Node>, NodeKey)] = [
            (.text(\.id), .id), (.optional(\.name), .name), (.text(\.country.rawValue), .country),
        ]
        /// The node's fields after its outputs.
        let nodeTrailingFields: [(TextField<Node>, NodeKey)] = [(.optional(\.source), .source), (.optional(\.notes), .notes)]
        let outputFields: [(TextField<Output>, OutputKey)] = [(.text(\.mineral.rawValue), .mineral), (.optional(\.product), .product)]
        let otherCountriesFields: [(TextField<OtherCountries>, OtherCountriesKey)] = [
            (.text(\.mineral.rawValue), .mineral), (.optional(\.source), .source), (.optional(\.notes), .notes),
        ]
        let flowFields: [(TextField<Flow>, FlowKey)] = [
            (.text(\.from), .from), (.text(\.to), .to), (.text(\.mineral.rawValue), .mineral), (.optional(\.product), .product),
            (.optional(\.source), .source), (.optional(\.notes), .notes),
        ]
    }

    /// Calls `body` with every text field of the graph and its location, in the order of the
    /// graph's elements, reading the graph in place.
    func forEachText(_ body: (String, GraphLocation) -> Void) {
        func each<Element, Key>(_ element: Element, _ fields: [(TextField<Element>, Key)], _ at: (Key) -> GraphLocation) {
            for (field, key) in fields {
                switch field {
                case .text(let path): body(element[keyPath: path], at(key))
                case .optional(let path): if let text = element[keyPath: path] { body(text, at(key)) }
                }
            }
        }
        let fields = TextFields()
        each(self, fields.graphFields) { .graph($0) }
        for (i, source) in sources.enumerated() { each(source, fields.sourceFields) { .source(i, $0) } }
        for (i, node) in nodes.enumerated() {
            each(node, fields.nodeFields) { .node(i, $0) }
            for (j, output) in node.outputs.enumerated() { each(output, fields.outputFields) { .output(node: i, index: j, $0) } }
            each(node, fields.nodeTrailingFields) { .node(i, $0) }
        }
        for (i, other) in otherCountries.enumerated() { each(other, fields.otherCountriesFields) { .otherCountries(i, $0) } }
        for (i, flow) in flows.enumerated() { each(flow, fields.flowFields) { .flow(i, $0) } }
    }

    /// Calls `body` with every text field of the graph and its location, in the order of
    /// ``forEachText(_:)``; `body` may change the text.
    mutating func visitText(_ body: (inout String, GraphLocation) -> Void) {
        func each<Element, Key>(_ element: inout Element, _ fields: [(TextField<Element>, Key)], _ at: (Key) -> GraphLocation) {
            for (field, key) in fields {
                switch field {
                case .text(let path): body(&element[keyPath: path], at(key))
                case .optional(let path):
                    guard var text = element[keyPath: path] else { continue }
                    body(&text, at(key))
                    element[keyPath: path] = text
                }
            }
        }
        let fields = TextFields()
        each(&self, fields.graphFields) { .graph($0) }
        for i in sources.indices { each(&sources[i], fields.sourceFields) { .source(i, $0) } }
        for i in nodes.indices {
            each(&nodes[i], fields.nodeFields) { .node(i, $0) }
            for j in nodes[i].outputs.indices { each(&nodes[i].outputs[j], fields.outputFields) { .output(node: i, index: j, $0) } }
            each(&nodes[i], fields.nodeTrailingFields) { .node(i, $0) }
        }
        for i in otherCountries.indices { each(&otherCountries[i], fields.otherCountriesFields) { .otherCountries(i, $0) } }
        for i in flows.indices { each(&flows[i], fields.flowFields) { .flow(i, $0) } }
    }

    /// Whether `text` holds a control character ``GraphValidator`` refuses. Most text is
    /// cleared on its bytes: refused scalars are bytes below 0x20 (other than tab and line
    /// feed), 0x7F, or C1 controls, whose UTF-8 starts with 0xC2.
    static func holdsRefusedControlCharacter(_ text: String) -> Bool {
        let suspect = { (byte: UInt8) in (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F || byte == 0xC2 }
        let suspicious = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where suspect(byte) { return true }
            return false
        } ?? text.utf8.contains(where: suspect)
        guard suspicious else { return false }
        return text.unicodeScalars.contains(where: GraphValidator.refusesControlCharacter)
    }

    /// The graph with every control character that ``GraphValidator`` refuses replaced by
    /// U+FFFD, in every text field (ids and references to them alike, so flows still name
    /// their nodes).
    ///
    /// Importers use it for text they copy from the tables they read (country and product
    /// names, file names, source columns), so that a stray control byte in a table gives a
    /// graph that validates, with a visible replacement character, rather than a refusal.
    public func replacingControlCharacters() -> SupplyGraph {
        // Most graphs hold none: found by reading, without copying the graph.
        var refused = false
        forEachText { text, _ in refused = refused || Self.holdsRefusedControlCharacter(text) }
        guard refused else { return self }
        var graph = self
        graph.visitText { text, _ in
            guard Self.holdsRefusedControlCharacter(text) else { return }
            var out = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                out.append(GraphValidator.refusesControlCharacter(scalar) ? "\u{FFFD}" : scalar)
            }
            text = String(out)
        }
        return graph
    }
}
