import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OutputFile {
    /// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the temporary files being
    /// written, then end the process by the same signal (so its exit status still says
    /// "killed by SIGINT"). Signals the process ignores stay ignored. Call once, at start-up.
    public static func removeTemporaryFilesOnSignals() {
        TemporaryFiles.prepare()
        for signalNumber in TemporaryFiles.signals {
            let previous = signal(signalNumber, temporaryFileSignalHandler)
            if previous.map({ unsafeBitCast($0, to: Int.self) }) == unsafeBitCast(SIG_IGN, to: Int.self) {
                signal(signalNumber, SIG_IGN)
            }
        }
    }

    /// The paths of the temporary files being written, where a signal handler can read them.
    ///
    /// A fixed table of `slotCount` slots of `slotSize` bytes, allocated once and never freed,
    /// each a NUL-terminated path, free when its first byte is 0. The handler only reads bytes
    /// and calls `unlink`, `signal` and `raise`, which are async-signal-safe. Threads update
    /// the table one at a time (`lock`) with the signals blocked; a slot's first byte is written
    /// last when a path is registered and cleared first when it is released, so a handler
    /// running on another thread sees a whole path or none.
    enum TemporaryFiles {
        static let signals = [SIGINT, SIGTERM, SIGHUP]
        // Computed, not stored: a stored global would be initialised lazily, maybe in the handler.
        static var slotCount: Int { 16 }
        static var slotSize: Int { Int(PATH_MAX) }

        /// Shared with the signal handler by design (see above), hence `nonisolated(unsafe)`.
        nonisolated(unsafe) static let table: UnsafeMutablePointer<CChar> = {
            let table = UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * slotSize)
            table.initialize(repeating: 0, count: slotCount * slotSize)
            return table
        }()
        static let lock = NSLock()

        /// Allocates the table before a handler can run (the handler must not allocate).
        static func prepare() { _ = table }

        /// Records `path`; the slot to release, `nil` when the table is full or the path too long
        /// (the file is then still removed on errors, just not on signals).
        static func register(_ path: String) -> Int? {
            let bytes = Array(path.utf8)
            guard !bytes.isEmpty, bytes.count < slotSize, !bytes.contains(0) else { return nil }
            return updating {
                for slot in 0..<slotCount where table[slot * slotSize] == 0 {
                    let start = table + slot * slotSize
                    for (index, byte) in bytes.enumerated().dropFirst() { start[index] = CChar(bitPattern: byte) }
                    start[bytes.count] = 0
                    start[0] = CChar(bitPattern: bytes[0])
                    return slot
                }
                return nil
            }
        }

        static func release(_ slot: Int?) {
            guard let slot else { return }
            updating { table[slot * slotSize] = 0 }
        }

        /// Runs `body` holding `lock`, with the handled signals blocked in this thread.
        private static func updating<T>(_ body: () -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            var blocked = sigset_t(), previous = sigset_t()
            sigemptyset(&blocked)
            for signalNumber in signals { sigaddset(&blocked, signalNumber) }
            pthread_sigmask(SIG_BLOCK, &blocked, &previous)
            defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
            return body()
        }
    }
}

/// Removes the registered temporary files, then ends the process by `signalNumber`.
private func temporaryFileSignalHandler(_ signalNumber: Int32) {
    let table = OutputFile.TemporaryFiles.table
    for slot in 0..<OutputFile.TemporaryFiles.slotCount {
        let path = table + slot * OutputFile.TemporaryFiles.slotSize
        if path[0] != 0 { unlink(path) }
    }
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
}
