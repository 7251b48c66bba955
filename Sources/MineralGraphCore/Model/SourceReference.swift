/// A published source that a graph's figures come from.
public struct SourceReference: Hashable, Codable, Sendable, Identifiable {
    /// Short key that nodes and flows cite in their `source` field.
    public var id: String
    public var title: String
    public var publisher: String?
    public var url: String?
    /// Year of publication.
    public var year: Int?
    public var notes: String?

    public init(
        id: String, title: String, publisher: String? = nil, url: String? = nil,
        year: Int? = nil, notes: String? = nil
    ) {
        self.id = id
        self.title = title
        self.publisher = publisher
        self.url = url
        self.year = year
        self.notes = notes
    }
}
