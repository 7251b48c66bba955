import Foundation
import MineralGraphCore
import MineralGraphFormats

/// trade-benchmark generate --rows N [--seed S] -o FILE [--countries-out FILE]
///     Writes a deterministic synthetic BACI file (t,i,j,k,v,q) of exactly N rows, and optionally
///     its country code table in BACI's layout; see SyntheticBACI for its shape. Not data.
@main
struct TradeBenchmark {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.first == "generate" else { usage() }
        arguments.removeFirst()
        var values: [String: String] = [:]
        var index = 0
        while index + 1 < arguments.count, arguments[index].hasPrefix("-") {
            values[arguments[index]] = arguments[index + 1]
            index += 2
        }
        guard index == arguments.count, let rows = values["--rows"].flatMap(Int.init), rows > 0, let path = values["-o"] else { usage() }
        let file = SyntheticBACI(targetRows: rows, seed: values["--seed"].flatMap(UInt64.init) ?? 1).make()
        try Data(file.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        if let countries = values["--countries-out"] {
            try Data(file.countryCodes.utf8).write(to: URL(fileURLWithPath: countries), options: .atomic)
        }
        print("\(path): \(file.rows) rows, \(file.countries) countries, \(file.products) products, \(file.rowsWithoutQuantity) without quantity")
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("usage: trade-benchmark generate --rows N [--seed S] -o FILE [--countries-out FILE]\n".utf8))
        exit(2)
    }
}
