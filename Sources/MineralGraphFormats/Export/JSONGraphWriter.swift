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
    /// The object that holds the graph's own fields (the graph file's top-level keys).
    public static let metadataKey = "metadata"

    public init() {}

    public func write(_ graph: SupplyGraph) -> String {
        let scheme = graph.countryScheme.flatMap(CountryGroupScheme.named) ?? .defaultScheme
        let root: JSONValue = .object([
            (GraphKey.format.rawValue, .string(Self.formatVersion)),
            (Self.metadataKey, .object([
                (GraphKey.name.rawValue, .string(graph.name)),
                (GraphKey.year.rawValue, .int(graph.year)),
                (GraphKey.priceYear.rawValue, .int(graph.priceYear)),
                (GraphKey.description.rawValue, .string(graph.description)),
                (GraphKey.countryScheme.rawValue, .string(graph.countryScheme)),
                (GraphAttributeTables.groupScheme, .string(scheme.id)),
                (GraphKey.units.rawValue, .object([
                    (UnitsKey.mass.rawValue, .string(SupplyGraph.massUnit)), (UnitsKey.value.rawValue, .string(SupplyGraph.valueUnit)),
                    (UnitsKey.water.rawValue, .string(SupplyGraph.waterUnit)),
                ])),
            ] + (graph.uncertaintyDefaults.map { defaults in
                [(GraphKey.uncertainty.rawValue, JSONValue.object(defaults.fileEntries.map { ($0.key.rawValue, .text(FigureText.percent($0.fraction))) }))]
            } ?? []))),
            (GraphKey.sources.rawValue, .array(graph.sources.map { source in
                .object([
                    (SourceKey.id.rawValue, .string(source.id)), (SourceKey.title.rawValue, .string(source.title)), (SourceKey.publisher.rawValue, .string(source.publisher)),
                    (SourceKey.url.rawValue, .string(source.url)), (SourceKey.year.rawValue, .int(source.year)), (SourceKey.notes.rawValue, .string(source.notes)),
                ])
            })),
            (GraphKey.nodes.rawValue, .array(graph.nodes.map { node(($0), scheme: scheme) })),
            (GraphKey.flows.rawValue, .array(graph.flows.map { flow in
                .object([
                    (FlowKey.from.rawValue, .string(flow.from)), (FlowKey.to.rawValue, .string(flow.to)), (FlowKey.mineral.rawValue, .string(flow.mineral.rawValue)),
                    (FlowKey.product.rawValue, .string(flow.product)), (FlowKey.tonnes.rawValue, .figure(flow.tonnes, flow.uncertainty?.tonnes)),
                    (FlowKey.containedTonnes.rawValue, .figure(flow.containedTonnes, flow.uncertainty?.containedTonnes)), (FlowKey.basis.rawValue, .string(flow.basis?.code)),
                    (FlowKey.valueUSD.rawValue, .figure(flow.valueUSD, flow.uncertainty?.valueUSD)),
                    (FlowKey.type.rawValue, .string(flow.type.rawValue)), (FlowKey.source.rawValue, .string(flow.source)), (FlowKey.notes.rawValue, .string(flow.notes)),
                ])
            })),
            (GraphKey.otherCountries.rawValue, .array(graph.otherCountries.map { other in
                .object([
                    (OtherCountriesKey.mineral.rawValue, .string(other.mineral.rawValue)), (OtherCountriesKey.stage.rawValue, .string(other.stage.rawValue)),
                    (OtherCountriesKey.year.rawValue, .int(other.year)), (OtherCountriesKey.tonnes.rawValue, .figure(other.tonnes, other.uncertainty?.tonnes)),
                    (OtherCountriesKey.containedTonnes.rawValue, .figure(other.containedTonnes, other.uncertainty?.containedTonnes)), (OtherCountriesKey.basis.rawValue, .string(other.basis?.code)),
                    (OtherCountriesKey.source.rawValue, .string(other.source)),
                    (OtherCountriesKey.notes.rawValue, .string(other.notes)),
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
            (NodeKey.id.rawValue, .string(node.id)), (NodeKey.name.rawValue, .string(node.name)), (NodeKey.kind.rawValue, .string(node.kind.keyword)),
            (NodeKey.fate.rawValue, .string(node.kind.fate?.rawValue)), (GraphAttributeTables.stage, .string(node.stage.rawValue)),
            (NodeKey.country.rawValue, .string(node.country.rawValue)),
            (GraphAttributeTables.countryName, .string(CountryTable.country(node.country)?.name)),
            (GraphAttributeTables.developmentGroup, .string(scheme.status(of: node.country).rawValue)),
            (GraphAttributeTables.leastDeveloped, .bool(scheme.isLeastDeveloped(node.country))),
            (NodeKey.outputs.rawValue, .array(node.outputs.map { output in
                .object([
                    (OutputKey.mineral.rawValue, .string(output.mineral.rawValue)), (OutputKey.year.rawValue, .int(output.year)),
                    (OutputKey.product.rawValue, .string(output.product)), (OutputKey.tonnes.rawValue, .figure(output.tonnes, output.uncertainty?.tonnes)),
                    (OutputKey.containedTonnes.rawValue, .figure(output.containedTonnes, output.uncertainty?.containedTonnes)), (OutputKey.basis.rawValue, .string(output.basis?.code)),
                    (OutputKey.valueUSD.rawValue, .figure(output.valueUSD, output.uncertainty?.valueUSD)),
                ])
            })),
            (NodeKey.capacityTonnes.rawValue, .number(node.capacityTonnes)),
            (NodeKey.water.rawValue, .object(WaterKey.allCases.map { ($0.rawValue, .number(water[keyPath: $0.keyPath])) })),
            (NodeKey.otherInputsUSD.rawValue, .number(node.otherInputsUSD)),
            (NodeKey.source.rawValue, .string(node.source)), (NodeKey.notes.rawValue, .string(node.notes)),
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
    /// A figure, as an object with its uncertainty statement when it has one (the graph file's
    /// `{value: 80, range: [60, 100]}`, ``FigureText``): `{"value": 80, "range": [60, 100]}`.
    static func figure(_ value: Double?, _ statement: FigureUncertainty?) -> JSONValue {
        guard let statement, value != nil else { return number(value) }
        let key = FigureKey.self
        let stated: (String, JSONValue) = switch statement {
        case let .range(low, high): (key.range.rawValue, .array([number(low), number(high)]))
        case let .relative(fraction): (key.uncertainty.rawValue, .text(FigureText.percent(fraction)))
        case .estimated, .rounded, .grade: (statement.markKey!.rawValue, .bool(true))
        }
        return .object([(key.value.rawValue, number(value)), stated])
    }

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
