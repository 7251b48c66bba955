import MineralGraphCore

/// Graph elements as the fields a graph file holds, in canonical key order (the order of the
/// key enums, ``NodeKey`` and the others), each with the value ``GraphFileWriter`` would write
/// (`nil` where it writes nothing).
///
/// Comparing two elements field by field shows which lines of a file an edit has to change.
enum GraphFields {
    static let graphKeys = GraphKey.names
    static let nodeKeys = NodeKey.names
    static let outputKeys = OutputKey.names
    static let waterKeys = WaterKey.names
    static let flowKeys = FlowKey.names

    static func node(_ node: Node) -> [(String, YAMLValue?)] {
        NodeKey.allCases.map { key in
            let value: YAMLValue? =
                switch key {
                case .id: .text(node.id)
                case .name: node.name.map(YAMLValue.text)
                case .kind: .text(node.kind.keyword)
                case .fate: node.kind.fate.map { .text($0.rawValue) }
                case .country: .text(node.country.rawValue)
                case .outputs: node.outputs.isEmpty ? nil : .sequence(node.outputs.map { .mapping(output($0)) })
                case .capacityTonnes: node.capacityTonnes.map(YAMLValue.number)
                case .water: node.water.flatMap { $0.isEmpty ? nil : .mapping(water($0)) }
                case .otherInputsUSD: node.otherInputsUSD.map(YAMLValue.number)
                case .source: node.source.map(YAMLValue.text)
                case .notes: node.notes.map(YAMLValue.text)
                }
            return (key.rawValue, value)
        }
    }

    static func output(_ output: Output) -> [(String, YAMLValue?)] {
        OutputKey.allCases.map { key in
            let value: YAMLValue? =
                switch key {
                case .mineral: .text(output.mineral.rawValue)
                case .year: output.year.map(YAMLValue.integer)
                case .product: output.product.map(YAMLValue.text)
                case .tonnes: figure(output.tonnes, output.uncertainty?.tonnes)
                case .containedTonnes: figure(output.containedTonnes, output.uncertainty?.containedTonnes)
                case .basis: output.basis.map { .text($0.code) }
                case .valueUSD: figure(output.valueUSD, output.uncertainty?.valueUSD)
                }
            return (key.rawValue, value)
        }
    }

    /// A figure as the writer writes it, with its uncertainty statement (``FigureText``).
    static func figure(_ value: Double?, _ statement: FigureUncertainty?) -> YAMLValue? {
        value.map { .verbatim(FigureText.yaml($0, statement)) }
    }

    static func water(_ water: WaterUse) -> [(String, YAMLValue?)] {
        WaterKey.allCases.map { ($0.rawValue, water[keyPath: $0.keyPath].map(YAMLValue.number)) }
    }

    static func flow(_ flow: Flow) -> [(String, YAMLValue?)] {
        FlowKey.allCases.map { key in
            let value: YAMLValue? =
                switch key {
                case .from: .text(flow.from)
                case .to: .text(flow.to)
                case .mineral: .text(flow.mineral.rawValue)
                case .product: flow.product.map(YAMLValue.text)
                case .tonnes: figure(flow.tonnes, flow.uncertainty?.tonnes)
                case .containedTonnes: figure(flow.containedTonnes, flow.uncertainty?.containedTonnes)
                case .basis: flow.basis.map { .text($0.code) }
                case .valueUSD: figure(flow.valueUSD, flow.uncertainty?.valueUSD)
                case .type: flow.type == .product ? nil : .text(flow.type.rawValue)
                case .source: flow.source.map(YAMLValue.text)
                case .notes: flow.notes.map(YAMLValue.text)
                }
            return (key.rawValue, value)
        }
    }
}
