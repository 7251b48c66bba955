import MineralGraphCore

/// One inter-country flow with the amounts a pass adds up (value, tonnes, embodied water ...).
struct TradeEntry: Sendable {
    /// Index of the flow in the graph.
    var flow: Int
    var exporter: CountryCode
    var importer: CountryCode
    /// One amount per measure of the pass, in the pass's order.
    var amounts: [MetricValue]
}

/// Exports and imports of one country or group, per measure.
struct TradeTotals: Sendable {
    var exported: [PartialSum]
    var imported: [PartialSum]
    var exportFlows = 0
    var importFlows = 0

    init(measures: Int) {
        exported = Array(repeating: PartialSum(), count: measures)
        imported = Array(repeating: PartialSum(), count: measures)
    }

    var hasTrade: Bool { exportFlows + importFlows > 0 }

    mutating func addExport(_ entry: TradeEntry) {
        exportFlows += 1
        for (m, amount) in entry.amounts.enumerated() { exported[m].add(amount) }
    }

    mutating func addImport(_ entry: TradeEntry) {
        importFlows += 1
        for (m, amount) in entry.amounts.enumerated() { imported[m].add(amount) }
    }
}

/// Aggregates inter-country flows to countries and to country groups (METHODS §2.6).
///
/// Flows are summed first and ratios taken of the sums afterwards ("aggregate flows, not
/// ratios"). For a group, a flow is an export when it leaves the group and an import when it
/// enters it; edges between two members are internal and dropped.
struct TradeAggregation: Sendable {
    let countries: [(country: CountryCode, totals: TradeTotals)]
    let groups: [(group: CountryGroup, totals: TradeTotals)]
    /// Ordered country pairs (A, B) with trade in at least one direction; `outbound` is A → B.
    let pairs: [(a: CountryCode, b: CountryCode, outbound: TradeTotals)]

    /// - Parameters:
    ///   - entries: inter-country flows (entries with exporter == importer are ignored).
    ///   - countries: the countries to report, including those without trade.
    init(entries: [TradeEntry], countries: [CountryCode], grouping: CountryGrouping, measures: Int) {
        // Countries by position, with their group memberships, so that an entry costs two
        // lookups rather than one per group and side.
        var position: [CountryCode: Int] = [:]
        var codes: [CountryCode] = []
        var members: [[Bool]] = []
        var byCountry: [TradeTotals] = []
        func slot(_ country: CountryCode) -> Int {
            if let known = position[country] { return known }
            position[country] = codes.count
            codes.append(country)
            members.append(grouping.groups.map { grouping.contains($0, country) })
            byCountry.append(TradeTotals(measures: measures))
            return codes.count - 1
        }
        for country in countries { _ = slot(country) }
        var byGroup = grouping.groups.map { _ in TradeTotals(measures: measures) }
        struct Pair: Hashable { let from: Int, to: Int }
        var byPair: [Pair: TradeTotals] = [:]
        for entry in entries where entry.exporter != entry.importer {
            let (from, to) = (slot(entry.exporter), slot(entry.importer))
            byCountry[from].addExport(entry)
            byCountry[to].addImport(entry)
            byPair[Pair(from: from, to: to), default: TradeTotals(measures: measures)].addExport(entry)
            for g in byGroup.indices {
                // Exports leave the group, imports enter it; edges between members are internal
                // and dropped (METHODS §2.6).
                if members[from][g] && !members[to][g] {
                    byGroup[g].addExport(entry)
                } else if !members[from][g] && members[to][g] {
                    byGroup[g].addImport(entry)
                }
            }
        }
        self.countries = codes.indices.sorted { codes[$0] < codes[$1] }.map { (codes[$0], byCountry[$0]) }
        self.groups = zip(grouping.groups, byGroup).map { ($0, $1) }
        var pairKeys = Set<Pair>()
        for key in byPair.keys {
            pairKeys.insert(key)
            pairKeys.insert(Pair(from: key.to, to: key.from))
        }
        pairs = pairKeys.sorted { codes[$0.from] != codes[$1.from] ? codes[$0.from] < codes[$1.from] : codes[$0.to] < codes[$1.to] }.map {
            (codes[$0.from], codes[$0.to], byPair[$0] ?? TradeTotals(measures: measures))
        }
    }

    /// Rows for countries then groups, with their labels.
    var rows: [(party: CountryOrGroup, totals: TradeTotals)] {
        countries.map { (CountryOrGroup.country($0.country), $0.totals) }
            + groups.map { (CountryOrGroup.group($0.group), $0.totals) }
    }
}
