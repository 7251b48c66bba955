import Foundation
import MineralGraphCore

/// Country outlines for maps: Natural Earth 1:110m admin-0 countries (public domain,
/// https://www.naturalearthdata.com), in the Equal Earth projection, 1,000 units wide with y
/// downwards, simplified by `scripts/gen-world-map.py` into `Resources/world-110m.tsv`.
///
/// Antarctica is left out; Northern Cyprus and Somaliland are drawn as parts of Cyprus and
/// Somalia; Kosovo is `XKX`, as in `CountryTable`.
public struct WorldOutlines: Sendable {
    /// One country: its ISO 3166-1 alpha-3 code, Natural Earth's short name, a point inside its
    /// largest part (for flow arrows) and its SVG path data.
    public struct Country: Hashable, Sendable {
        public var code: CountryCode
        public var name: String
        public var labelX: Double
        public var labelY: Double
        public var path: String
    }

    public var width: Double
    public var height: Double
    /// Sorted by code.
    public var countries: [Country]

    /// The bundled outlines, read once.
    public static let bundled: WorldOutlines = {
        guard let url = Bundle.module.url(forResource: "world-110m", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8),
              let outlines = WorldOutlines(parsing: text)
        else { fatalError("the bundled world-110m.tsv is missing or malformed: the package is broken") }
        return outlines
    }()

    /// Reads the resource's text: `#` comment lines, a `frame` line (width, height), then one
    /// tab-separated line per country; `nil` when a line does not fit.
    public init?(parsing text: String) {
        var width: Double?
        var height: Double?
        var countries: [Country] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields.first == "frame" {
                guard fields.count == 3, let w = Double(fields[1]), let h = Double(fields[2]) else { return nil }
                (width, height) = (w, h)
                continue
            }
            guard fields.count == 5, fields[0].count == 3, let x = Double(fields[2]), let y = Double(fields[3]),
                  fields[4].hasPrefix("M")
            else { return nil }
            countries.append(Country(code: CountryCode(fields[0]), name: fields[1], labelX: x, labelY: y, path: fields[4]))
        }
        guard let width, let height, !countries.isEmpty else { return nil }
        self.width = width
        self.height = height
        self.countries = countries.sorted { $0.code < $1.code }
    }

    /// The outline of `code`, if the map has it.
    public func country(_ code: CountryCode) -> Country? {
        countries.first { $0.code == code }
    }
}
