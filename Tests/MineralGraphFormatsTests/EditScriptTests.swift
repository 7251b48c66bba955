import MineralGraphCore
import Testing

@testable import MineralGraphFormats

/// Scripts: one edit per line, comments and blank lines skipped, every bad line reported at
/// `file:line:column`.
@Suite("Edit scripts")
struct EditScriptTests {
    @Test func commentsAndBlankLinesAreSkippedAndLinesNumbered() throws {
        let script = try EditScript.parse(script: """
            # What if DRC output halves?

              nodes[country=COD,kind=mine].output[cobalt]*=0.5   
            \t# an indented comment
            remove flows[from.country=IDN]?
            """, file: "what-if.txt")
        #expect(script.edits.map(\.line) == [3, 5])
        #expect(script.edits.map(\.selectorColumn) == [3, 8])
        #expect(script.edits[1].edit == .removeFlows(FlowSelector(conditions: [.from(.country(["IDN"]))], allowsEmpty: true)))
    }

    @Test func crlfScriptsReadLikeLFScripts() throws {
        let lf = "node[a].notes=x\n# c\nnode[b].notes=y\n"
        let crlf = try EditScript.parse(script: lf.replacingOccurrences(of: "\n", with: "\r\n"), file: "s")
        #expect(crlf.edits.map(\.edit) == (try EditScript.parse(script: lf, file: "s")).edits.map(\.edit))
        #expect(crlf.edits.map(\.line) == [1, 3])
    }

    @Test func everyBadLineIsReportedWithACaret() {
        let text = "node[a].notes=x\nnode[b].ouput*=2\n\nnodes[country=Narnia].notes=y\n"
        do {
            _ = try EditScript.parse(script: text, file: "script.txt")
            Issue.record("the script parsed")
        } catch {
            #expect(error.diagnostics.map { "\($0.location!)" } == ["script.txt:2:9", "script.txt:4:15"])
            #expect(error.description.hasPrefix("""
                script.txt:2:9: error: unknown node field 'ouput'
                node[b].ouput*=2
                        ^
                note: did you mean 'output'?
                """))
            #expect(error.description.contains("""
                script.txt:4:15: error: unknown country 'Narnia'
                nodes[country=Narnia].notes=y
                              ^
                """))
        }
    }

    @Test func aCommandLineEditIsOneLine() throws {
        #expect(try EditScript.parse(edit: "node[a].notes=x", file: "<edit 1>").edits.count == 1)
        do {
            _ = try EditScript.parse(edit: "node[a].notes=x\nnode[b].notes=y", file: "<edit 2>")
            Issue.record("two lines parsed as one edit")
        } catch {
            #expect(error.diagnostics.first?.message == "an edit is one line; put several in an edit script, one per line")
        }
        do {
            _ = try EditScript.parse(edit: "remove node[a] x", file: "<edit 3>")
        } catch {
            #expect(error.description == "<edit 3>:1:16: error: unexpected text after the selector: 'x'\nremove node[a] x\n               ^\n")
        }
    }
}
