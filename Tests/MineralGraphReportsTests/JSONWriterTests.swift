// swift-format-ignore-file: AlwaysUseLowerCamelCase
// (property names such as `HTTPServer`, `URL_` and `trail_` are what the snake_case conversion is tested on)
import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import Testing

@testable import MineralGraphReports

/// ``JSONWriter`` writes what Foundation's `JSONEncoder` writes with the report settings, byte
/// for byte: on odd values and keys, and on the report of every bundled graph and the what-if
/// report of every bundled scenario.
@Suite("JSON writer")
struct JSONWriterTests {
    struct Odd: Encodable {
        struct Nothing: Encodable { func encode(to encoder: Encoder) throws {} }
        var valueUSD = 1.0
        var nodeID = "a/b\"c\\\n\t\r\u{8}\u{C}\u{1}\u{7F} é ∑"
        var aBCDef = 0.1
        var HTTPServer = 1e20
        var x1Y = 1e-7
        var mgCO2 = -0.0
        var _lead = 123456789012345680000.0
        var trail_ = 12345.678
        var tonnesPerUSD = 2e-5
        var limits = [Double.infinity, -Double.infinity, Double.nan, 5e-324, 1.7976931348623157e308, 1e16, 1e15]
        var empty: [Int] = []
        var emptyObject: [String: Int] = [:]
        var nested: [[Int]] = [[1, -2], []]
        var dictionary = ["camelKey": 1, "z": 2, "É": 3, "e\u{301}x": 4, "ea": 5]
        var missing: Int? = nil
        var present: Int? = 7
        var flag = false
        var float: Float = 0.1
        var stage = Stage.processing
        var nothing = Nothing()
        var url = URL(string: "https://example.org/a?b=c")!
        var URL_ = 1
        var ABC = 2

        enum CodingKeys: String, CodingKey {
            case valueUSD, nodeID, aBCDef, HTTPServer, x1Y, mgCO2, _lead, trail_, tonnesPerUSD, limits, empty, emptyObject
            case nested, dictionary, missing, present, flag, float, stage, nothing, url
            case URL_ = "URL", ABC
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(valueUSD, forKey: .valueUSD)
            try c.encode(nodeID, forKey: .nodeID)
            try c.encode(aBCDef, forKey: .aBCDef)
            try c.encode(HTTPServer, forKey: .HTTPServer)
            try c.encode(x1Y, forKey: .x1Y)
            try c.encode(mgCO2, forKey: .mgCO2)
            try c.encode(_lead, forKey: ._lead)
            try c.encode(trail_, forKey: .trail_)
            try c.encode(tonnesPerUSD, forKey: .tonnesPerUSD)
            try c.encode(limits, forKey: .limits)
            try c.encode(empty, forKey: .empty)
            try c.encode(emptyObject, forKey: .emptyObject)
            try c.encode(nested, forKey: .nested)
            try c.encode(dictionary, forKey: .dictionary)
            try c.encode(missing, forKey: .missing)
            try c.encodeIfPresent(missing, forKey: .missing)
            try c.encodeIfPresent(present, forKey: .present)
            try c.encode(flag, forKey: .flag)
            try c.encode(float, forKey: .float)
            try c.encode(stage, forKey: .stage)
            try c.encode(nothing, forKey: .nothing)
            try c.encode(url, forKey: .url)
            try c.encode(URL_, forKey: .URL_)
            try c.encode(ABC, forKey: .ABC)
            // A second container on the same encoder writes into the same object.
            var again = encoder.container(keyedBy: CodingKeys.self)
            try again.encode(true, forKey: .flag)
        }
    }

    @Test func oddValuesAndKeysAsFoundationWritesThem() throws {
        let written = try JSONWriter.encode(Odd())
        #expect(written == (try JSONFormatter.encodeWithFoundation(Odd())))
        #expect(written.contains("\"h_ttp_server\" : 1e+20"))
        #expect((try JSONWriter.encode([Odd]())) == (try JSONFormatter.encodeWithFoundation([Odd]())))
        #expect((try JSONWriter.encode(["a": [Odd()]])) == (try JSONFormatter.encodeWithFoundation(["a": [Odd()]])))
    }

    /// Values of the types boxed as their raw string, without an encoder (`JSONRawString`),
    /// give Foundation's bytes: every case of the enums, codes with characters to escape,
    /// missing optionals, and as array items and dictionary values.
    @Test func rawStringValuesAsFoundationWritesThem() throws {
        struct Row: Encodable {
            var country: CountryCode
            var mineral: MineralID
            var stage: Stage?
            var type: FlowType?
            var code: ReasonCode?
            var basis: ShockFlowBasis?
        }
        let bases: [ShockFlowBasis] = [.contained, .gross, .mixed]
        let countries: [CountryCode] = ["COD", "a\"b\\c\n", "é"]
        let minerals: [MineralID] = ["cobalt", "rare-earths", "x/y"]
        let count = max(Stage.allCases.count, FlowType.allCases.count, ReasonCode.allCases.count) + 1
        var rows: [Row] = []
        for k in 0..<count {
            rows.append(
                Row(
                    country: countries[k % 3], mineral: minerals[k % 3],
                    stage: k < Stage.allCases.count ? Stage.allCases[k] : nil,
                    type: k < FlowType.allCases.count ? FlowType.allCases[k] : nil,
                    code: k < ReasonCode.allCases.count ? ReasonCode.allCases[k] : nil,
                    basis: k < bases.count ? bases[k] : nil))
        }
        #expect((try JSONWriter.encode(rows)) == (try JSONFormatter.encodeWithFoundation(rows)))
        let byName = ["first": Stage.mining, "second": Stage.waste]
        #expect((try JSONWriter.encode(byName)) == (try JSONFormatter.encodeWithFoundation(byName)))
        #expect((try JSONWriter.encode(ReasonCode.allCases)) == (try JSONFormatter.encodeWithFoundation(ReasonCode.allCases)))
    }

    /// Arrays long enough to be boxed and written in chunks on every core, at the top, nested
    /// in objects and in arrays, and one item past a chunk's end, give Foundation's bytes.
    @Test func longArraysAreWrittenAsFoundationWritesThem() throws {
        struct Row: Encodable {
            var nodeID: String
            var valueUSD: Double?
            var shares: [Double]
        }
        let count = JSONWriter.parallelItems + JSONWriter.chunkItems + 1
        let rows = (0..<count).map { Row(nodeID: "n\($0)", valueUSD: $0 % 7 == 0 ? nil : Double($0) / 3, shares: [0.5, Double($0)]) }
        #expect((try JSONWriter.encode(rows)) == (try JSONFormatter.encodeWithFoundation(rows)))
        let nested = ["bounds": [rows, Array(rows.prefix(3))]]
        #expect((try JSONWriter.encode(nested)) == (try JSONFormatter.encodeWithFoundation(nested)))
        let numbers = (0..<count).map { Double($0) * 1.5 }
        #expect((try JSONWriter.encode(numbers)) == (try JSONFormatter.encodeWithFoundation(numbers)))
    }

    @Test func snakeCase() {
        let cases = [
            "valueUSD": "value_usd", "nodeID": "node_id", "HTTPServer": "h_ttp_server", "aBCDef": "a_bc_def",
            "x1Y": "x1_y", "hhi": "hhi", "": "", "myURLProperty": "my_url_property", "already_snake": "already_snake",
            "a": "a",
        ]
        for (key, expected) in cases { #expect(JSONWriter.snakeCase(key) == expected, "\(key)") }
    }

    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("graphs")

    static func yamlFiles(_ directory: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { directory.appendingPathComponent($0) }
    }

    @Test func everyBundledGraphsReportAsFoundationWritesIt() throws {
        let reports = ReportBuilder(governance: try GovernanceTableReader.bundledPoliticalStability())
        let graphs = Self.yamlFiles(Self.root)
        #expect(!graphs.isEmpty)
        for url in graphs {
            let report = try reports.build(try GraphFileReader().read(contentsOf: url.path).graph, file: url.lastPathComponent)
            #expect(try JSONWriter.encode(report) == (try JSONFormatter.encodeWithFoundation(report)), "\(url.lastPathComponent)")
        }
    }

    @Test func everyBundledScenariosWhatIfReportAsFoundationWritesIt() throws {
        let reports = ReportBuilder(governance: try GovernanceTableReader.bundledPoliticalStability())
        let graphs = Self.yamlFiles(Self.root)
        let scenarios = Self.yamlFiles(Self.root.appendingPathComponent("scenarios"))
        #expect(!scenarios.isEmpty)
        for url in scenarios {
            let stem = url.deletingPathExtension().lastPathComponent
            guard let graph = graphs.filter({ stem.hasPrefix($0.deletingPathExtension().lastPathComponent + "-") })
                .max(by: { $0.path.count < $1.path.count })
            else { continue }
            let report = try WhatIfReportBuilder(reports: reports).build(
                graph: try GraphFileReader().read(contentsOf: graph.path).graph,
                scenario: try ScenarioFileReader().read(contentsOf: url.path).scenario)
            let json = WhatIfJSON(report)
            #expect(try JSONWriter.encode(json) == (try JSONFormatter.encodeWithFoundation(json)), "\(stem)")
        }
    }
}
