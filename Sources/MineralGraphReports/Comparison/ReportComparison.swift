import MineralGraphAnalysis
import MineralGraphCore

/// Every figure of two reports side by side: the rows of ``Report/rows()`` joined on their
/// ``ReportRow/Key``, with the absolute difference and, where it means something, the relative
/// one. `mineral-graph diff` compares two graph files this way, and `whatif` a graph before
/// and after a shock.
///
/// A row present on one side only is `added` or `removed`; a value missing on either side
/// stays explicit (``ReportRow/Value/unavailable(_:)``), never a zero. Row order is fixed:
/// the rows of `before` in their order, each row new in `after` placed after the row that
/// precedes it there.
public struct ReportComparison: Hashable, Sendable {
    /// Version of the comparison's JSON layout.
    public static let formatVersion = "mineral-graph-comparison/1"

    /// What happened to a row.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case unchanged
        /// The value differs: another number or label, or a number on one side only.
        case changed
        /// Only `after` has the row (a new market, country or node).
        case added
        /// Only `before` has it.
        case removed
    }

    public struct Row: Hashable, Sendable {
        public var key: ReportRow.Key
        public var itemName: String
        public var basis: String
        /// `nil` when the row is `added`.
        public var before: ReportRow.Value?
        /// `nil` when the row is `removed`.
        public var after: ReportRow.Value?

        public init(key: ReportRow.Key, itemName: String, basis: String, before: ReportRow.Value?, after: ReportRow.Value?) {
            self.key = key
            self.itemName = itemName
            self.basis = basis
            self.before = before
            self.after = after
        }

        /// Two unavailable values with the same code count as equal: the reasons' wording
        /// ("3 of 29 terms unavailable") may differ without anything becoming known.
        public var status: Status {
            switch (before, after) {
            case (nil, _): return .added
            case (_, nil): return .removed
            case (.unavailable(let a)?, .unavailable(let b)?): return a.code == b.code ? .unchanged : .changed
            case (let a?, let b?): return a == b ? .unchanged : .changed
            }
        }

        /// `after − before` when both are numbers.
        public var delta: Double? {
            guard let a = before?.number, let b = after?.number else { return nil }
            // Report figures have at most six decimals (shares), so their difference has too.
            return ReportUnit.round(b - a, ReportUnit.share.decimals)
        }

        /// `(after − before) / |before|` for amounts (tonnes, USD, m³, counts, ratios); `nil`
        /// when `before` is 0 and for shares, HHI and indices, whose change is read in points.
        public var relativeDelta: Double? {
            guard let delta, let a = before?.number, a != 0, !Self.pointUnits.contains(key.unit) else { return nil }
            return ReportUnit.round(delta / abs(a), 4)
        }

        /// Units whose differences are read as absolute points, not percentages.
        static let pointUnits: Set<String> = ["share", "HHI", "index"]

        /// How large a change is, to rank changes of different units against each other: an
        /// HHI difference over 10,000, a share difference as it is, else the difference over
        /// the larger magnitude (at most 2). `nil` unless both values are numbers and differ.
        public var magnitude: Double? {
            guard let delta, delta != 0, let a = before?.number, let b = after?.number else { return nil }
            switch key.unit {
            case "HHI": return abs(delta) / 10_000
            case "share", "index": return abs(delta)
            default: return abs(delta) / max(abs(a), abs(b))
            }
        }
    }

    /// The compared graphs (name, year, file).
    public var before: Report.GraphInfo
    public var after: Report.GraphInfo
    public var rows: [Row]
    /// Per changed headline index, the interval of its change over paired draws of the two
    /// graphs and whether the change exceeds it (``ReportBuilder/compare(_:file:with:file:)``;
    /// METHODS §11.4); empty when neither graph has uncertain figures.
    public var changeUncertainty: [ReportRow.Key: ChangeUncertainty] = [:]
    var changeSettings: MonteCarloSettings?

    public init(before: Report.GraphInfo, after: Report.GraphInfo, rows: [Row]) {
        self.before = before
        self.after = after
        self.rows = rows
    }

    /// Joins the two reports' rows (see the type's description for the order).
    public init(before: Report, after: Report) {
        self.init(before: before.graph, after: after.graph, beforeRows: before.rows(), afterRows: after.rows())
    }

    /// Joins two lists of rows; a key repeated within one list keeps its first row.
    public init(before: Report.GraphInfo, after: Report.GraphInfo, beforeRows: [ReportRow], afterRows: [ReportRow]) {
        var afterByKey: [ReportRow.Key: ReportRow] = [:]
        for row in afterRows where afterByKey[row.key] == nil { afterByKey[row.key] = row }
        var beforeKeys = Set<ReportRow.Key>()
        for row in beforeRows { beforeKeys.insert(row.key) }
        // Rows only `after` has, grouped under the nearest preceding row both have (nil: the start).
        var inserted: [ReportRow.Key?: [ReportRow]] = [:]
        var anchor: ReportRow.Key?
        var seenAfter = Set<ReportRow.Key>()
        for row in afterRows where seenAfter.insert(row.key).inserted {
            if beforeKeys.contains(row.key) { anchor = row.key } else { inserted[anchor, default: []].append(row) }
        }
        var rows: [Row] = []
        func added(after key: ReportRow.Key?) {
            for row in inserted[key] ?? [] {
                rows.append(Row(key: row.key, itemName: row.itemName, basis: row.basis, before: nil, after: row.value))
            }
        }
        added(after: nil)
        var seenBefore = Set<ReportRow.Key>()
        for row in beforeRows where seenBefore.insert(row.key).inserted {
            let other = afterByKey[row.key]
            rows.append(Row(
                key: row.key, itemName: other?.itemName ?? row.itemName, basis: other?.basis ?? row.basis,
                before: row.value, after: other?.value))
            added(after: row.key)
        }
        self.init(before: before, after: after, rows: rows)
    }

    /// How many rows have each status.
    public var counts: [Status: Int] {
        rows.reduce(into: Dictionary(uniqueKeysWithValues: Status.allCases.map { ($0, 0) })) { $0[$1.status, default: 0] += 1 }
    }

    /// Whether every row is unchanged.
    public var isUnchanged: Bool {
        rows.allSatisfy { $0.status == .unchanged }
    }

    /// The `limit` numeric changes of largest ``Row/magnitude``, largest first (ties in row
    /// order).
    public func largestChanges(limit: Int) -> [Row] {
        rows.enumerated().compactMap { i, row in row.magnitude.map { ($0, i, row) } }
            .sorted { ($0.0, -$0.1) > ($1.0, -$1.1) }
            .prefix(limit).map(\.2)
    }

    /// The section names in row order.
    public var sections: [String] {
        var seen = Set<String>()
        return rows.map(\.key.section).filter { seen.insert($0).inserted }
    }
}
