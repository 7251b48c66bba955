import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a command's output the way a careful Unix tool does.
///
/// - `-` is standard output; `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N`
///   name an open descriptor, which is written as it is (an appending redirection keeps
///   appending).
/// - A symbolic link is followed: the file it points to is written and the link stays.
/// - A special file (character or block device, FIFO) is opened and written, never replaced;
///   a socket is refused.
/// - A file without any write permission bit (mode 0444), or one the user may not write, is
///   refused, also for root.
/// - A regular file is replaced atomically: the data goes to a temporary file
///   `.mineral-graph-tmp-NAME.PID.RANDOM` in the same directory, created with the target's mode
///   (a new file: 0666 less the umask), given the target's owner and group, flushed with fsync,
///   then renamed over the target. Readers see the old file or the new one, never a mix.
/// - A regular file with several hard links, or one whose owner or group the user cannot give
///   to a new file (another user's file writable through its group), is truncated and written in
///   place, so the links and owner stay. That write is not atomic.
///
/// Temporary files are removed on every error and, once ``removeTemporaryFilesOnSignals()`` has
/// run, on SIGINT, SIGTERM and SIGHUP. A SIGKILL leaves one behind; the next write of the same
/// target removes those whose process has ended.
public enum OutputFile {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// How the names of temporary files start.
    public static let temporaryPrefix = ".mineral-graph-tmp-"

    public static func write(_ text: String, to path: String) throws(Failure) {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws(Failure) {
        func fail(_ reason: String) -> Failure { Failure("cannot write \(path): \(reason)") }
        if let descriptor = openDescriptor(named: path) {
            if let error = writeAll(data, to: descriptor) { throw fail(reason(error)) }
            return
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            guard errno == ENOENT else { throw fail(reason(errno)) }
            let target = followingLinks(path)
            var isDirectory: ObjCBool = false
            let directory = (target as NSString).deletingLastPathComponent
            guard FileManager.default.fileExists(atPath: directory.isEmpty ? "." : directory, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                throw fail("directory \(directory) does not exist")
            }
            try replace(target, with: data, keeping: nil, fail)
            return
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { throw fail("is a directory") }
        if type == S_IFSOCK { throw fail("is a socket") }
        if info.st_mode & 0o222 == 0 || faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0 {
            throw fail("the file is read-only (mode \(String(info.st_mode & 0o7777, radix: 8))); make it writable to replace it")
        }
        guard type == S_IFREG else {
            try overwrite(path, with: data, truncating: false, fail)
            return
        }
        guard let target = realpath(path, nil).map({ pointer in defer { free(pointer) }; return String(cString: pointer) }) else {
            throw fail(reason(errno))
        }
        if info.st_nlink > 1 {
            try overwrite(target, with: data, truncating: true, fail)
        } else if try !replace(target, with: data, keeping: info, fail) {
            try overwrite(target, with: data, truncating: true, fail)
        }
    }

    /// Refuses to write `output` when it is one of `inputs`: the same file (device and inode)
    /// when both exist, else the same path once links are followed. `-` is no file.
    public static func checkNotInput(_ output: String, inputs: [String]) throws(Failure) {
        guard output != "-" else { return }
        for input in inputs where input != "-" {
            var a = stat(), b = stat()
            let same = stat(output, &a) == 0 && stat(input, &b) == 0
                ? a.st_dev == b.st_dev && a.st_ino == b.st_ino
                : absolute(followingLinks(output)) == absolute(followingLinks(input))
            if same {
                throw Failure("cannot write \(output): it is the input file \(input); nothing was written (choose another output path)")
            }
        }
    }

    /// Runs `body` holding an exclusive advisory lock (flock) on the file at `path`, so that two
    /// in-place edits of one file run one after the other instead of one losing the other's
    /// change. Waits up to `timeout` seconds for another holder. When the file was replaced
    /// (renamed over) while waiting, the new file is locked instead. Without a file at `path`,
    /// `body` runs unlocked (and reports the missing file).
    public static func withExclusiveLock<T>(on path: String, timeout: Double = 30, _ body: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { return try body() }
            // Closing the descriptor releases the lock.
            defer { close(descriptor) }
            while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                guard errno == EWOULDBLOCK || errno == EINTR else { throw Failure("cannot lock \(path): \(reason(errno))") }
                guard Date() < deadline else {
                    throw Failure("\(path) is being changed by another process (waited \(String(format: "%g", timeout)) s for its lock); nothing was written")
                }
                usleep(10_000)
            }
            var locked = stat(), current = stat()
            if fstat(descriptor, &locked) == 0, stat(path, &current) == 0,
                locked.st_dev == current.st_dev, locked.st_ino == current.st_ino
            {
                return try body()
            }
        }
    }

    // MARK: Writing

    /// Writes `data` through a temporary file renamed over `target` (a regular file or none),
    /// giving it the mode, owner and group of `existing`. Returns false, having written nothing,
    /// when the owner or group cannot be given.
    @discardableResult
    private static func replace(_ target: String, with data: Data, keeping existing: stat?, _ fail: (String) -> Failure) throws(Failure) -> Bool {
        let directory = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        removeStaleTemporaryFiles(of: name, in: directory)
        let stem = temporaryPrefix + String(decoding: name.utf8.prefix(100), as: UTF8.self) + "."
        let temporary = (directory as NSString).appendingPathComponent(stem + "\(getpid()).\(String(UInt64.random(in: 0...UInt64.max), radix: 36))")
        let mode = existing.map { $0.st_mode & 0o7777 } ?? 0o666
        // Registered before it exists, so no signal can come between creating and registering.
        let slot = TemporaryFiles.register(temporary)
        defer { TemporaryFiles.release(slot) }
        // The umask can only take bits away: the file is never more open than the target.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw fail("cannot create a temporary file in \(directory.isEmpty ? "." : directory): \(reason(errno))") }
        var isOpen = true, renamed = false
        defer {
            if isOpen { close(descriptor) }
            if !renamed { unlink(temporary) }
        }
        if let existing {
            var created = stat()
            fstat(descriptor, &created)
            if created.st_uid != existing.st_uid || created.st_gid != existing.st_gid {
                guard fchown(descriptor, existing.st_uid, existing.st_gid) == 0 else { return false }
            }
            // After fchown, which may clear set-id bits; also restores bits the umask took.
            guard fchmod(descriptor, mode) == 0 else { throw fail(reason(errno)) }
        }
        if let error = writeAll(data, to: descriptor) { throw fail(reason(error)) }
        guard fsync(descriptor) == 0 else { throw fail(reason(errno)) }
        isOpen = false
        guard close(descriptor) == 0 else { throw fail(reason(errno)) }
        guard rename(temporary, target) == 0 else { throw fail(reason(errno)) }
        renamed = true
        // The rename is durable once the directory is flushed too (best effort).
        let directoryDescriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
        return true
    }

    /// Writes `data` into the existing file at `path`, truncating a regular file first.
    private static func overwrite(_ path: String, with data: Data, truncating: Bool, _ fail: (String) -> Failure) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw fail(reason(errno)) }
        defer { close(descriptor) }
        if truncating && ftruncate(descriptor, 0) != 0 { throw fail(reason(errno)) }
        if let error = writeAll(data, to: descriptor) { throw fail(reason(error)) }
        if truncating && fsync(descriptor) != 0 { throw fail(reason(errno)) }
    }

    /// Writes all of `data`; the `errno` of a failure, else `nil`.
    private static func writeAll(_ data: Data, to descriptor: Int32) -> Int32? {
        data.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }

    /// The open descriptor that `path` names: 1 for `-`, `/dev/stdout` and `/dev/fd/1`, and so on.
    private static func openDescriptor(named path: String) -> Int32? {
        switch path {
        case "-", "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                if let number = Int32(path.dropFirst(prefix.count)), fcntl(number, F_GETFD) != -1 { return number }
            }
            return nil
        }
    }

    // MARK: Paths

    /// `path` with symbolic links of its last component followed, also to a file that does
    /// not exist yet; `path` itself after 40 links (a loop).
    static func followingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return current }
            current = destination.hasPrefix("/")
                ? destination : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
        }
        return path
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Removes temporary files of `name` left in `directory` by processes that have ended
    /// (killed before they could clean up).
    private static func removeStaleTemporaryFiles(of name: String, in directory: String) {
        let stem = temporaryPrefix + String(decoding: name.utf8.prefix(100), as: UTF8.self) + "."
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory) else { return }
        for entry in entries where entry.hasPrefix(stem) {
            let suffix = entry.dropFirst(stem.count).split(separator: ".")
            guard suffix.count == 2, let pid = pid_t(suffix[0]), pid > 0, pid != getpid(),
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            unlink((directory as NSString).appendingPathComponent(entry))
        }
    }

    private static func reason(_ error: Int32) -> String {
        String(cString: strerror(error))
    }
}

/// `write(2)`, which the `write` methods of ``OutputFile`` hide inside it.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
