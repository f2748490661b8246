import Foundation

/// Runs independent jobs (one per file of a folder) on every core: one thread per core takes
/// the next job until none is left. `careplan check`, `caseload` and `grade` share it.
public enum Workers {
    /// Stack for each worker: parsing and evaluation recurse once per nesting level, and the
    /// default stack of a secondary thread is smaller than the main thread's.
    public static let stackSize = 64 << 20

    /// `job(0) ..< job(count - 1)` on up to `workers` threads; the results in job order.
    public static func map<T: Sendable>(_ count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                                        _ job: @escaping @Sendable (Int) -> T) -> [T] {
        let results = Results<T>(count: count)
        let threads = max(1, min(workers, count))
        let done = DispatchGroup()
        for _ in 0..<threads {
            done.enter()
            let thread = Thread {
                while let i = results.take() { results.set(i, job(i)) }
                done.leave()
            }
            thread.stackSize = stackSize
            thread.start()
        }
        done.wait()
        return results.values
    }

    /// Hands out job numbers and collects results from the threads.
    private final class Results<T>: @unchecked Sendable {
        private var storage: [T?]
        private var next = 0
        private let lock = NSLock()
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func take() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < storage.count else { return nil }
            next += 1
            return next - 1
        }
        func set(_ i: Int, _ value: T) { lock.lock(); storage[i] = value; lock.unlock() }
        var values: [T] { storage.map { $0! } }
    }
}
