/// One change to a supply graph: the edit language of docs/editing.md as a value.
///
/// Edits are applied in order by ``GraphEditor``, which defines what each one means. The text
/// form (`nodes[country=COD,kind=mine].output[cobalt]*=0.5`) is parsed by
/// `MineralGraphFormats.EditParser`; the file layer then carries the result into the graph file's
/// text without rewriting anything the edits do not touch.
///
/// ```swift
/// let halve = GraphEdit.changeNodes(
///     NodeSelector(conditions: [.country(["COD"]), .kind(["mine"])]),
///     .output("cobalt", nil), .scale(by: 0.5))
/// let result = try GraphEditor().apply([halve], to: graph)
/// ```
public enum GraphEdit: Hashable, Sendable {
    /// Sets, scales or increases one field of every selected node.
    case changeNodes(NodeSelector, NodeField, FieldChange)
    /// Sets, scales or increases one field of every selected flow.
    case changeFlows(FlowSelector, FlowField, FieldChange)
    /// Appends a node; its id must be new.
    case addNode(Node)
    /// Appends a flow.
    case addFlow(Flow)
    /// Removes the selected nodes and every flow that starts or ends at one of them.
    case removeNodes(NodeSelector)
    /// Removes the selected flows.
    case removeFlows(FlowSelector)
    /// Gives a node a new id and updates every flow that names it.
    case renameNode(String, to: String)
}

/// What an edit does to a field.
public enum FieldChange: Hashable, Sendable {
    /// `FIELD=VALUE`; ``EditValue/null`` removes an optional field.
    case set(EditValue)
    /// `FIELD*=FACTOR`: multiplies a quantity. A missing quantity stays missing.
    case scale(by: Double)
    /// `FIELD+=AMOUNT`: adds to a quantity. A missing quantity stays missing.
    case increase(by: Double)
}

/// A value for ``FieldChange/set(_:)``, already read as the field's type.
public enum EditValue: Hashable, Sendable, CustomStringConvertible {
    /// No value: removes an optional field.
    case null
    case text(String)
    case number(Double)
    case country(CountryCode)
    case mineral(MineralID)
    /// A node kind keyword (`mine`, `waste` ...) and, for waste destinations, the fate;
    /// `waste` without a fate keeps the node's fate.
    case kind(String, fate: WasteFate?)
    case fate(WasteFate)
    case flowType(FlowType)

    /// The value as an edit writes it: `null`, `"text"`, `170000`, `COD`, `waste/landfill`.
    public var description: String {
        switch self {
        case .null: "null"
        case .text(let text): "\"" + text + "\""
        case .number(let number): NumberFormatting.plain(number)
        case .country(let code): code.rawValue
        case .mineral(let mineral): mineral.rawValue
        case .kind(let keyword, let fate): keyword + (fate.map { "/" + $0.rawValue } ?? "")
        case .fate(let fate): fate.rawValue
        case .flowType(let type): type.rawValue
        }
    }
}
