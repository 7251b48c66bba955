/// A line-by-line difference between two texts, printed as a unified diff (`diff -u`).
///
/// Lines are matched with the standard library's `difference(from:)` (Myers' algorithm,
/// "An O(ND) Difference Algorithm and Its Variations", Algorithmica 1986), so the output is
/// deterministic and small when the texts differ in few lines.
public struct LineDiff: Sendable {
    /// One line of the alignment of the two texts.
    public enum Line: Hashable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The two texts aligned: every line of the old text in order, each kept or removed, with
    /// the new text's added lines between them.
    public let lines: [Line]

    public init(old: String, new: String) {
        let oldLines = Self.split(old), newLines = Self.split(new)
        let difference = newLines.difference(from: oldLines)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var lines: [Line] = []
        var i = 0, j = 0
        while i < oldLines.count || j < newLines.count {
            if i < oldLines.count, removed.contains(i) {
                lines.append(.removed(oldLines[i]))
                i += 1
            } else if j < newLines.count, inserted.contains(j) {
                lines.append(.added(newLines[j]))
                j += 1
            } else {
                lines.append(.same(oldLines[i]))
                i += 1
                j += 1
            }
        }
        self.lines = lines
    }

    /// Whether the texts have the same lines.
    public var isEmpty: Bool { lines.allSatisfy { if case .same = $0 { true } else { false } } }

    /// `---`/`+++` headers and `@@ -a,b +c,d @@` hunks with `context` unchanged lines around
    /// each change; empty when the texts have the same lines.
    public func unified(oldName: String, newName: String, context: Int = 3) -> String {
        var changed: [Int] = []
        for (index, line) in lines.enumerated() {
            if case .same = line { continue }
            changed.append(index)
        }
        guard !changed.isEmpty else { return "" }
        // Group changes whose context overlaps into hunks of alignment indices.
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(lines.count - 1, index + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                hunks.append(range)
            }
        }
        // Line numbers of the old and new text at each alignment index.
        var oldNumber = [Int](repeating: 0, count: lines.count + 1)
        var newNumber = [Int](repeating: 0, count: lines.count + 1)
        for (index, line) in lines.enumerated() {
            oldNumber[index + 1] = oldNumber[index] + (line.isAdded ? 0 : 1)
            newNumber[index + 1] = newNumber[index] + (line.isRemoved ? 0 : 1)
        }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        for hunk in hunks {
            let slice = lines[hunk]
            let oldCount = slice.filter { !$0.isAdded }.count
            let newCount = slice.filter { !$0.isRemoved }.count
            // diff -u numbers an empty side by the line before it.
            let oldStart = oldCount == 0 ? oldNumber[hunk.lowerBound] : oldNumber[hunk.lowerBound] + 1
            let newStart = newCount == 0 ? newNumber[hunk.lowerBound] : newNumber[hunk.lowerBound] + 1
            // A range of one line is written as its number alone, as diff -u does.
            func range(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }
            out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for line in slice {
                switch line {
                case .same(let text): out += " " + text + "\n"
                case .removed(let text): out += "-" + text + "\n"
                case .added(let text): out += "+" + text + "\n"
                }
            }
        }
        return out
    }

    /// Lines without their breaks; a final line break does not start another line.
    static func split(_ text: String) -> [String] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

extension LineDiff.Line {
    var isAdded: Bool { if case .added = self { true } else { false } }
    var isRemoved: Bool { if case .removed = self { true } else { false } }
}
