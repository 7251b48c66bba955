import MineralGraphCore

/// Graph elements as the fields a graph file holds, in canonical key order, each with the value
/// ``GraphFileWriter`` would write (`nil` where it writes nothing).
///
/// Comparing two elements field by field shows which lines of a file an edit has to change.
enum GraphFields {
    static let graphKeys = ["format", "name", "year", "price_year", "description", "country_scheme", "units", "sources", "nodes", "flows", "other_countries"]
    static let nodeKeys = ["id", "name", "kind", "fate", "country", "outputs", "capacity_tonnes", "water", "other_inputs_usd", "source", "notes"]
    static let outputKeys = ["mineral", "year", "product", "tonnes", "contained_tonnes", "basis", "value_usd"]
    static let waterKeys = NodeField.WaterField.allCases.map(\.rawValue)
    static let flowKeys = ["from", "to", "mineral", "product", "tonnes", "contained_tonnes", "basis", "value_usd", "type", "source", "notes"]

    static func node(_ node: Node) -> [(String, YAMLValue?)] {
        [
            ("id", .text(node.id)),
            ("name", node.name.map(YAMLValue.text)),
            ("kind", .text(node.kind.keyword)),
            ("fate", node.kind.fate.map { .text($0.rawValue) }),
            ("country", .text(node.country.rawValue)),
            ("outputs", node.outputs.isEmpty ? nil : .sequence(node.outputs.map { .mapping(output($0)) })),
            ("capacity_tonnes", node.capacityTonnes.map(YAMLValue.number)),
            ("water", node.water.flatMap { $0.isEmpty ? nil : .mapping(water($0)) }),
            ("other_inputs_usd", node.otherInputsUSD.map(YAMLValue.number)),
            ("source", node.source.map(YAMLValue.text)),
            ("notes", node.notes.map(YAMLValue.text)),
        ]
    }

    static func output(_ output: Output) -> [(String, YAMLValue?)] {
        [
            ("mineral", .text(output.mineral.rawValue)),
            ("year", output.year.map(YAMLValue.integer)),
            ("product", output.product.map(YAMLValue.text)),
            ("tonnes", output.tonnes.map(YAMLValue.number)),
            ("contained_tonnes", output.containedTonnes.map(YAMLValue.number)),
            ("basis", output.basis.map { .text($0.code) }),
            ("value_usd", output.valueUSD.map(YAMLValue.number)),
        ]
    }

    static func water(_ water: WaterUse) -> [(String, YAMLValue?)] {
        NodeField.WaterField.allCases.map { ($0.rawValue, water[keyPath: $0.keyPath].map(YAMLValue.number)) }
    }

    static func flow(_ flow: Flow) -> [(String, YAMLValue?)] {
        [
            ("from", .text(flow.from)),
            ("to", .text(flow.to)),
            ("mineral", .text(flow.mineral.rawValue)),
            ("product", flow.product.map(YAMLValue.text)),
            ("tonnes", flow.tonnes.map(YAMLValue.number)),
            ("contained_tonnes", flow.containedTonnes.map(YAMLValue.number)),
            ("basis", flow.basis.map { .text($0.code) }),
            ("value_usd", flow.valueUSD.map(YAMLValue.number)),
            ("type", flow.type == .product ? nil : .text(flow.type.rawValue)),
            ("source", flow.source.map(YAMLValue.text)),
            ("notes", flow.notes.map(YAMLValue.text)),
        ]
    }
}
