import Foundation
import Testing

@testable import MineralGraphFormats

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Output files")
struct OutputFileTests {
    typealias Directory = TextFileTests.Directory

    static func status(_ path: String) -> stat {
        var info = stat()
        lstat(path, &info)
        return info
    }

    /// The message of the error `body` throws; `nil` when it throws none.
    static func failure(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func writesNewFilesAndReplacesOldOnesLeavingNoTemporaryFile() throws {
        let dir = try Directory()
        defer { dir.remove() }
        let path = dir.path("g.yaml")
        try OutputFile.write("one\n", to: path)
        #expect(try TextFile.read(path) == "one\n")
        let inode = Self.status(path).st_ino
        try OutputFile.write("two\n", to: path)
        #expect(try TextFile.read(path) == "two\n")
        // Replaced by a rename: a new file took the path.
        #expect(Self.status(path).st_ino != inode)
        #expect(try dir.listing() == ["g.yaml"])
    }

    @Test func keepsModeOwnerAndGroup() throws {
        let dir = try Directory()
        defer { dir.remove() }
        let path = dir.path("private.yaml")
        try OutputFile.write("one\n", to: path)
        chmod(path, 0o640)
        // Only root can give a file away; other users keep their own.
        let owner: (uid_t, gid_t) = geteuid() == 0 ? (1234, 5678) : (geteuid(), getegid())
        #expect(chown(path, owner.0, owner.1) == 0)
        try OutputFile.write("two\n", to: path)
        let info = Self.status(path)
        #expect(info.st_mode & 0o7777 == 0o640)
        #expect((info.st_uid, info.st_gid) == owner)
        #expect(try TextFile.read(path) == "two\n")
        #expect(try dir.listing() == ["private.yaml"])
    }

    @Test func newFilesGetTheUsualModeLessTheUmask() throws {
        let dir = try Directory()
        defer { dir.remove() }
        let previous = umask(0o027)
        defer { umask(previous) }
        try OutputFile.write("x", to: dir.path("new.yaml"))
        #expect(Self.status(dir.path("new.yaml")).st_mode & 0o777 == 0o640)
    }

    @Test func symbolicLinksAreFollowedAndKept() throws {
        let dir = try Directory()
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path("real"), withIntermediateDirectories: true)
        let target = dir.path("real/g.yaml")
        try OutputFile.write("old\n", to: target)
        chmod(target, 0o600)
        // A relative link, and a link to that link.
        try FileManager.default.createSymbolicLink(atPath: dir.path("link.yaml"), withDestinationPath: "real/g.yaml")
        try FileManager.default.createSymbolicLink(atPath: dir.path("chain.yaml"), withDestinationPath: dir.path("link.yaml"))
        try OutputFile.write("new\n", to: dir.path("chain.yaml"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path("link.yaml")) == "real/g.yaml")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path("chain.yaml")) == dir.path("link.yaml"))
        #expect(try TextFile.read(target) == "new\n")
        #expect(Self.status(target).st_mode & 0o7777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("real")) == ["g.yaml"])
        // A dangling link: its target is created, the link stays.
        try FileManager.default.createSymbolicLink(atPath: dir.path("dangling.yaml"), withDestinationPath: "real/later.yaml")
        try OutputFile.write("later\n", to: dir.path("dangling.yaml"))
        #expect(try TextFile.read(dir.path("real/later.yaml")) == "later\n")
        #expect(Self.status(dir.path("dangling.yaml")).st_mode & S_IFMT == S_IFLNK)
    }

    @Test func hardLinksStayLinked() throws {
        let dir = try Directory()
        defer { dir.remove() }
        let path = dir.path("a.yaml")
        try OutputFile.write("a long old text\n", to: path)
        #expect(link(path, dir.path("b.yaml")) == 0)
        try OutputFile.write("new\n", to: path)
        #expect(try TextFile.read(dir.path("b.yaml")) == "new\n")
        #expect(Self.status(path).st_nlink == 2)
        #expect(try dir.listing() == ["a.yaml", "b.yaml"])
    }

    @Test func readOnlyFilesAreRefusedEvenForRoot() throws {
        let dir = try Directory()
        defer { dir.remove() }
        let path = dir.path("locked.yaml")
        try OutputFile.write("old\n", to: path)
        chmod(path, 0o444)
        #expect(Self.failure { try OutputFile.write("new\n", to: path) }
            == "cannot write \(path): the file is read-only (mode 444); make it writable to replace it")
        #expect(try TextFile.read(path) == "old\n")
        #expect(try dir.listing() == ["locked.yaml"])
    }

    @Test func fifosAreWrittenNotReplaced() throws {
        let dir = try Directory()
        defer { dir.remove() }
        let fifo = dir.path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = Received()
        let reader = Thread {
            received.set(FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile())
        }
        reader.start()
        do {
            try OutputFile.write("through the pipe\n", to: fifo)
        } catch {
            // Let the reader stop waiting for a writer.
            close(open(fifo, O_WRONLY | O_NONBLOCK))
            throw error
        }
        #expect(received.wait().map { String(decoding: $0, as: UTF8.self) } == "through the pipe\n")
        #expect(Self.status(fifo).st_mode & S_IFMT == S_IFIFO)
        #expect(try dir.listing() == ["pipe"])
    }

    @Test func descriptorPathsWriteToTheOpenDescriptor() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        try OutputFile.write("to the descriptor\n", to: "/dev/fd/\(ends[1])")
        close(ends[1])
        let data = FileHandle(fileDescriptor: ends[0]).readDataToEndOfFile()
        #expect(String(decoding: data, as: UTF8.self) == "to the descriptor\n")
    }

    @Test func directoriesAndMissingDirectoriesAreClearErrors() throws {
        let dir = try Directory()
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path("taken/inside"), withIntermediateDirectories: true)
        #expect(Self.failure { try OutputFile.write("x", to: dir.path("taken")) } == "cannot write \(dir.path("taken")): is a directory")
        let missing = "/nonexistent-\(UUID().uuidString)/x.yaml"
        let message = Self.failure { try OutputFile.write("x", to: missing) } ?? ""
        #expect(message.hasPrefix("cannot write \(missing): directory ") && message.hasSuffix(" does not exist"))
        #expect(!FileManager.default.fileExists(atPath: missing))
        #expect(try dir.listing() == ["taken"])
    }

    @Test func temporaryFilesOfEndedProcessesAreRemoved() throws {
        let dir = try Directory()
        defer { dir.remove() }
        // Left by a killed process (no process has a pid this large) and by a running one (pid 1).
        let stale = OutputFile.temporaryPrefix + "g.yaml.999999999.abc"
        let live = OutputFile.temporaryPrefix + "g.yaml.1.abc"
        let other = OutputFile.temporaryPrefix + "h.yaml.999999999.abc"
        for name in [stale, live, other] { try Data().write(to: URL(fileURLWithPath: dir.path(name))) }
        try OutputFile.write("x", to: dir.path("g.yaml"))
        #expect(try dir.listing() == [live, other, "g.yaml"].sorted())
    }

    @Test func signalTableHoldsRegisteredPathsUntilReleased() {
        let first = OutputFile.TemporaryFiles.register("/tmp/first")
        let second = OutputFile.TemporaryFiles.register("/tmp/second")
        #expect(first != nil && second != nil && first != second)
        let slot = second.map { OutputFile.TemporaryFiles.table + $0 * OutputFile.TemporaryFiles.slotSize }
        #expect(slot.map { String(cString: $0) } == "/tmp/second")
        OutputFile.TemporaryFiles.release(first)
        OutputFile.TemporaryFiles.release(second)
        #expect(slot?[0] == 0)
        #expect(OutputFile.TemporaryFiles.register(String(repeating: "x", count: 5000)) == nil)
    }

    @Test func outputsThatAreInputsAreRecognised() throws {
        let dir = try Directory()
        defer { dir.remove() }
        let input = dir.path("g.yaml")
        try OutputFile.write("x", to: input)
        try FileManager.default.createSymbolicLink(atPath: dir.path("link.yaml"), withDestinationPath: "g.yaml")
        #expect(link(input, dir.path("hard.yaml")) == 0)
        let expected = "it is the input file \(input); nothing was written (choose another output path)"
        for output in [input, dir.path("link.yaml"), dir.path("hard.yaml"), dir.url.path + "/./g.yaml"] {
            #expect(Self.failure { try OutputFile.checkNotInput(output, inputs: ["-", input]) } == "cannot write \(output): \(expected)")
        }
        try OutputFile.checkNotInput(dir.path("other.yaml"), inputs: [input])
        try OutputFile.checkNotInput("-", inputs: ["-", input])
        // A dangling link to a file that is not there yet is not an input either.
        try FileManager.default.createSymbolicLink(atPath: dir.path("new.yaml"), withDestinationPath: "later.yaml")
        try OutputFile.checkNotInput(dir.path("new.yaml"), inputs: [input])
    }

    @Test func theLockMakesASecondHolderWaitThenFail() throws {
        let dir = try Directory()
        defer { dir.remove() }
        let path = dir.path("g.yaml")
        try OutputFile.write("x", to: path)
        let inner = try OutputFile.withExclusiveLock(on: path) {
            #expect(Self.failure { try OutputFile.withExclusiveLock(on: path, timeout: 0.1) {} }
                == "\(path) is being changed by another process (waited 0.1 s for its lock); nothing was written")
            return 42
        }
        #expect(inner == 42)
        // Released: it can be taken again; a missing file runs the body unlocked.
        #expect(try OutputFile.withExclusiveLock(on: path, timeout: 0.1) { true })
        #expect(try OutputFile.withExclusiveLock(on: dir.path("missing"), timeout: 0.1) { true })
    }
}

/// A value handed from a reader thread to the test.
private final class Received: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Data??

    func set(_ data: Data?) {
        condition.lock()
        value = .some(data)
        condition.signal()
        condition.unlock()
    }

    func wait() -> Data? {
        condition.lock()
        defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }
}
