import Foundation
import MineralGraphCore

/// The second stage of reading a large graph file: decodes the nodes and flows the composer
/// hands over (``Decoding/composeGraph(_:)``) on a thread of its own while libyaml and the
/// composer go on with the text, so that reading takes about the longer of the two stages
/// instead of their sum.
///
/// Items travel in batches, in file order, through a queue of at most ``maximumQueued``
/// batches (the composer waits when it is full, so the YAML values waiting are bounded); the
/// decoding thread takes them in that order and is the only one to touch the ``Decoding``
/// until ``finish()`` hands it back. Diagnostics, source positions and elements are therefore
/// recorded in exactly the order a single thread records them.
final class DecodingPipeline: @unchecked Sendable {
    /// When a reader uses the pipeline.
    struct Use: Sendable {
        /// Text shorter than this is decoded on the composing thread.
        var minimumBytes: Int
        /// Items per batch.
        var batchSize = 256

        /// From 1 MiB (about 6,000 flows) up, on a machine with more than one core, when the
        /// environment variable `MINERAL_GRAPH_READER_THREADS` is `2`; otherwise one thread.
        ///
        /// Not the default: on the shared 2-core machine the project is measured on (load 4–6),
        /// the second thread cost more than it saved: `summary` of 100,000 flows took 0.81–1.33 s
        /// (0.52–0.63 CPU-s) with it and 0.72–0.85 s (0.38–0.45 CPU-s) without; with libyaml
        /// composing it was no faster either. Handing the decoded batches back to be freed on
        /// the thread that allocated them did not change that.
        static let automatic = automatic(ProcessInfo.processInfo.environment, cores: ProcessInfo.processInfo.activeProcessorCount)

        static func automatic(_ environment: [String: String], cores: Int) -> Use? {
            cores > 1 && environment["MINERAL_GRAPH_READER_THREADS"] == "2" ? Use(minimumBytes: 1 << 20) : nil
        }
    }

    /// One item of a streamed list: `nodes` (`isNode`) or `flows`, its index and its value.
    struct Item {
        var isNode: Bool
        var index: Int
        var value: YAMLNode
    }

    /// Items per batch handed over.
    let batchSize: Int
    /// Batches waiting, at most.
    let maximumQueued: Int

    private let condition = NSCondition()
    private var queue: [[Item]] = []
    private var queueStart = 0
    private var closed = false
    private var cancelled = false
    private var done = false
    /// Touched only by the decoding thread between `init` and the end of `finish()`/`cancel()`.
    private var decoding: Decoding
    private var batch: [Item] = []

    init(_ decoding: Decoding, batchSize: Int = 256, maximumQueued: Int = 16) {
        self.decoding = decoding
        self.batchSize = max(1, batchSize)
        self.maximumQueued = max(1, maximumQueued)
        batch.reserveCapacity(self.batchSize)
        DispatchQueue.global().async { [self] in run() }
    }

    /// Hands one item over (called by the composing thread, in file order).
    func add(isNode: Bool, index: Int, _ value: YAMLNode) {
        batch.append(Item(isNode: isNode, index: index, value: value))
        if batch.count >= batchSize { send() }
    }

    /// Decodes what is left and returns the decoding with everything recorded.
    func finish() -> Decoding {
        if !batch.isEmpty { send() }
        condition.lock()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
        return decoding
    }

    /// Drops what is not decoded yet (the composer failed) and waits for the thread to end.
    func cancel() {
        batch = []
        condition.lock()
        cancelled = true
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
    }

    private func send() {
        let full = batch
        batch = []
        batch.reserveCapacity(batchSize)
        condition.lock()
        while queue.count - queueStart >= maximumQueued && !cancelled { condition.wait() }
        queue.append(full)
        condition.broadcast()
        condition.unlock()
    }

    /// The decoding thread: batches in order until the queue is closed and empty.
    private func run() {
        while let items = next() {
            for item in items {
                if item.isNode {
                    decoding.decodeStreamedNode(item.value, index: item.index)
                } else {
                    decoding.decodeStreamedFlow(item.value, index: item.index)
                }
            }
        }
        condition.lock()
        done = true
        condition.broadcast()
        condition.unlock()
    }

    private func next() -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.count == queueStart && !closed { condition.wait() }
        guard !cancelled, queueStart < queue.count else { return nil }
        let items = queue[queueStart]
        queue[queueStart] = []
        queueStart += 1
        if queueStart == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueStart = 0
        }
        condition.broadcast()
        return items
    }
}
