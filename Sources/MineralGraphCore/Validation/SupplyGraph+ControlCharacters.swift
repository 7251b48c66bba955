extension SupplyGraph {
    /// Calls `body` with every text field of the graph (ids, names, codes, references, notes)
    /// and its location, in the order of the graph's elements; `body` may change the text.
    /// The validator's control-character check and ``replacingControlCharacters()`` share it,
    /// so that both cover the same fields.
    mutating func visitText(_ body: (inout String, GraphLocation) -> Void) {
        func visit(_ text: inout String?, _ location: GraphLocation) {
            guard var value = text else { return }
            body(&value, location)
            text = value
        }
        body(&name, .graph(.name))
        visit(&description, .graph(.description))
        visit(&countryScheme, .graph(.countryScheme))
        for i in sources.indices {
            let at = { (key: SourceKey) in GraphLocation.source(i, key) }
            body(&sources[i].id, at(.id))
            body(&sources[i].title, at(.title))
            visit(&sources[i].publisher, at(.publisher))
            visit(&sources[i].url, at(.url))
            visit(&sources[i].notes, at(.notes))
        }
        for i in nodes.indices {
            let at = { (key: NodeKey) in GraphLocation.node(i, key) }
            body(&nodes[i].id, at(.id))
            visit(&nodes[i].name, at(.name))
            body(&nodes[i].country.rawValue, at(.country))
            for j in nodes[i].outputs.indices {
                body(&nodes[i].outputs[j].mineral.rawValue, .output(node: i, index: j, .mineral))
                visit(&nodes[i].outputs[j].product, .output(node: i, index: j, .product))
            }
            visit(&nodes[i].source, at(.source))
            visit(&nodes[i].notes, at(.notes))
        }
        for i in otherCountries.indices {
            let at = { (key: OtherCountriesKey) in GraphLocation.otherCountries(i, key) }
            body(&otherCountries[i].mineral.rawValue, at(.mineral))
            visit(&otherCountries[i].source, at(.source))
            visit(&otherCountries[i].notes, at(.notes))
        }
        for i in flows.indices {
            let at = { (key: FlowKey) in GraphLocation.flow(i, key) }
            body(&flows[i].from, at(.from))
            body(&flows[i].to, at(.to))
            body(&flows[i].mineral.rawValue, at(.mineral))
            visit(&flows[i].product, at(.product))
            visit(&flows[i].source, at(.source))
            visit(&flows[i].notes, at(.notes))
        }
    }

    /// The graph with every control character that ``GraphValidator`` refuses replaced by
    /// U+FFFD, in every text field (ids and references to them alike, so flows still name
    /// their nodes).
    ///
    /// Importers use it for text they copy from the tables they read (country and product
    /// names, file names, source columns), so that a stray control byte in a table gives a
    /// graph that validates, with a visible replacement character, rather than a refusal.
    public func replacingControlCharacters() -> SupplyGraph {
        var graph = self
        graph.visitText { text, _ in
            guard text.unicodeScalars.contains(where: GraphValidator.refusesControlCharacter) else { return }
            var out = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                out.append(GraphValidator.refusesControlCharacter(scalar) ? "\u{FFFD}" : scalar)
            }
            text = String(out)
        }
        return graph
    }
}
