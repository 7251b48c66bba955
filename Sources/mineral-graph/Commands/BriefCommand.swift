import ArgumentParser
import Foundation
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats
import MineralGraphReports

/// `mineral-graph brief GRAPH --country DEU`: one page on one country.
struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "One page on one country: import sources and HHI, where its supply is mined and refined, GeoPolRisk, and what scenarios do to it.",
        discussion: """
            Scenarios: every --scenario FILE, else the graph's bundled ones (scenarios/<graph-stem>-*.yaml beside the graph).
            """)

    enum FormatOption: String, ExpressibleByArgument, CaseIterable {
        case md, html, txt, json
    }

    @Argument(help: "The graph file (- for standard input).")
    var graph: String

    @Option(help: "The country: ISO alpha-3 code or name (DEU, Germany).")
    var country: String

    @Option(help: "A scenario file whose effect on the country to show (repeatable).")
    var scenario: [String] = []

    @Option(help: "Output format: md, html, txt or json.")
    var format: FormatOption = .md

    @Option(name: .shortAndLong, help: "Write to this file (- for standard output).")
    var output: String = "-"

    @OptionGroup var reportOptions: ReportOptions

    @OptionGroup var typography: TypographyOptions

    func run() throws {
        guard let resolved = CountryTable.resolve(country) else {
            let hints = CountryTable.suggestions(for: country).map { "\($0.code) (\($0.name))" }
            throw UserError("unknown country '\(country)'" + (hints.isEmpty ? "" : "; closest: " + hints.joined(separator: ", ")))
        }
        let document = try loadValidDocument(graph, refusal: "no brief written")
        var scenarioFiles = scenario
        if scenarioFiles.isEmpty, graph != "-" {
            let url = URL(fileURLWithPath: graph)
            let directory = url.deletingLastPathComponent().appendingPathComponent("scenarios")
            let stem = url.deletingPathExtension().lastPathComponent
            scenarioFiles = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
                .filter { $0.hasPrefix(stem + "-") && $0.hasSuffix(".yaml") }.sorted()
                .map { directory.appendingPathComponent($0).path }
        }
        var results: [(result: ShockResult, file: String?, title: String?)] = []
        for file in scenarioFiles {
            let scenarioDocument: ScenarioDocument
            do {
                scenarioDocument = try ScenarioFileReader().read(contentsOf: file)
            } catch {
                printError(error.description)
                throw ExitCode.failure
            }
            do {
                let result = try ShockPropagationPass(scenario: scenarioDocument.scenario).run(on: document.graph)
                results.append((result, URL(fileURLWithPath: file).lastPathComponent, scenarioDocument.scenario.title))
            } catch {
                printError(scenarioDocument.error(error).description)
                throw ExitCode.failure
            }
        }
        let builder = CountryBriefBuilder(reports: try reportOptions.builder())
        let brief: CountryBrief
        do {
            brief = try builder.build(
                document.graph, country: resolved.code, file: graph == "-" ? nil : URL(fileURLWithPath: graph).lastPathComponent,
                scenarios: results)
        } catch {
            throw UserError(error.description)
        }
        let text: String = switch format {
        case .md: MarkdownFormatter().render(ReportDocument(brief))
        case .html: HTMLFormatter().render(ReportDocument(brief))
        case .txt: TextFormatter().render(ReportDocument(brief))
        case .json: try JSONFormatter.encodeBrief(brief)
        }
        let people = format != .json && typography.ascii
        try writeOutputs([(output, people ? ASCIITypography.apply(text) : text)], inputs: [graph] + scenarioFiles)
    }
}
