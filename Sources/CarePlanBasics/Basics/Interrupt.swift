import Synchronization

/// Ctrl-C during a long evaluation: the CLI's SIGINT handler sets the flag, the interpreter
/// checks it between statements and stops with a diagnostic, and the REPL carries on.
public enum Interrupt {
    package static let flag = Atomic<Bool>(false)

    /// Called from a signal handler: only an atomic store, which is async-signal-safe.
    public static func request() { flag.store(true, ordering: .relaxed) }
    public static func clear() { flag.store(false, ordering: .relaxed) }
    /// Whether a request is waiting, without taking it: the lexer and parser stop reading at
    /// once (a large file is not lexed to its end first) and leave the report to the
    /// interpreter, which takes the request.
    package static var isPending: Bool { flag.load(ordering: .relaxed) }
    /// True once after a request (the flag is cleared by reading it).
    package static func takeRequest() -> Bool { flag.exchange(false, ordering: .relaxed) }
}
