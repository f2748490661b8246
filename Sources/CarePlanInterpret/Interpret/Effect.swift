import CarePlanBasics

/// Something a statement does outside the session: a printed line or a written file.
///
/// Statements are transactions: the interpreter holds a statement's effects as pending and
/// performs them only once the statement is accepted (a script: the top-level statement ran
/// without errors; the REPL: the whole entry was accepted, validation included). A rejected
/// statement leaves the terminal and the file system as they were, so `print "x"; goal ...`
/// with a mistake in the goal prints nothing, and an `export` beside a mistake writes nothing.
public enum Effect: Sendable, Equatable {
    /// A line for standard output (`print`, `check`'s "ok", `export`'s "wrote ...").
    case print(String)
    /// A file to write atomically; `span` is the statement that asked for it, for the
    /// diagnostic when the write fails.
    case write(path: String, contents: String, span: Span)
}
