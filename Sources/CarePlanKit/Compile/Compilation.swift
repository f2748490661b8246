import CarePlanBasics
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
    public static func check(_ file: SourceFile, today: CalendarDate,
                             readFile: @escaping @Sendable (String) -> [UInt8]? = ScriptHost.readFromDisk,
                             libraries: LibraryCache? = nil, keepTimelines: Bool = false) -> Compilation {
        var host = ScriptHost(today: today, services: .standard, readFile: readFile)
        host.libraries = libraries
        let interpreter = Interpreter(host: host, options: .init(mode: .check))
        var diagnostics = interpreter.execute(file)
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
