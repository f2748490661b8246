/// The result of checking one source: the plans it built and every diagnostic, validation
/// included. The shared entry point for `careplan check`, exports, tests and benchmarks.
public struct Compilation: Sendable {
    public var plans: [Plan]
    public var diagnostics: [Diagnostic]
    public var state: ScriptState

    /// Runs `file` in check mode (no writes, no prints) and validates every plan it declares.
    /// `parseCache`: share parsed imports with the other files checked in this process.
    public static func check(_ file: SourceFile, today: CalendarDate,
                             readFile: @escaping @Sendable (String) -> [UInt8]? = Host.readFromDisk,
                             parseCache: ParseCache? = nil) -> Compilation {
        var host = Host(today: today, services: .standard, readFile: readFile)
        host.parseCache = parseCache
        let interpreter = Interpreter(host: host, options: .init(mode: .check))
        var diagnostics = interpreter.execute(file)
        for plan in interpreter.state.plans {
            diagnostics += Validator.validate(plan, today: today)
        }
        return Compilation(plans: interpreter.state.plans, diagnostics: diagnostics, state: interpreter.state)
    }

    /// Convenience for tests and tools: check source text.
    public static func check(source: String, name: String = "<source>", today: CalendarDate) -> Compilation {
        check(SourceFile(name: name, text: source), today: today)
    }
}
