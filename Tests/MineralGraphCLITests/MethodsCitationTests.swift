import Foundation
import MineralGraphTestSupport
import Testing

/// Every "METHODS §x.y" that the repository prints or writes — in reports/, docs/, the README,
/// the changelog, graphs/ and the sources (string literals and doc comments) — must have a
/// numbered heading in docs/methods.md, with the anchor `s<x>-<y>` that links use
/// (`docs/methods.md#s3-2`).
@Suite("docs/methods.md has every cited section")
struct MethodsCitationTests {
    static let root = TestPaths.packageRoot

    /// A section number as cited ("3.2") and where.
    struct Citation: Hashable, CustomStringConvertible {
        var section: String
        var file: String
        var line: Int
        var description: String { "\(file):\(line): METHODS §\(section)" }
    }

    /// Section numbers cited after "METHODS" in `text`: `§1.4`, `§1.1–1.4` (both ends), `§3.1–§3.2`,
    /// `§4.2, §1.5`, `§1.2 and §9`, also when a doc comment wraps after "METHODS".
    static func citedSections(in text: String) -> [(section: String, line: Int)] {
        let number = #"(\d+(?:\.\d+)*)"#
        let reference = #"§\s?"# + number + #"(?:\s?[–-]\s?§?"# + number + ")?"
        let citation = try! Regex("METHODS(?:\\.md)?,?\\s*(?:" + reference + #")((?:\s*(?:,|;|and)\s*"# + reference + ")*)")
        let single = try! Regex(reference)
        var found: [(String, Int)] = []
        // The regex runs only on a short window after each "METHODS" (reports/ holds megabytes),
        // with line breaks and comment markers of wrapped doc comments taken out.
        var line = 1
        var counted = text.startIndex
        for range in text.ranges(of: "METHODS") {
            line += text[counted..<range.lowerBound].reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            counted = range.lowerBound
            let window = String(text[range.lowerBound...].prefix(160))
                .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "///", with: " ")
                .replacingOccurrences(of: "  ", with: " ")
            guard let match = window.prefixMatch(of: citation) else { continue }
            for reference in window[match.range].matches(of: single) {
                for index in 1..<reference.output.count {
                    if let substring = reference.output[index].substring { found.append((String(substring), line)) }
                }
            }
        }
        return found
    }

    /// Numbers of the headings of methods.md that carry the matching anchor
    /// (`### <a id="s3-2"></a>3.2 Title`); a heading whose anchor differs from its number is reported.
    static func headings(of text: String) -> (sections: Set<String>, mismatches: [String]) {
        let heading = try! Regex(#"^#{2,4} <a id="s([0-9-]+)"></a>(\d+(?:\.\d+)*)\.? "#).anchorsMatchLineEndings()
        var sections: Set<String> = []
        var mismatches: [String] = []
        for match in text.matches(of: heading) {
            let anchor = String(match.output[1].substring!), number = String(match.output[2].substring!)
            if anchor != number.replacingOccurrences(of: ".", with: "-") { mismatches.append("anchor s\(anchor) on §\(number)") }
            sections.insert(number)
        }
        return (sections, mismatches)
    }

    /// The repository's text files that can cite METHODS.
    static func scannedFiles() throws -> [String] {
        var files = ["README.md", "CHANGELOG.md"]
        let fm = FileManager.default
        for directory in ["reports", "docs", "graphs", "Sources", "scripts"] {
            guard let walker = fm.enumerator(atPath: root.appendingPathComponent(directory).path) else { continue }
            for case let relative as String in walker {
                let path = directory + "/" + relative
                let ext = (relative as NSString).pathExtension
                if ["md", "html", "json", "csv", "swift", "yaml", "txt", "sh", "py"].contains(ext) { files.append(path) }
            }
        }
        return files.sorted()
    }

    static func uncited(in files: [String], sections: Set<String>) throws -> [Citation] {
        var missing: Set<Citation> = []
        for file in files {
            guard let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) else { continue }
            for (section, line) in citedSections(in: text) where !sections.contains(section) {
                missing.insert(Citation(section: section, file: file, line: line))
            }
        }
        return missing.sorted { ($0.file, $0.line, $0.section) < ($1.file, $1.line, $1.section) }
    }

    @Test func everyCitedSectionHasAHeading() throws {
        let methods = try String(contentsOf: Self.root.appendingPathComponent("docs/methods.md"), encoding: .utf8)
        let (sections, mismatches) = Self.headings(of: methods)
        #expect(mismatches.isEmpty, "\(mismatches)")
        let files = try Self.scannedFiles()
        #expect(files.contains { $0.hasPrefix("reports/") } && files.contains { $0.hasPrefix("Sources/") })
        let missing = try Self.uncited(in: files, sections: sections)
        #expect(missing.isEmpty, "cited sections without a heading in docs/methods.md:\n\(missing.map(\.description).joined(separator: "\n"))")
        // Cross-references inside methods.md ("§4.4", "(§2.6)") point at its own headings.
        let crossReferences = methods.matches(of: try Regex(#"§(\d+(?:\.\d+)*)"#)).map { String($0.output[1].substring!) }
        #expect(Set(crossReferences).subtracting(sections).isEmpty, "\(Set(crossReferences).subtracting(sections).sorted())")
    }

    @Test func scannerFindsEveryFormOfCitation() {
        let text = """
            see METHODS §1.4, and (METHODS §1.1–1.4), METHODS §3.1–§3.2
            "METHODS §4.2, §1.5" METHODS §1.2 and §9. METHODS.md §11.3
            /// what consumers sell back (METHODS
            /// §3.1 consistency check
            """
        #expect(Self.citedSections(in: text).map(\.section) == ["1.4", "1.1", "1.4", "3.1", "3.2", "4.2", "1.5", "1.2", "9", "11.3", "3.1"])
        #expect(Self.citedSections(in: text).last?.line == 3)
        let (sections, mismatches) = Self.headings(of: "## <a id=\"s1\"></a>1. A\n### <a id=\"s1-4\"></a>1.4 B\n### <a id=\"s1-5\"></a>1.6 C\n")
        #expect(sections == ["1", "1.4", "1.6"])
        #expect(mismatches == ["anchor s1-5 on §1.6"])
    }
}
