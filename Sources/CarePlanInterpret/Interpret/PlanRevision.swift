import Foundation

/// One version of one plan in a `ScriptState`. Every change to a plan (`ScriptState.withPlan`)
/// draws a new revision from one process-wide counter, so two equal revisions are the same
/// version of the same plan even across copies of the state (the REPL's candidate state for a
/// statement, the snapshots `:undo` restores). The REPL keys its cached validation findings by
/// revision (`FindingsCache`).
public struct PlanRevision: Hashable, Sendable, CustomStringConvertible {
    package let value: UInt64

    /// A revision no plan has had before.
    package static func next() -> PlanRevision {
        counter.lock.lock(); defer { counter.lock.unlock() }
        counter.last &+= 1
        return PlanRevision(value: counter.last)
    }

    public var description: String { "r\(value)" }

    private final class Counter: @unchecked Sendable {
        package let lock = NSLock()
        package var last: UInt64 = 0
    }
    private static let counter = Counter()
}
