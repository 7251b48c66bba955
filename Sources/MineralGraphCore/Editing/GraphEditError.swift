/// An edit cannot be applied: its selector matches nothing (or more than one element where
/// one is required), or it asks for something the field or the graph does not allow.
public struct GraphEditError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which part of the edit the problem is in, so that a caret can point at it.
    public enum Part: Hashable, Sendable {
        case selector
        case field
        case value
        case whole
    }

    /// Index of the failing edit in the list given to ``GraphEditor/apply(_:to:)``.
    public var editIndex: Int
    public var message: String
    public var part: Part
    /// Hints: "did you mean ...", what the element has instead.
    public var notes: [String]

    public init(editIndex: Int, _ message: String, part: Part, notes: [String] = []) {
        self.editIndex = editIndex
        self.message = message
        self.part = part
        self.notes = notes
    }

    public var description: String {
        (["edit \(editIndex + 1): \(message)"] + notes.map { "note: \($0)" }).joined(separator: "\n")
    }
}
