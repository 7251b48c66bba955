import ArgumentParser
import Foundation
import MineralGraphCore
import MineralGraphRendering

/// `mineral-graph map GRAPH --mineral M --stage S`: a choropleth world map of a stage's
/// country shares.
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "A world map of one mineral's country shares at one stage (SVG, HTML, PNG or PDF).",
        discussion: """
            Countries are filled by their share of the stage's supply (the shares of `report`, \
            the "other countries" residual included in the total) in five classes; countries \
            with no supply are grey. The legend names the largest suppliers, the residual and \
            suppliers the map cannot show. --flows N draws the N largest flows of the mineral \
            out of the stage between countries as arrows. Every country path has its ISO \
            alpha-3 code as id.

            Boundaries: Natural Earth 1:110m (public domain), Equal Earth projection. SVG and \
            HTML are written in Swift; PNG and PDF are converted from the SVG by rsvg-convert \
            (Debian librsvg2-bin) and refused where it is not installed. Without --format the \
            format is -o's extension; svg on standard output.
            """
    )

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case svg, html, png, pdf

        init?(fileExtensionOf path: String) {
            guard let fileExtension = outputExtension(path) else { return nil }
            switch fileExtension.lowercased() {
            case "svg": self = .svg
            case "html", "htm": self = .html
            case "png": self = .png
            case "pdf": self = .pdf
            default: return nil
            }
        }
    }

    @Argument(help: "A graph file (- for standard input).")
    var file: String

    @Option(help: "The mineral to map.")
    var mineral: String

    @Option(help: "The stage: mining, processing, manufacturing or waste.")
    var stage: Stage

    @Option(help: "The year (default: the latest the graph has for this mineral and stage).")
    var year: Int?

    @Option(help: "Output format (default: from the -o file extension; svg on standard output).")
    var format: Format?

    @Option(name: .shortAndLong, help: "Output file (- for standard output).")
    var output: String?

    @Option(help: ArgumentHelp("Draw the N largest cross-border flows out of the stage as arrows.", valueName: "N"))
    var flows = 0

    @Option(help: ArgumentHelp("Resolution of png output (default 96).", valueName: "N"))
    var dpi: Double?

    func resolvedFormat() throws -> Format {
        try outputFormat(explicit: format, output: output, standard: .svg, known: Format.allCases, fromExtension: Format.init(fileExtensionOf:))
    }

    func validate() throws {
        let format = try resolvedFormat()
        if MineralCatalog.resolve(mineral) == nil {
            let hints = MineralCatalog.suggestions(for: mineral).map(\.rawValue)
            throw ValidationError("unknown mineral '\(mineral)'" + (hints.isEmpty ? "" : " (did you mean \(hints.joined(separator: ", "))?)"))
        }
        if stage == .use { throw ValidationError("the use stage has no supply shares to map: use mining, processing, manufacturing or waste") }
        if flows < 0 || flows > 100 { throw ValidationError("--flows must be between 0 and 100") }
        if let dpi, !(dpi >= 10 && dpi <= 2400) { throw ValidationError("--dpi must be between 10 and 2400") }
        if format == .png || format == .pdf {
            if SVGConverter.executable() == nil {
                throw ValidationError("\(format.rawValue) maps need rsvg-convert (Debian: apt-get install librsvg2-bin), which is not installed; write svg or html")
            }
            if output == nil && isatty(STDOUT_FILENO) != 0 {
                throw ValidationError("\(format.rawValue) output is binary: give -o FILE (or -o - to write it to standard output anyway)")
            }
        }
    }

    func run() throws {
        let format = try resolvedFormat()
        let graph = try loadValidDocument(file, refusal: "no map written").graph
        let mineralID = MineralCatalog.resolve(mineral)!.id
        let svg: String
        do {
            svg = try mineralMapSVG(graph, mineral: mineralID, stage: stage, year: year, flows: flows)
        } catch let error as MineralMapError {
            throw UserError(error.description)
        }
        let data: Data
        switch format {
        case .svg: data = Data(svg.utf8)
        case .html: data = Data(Self.page(svg: svg).utf8)
        case .png, .pdf:
            do {
                data = try SVGConverter.convert(svg, to: format.rawValue, dpi: dpi)
            } catch let error as SVGConverter.Failure {
                throw UserError(error.description)
            }
        }
        try writeOutputs([(output ?? "-", data)], inputs: [file])
    }

    /// A standalone page: the map scales to the window.
    static func page(svg: String) -> String {
        let title = svg.range(of: "<title id=").flatMap { start in
            svg.range(of: ">", range: start.upperBound..<svg.endIndex).flatMap { open in
                svg.range(of: "</title>", range: open.upperBound..<svg.endIndex).map { String(svg[open.upperBound..<$0.lowerBound]) }
            }
        } ?? "Map"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <style>body{margin:0;padding:1rem;font-family:"DejaVu Sans",Verdana,sans-serif}svg{max-width:100%;height:auto;display:block}</style>
            </head>
            <body>
            \(svg)</body>
            </html>

            """
    }
}

/// SVG to PNG or PDF through `rsvg-convert` (librsvg), when it is installed.
enum SVGConverter {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The path of `rsvg-convert` on PATH, if any.
    static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { $0 + "/rsvg-convert" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Converts `svg`; PDF loses its creation date as the diagrams' do (`DeterministicPDF`).
    static func convert(_ svg: String, to format: String, dpi: Double?) throws -> Data {
        guard let executable = executable() else { throw Failure(description: "rsvg-convert is not installed (Debian: librsvg2-bin)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        var arguments = ["--format", format]
        if let dpi, format == "png" {
            // rsvg-convert draws 1 SVG unit as 1 pixel at 96 dpi.
            arguments += ["--zoom", DOTValue.number(dpi / 96).source.replacingOccurrences(of: "\"", with: "")]
        }
        process.arguments = arguments
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Write and read on separate threads: a large map would fill one pipe and block both.
        let writer = Thread {
            input.fileHandleForWriting.write(Data(svg.utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, !data.isEmpty else {
            throw Failure(description: "rsvg-convert failed (exit \(process.terminationStatus)): " + message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return format == "pdf" ? DeterministicPDF.fixingDates(data) : data
    }
}
