import Foundation
import MineralGraphTestSupport
import Testing

@Suite("Command line: edit")
struct EditCommandTests {
    static let commented: String = (try? String(
        contentsOf: Samples.fixtures.appendingPathComponent("editing/commented.yaml"), encoding: .utf8)) ?? ""

    @Test func writesTheEditedTextToStandardOutputAndLeavesTheFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.yaml", Samples.valid)
        let result = try CLI.run(["edit", path, "node[mine].notes=Halved", "node[mine].output[cobalt]*=0.5"])
        #expect(result.status == 0)
        #expect(result.stdout == Samples.valid
            .replacingOccurrences(of: "        tonnes: 1000\n        contained_tonnes: 300\n",
                                  with: "        tonnes: 500\n        contained_tonnes: 150\n")
            .replacingOccurrences(of: "        contained_tonnes: 150\n\n", with: "        contained_tonnes: 150\n    notes: Halved\n\n"))
        #expect(result.stderr == """
            \(path) (edited):23:27: warning: node 'mine' ships 240 t of cobalt but its output is 150 t (contained)
                    contained_tonnes: 150
                                      ^
            \(path) (edited):22:17: warning: node 'mine' ships 800 t of cobalt but its output is 500 t (gross)
                    tonnes: 500
                            ^

            """)
        #expect(try dir.read("g.yaml") == Samples.valid)
        let inPlace = try CLI.run(["edit", path, "--in-place", "node[mine].output[cobalt]*=0.5"])
        #expect(inPlace.stderr.hasPrefix("\(path):23:27: warning: "), "once written, the file is the edited text")
    }

    @Test func inPlaceChangesOnlyTheEditedLinesOfACommentedFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.yaml", Self.commented)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        let result = try CLI.run(["edit", path, "--in-place", "nodes[country=Congo (Kinshasa),kind=mine].capacity_tonnes*=1.5",
                                  "flow[cod-kamoto->fin-kokkola].contained_tonnes=3500"])
        #expect(result.status == 0)
        #expect(result.stdout == "")
        let edited = try dir.read("g.yaml")
        #expect(edited == Self.commented
            .replacingOccurrences(of: "    capacity_tonnes: 40000\n", with: "    capacity_tonnes: 60000\n")
            .replacingOccurrences(of: "    contained_tonnes: 3000\n", with: "    contained_tonnes: 3500\n"))
        #expect(result.stderr.contains("<edit 1>:1:1: note: 'capacity_tonnes' is missing on 1 of 2 nodes (cod-tenke); left missing"))
        #expect(try dir.listing() == ["g.yaml"], "no temporary file left behind")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o640)
    }

    @Test func aFailingEditChangesNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.yaml", Self.commented)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for edits in [
            ["node[cod-kamoto].notes=ok", "node[nowhere].notes=x"],
            ["node[cod-kamoto].notes=ok", "flow[cod-kamoto->fin-kokkola].contained_tonnes=-3"],
            ["node[cod-kamoto].notes=ok", "node[cod-kamoto].ouput*=2"],
            ["remove node[fin-kokkola]", "add flow {from: cod-kamoto, to: fin-kokkola, mineral: cobalt}"],
        ] {
            let result = try CLI.run(["edit", path, "--in-place"] + edits)
            #expect(result.status == 1, "\(edits)")
            #expect(result.stdout == "")
            #expect(result.stderr.contains("error: "))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "\(edits)")
            #expect(try dir.listing() == ["g.yaml"])
        }
        let invalid = try CLI.run(["edit", path, "--in-place", "flow[cod-kamoto->fin-kokkola].contained_tonnes=-3"])
        #expect(invalid.stderr.hasPrefix("""
            \(path) (edited):80:23: error: contained_tonnes is negative (-3)
                contained_tonnes: -3
                                  ^

            """))
        #expect(invalid.stderr.contains("<edit 1>:1:1: note: introduced by this edit\nflow[cod-kamoto->fin-kokkola].contained_tonnes=-3\n^\n"))
        #expect(invalid.stderr.hasSuffix("error: the edits would add 1 validation error to \(path); nothing was changed\n"))
    }

    @Test func dryRunPrintsTheDiffAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.yaml", Samples.valid)
        let result = try CLI.run(["edit", path, "--in-place", "--dry-run", "--quiet", "flow[refinery->dump].value_usd=-2000"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            --- \(path)
            +++ \(path) (edited)
            @@ -46,5 +46,5 @@
                 to: dump
                 mineral: cobalt
                 tonnes: 2.5
            -    value_usd: -1000
            +    value_usd: -2000
                 type: waste

            """)
        #expect(result.stderr == "")
        #expect(try dir.read("g.yaml") == Samples.valid)
        #expect(try dir.listing() == ["g.yaml"])
    }

    @Test func standardInputToStandardOutputPipesIntoOtherCommands() throws {
        let edited = try CLI.run(["edit", "-", "add node {id: mar, kind: processor, country: Morocco, outputs: [{mineral: cobalt, contained_tonnes: 5}]}",
                                  "add flow {from: mine, to: mar, mineral: cobalt, contained_tonnes: 5}", "--quiet"],
                                 stdin: Samples.valid)
        #expect(edited.status == 0)
        #expect(edited.stderr == "")
        #expect(edited.stdout.hasPrefix(Samples.valid.components(separatedBy: "\nflows:")[0]))
        let validated = try CLI.run(["validate", "-"], stdin: edited.stdout)
        #expect(validated.stdout == "-: ok — 4 nodes, 3 flows, 0 errors, 0 warnings\n")
        let summary = try CLI.run(["summary", "-"], stdin: edited.stdout)
        #expect(summary.stdout.contains("by country: CHN China 1, COD DR Congo 1, GHA Ghana 1, MAR Morocco 1"))
    }

    @Test func renameAndRemoveSayWhatTheyDid() throws {
        let result = try CLI.run(["edit", "-", "rename node[refinery] chn-refinery", "remove node[dump]"], stdin: Samples.valid)
        #expect(result.status == 0)
        #expect(result.stderr == """
            <edit 1>:1:8: note: renamed node 'refinery' to 'chn-refinery' and updated 2 flows
            <edit 2>:1:8: note: removed node 'dump' and the 1 flow that started or ended there: chn-refinery->dump:cobalt

            """)
        #expect(result.stdout.contains("  - id: chn-refinery\n"))
        #expect(result.stdout.contains("    to: chn-refinery\n"))
        #expect(!result.stdout.contains("dump"))
    }

    @Test func scriptsRunInOrderBeforeTheArguments() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.yaml", Samples.valid)
        let script = try dir.write("what-if.txt", """
            # What if the mine loses half its output?
            node[mine].output[cobalt]*=0.5

            flow[mine->refinery].quantity*=0.5
            node[mine].notes=from the script
            """)
        let result = try CLI.run(["edit", path, "--script", script, "--quiet", "node[mine].notes=from the command line", "-o", dir.path("out.yaml")])
        #expect(result.status == 0)
        let out = try dir.read("out.yaml")
        #expect(out.contains("    notes: from the command line\n"))
        #expect(out.contains("    contained_tonnes: 120\n    value_usd: 3750000\n"))
        #expect(try CLI.run(["validate", "--strict", dir.path("out.yaml")]).status == 0)
    }

    @Test func scriptErrorsPointAtTheLineAndColumn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.yaml", Samples.valid)
        let script = try dir.write("s.txt", "# ok\nnode[mine].notes=x\nnodes[kind=refinery].notes=y\nflow[mine->refinery].tonnes*=two\n")
        let result = try CLI.run(["edit", path, "--script", script])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("""
            \(script):3:12: error: unknown node kind 'refinery'
            nodes[kind=refinery].notes=y
                       ^
            """))
        #expect(result.stderr.contains("""
            \(script):4:30: error: expected a number for 'tonnes', found 'two'
            flow[mine->refinery].tonnes*=two
                                         ^
            """))
        let missing = try CLI.run(["edit", path, "--script", dir.path("none.txt")])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read script \(dir.path("none.txt")): no such file"))
    }

    @Test func argumentsAreChecked() throws {
        for (arguments, message) in [
            (["edit", "g.yaml"], "give at least one edit, or a script with --script"),
            (["edit", "g.yaml", "--in-place", "-o", "x.yaml", "node[a].notes=x"], "--in-place and --output exclude each other"),
            (["edit", "-", "--in-place", "node[a].notes=x"], "--in-place needs a file, not standard input"),
            (["edit", "-", "--script", "-", "node[a].notes=x"], "standard input can be read once: by FILE or by one --script"),
        ] {
            let result = try CLI.run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }

    @Test func aThousandEditScriptRunsQuickly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let graph = TestPaths.graphs.appendingPathComponent("cobalt-2023.yaml").path
        let text = try String(contentsOfFile: graph, encoding: .utf8)
        let path = try dir.write("cobalt.yaml", text)
        let ids = text.split(separator: "\n").filter { $0.hasPrefix("  - id: ") && text.contains("from: \($0.dropFirst(8))") }
            .map { String($0.dropFirst(8)) }
        var script = ""
        for i in 0..<1000 {
            let id = ids[i % ids.count]
            script += i % 2 == 0 ? "node[\(id)].notes=Edit \(i)\n" : "flows[from=\(id)].quantity*=1.001\n"
        }
        let scriptPath = try dir.write("edits.txt", script)
        let start = Date()
        let result = try CLI.run(["edit", path, "--in-place", "--quiet", "--script", scriptPath])
        let seconds = Date().timeIntervalSince(start)
        print("mineral-graph edit with a 1 000-edit script: \(String(format: "%.2f", seconds)) s")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(seconds < 5)
        let diff = try CLI.run(["edit", graph, "--dry-run", "--quiet", "--script", scriptPath])
        #expect(diff.stdout.hasPrefix("--- \(graph)\n+++ \(graph) (edited)\n@@ "))
        let before = text.split(separator: "\n", omittingEmptySubsequences: false)
        let after = try dir.read("cobalt.yaml").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(before.count == after.count)
        let changed = zip(before, after).filter { $0 != $1 }
        #expect(changed.allSatisfy { old, _ in
            let key = old.drop { $0 == " " }.prefix { $0 != ":" }
            return ["notes", "tonnes", "contained_tonnes", "value_usd"].contains(String(key))
        })
    }
}
