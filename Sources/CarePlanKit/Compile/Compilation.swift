import CarePlanBasics
import CarePlanSyntax
import CarePlanModel
import CarePlanInterpret
import CarePlanAnalysis

/// The result of checking one source: the plans it built and every diagnostic, validation
/// included. The shared entry point for `careplan check`, exports, tests and benchmarks.
public struct Compilation: Sendable {
    public var plans: [Plan]
    public var diagnostics: [Diagnostic]
    public var state: ScriptState
    /// Each plan's timeline as of the check's date, in the order of `plans`, when asked for
    /// (`keepTimelines`): computed once for the validator's time rules and reused by whoever
    /// reads the plans next (the caseload). Empty otherwise: 10,000 plans' timelines held to
    /// the end of a check of one big file took 50 MB more.
    public var timelines: [Timeline]

    /// Runs `file` in check mode (no writes, no prints) and validates every plan it declares.
    /// `libraries`: share imported libraries with the other files checked in this process.
    /// `takeInterrupt`: where a Ctrl-C is taken from (`ScriptHost.takeInterrupt`; nil: the
    /// process-wide flag).
    public static func check(_ file: SourceFile, today: CalendarDate,
                             readFile: @escaping @Sendable (String) -> [UInt8]? = ScriptHost.readFromDisk,
                             libraries: LibraryCache? = nil, keepTimelines: Bool = false,
                             takeInterrupt: (@Sendable () -> Bool)? = nil) -> Compilation {
        var host = ScriptHost(today: today, services: .standard, readFile: readFile)
        host.libraries = libraries
        if let takeInterrupt { host.takeInterrupt = takeInterrupt }
        let interpreter = Interpreter(host: host, options: .init(mode: .check))
        let diagnostics = interpreter.execute(file)
        return validated(interpreter, diagnostics, today: today, keepTimelines: keepTimelines)
    }

    /// `check` of a source already parsed (`ParsedSource`): the same plans and diagnostics,
    /// without parsing the text again. For one document read several ways (the language
    /// server); `check(_:)` parses as it runs, which keeps memory flat on large files.
    /// `CompilationTests.parsedSourceChecksAsTheFileDoes` holds the two to the same result on
    /// every example and corpus case.
    public static func check(_ parsed: ParsedSource, today: CalendarDate,
                             readFile: @escaping @Sendable (String) -> [UInt8]? = ScriptHost.readFromDisk) -> Compilation {
        let interpreter = Interpreter(host: ScriptHost(today: today, services: .standard, readFile: readFile),
                                      options: .init(mode: .check))
        // What `Interpreter.execute` does around running a file's statements: the file is a
        // source of the state, and on the import stack (an import of itself is a cycle). In
        // check mode no statement has effects, so running them together is running them one
        // by one; the syntax diagnostics come first, as there.
        let file = parsed.file
        interpreter.state.sources.append(file)
        var diagnostics = parsed.diagnostics
        if !parsed.statements.isEmpty {
            interpreter.importStack.append(Paths.normalize(file.name))
            diagnostics += interpreter.run(parsed.statements)
            interpreter.importStack.removeLast()
        }
        return validated(interpreter, diagnostics, today: today, keepTimelines: false)
    }

    /// Validates every plan the interpreter built (see `check`).
    private static func validated(_ interpreter: Interpreter, _ diagnostics: [Diagnostic], today: CalendarDate,
                                  keepTimelines: Bool) -> Compilation {
        var diagnostics = diagnostics
        var timelines: [Timeline] = []
        if keepTimelines { timelines.reserveCapacity(interpreter.state.plans.count) }
        for plan in interpreter.state.plans {
            let timeline = Timeline.of(plan, today: today)
            diagnostics += Validator.validate(plan, timeline: timeline)
            if keepTimelines { timelines.append(timeline) }
        }
        return Compilation(plans: interpreter.state.plans, diagnostics: diagnostics, state: interpreter.state,
                           timelines: timelines)
    }

    /// Convenience for tests and tools: check source text.
    public static func check(source: String, name: String = "<source>", today: CalendarDate) -> Compilation {
        check(SourceFile(name: name, text: source), today: today)
    }
}
