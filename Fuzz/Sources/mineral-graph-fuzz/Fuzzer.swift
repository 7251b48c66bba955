import Foundation
import MineralGraphFuzzing

// The libFuzzer entry points (https://llvm.org/docs/LibFuzzer.html). The module is compiled
// with -parse-as-library, so it has no `main` of its own; on Linux SwiftPM links an
// executable's `main` to `<module>_main` (so that tests can link the module), which
// `fuzzerMain` provides by starting libFuzzer's driver, as libFuzzer's own `main` would.
//
// FUZZ_TARGET names the target (`graph-yaml`, `scenario`, … : FuzzTarget's raw values). With
// FUZZ_WRITE_SEEDS=DIR and FUZZ_SEED_GRAPHS=FILE:FILE…, the binary writes the target's seeds
// made from those graph files into DIR and exits, before fuzzing starts (Fuzz/run.sh).

/// The target of this run, set once by `LLVMFuzzerInitialize` before any input.
nonisolated(unsafe) private var target = FuzzTarget.graphYAML

/// libFuzzer's driver: parses the flags, runs `LLVMFuzzerInitialize`, then fuzzes `callback`.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("mineral_graph_fuzz_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzzerTestOneInput)
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    let environment = ProcessInfo.processInfo.environment
    guard let name = environment["FUZZ_TARGET"], let selected = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("set FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(2)
    }
    target = selected
    if let directory = environment["FUZZ_WRITE_SEEDS"] {
        let graphs = (environment["FUZZ_SEED_GRAPHS"] ?? "").split(separator: ":").compactMap {
            try? String(contentsOfFile: String($0), encoding: .utf8)
        }
        for (index, seed) in selected.seeds(fromGraphs: graphs).enumerated() {
            let url = URL(fileURLWithPath: directory).appendingPathComponent("seed-\(selected.rawValue)-\(index)")
            try? Data(seed).write(to: url)
        }
        exit(0)
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    do {
        try target.check(bytes)
    } catch {
        // A trap: libFuzzer saves the input as a crasher.
        fatalError("\(target.rawValue): \(error.description)")
    }
    return 0
}
