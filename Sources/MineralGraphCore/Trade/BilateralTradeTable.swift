/// A traded product: an HS code and what mineral-graph knows about it.
public struct TradeProduct: Hashable, Sendable {
    /// The HS code as text ("260500", "2605"): leading zeros matter.
    public var code: String
    /// The product's name, from the product map or the source's product table.
    public var name: String?
    /// The mineral and the stage of the node that supplies it; `nil` for an unmapped code.
    public var mineral: MineralID?
    public var stage: Stage?
    /// Tonnes of the mineral's contained basis per tonne of product, when known (0…1 or above
    /// for LCE-type bases); `nil` when the product's content varies.
    public var containedShare: Double?

    public init(code: String, name: String? = nil, mineral: MineralID? = nil, stage: Stage? = nil, containedShare: Double? = nil) {
        self.code = code
        self.name = name
        self.mineral = mineral
        self.stage = stage
        self.containedShare = containedShare
    }
}

/// One exporter → importer trade of one product in one year, summed over source rows.
public struct BilateralTradeEntry: Hashable, Sendable {
    /// Indices into ``BilateralTradeTable/countries`` and ``BilateralTradeTable/products``.
    public var exporter: Int32
    public var importer: Int32
    public var product: Int32
    /// Whether the exporter re-exports goods of foreign origin (Comtrade flow RX): the shipping
    /// partner is not the origin (METHODS §1.5).
    public var isReexport: Bool
    public var valueUSD: Double
    /// Gross product tonnes; `nil` when a source row had no quantity (never guessed).
    public var tonnes: Double?
    /// Source rows summed into this entry.
    public var rows: Int32
}

/// Bilateral trade by exporter, importer and product, sorted by importer, product, exporter;
/// one entry per (exporter, importer, product, re-export) with rows of the source summed.
///
/// Kept compact (indices, not strings) so that a year of BACI (millions of rows) fits in a few
/// hundred bytes per row and concentration can be computed without building a graph.
public struct BilateralTradeTable: Sendable {
    public var year: Int
    /// Alpha-3 codes, sorted; entries refer to them by index.
    public var countries: [CountryCode]
    /// Products sorted by code; entries refer to them by index.
    public var products: [TradeProduct]
    public var entries: [BilateralTradeEntry]

    public init(year: Int, countries: [CountryCode], products: [TradeProduct], entries: [BilateralTradeEntry]) {
        self.year = year
        self.countries = countries
        self.products = products
        self.entries = entries
    }

    /// Two source rows with the same exporter, importer, product and re-export flag.
    public struct DuplicateRows: Hashable, Sendable {
        /// The source lines of the first row of the key and of a later one (as passed to
        /// ``Builder/add(exporter:importer:product:valueUSD:tonnes:isReexport:line:year:)``).
        public var firstLine: Int
        public var line: Int
        /// The index of the key's entry in the built table.
        public var entry: Int
    }

    /// Collects rows in any order and sorts them into a table (or one table per year).
    ///
    /// - Complexity: O(n) in rows for the final sort when countries × products is at most a few
    ///   times the rows (a counting sort by importer and product, then a sort of each group by
    ///   exporter), O(n log n) otherwise; O(1) amortised per
    ///   ``add(exporter:importer:product:valueUSD:tonnes:isReexport:line:year:)``.
    public struct Builder: Sendable {
        private var countryIndex: [CountryCode: Int32] = [:]
        private var countryList: [CountryCode] = []
        private var productIndex: [String: Int32] = [:]
        private var productList: [TradeProduct] = []
        private var raw: [BilateralTradeEntry] = []
        /// The source line of each raw row (0 when not given).
        private var rawLines: [Int32] = []
        /// The year of each raw row (0 when not given), for ``buildYears()``.
        private var rawYears: [Int32] = []

        public init(expectedRows: Int = 0) {
            raw.reserveCapacity(expectedRows)
            rawLines.reserveCapacity(expectedRows)
            rawYears.reserveCapacity(expectedRows)
        }

        /// The index of a country, added on first use.
        public mutating func country(_ code: CountryCode) -> Int32 {
            if let index = countryIndex[code] { return index }
            let index = Int32(countryList.count)
            countryList.append(code)
            countryIndex[code] = index
            return index
        }

        /// The index of a product (by code), added on first use.
        public mutating func product(_ product: TradeProduct) -> Int32 {
            if let index = productIndex[product.code] { return index }
            let index = Int32(productList.count)
            productList.append(product)
            productIndex[product.code] = index
            return index
        }

        /// The products added so far, by index.
        public var addedProducts: [TradeProduct] { productList }

        /// The countries added so far, by index.
        public var addedCountries: [CountryCode] { countryList }

        public var rowCount: Int { raw.count }

        /// One source row; `line` is where it stands in its file, for ``DuplicateRows``; `year`
        /// sorts it into a table of ``buildYears()``.
        public mutating func add(
            exporter: Int32, importer: Int32, product: Int32, valueUSD: Double, tonnes: Double?, isReexport: Bool = false, line: Int = 0,
            year: Int = 0
        ) {
            raw.append(BilateralTradeEntry(
                exporter: exporter, importer: importer, product: product, isReexport: isReexport,
                valueUSD: valueUSD, tonnes: tonnes, rows: 1))
            rawLines.append(Int32(truncatingIfNeeded: line))
            rawYears.append(Int32(truncatingIfNeeded: year))
        }

        /// Appends the rows of `other` (a builder of another part of the same file), with its
        /// country and product indices translated through `countries` and `products` (other's
        /// index → this builder's) and `lineOffset` added to its lines.
        public mutating func append(rowsOf other: Builder, countries: [Int32], products: [Int32], lineOffset: Int) {
            // Geometric growth: parts come one by one, an exact reservation would copy every time.
            if raw.capacity < raw.count + other.raw.count { raw.reserveCapacity(max(2 * raw.capacity, raw.count + other.raw.count)) }
            for entry in other.raw {
                var entry = entry
                entry.exporter = countries[Int(entry.exporter)]
                entry.importer = countries[Int(entry.importer)]
                entry.product = products[Int(entry.product)]
                raw.append(entry)
            }
            let offset = Int32(truncatingIfNeeded: lineOffset)
            rawLines.append(contentsOf: other.rawLines.lazy.map { $0 == 0 ? 0 : $0 &+ offset })
            rawYears.append(contentsOf: other.rawYears)
        }

        /// Calls `body` with each row added so far (indices as returned by ``country(_:)`` and
        /// ``product(_:)``), in the order added.
        public func forEachRow(_ body: (BilateralTradeEntry) -> Void) {
            for entry in raw { body(entry) }
        }

        /// Calls `body` with each row added so far and its year, in the order added.
        public func forEachRowWithYear(_ body: (BilateralTradeEntry, Int) -> Void) {
            for (entry, year) in zip(raw, rawYears) { body(entry, Int(year)) }
        }

        /// Leaves out the rows that `reject` returns true for.
        public mutating func removeRows(where reject: (BilateralTradeEntry) -> Bool) {
            removeRowsWithYear { entry, _ in reject(entry) }
        }

        /// Leaves out the rows that `reject` (given the row and its year) returns true for.
        public mutating func removeRowsWithYear(where reject: (BilateralTradeEntry, Int) -> Bool) {
            var kept = 0
            for i in raw.indices where !reject(raw[i], Int(rawYears[i])) {
                raw[kept] = raw[i]
                rawLines[kept] = rawLines[i]
                rawYears[kept] = rawYears[i]
                kept += 1
            }
            raw.removeLast(raw.count - kept)
            rawLines.removeLast(rawLines.count - kept)
            rawYears.removeLast(rawYears.count - kept)
        }

        /// The sorted table. Rows with the same exporter, importer, product and re-export flag are
        /// summed (in the order added); the sum has tonnes only if every row had them.
        public consuming func build(year: Int) -> BilateralTradeTable {
            var ignored: [DuplicateRows] = []
            return build(year: year, duplicates: &ignored)
        }

        /// The sorted table, with every pair of rows that share a key in `duplicates` (the
        /// earliest line of the key and each later one, in line order). The rows are summed as
        /// in ``build(year:)``; an importer that refuses duplicates reports them instead.
        public func build(year: Int, duplicates: inout [DuplicateRows]) -> BilateralTradeTable {
            build(year: year, rows: nil, ranks: ranks(), duplicates: &duplicates)
        }

        /// One table per year of the rows (years as given to
        /// ``add(exporter:importer:product:valueUSD:tonnes:isReexport:line:year:)``), in year
        /// order, each with its duplicate rows as in ``build(year:duplicates:)``. Each table lists
        /// every country and product added.
        public func buildYears() -> [(table: BilateralTradeTable, duplicates: [DuplicateRows])] {
            var rowsByYear: [Int32: [Int32]] = [:]
            for (i, year) in rawYears.enumerated() { rowsByYear[year, default: []].append(Int32(i)) }
            let ranks = ranks()
            return rowsByYear.keys.sorted().map { year in
                var duplicates: [DuplicateRows] = []
                let table = build(year: Int(year), rows: rowsByYear[year]!, ranks: ranks, duplicates: &duplicates)
                return (table, duplicates)
            }
        }

        private struct Ranks {
            var countryOrder: [Int], countryRank: [Int32], productOrder: [Int], productRank: [Int32]
        }

        private func ranks() -> Ranks {
            let countryOrder = countryList.indices.sorted { countryList[$0] < countryList[$1] }
            var countryRank = [Int32](repeating: 0, count: countryList.count)
            for (rank, old) in countryOrder.enumerated() { countryRank[old] = Int32(rank) }
            let productOrder = productList.indices.sorted { productList[$0].code < productList[$1].code }
            var productRank = [Int32](repeating: 0, count: productList.count)
            for (rank, old) in productOrder.enumerated() { productRank[old] = Int32(rank) }
            precondition(countryList.count < 1 << 15 && productList.count < 1 << 31, "too many countries or products")
            return Ranks(countryOrder: countryOrder, countryRank: countryRank, productOrder: productOrder, productRank: productRank)
        }

        /// Raw row indices (`rows`, or every row) in key order: importer, product, exporter,
        /// re-export flag, then the order added.
        private func sortedRows(_ rows: [Int32]?, ranks: Ranks) -> [Int32] {
            let count = rows?.count ?? raw.count
            let row = { (k: Int) -> Int in rows.map { Int($0[k]) } ?? k }
            let groupCount = ranks.countryRank.count * ranks.productRank.count
            func minor(_ i: Int32) -> Int {
                Int(ranks.countryRank[Int(raw[Int(i)].exporter)]) << 1 | (raw[Int(i)].isReexport ? 1 : 0)
            }
            guard groupCount <= 4 * count + (1 << 20) else {
                // Countries × products too many for buckets: one sort of packed keys.
                var keyed = [(key: UInt64, index: Int32)]()
                keyed.reserveCapacity(count)
                for k in 0..<count {
                    let entry = raw[row(k)]
                    let key = UInt64(ranks.countryRank[Int(entry.importer)]) << 47 | UInt64(ranks.productRank[Int(entry.product)]) << 16
                        | UInt64(ranks.countryRank[Int(entry.exporter)]) << 1 | (entry.isReexport ? 1 : 0)
                    keyed.append((key, Int32(row(k))))
                }
                keyed.sort { ($0.key, $0.index) < ($1.key, $1.index) }
                return keyed.map(\.index)
            }
            // Counting sort by (importer, product), stable; then each group by exporter.
            let productCount = ranks.productRank.count
            var group = [Int32](repeating: 0, count: count)
            var start = [Int32](repeating: 0, count: groupCount + 1)
            for k in 0..<count {
                let entry = raw[row(k)]
                let g = Int(ranks.countryRank[Int(entry.importer)]) * productCount + Int(ranks.productRank[Int(entry.product)])
                group[k] = Int32(g)
                start[g + 1] += 1
            }
            for g in 0..<groupCount { start[g + 1] += start[g] }
            var next = start
            var order = [Int32](repeating: 0, count: count)
            for k in 0..<count {
                let g = Int(group[k])
                order[Int(next[g])] = Int32(row(k))
                next[g] += 1
            }
            for g in 0..<groupCount where start[g + 1] - start[g] > 1 {
                let range = Int(start[g])..<Int(start[g + 1])
                order[range].sort { (minor($0), $0) < (minor($1), $1) }
            }
            return order
        }

        private func build(year: Int, rows: [Int32]?, ranks: Ranks, duplicates: inout [DuplicateRows]) -> BilateralTradeTable {
            let order = sortedRows(rows, ranks: ranks)
            var entries: [BilateralTradeEntry] = []
            entries.reserveCapacity(order.count)
            /// Lines of the rows summed into each entry that has more than one (rare).
            var repeatedLines: [Int: [Int32]] = [:]
            var previous: BilateralTradeEntry?
            var firstIndexOfEntry: Int32 = 0
            for index in order {
                var entry = raw[Int(index)]
                if let last = previous, last.importer == entry.importer, last.product == entry.product,
                    last.exporter == entry.exporter, last.isReexport == entry.isReexport
                {
                    let last = entries.count - 1
                    entries[last].valueUSD += entry.valueUSD
                    entries[last].rows += 1
                    if let sum = entries[last].tonnes, let more = entry.tonnes {
                        entries[last].tonnes = sum + more
                    } else {
                        entries[last].tonnes = nil
                    }
                    repeatedLines[last, default: [rawLines[Int(firstIndexOfEntry)]]].append(rawLines[Int(index)])
                    continue
                }
                previous = entry
                entry.exporter = ranks.countryRank[Int(entry.exporter)]
                entry.importer = ranks.countryRank[Int(entry.importer)]
                entry.product = ranks.productRank[Int(entry.product)]
                entries.append(entry)
                firstIndexOfEntry = index
            }
            for (entry, lines) in repeatedLines.sorted(by: { $0.key < $1.key }) {
                let sorted = lines.sorted()
                for line in sorted.dropFirst() {
                    duplicates.append(DuplicateRows(firstLine: Int(sorted[0]), line: Int(line), entry: entry))
                }
            }
            duplicates.sort { ($0.line, $0.firstLine) < ($1.line, $1.firstLine) }
            return BilateralTradeTable(
                year: year, countries: ranks.countryOrder.map { countryList[$0] }, products: ranks.productOrder.map { productList[$0] },
                entries: entries)
        }
    }
}
