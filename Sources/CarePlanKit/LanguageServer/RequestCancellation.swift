import Foundation
import CarePlanBasics

/// The requests the client has cancelled (`$/cancelRequest`), by request id. Marked by the
/// thread reading messages as soon as the notice arrives, looked at by the thread answering
/// requests: before it starts on a request and between the steps of a long one. One flag per
/// request, not one for the process, so cancelling a completion never stops a rename.
final class RequestCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled: Set<String> = []

    /// Request ids are numbers or strings; both are kept as their JSON text.
    static func key(_ id: JSONValue) -> String { id.serialized(pretty: false) }

    func cancel(_ id: JSONValue) {
        lock.lock(); defer { lock.unlock() }
        cancelled.insert(Self.key(id))
    }

    func isCancelled(_ id: JSONValue) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled.contains(Self.key(id))
    }

    /// Forgets a request once it is answered (ids may be reused by a long-running client).
    func finish(_ id: JSONValue) {
        lock.lock(); defer { lock.unlock() }
        cancelled.remove(Self.key(id))
    }
}

/// The cancellation flag of one request, handed to the code answering it.
struct CancellationCheck {
    let registry: RequestCancellation
    let id: JSONValue

    struct Cancelled: Error {}

    /// Throws `Cancelled` when the client has cancelled this request.
    func check() throws {
        if registry.isCancelled(id) { throw Cancelled() }
    }
}
