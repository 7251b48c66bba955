import MineralGraphCore

/// A value to write into a graph file: the shape of what ``GraphFileWriter`` writes, rendered in
/// block style (`key: value` lines) or flow style (`{key: value}`) to fit where it goes.
indirect enum YAMLValue: Hashable, Sendable {
    /// A string, quoted where YAML needs it.
    case text(String)
    /// A number or year, written as it is.
    case verbatim(String)
    /// Keys in order; fields without a value are left out.
    case mapping([Field])
    case sequence([YAMLValue])

    struct Field: Hashable, Sendable {
        var key: String
        var value: YAMLValue
    }

    static func number(_ value: Double) -> YAMLValue { .verbatim(NumberFormatting.plain(value)) }
    static func integer(_ value: Int) -> YAMLValue { .verbatim(String(value)) }

    /// A mapping of the fields that have a value.
    static func mapping(_ fields: [(String, YAMLValue?)]) -> YAMLValue {
        .mapping(fields.compactMap { key, value in value.map { Field(key: key, value: $0) } })
    }

    // MARK: Block style

    /// `key: value` as lines indented by `indent` spaces, the way ``GraphFileWriter`` writes it:
    /// nested mappings two spaces deeper, list items' `- ` two spaces deeper, multi-line text as
    /// a `|-` block where that reads back unchanged.
    static func blockLines(key: String, value: YAMLValue, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .text(let text):
            if YAMLText.fitsLiteralBlock(text) {
                return [pad + key + ": |-"] + literalLines(text, indent: indent + 2)
            }
            return [pad + key + ": " + YAMLText.scalar(text)]
        case .verbatim(let text):
            return [pad + key + ": " + text]
        case .mapping(let fields):
            if fields.isEmpty { return [pad + key + ": {}"] }
            return [pad + key + ":"] + fields.flatMap { blockLines(key: $0.key, value: $0.value, indent: indent + 2) }
        case .sequence(let items):
            if items.isEmpty { return [pad + key + ": []"] }
            return [pad + key + ":"] + items.flatMap { itemLines($0, dashIndent: indent + 2) }
        }
    }

    /// A list item: `- ` at `dashIndent`, a mapping's first key after it and the others below it.
    static func itemLines(_ value: YAMLValue, dashIndent: Int) -> [String] {
        let pad = String(repeating: " ", count: dashIndent)
        switch value {
        case .mapping(let fields) where !fields.isEmpty:
            var lines = fields.flatMap { blockLines(key: $0.key, value: $0.value, indent: dashIndent + 2) }
            lines[0] = pad + "- " + lines[0].dropFirst(dashIndent + 2)
            return lines
        case .text(let text) where !text.contains("\n"):
            return [pad + "- " + YAMLText.scalar(text)]
        case .verbatim(let text):
            return [pad + "- " + text]
        default:
            return [pad + "- " + flow(value)]
        }
    }

    /// The lines of a `|-` block's content, indented by `indent` (empty lines stay empty).
    static func literalLines(_ text: String, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }
    }

    // MARK: Flow style

    /// The value on one line: `{key: value, ...}`, `[a, b]`, scalars quoted where a flow
    /// collection needs it.
    static func flow(_ value: YAMLValue) -> String {
        switch value {
        case .text(let text): flowScalar(text)
        case .verbatim(let text): text
        case .mapping(let fields): "{" + fields.map { $0.key + ": " + flow($0.value) }.joined(separator: ", ") + "}"
        case .sequence(let items): "[" + items.map(flow).joined(separator: ", ") + "]"
        }
    }

    /// A string inside `{...}` or `[...]`: plain unless YAML needs quotes there, where commas
    /// and brackets end a plain scalar.
    static func flowScalar(_ text: String) -> String {
        let flowIndicators = text.unicodeScalars.contains { ",[]{}".unicodeScalars.contains($0) }
        return YAMLText.needsQuotes(text) || flowIndicators ? YAMLText.doubleQuoted(text) : text
    }
}
