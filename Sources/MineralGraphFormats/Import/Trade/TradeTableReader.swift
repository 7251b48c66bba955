import Foundation
import MineralGraphCore

/// How far a long import has got, for a progress line.
public struct TradeReadProgress: Sendable {
    public var bytesRead: Int
    /// `nil` when reading standard input.
    public var totalBytes: Int?
    public var rows: Int
}

/// A trade file read into a table (one per year with ``TradeTableReader/everyYear``), with the
/// summary of what was kept and left out.
public struct TradeImport: Sendable {
    /// The tables in year order: one, unless ``TradeTableReader/everyYear`` read several years.
    public var tables: [BilateralTradeTable]
    public var summary: TradeImportSummary
    /// The parts the file was read in on threads (1: one pass).
    public var parts = 1
    /// Comtrade: the other reporting side's figures (exports when imports are read, and back)
    /// per exporter, importer, product and year, where that side has one row for them. The
    /// graph builder gives a flow reported by both sides the range of the two (METHODS §11.1).
    public var mirrors: [TradeMirrorKey: TradeMirror] = [:]

    public init(tables: [BilateralTradeTable], summary: TradeImportSummary) {
        precondition(!tables.isEmpty, "an import has at least one table")
        self.tables = tables
        self.summary = summary
    }

    /// The table of the imported year (the first year's with ``TradeTableReader/everyYear``).
    public var table: BilateralTradeTable { tables[0] }
}

/// A flow as the other reporting side states it: exporter, importer, HS code (a lost leading
/// zero restored) and year.
public struct TradeMirrorKey: Hashable, Sendable {
    public var exporter: CountryCode
    public var importer: CountryCode
    public var product: String
    public var year: Int
}

/// The other reporting side's figures of a flow: the exporter's FOB value and weight when
/// imports are read, the importer's CIF value and weight when exports are.
public struct TradeMirror: Hashable, Sendable {
    public var valueUSD: Double
    /// `nil` when the row states no weight.
    public var tonnes: Double?
    /// The row's line in the file.
    public var line: Int
}

/// Reads CEPII BACI and UN Comtrade CSV files into a `BilateralTradeTable` in one streaming
/// pass (DATA-FORMATS.md).
///
/// - The format is recognised from the header (BACI `t,i,j,k,v,q` or Comtrade's `reporterCode`
///   ... `primaryValue`, in the API, the legacy bulk or the legacy API spelling: `rtCode`,
///   `ptCode`, `rgCode`, `yr`, `TradeValue`, `NetWeight`) unless `source` is set.
/// - BACI: `v` is thousand USD (× 1,000), `q` metric tonnes; `NA`, blank or spaces are a missing
///   quantity (the row is kept with its value; tonnes are never guessed). `k` is text: a code
///   with an odd number of digits lost its leading zero in a spreadsheet and gets it back; with
///   a product table, codes whose restored zero gives no code of the table are listed.
/// - HS revision: from BACI's file name (`BACI_HS92_…`) or Comtrade's classification column
///   (`H0` … `H6`); the product map is applied with the rows valid in that revision.
/// - Comtrade: `primaryValue` in USD, `netWgt` in kg (÷ 1,000), else `qty` when its unit is kg.
///   Import rows (M) by default, export and re-export rows (X, RX) with `side = .exporter`.
///   Partner World (0) and aggregate areas, re-imports (RM), the other side's rows and breakdown
///   rows (mode of transport, customs procedure, second partner other than the total) are
///   skipped and counted; the other side's import and export rows are kept as
///   ``TradeImport/mirrors``. `isAggregate` is not used: it marks total rows too.
/// - Countries: numeric codes through `TradeAreaCodes` (ISO 3166-1 numeric plus the sources'
///   exceptions) or a `--countries` table; Comtrade's ISO columns where the code is unknown.
/// - Products: every code is kept in the table (product-level HHI covers them all); the map
///   gives mineral and stage, and unmapped codes are counted in the summary. Rows of an HS
///   heading (`2504`) are dropped (counted, per heading) only where the same exporter and
///   importer also report its subheadings (`250410`), so that nothing is counted twice; the
///   heading's rows of other pairs are kept.
/// - Years: one year per import. Several years are an error unless `year` picks one or
///   `everyYear` asks for one table per year (`trade-hhi`, which builds no graph); a `year` the
///   file lacks is an error naming the file's years.
///
/// Malformed rows (too few fields, a non-numeric code, value or quantity, a negative number)
/// and rows repeating another row's exporter, importer, product and year are errors with
/// `file:line:column`; the import reports up to `maximumErrors` and fails.
///
/// A BACI file of more than two ``partBytes`` is read in parts on ``threads`` threads and the
/// parts' tables merged in file order (the internal `readInParts(path:file:size:progress:)`):
/// the same table and summary as one pass.
///
/// - Complexity: O(n) in bytes for reading, plus the table's sort (linear by buckets of importer
///   and product); memory is the table (about 40 bytes per kept row) and one part per thread,
///   not the file.
public struct TradeTableReader: Sendable {
    public var source: TradeSource?
    public var productMap: HSProductMap
    /// Numeric code → area, from a `--countries` table; the built-in table when `nil`.
    public var countryCodes: [Int: TradeArea]?
    /// The file `countryCodes` were read from, named when the data has codes it lacks.
    public var countryTableFile: String?
    /// Product names by HS code (a `--products` table).
    public var productNames: [String: String]
    /// The year to import when the file has several.
    public var year: Int?
    /// Without `year`: keep the rows of every year, one table per year in ``TradeImport/tables``
    /// (rows keyed by year), instead of refusing a file of several years.
    public var everyYear = false
    public var side: ComtradeSide
    public var maximumErrors = 20
    public var chunkBytes = 1 << 22
    /// Threads reading a large BACI file (`nil`: one per core; 1: one pass, no threads).
    public var threads: Int?
    /// The size of the parts a large file is cut into for the threads (files under two parts
    /// are read in one pass). The parts, not the threads, decide how sums are grouped, so the
    /// result does not depend on the number of threads.
    public var partBytes = 1 << 23

    public init(
        source: TradeSource? = nil, productMap: HSProductMap, countryCodes: [Int: TradeArea]? = nil, countryTableFile: String? = nil,
        productNames: [String: String] = [:], year: Int? = nil, side: ComtradeSide = .importer
    ) {
        self.source = source
        self.productMap = productMap
        self.countryCodes = countryCodes
        self.countryTableFile = countryTableFile
        self.productNames = productNames
        self.year = year
        self.side = side
    }

    /// Reads the file at `path` (`-` for standard input), calling `progress` after each chunk.
    public func read(contentsOf path: String, progress: ((TradeReadProgress) -> Void)? = nil) throws(DiagnosticError) -> TradeImport {
        let file = path == "-" ? "<stdin>" : path
        let handle: FileHandle
        var total: Int?
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let opened = FileHandle(forReadingAtPath: path)
            else {
                throw DiagnosticError(diagnostics: [Diagnostic(.error, .unreadable, "\(path): " + (FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"), at: nil)], text: nil)
            }
            handle = opened
            total = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
            if let total, let imported = try readInParts(path: path, file: file, size: total, progress: progress) {
                try? opened.close()
                return imported
            }
        }
        defer { if path != "-" { try? handle.close() } }
        let sink = TradeRowSink(reader: self, file: file)
        var parser = CSVParser()
        var bytesRead = 0
        do {
            while true {
                let chunk: Data
                do {
                    chunk = try handle.read(upToCount: chunkBytes) ?? Data()
                } catch {
                    throw DiagnosticError(diagnostics: [Diagnostic(.error, .unreadable, "\(file): cannot read the file (\(error.localizedDescription))", at: nil)], text: nil)
                }
                if chunk.isEmpty { break }
                if bytesRead == 0, let problem = TextFile.encodingProblem(chunk) {
                    throw DiagnosticError(diagnostics: [Diagnostic(.error, .notUtf8, "\(file): \(problem)", at: nil)], text: nil)
                }
                bytesRead += chunk.count
                try parser.parse(chunk) { try sink.consume($0) }
                progress?(TradeReadProgress(bytesRead: bytesRead, totalBytes: total, rows: sink.summaryRows))
            }
            try parser.finish { try sink.consume($0) }
        } catch let error as CSVSyntaxError {
            sink.error(.csvSyntax, error.message, line: error.line, column: error.column)
        } catch is TradeRowSink.TooManyErrors {
            // The diagnostics are collected; fall through to report them.
        } catch let error as DiagnosticError {
            throw error
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
        return try sink.finish(text: { lines in path == "-" ? nil : Self.sparseText(path, lines: lines) })
    }

    /// Reads table bytes held in memory; `file` names them in diagnostics.
    public func read(bytes: [UInt8], file: String) throws(DiagnosticError) -> TradeImport {
        if let problem = TextFile.encodingProblem(bytes) {
            throw DiagnosticError(diagnostics: [Diagnostic(.error, .notUtf8, "\(file): \(problem)", at: nil)], text: nil)
        }
        let sink = TradeRowSink(reader: self, file: file)
        var parser = CSVParser()
        do {
            try parser.parse(bytes) { try sink.consume($0) }
            try parser.finish { try sink.consume($0) }
        } catch let error as CSVSyntaxError {
            sink.error(.csvSyntax, error.message, line: error.line, column: error.column)
        } catch is TradeRowSink.TooManyErrors {
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
        return try sink.finish(text: { _ in String(decoding: bytes, as: UTF8.self) })
    }

    /// The whole of a small file (map and code tables), `-` for standard input.
    /// At most ``InputLimits/maximumTableBytes``; UTF-16, UTF-32 and NUL bytes are refused.
    static func readAll(_ path: String) throws(DiagnosticError) -> [UInt8] {
        let data: Data
        do {
            data = try TextFile.bytes(path, limit: InputLimits.maximumTableBytes)
        } catch {
            throw DiagnosticError(diagnostics: [Diagnostic(.error, .unreadable, "\(path): \(error)", at: nil)], text: nil)
        }
        if let problem = TextFile.encodingProblem(data) {
            throw DiagnosticError(diagnostics: [Diagnostic(.error, .notUtf8, "\(path == "-" ? "<stdin>" : path): \(problem)", at: nil)], text: nil)
        }
        return [UInt8](data)
    }

    /// A text with only `lines` of the file filled in (the others empty), so that diagnostics
    /// can show their source line without holding a large file in memory. Lines end at LF, CR
    /// or CRLF, as ``CSVParser`` counts them.
    static func sparseText(_ path: String, lines wanted: Set<Int>) -> String? {
        guard let last = wanted.max(), let data = FileManager.default.contents(atPath: path) else { return nil }
        var out: [UInt8] = []
        var line = 1
        var afterCR = false
        var skipBOM = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        for byte in data {
            if skipBOM > 0 { skipBOM -= 1; continue }
            if byte == UInt8(ascii: "\n") {
                if !afterCR { line += 1; out.append(byte) }
                afterCR = false
            } else if byte == UInt8(ascii: "\r") {
                line += 1
                out.append(UInt8(ascii: "\n"))
                afterCR = true
            } else {
                afterCR = false
                if wanted.contains(line) { out.append(byte) }
            }
            if line > last { break }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
