import MineralGraphCore

/// Writes a graph as JSON for scripts (`mineral-graph-json/1`, docs/export.md).
///
/// The fields are the graph file's (docs/graph-format.md), with units in their names, plus a
/// few derived ones for convenience. Every key is always present, `null` where a value is
/// missing, so scripts can index without checks:
///
/// ```json
/// {
///   "format": "mineral-graph-json/1",
///   "metadata": {"name": …, "year": …, "price_year": …, "description": …, "country_scheme": …,
///                "group_scheme": …, "units": {"mass": "t", "value": "USD", "water": "m3"}},
///   "sources": [{"id", "title", "publisher", "url", "year", "notes"}],
///   "nodes": [{"id", "name", "kind", "fate", "stage", "country", "country_name",
///              "development_group", "least_developed", "outputs": [{"mineral", "year",
///              "product", "tonnes", "contained_tonnes", "basis", "value_usd"}], "capacity_tonnes",
///              "water": {"withdrawal_m3_per_t", …}, "other_inputs_usd", "source", "notes"}],
///   "flows": [{"from", "to", "mineral", "product", "tonnes", "contained_tonnes", "basis", "value_usd",
///              "type", "source", "notes"}],
///   "other_countries": [{"mineral", "stage", "year", "tonnes", "contained_tonnes", "basis", "source", "notes"}]
/// }
/// ```
///
/// Keys are in this fixed order, lists in the graph's order, numbers in their shortest exact
/// form; ``JSONGraphReader`` reads the text back to the same graph, ignoring the derived keys
/// (`group_scheme`, `stage`, `country_name`, `development_group`, `least_developed`).
public struct JSONGraphWriter: Sendable {
    public static let formatVersion = "mineral-graph-json/1"

    public init() {}

    public func write(_ graph: SupplyGraph) -> String {
        let scheme = graph.countryScheme.flatMap(CountryGroupScheme.named) ?? .defaultScheme
        let root: JSONValue = .object([
            ("format", .string(Self.formatVersion)),
            ("metadata", .object([
                ("name", .string(graph.name)),
                ("year", .int(graph.year)),
                ("price_year", .int(graph.priceYear)),
                ("description", .string(graph.description)),
                ("country_scheme", .string(graph.countryScheme)),
                ("group_scheme", .string(scheme.id)),
                ("units", .object([
                    ("mass", .string(SupplyGraph.massUnit)), ("value", .string(SupplyGraph.valueUnit)),
                    ("water", .string(SupplyGraph.waterUnit)),
                ])),
            ])),
            ("sources", .array(graph.sources.map { source in
                .object([
                    ("id", .string(source.id)), ("title", .string(source.title)), ("publisher", .string(source.publisher)),
                    ("url", .string(source.url)), ("year", .int(source.year)), ("notes", .string(source.notes)),
                ])
            })),
            ("nodes", .array(graph.nodes.map { node(($0), scheme: scheme) })),
            ("flows", .array(graph.flows.map { flow in
                .object([
                    ("from", .string(flow.from)), ("to", .string(flow.to)), ("mineral", .string(flow.mineral.rawValue)),
                    ("product", .string(flow.product)), ("tonnes", .number(flow.tonnes)),
                    ("contained_tonnes", .number(flow.containedTonnes)), ("basis", .string(flow.basis?.code)),
                    ("value_usd", .number(flow.valueUSD)),
                    ("type", .string(flow.type.rawValue)), ("source", .string(flow.source)), ("notes", .string(flow.notes)),
                ])
            })),
            ("other_countries", .array(graph.otherCountries.map { other in
                .object([
                    ("mineral", .string(other.mineral.rawValue)), ("stage", .string(other.stage.rawValue)),
                    ("year", .int(other.year)), ("tonnes", .number(other.tonnes)),
                    ("contained_tonnes", .number(other.containedTonnes)), ("basis", .string(other.basis?.code)),
                    ("source", .string(other.source)),
                    ("notes", .string(other.notes)),
                ])
            })),
        ])
        var out = ""
        root.write(to: &out, indent: 0)
        return out + "\n"
    }

    private func node(_ node: Node, scheme: CountryGroupScheme) -> JSONValue {
        let water = node.water ?? WaterUse()
        return .object([
            ("id", .string(node.id)), ("name", .string(node.name)), ("kind", .string(node.kind.keyword)),
            ("fate", .string(node.kind.fate?.rawValue)), ("stage", .string(node.stage.rawValue)),
            ("country", .string(node.country.rawValue)),
            ("country_name", .string(CountryTable.country(node.country)?.name)),
            ("development_group", .string(scheme.status(of: node.country).rawValue)),
            ("least_developed", .bool(scheme.isLeastDeveloped(node.country))),
            ("outputs", .array(node.outputs.map { output in
                .object([
                    ("mineral", .string(output.mineral.rawValue)), ("year", .int(output.year)),
                    ("product", .string(output.product)), ("tonnes", .number(output.tonnes)),
                    ("contained_tonnes", .number(output.containedTonnes)), ("basis", .string(output.basis?.code)),
                    ("value_usd", .number(output.valueUSD)),
                ])
            })),
            ("capacity_tonnes", .number(node.capacityTonnes)),
            ("water", .object([
                ("withdrawal_m3_per_t", .number(water.withdrawalM3PerTonne)),
                ("consumption_m3_per_t", .number(water.consumptionM3PerTonne)),
                ("brine_m3_per_t", .number(water.brineM3PerTonne)),
                ("seawater_m3_per_t", .number(water.seawaterM3PerTonne)),
                ("aware_cf", .number(water.awareFactor)),
                ("baseline_water_stress", .number(water.baselineWaterStress)),
            ])),
            ("other_inputs_usd", .number(node.otherInputsUSD)),
            ("source", .string(node.source)), ("notes", .string(node.notes)),
        ])
    }
}

/// A JSON value with ordered object keys, written with two-space indentation.
enum JSONValue {
    case null
    case text(String)
    case rawNumber(String)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func string(_ value: String?) -> JSONValue { value.map(JSONValue.text) ?? .null }
    static func int(_ value: Int?) -> JSONValue { value.map { .rawNumber(String($0)) } ?? .null }
    /// Finite numbers in their shortest exact form; JSON has no NaN or infinity, so those are
    /// `null` (valid graphs have none).
    static func number(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .rawNumber(NumberFormatting.plain(value))
    }

    func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .text(let text): out += Self.quoted(text)
        case .rawNumber(let text): out += text
        case .bool(let value): out += value ? "true" : "false"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                item.write(to: &out, indent: indent + 1)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += String(repeating: "  ", count: indent + 1) + Self.quoted(key) + ": "
                value.write(to: &out, indent: indent + 1)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }

    /// A JSON string (RFC 8259): `"` and `\` escaped, control characters as `\n`, `\r`, `\t` or
    /// `\uXXXX`; everything else, non-ASCII letters included, as UTF-8.
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // Also DEL, C1 controls and U+FFFE/U+FFFF, which YAML readers refuse unescaped.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value >= 0xFFFE && scalar.value <= 0xFFFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
