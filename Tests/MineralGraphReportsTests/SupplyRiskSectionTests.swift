import Foundation
import Testing

@testable import MineralGraphReports
import MineralGraphAnalysis
import MineralGraphCore
import MineralGraphFormats

@Suite("Supply-risk section")
struct SupplyRiskSectionTests {
    /// Processing: China 99 t, Finland 1 t; Germany imports 0.6 t from China and 0.4 t from
    /// Finland. Six-dimension WGI means −0.4 (China, weight 5.8) and 1.0 (Finland, 3.0).
    /// HHI_WGI,GS = 0.99²·5.8 + 0.01²·3.0 = 5.68487; HHI_WGI,DEU = 0.6²·5.8 + 0.4²·3.0 = 2.568;
    /// with IR 1, EoL_RIR 0.03, SI_SR 0.97: SR = (5.68487·0.5 + 2.568·0.5)·0.97·0.97 = 3.8826.
    static let graph = SupplyGraph(
        name: "SR", year: 2022,
        nodes: [
            Node(id: "chn", kind: .processor, country: "CHN", outputs: [Output(mineral: "cobalt", containedTonnes: 99)]),
            Node(id: "fin", kind: .processor, country: "FIN", outputs: [Output(mineral: "cobalt", containedTonnes: 1)]),
            Node(id: "deu", kind: .manufacturer, country: "DEU"),
        ],
        flows: [
            Flow(from: "chn", to: "deu", mineral: "cobalt", tonnes: 0.6, containedTonnes: 0.6),
            Flow(from: "fin", to: "deu", mineral: "cobalt", tonnes: 0.4, containedTonnes: 0.4),
        ])

    static func governance() -> GovernanceTable {
        var table = GovernanceTable(source: "test WGI")
        for indicator in GovernanceIndicator.allCases {
            table.set(indicator, "CHN", year: 2022, -0.4)
            table.set(indicator, "FIN", year: 2022, 1.0)
        }
        return table
    }

    @Test func fullSupplyRiskWithInputsAndGrossWithout() throws {
        let input = SupplyRiskInput(mineral: "cobalt", importer: "DEU", importReliance: 1, endOfLifeRecyclingInputRate: 0.03, substitutionIndex: 0.97)
        let full = try ReportBuilder(governance: Self.governance(), riskInputs: [input]).build(Self.graph)
        let row = try #require(full.supplyRisk.first { $0.importer == "DEU" && $0.stage == .processing })
        #expect(row.hhiWgi.kind == "full")
        #expect(row.hhiWgi.global.value == 5.6849)
        #expect(row.hhiWgi.sourcing.value == 2.568)
        #expect(row.hhiWgi.sr.value == 3.8826)
        #expect(row.hhiWgi.bottleneck)
        let markdown = MarkdownFormatter().format(full)
        #expect(markdown.contains("3.88 (bottleneck)"))

        let gross = try ReportBuilder(governance: Self.governance()).build(Self.graph)
        let grossRow = try #require(gross.supplyRisk.first { $0.importer == "DEU" })
        #expect(grossRow.hhiWgi.kind == "gross")
        #expect(grossRow.hhiWgi.sr.value == nil && grossRow.hhiWgi.sr.unavailable?.code == .missingRiskInputs)
        #expect(grossRow.hhiWgi.global.value == 5.6849)
    }

    @Test func riskInputsFileIsReadWithLocatedErrors() throws {
        let good = "mineral,importer,import_reliance,eol_rir,substitution_index,source\ncobalt,Germany,1,0.03,0.97,EU CRM 2023\n"
        let inputs = try SupplyRiskInputReader().parse(bytes: Array(good.utf8), file: "sr.csv")
        #expect(inputs == [SupplyRiskInput(mineral: "cobalt", importer: "DEU", importReliance: 1, endOfLifeRecyclingInputRate: 0.03, substitutionIndex: 0.97, source: "EU CRM 2023")])
        let bad = "mineral,importer,import_reliance,eol_rir,substitution_index\ncobalt,DEU,1.4,0.03,0.97\ncobalt,DEU,1,0.03,0.97\ncobalt,DEU,1,0.03,0.97\n"
        #expect {
            try SupplyRiskInputReader().parse(bytes: Array(bad.utf8), file: "sr.csv")
        } throws: { error in
            let text = "\(error)"
            return text.contains("sr.csv:2:") && text.contains("import_reliance '1.4' is not a number from 0 to 1")
                && text.contains("sr.csv:4:") && text.contains("cobalt for DEU is given twice")
        }
    }
}
