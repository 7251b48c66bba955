/// An edit that does not follow the edit language, with the column of the problem in its line.
public struct EditSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// 1-based column in the edit's line.
    public var column: Int
    public var notes: [String]

    public init(_ message: String, column: Int, notes: [String] = []) {
        self.message = message
        self.column = column
        self.notes = notes
    }

    public var description: String {
        (["\(column): \(message)"] + notes.map { "note: \($0)" }).joined(separator: "\n")
    }
}
