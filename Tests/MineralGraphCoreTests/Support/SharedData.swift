import Foundation
import MineralGraphTestSupport
import Testing

@testable import MineralGraphCore

/// The shared real data next to the package (`../shared/data/`), present on the development
/// machine and absent in a fresh clone: tests that read it are skipped, with this reason, when it
/// is missing.
enum SharedData {
    /// `../shared/data/world-mining-data/`: World Mining Data, one CSV per commodity, as published.
    static let worldMiningData = TestPaths.sharedData.appendingPathComponent("world-mining-data")

    static var worldMiningDataPresent: Bool {
        FileManager.default.fileExists(atPath: worldMiningData.appendingPathComponent("Cobalt.csv").path)
    }

    static let skipReason: Comment = "../shared/data/world-mining-data is absent (a fresh clone): the real-data check is skipped"

    /// Every CSV file of the World Mining Data directory, sorted by name.
    static func worldMiningDataFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: worldMiningData, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "csv" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// A CSV file as a header and rows of named fields.
    static func table(_ url: URL) throws -> (header: [String], rows: [[String: String]]) {
        let records = try CSVText.records(in: String(contentsOf: url, encoding: .utf8))
        guard let header = records.first?.fields else { return ([], []) }
        let rows = records.dropFirst().map { record in
            Dictionary(uniqueKeysWithValues: zip(header, record.fields).map { ($0, $1) })
        }
        return (header, rows)
    }

    /// The production tables (one per commodity, with `Country` and `unit` columns), by table
    /// name: the file name without `.csv`, underscores read as spaces (`Lithium (Li2O)`).
    static func productionTables() throws -> [(name: String, url: URL)] {
        try worldMiningDataFiles().compactMap { url in
            let header = try table(url).header
            guard header.contains("Country"), header.contains("unit") else { return nil }
            return (url.deletingPathExtension().lastPathComponent.replacingOccurrences(of: "_", with: " "), url)
        }
    }
}
