import MineralGraphCore

/// An edit read from text, with where its parts stand so that messages can point at them.
public struct ParsedEdit: Hashable, Sendable {
    public var edit: GraphEdit
    /// The edit as written (one line).
    public var text: String
    /// Its 1-based line in the script it came from (1 for an edit given on the command line).
    public var line: Int
    /// 1-based columns of the selector (or `add`), the field and the value in the line.
    public var selectorColumn: Int
    public var fieldColumn: Int
    public var valueColumn: Int

    public init(edit: GraphEdit, text: String, line: Int = 1, selectorColumn: Int, fieldColumn: Int, valueColumn: Int) {
        self.edit = edit
        self.text = text
        self.line = line
        self.selectorColumn = selectorColumn
        self.fieldColumn = fieldColumn
        self.valueColumn = valueColumn
    }

    /// The column of one part of the edit.
    public func column(of part: GraphEditError.Part) -> Int {
        switch part {
        case .selector, .whole: selectorColumn
        case .field: fieldColumn
        case .value: valueColumn
        }
    }
}
