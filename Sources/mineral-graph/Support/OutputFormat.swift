import ArgumentParser
import Foundation

/// The format of a command that writes one file: `--format` when given (whatever `-o`'s
/// extension), else the one `-o`'s extension names, else `standard` for standard output or
/// for a device or FIFO without an extension (`-o /dev/stdout`). An unknown or missing
/// extension is an error: `-o x.jpg` must never quietly get SVG bytes.
func outputFormat<Format: RawRepresentable>(
    explicit: Format?, output: String?, standard: Format, known: [Format], fromExtension: (String) -> Format?
) throws -> Format where Format.RawValue == String {
    if let explicit { return explicit }
    guard let output, output != "-" else { return standard }
    if let format = fromExtension(output) { return format }
    let names = known.map(\.rawValue).joined(separator: ", ")
    if let fileExtension = outputExtension(output) {
        throw ValidationError("-o \(output): '.\(fileExtension)' names no output format of this command (\(names)); "
                              + "rename the file or give --format")
    }
    var status = stat()
    if stat(output, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG { return standard }
    throw ValidationError("-o \(output) has no extension to tell the format by (\(names)): give --format")
}

/// The extension of a path's last component, `nil` when it has none (`.hidden` has none).
func outputExtension(_ path: String) -> Substring? {
    let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    return name[name.index(after: dot)...]
}
