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

    /// Collects rows in any order and sorts them into a table.
    ///
    /// - Complexity: O(n log n) in rows for the final sort, O(1) amortised per ``add``.
    public struct Builder: Sendable {
        private var countryIndex: [CountryCode: Int32] = [:]
        private var countryList: [CountryCode] = []
        private var productIndex: [String: Int32] = [:]
        private var productList: [TradeProduct] = []
        private var raw: [BilateralTradeEntry] = []

        public init(expectedRows: Int = 0) {
            raw.reserveCapacity(expectedRows)
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

        public var rowCount: Int { raw.count }

        /// One source row.
        public mutating func add(exporter: Int32, importer: Int32, product: Int32, valueUSD: Double, tonnes: Double?, isReexport: Bool = false) {
            raw.append(BilateralTradeEntry(
                exporter: exporter, importer: importer, product: product, isReexport: isReexport,
                valueUSD: valueUSD, tonnes: tonnes, rows: 1))
        }

        /// Leaves out the rows of products that `keep` rejects (by index).
        public mutating func removeRows(where reject: (TradeProduct) -> Bool) {
            let rejected = productList.map(reject)
            raw.removeAll { rejected[Int($0.product)] }
        }

        /// The sorted table. Rows with the same exporter, importer, product and re-export flag are
        /// summed; the sum has tonnes only if every row had them.
        public consuming func build(year: Int) -> BilateralTradeTable {
            let countryOrder = countryList.indices.sorted { countryList[$0] < countryList[$1] }
            var countryRank = [Int32](repeating: 0, count: countryList.count)
            for (rank, old) in countryOrder.enumerated() { countryRank[old] = Int32(rank) }
            let productOrder = productList.indices.sorted { productList[$0].code < productList[$1].code }
            var productRank = [Int32](repeating: 0, count: productList.count)
            for (rank, old) in productOrder.enumerated() { productRank[old] = Int32(rank) }
            precondition(countryList.count < 1 << 15 && productList.count < 1 << 31, "too many countries or products")

            // Sort by a packed key: importer (15 bits), product (31), exporter (15), re-export (1).
            var keyed = [(key: UInt64, index: Int32)]()
            keyed.reserveCapacity(raw.count)
            for (i, entry) in raw.enumerated() {
                let key = UInt64(countryRank[Int(entry.importer)]) << 47 | UInt64(productRank[Int(entry.product)]) << 16
                    | UInt64(countryRank[Int(entry.exporter)]) << 1 | (entry.isReexport ? 1 : 0)
                keyed.append((key, Int32(i)))
            }
            keyed.sort { $0.key < $1.key }
            var entries: [BilateralTradeEntry] = []
            entries.reserveCapacity(keyed.count)
            var previousKey: UInt64?
            for (key, index) in keyed {
                var entry = raw[Int(index)]
                if key == previousKey {
                    entries[entries.count - 1].valueUSD += entry.valueUSD
                    entries[entries.count - 1].rows += 1
                    if let sum = entries[entries.count - 1].tonnes, let more = entry.tonnes {
                        entries[entries.count - 1].tonnes = sum + more
                    } else {
                        entries[entries.count - 1].tonnes = nil
                    }
                    continue
                }
                entry.exporter = countryRank[Int(entry.exporter)]
                entry.importer = countryRank[Int(entry.importer)]
                entry.product = productRank[Int(entry.product)]
                entries.append(entry)
                previousKey = key
            }
            return BilateralTradeTable(
                year: year, countries: countryOrder.map { countryList[$0] }, products: productOrder.map { productList[$0] },
                entries: entries)
        }
    }
}
