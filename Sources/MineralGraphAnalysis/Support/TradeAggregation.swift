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
        var byCountry: [CountryCode: TradeTotals] = [:]
        var byGroup: [CountryGroup: TradeTotals] = [:]
        var byPair: [[CountryCode]: TradeTotals] = [:]
        for country in countries { byCountry[country] = TradeTotals(measures: measures) }
        for group in grouping.groups { byGroup[group] = TradeTotals(measures: measures) }
        for entry in entries where entry.exporter != entry.importer {
            byCountry[entry.exporter, default: TradeTotals(measures: measures)].addExport(entry)
            byCountry[entry.importer, default: TradeTotals(measures: measures)].addImport(entry)
            byPair[[entry.exporter, entry.importer], default: TradeTotals(measures: measures)].addExport(entry)
            for group in grouping.groups {
                if grouping.isExport(of: group, from: entry.exporter, to: entry.importer) {
                    byGroup[group]!.addExport(entry)
                } else if grouping.isImport(of: group, from: entry.exporter, to: entry.importer) {
                    byGroup[group]!.addImport(entry)
                }
            }
        }
        self.countries = byCountry.keys.sorted().map { ($0, byCountry[$0]!) }
        self.groups = grouping.groups.map { ($0, byGroup[$0]!) }
        var pairKeys = Set<[CountryCode]>()
        for key in byPair.keys {
            pairKeys.insert(key)
            pairKeys.insert([key[1], key[0]])
        }
        pairs = pairKeys.sorted { $0[0] != $1[0] ? $0[0] < $1[0] : $0[1] < $1[1] }.map {
            ($0[0], $0[1], byPair[$0] ?? TradeTotals(measures: measures))
        }
    }

    /// Rows for countries then groups, with their labels.
    var rows: [(party: CountryOrGroup, totals: TradeTotals)] {
        countries.map { (CountryOrGroup.country($0.country), $0.totals) }
            + groups.map { (CountryOrGroup.group($0.group), $0.totals) }
    }
}
