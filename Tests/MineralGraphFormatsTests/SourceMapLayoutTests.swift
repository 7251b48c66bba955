import MineralGraphCore
import Testing

@testable import MineralGraphFormats

/// The reader records, for every element and field, where its key and value start and the
/// value's YAML style, so that edits can change values in place.
@Suite("Source map layouts")
struct SourceMapLayoutTests {
    static let text = """
        name: layouts
        year: 2023
        description: |-
          Two lines
          of text.
        nodes:
        - id: a
          name: 'single'
          kind: mine
          country: COD
          notes:
          outputs:
            - {mineral: cobalt, tonnes: 5}
          water:
            aware_cf: 0.5
        - {id: b, name: "double", kind: processor, country: CHN, outputs: [{mineral: cobalt}]}
        flows: []

        """

    static func layout(_ location: GraphLocation) throws -> ValueLayout {
        let document = try GraphFileReader().read(text: text, file: "l.yaml")
        return try #require(document.sourceMap.layout(of: location), "no layout for \(location)")
    }

    static func at(_ line: Int, _ column: Int) -> MineralGraphFormats.SourceLocation { MineralGraphFormats.SourceLocation(file: "l.yaml", line: line, column: column) }

    @Test func scalarsHaveTheirKeyValueAndStyle() throws {
        #expect(try Self.layout(.graph(field: "name")) == ValueLayout(key: Self.at(1, 1), value: Self.at(1, 7), shape: .plain))
        #expect(try Self.layout(.graph(field: "description")) == ValueLayout(key: Self.at(3, 1), value: Self.at(3, 14), shape: .literal))
        #expect(try Self.layout(.node(index: 0, field: "name")) == ValueLayout(key: Self.at(8, 3), value: Self.at(8, 9), shape: .singleQuoted))
        #expect(try Self.layout(.node(index: 1, field: "name")) == ValueLayout(key: Self.at(16, 11), value: Self.at(16, 17), shape: .doubleQuoted))
        #expect(try Self.layout(.node(index: 0, field: "water.aware_cf")) == ValueLayout(key: Self.at(15, 5), value: Self.at(15, 15), shape: .plain))
    }

    @Test func anEmptyValueStandsJustAfterItsColon() throws {
        #expect(try Self.layout(.node(index: 0, field: "notes")) == ValueLayout(key: Self.at(11, 3), value: Self.at(11, 9), shape: .empty))
    }

    @Test func collectionsAreBlockOrFlowByTheirFirstCharacter() throws {
        #expect(try Self.layout(.graph(field: "nodes")) == ValueLayout(key: Self.at(6, 1), value: Self.at(7, 1), shape: .blockSequence))
        #expect(try Self.layout(.node(index: 0, field: nil)) == ValueLayout(key: nil, value: Self.at(7, 3), shape: .blockMapping))
        #expect(try Self.layout(.node(index: 0, field: "outputs")).shape == .blockSequence)
        #expect(try Self.layout(.output(node: 0, index: 0, field: nil)) == ValueLayout(key: nil, value: Self.at(13, 7), shape: .flowMapping))
        #expect(try Self.layout(.node(index: 0, field: "water")) == ValueLayout(key: Self.at(14, 3), value: Self.at(15, 5), shape: .blockMapping))
        #expect(try Self.layout(.node(index: 1, field: nil)) == ValueLayout(key: nil, value: Self.at(16, 3), shape: .flowMapping))
        #expect(try Self.layout(.node(index: 1, field: "outputs")).shape == .flowSequence)
        #expect(try Self.layout(.graph(field: "flows")) == ValueLayout(key: Self.at(17, 1), value: Self.at(17, 8), shape: .flowSequence))
        #expect(try Self.layout(.graph(field: nil)) == ValueLayout(key: nil, value: Self.at(1, 1), shape: .blockMapping))
    }

    @Test func layoutsDoNotChangeFindingPositions() throws {
        let document = try GraphFileReader().read(text: Self.text, file: "l.yaml")
        #expect(document.sourceMap.location(of: .node(index: 0, field: "country")) == Self.at(10, 12))
        #expect(document.sourceMap.layout(of: .node(index: 0, field: "capacity_tonnes")) == nil)
    }
}
