extension String {
    /// The string with its control characters (C0 but tab, DEL, C1) written as `\u{1B}`, so
    /// that printing it sends no raw control byte to a terminal. Line feeds are kept when
    /// `keepingLineFeeds`.
    public func escapingControlCharacters(keepingLineFeeds: Bool = false) -> String {
        guard unicodeScalars.contains(where: { $0.isControl && !($0 == "\n" && keepingLineFeeds) }) else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar.isControl && !(scalar == "\n" && keepingLineFeeds) {
                out.append(contentsOf: scalar.escapedControl.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}

extension Unicode.Scalar {
    /// A control character that a terminal may act on: C0 other than tab, DEL, or C1.
    var isControl: Bool {
        (value < 0x20 && self != "\t") || (0x7F...0x9F).contains(value)
    }

    /// `\u{1B}` for ESC: the scalar's code in hexadecimal.
    var escapedControl: String {
        "\\u{" + String(value, radix: 16, uppercase: true) + "}"
    }
}
