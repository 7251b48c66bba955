import Foundation

/// Work spread over every core.
public enum Parallel {
    /// `transform` of each element of `range` on every core, results in order. Called from
    /// within another `map`, it runs on the calling thread when the other threads are busy.
    public static func map<T: Sendable>(_ range: Range<Int>, _ transform: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count: range.count)
        DispatchQueue.concurrentPerform(iterations: range.count) { k in slots.set(k, transform(range.lowerBound + k)) }
        return slots.all
    }

    private final class Slots<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [T?]

        init(count: Int) { values = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: T) {
            lock.lock()
            values[index] = value
            lock.unlock()
        }

        var all: [T] {
            lock.lock()
            defer { lock.unlock() }
            return values.map { $0! }
        }
    }
}
