import CarePlanBasics

/// One guided lesson of `careplan learn`, read from a data file an educator can write:
///
///     # comments
///     title: A COAST goal with the client
///     goal: goals 1; occupation iadl; no CP0300 CP0305 CP0306 CP0301
///     ---- case
///     Maria Lopez, 72, ... (the small case the learner works on)
///     ---- task
///     Write a goal ... (what to type)
///     ---- hints
///     one hint a line, shown in turn by :hint
///     ---- start
///     careplan text run before the learner types (optional)
///     ---- solution
///     careplan text that completes the lesson after `start`
///
/// The lesson is done when every `goal:` condition holds for the plan in focus
/// (`LessonCondition`); `id` is the file name without `.lesson`.
public struct Lesson: Sendable {
    public var id: String
    public var title: String
    public var conditions: [LessonCondition]
    public var caseText: String
    public var task: String
    public var hints: [String]
    public var start: String
    public var solution: String

    /// Reads a lesson file; every mistake is one CP0312 diagnostic and the lesson is nil.
    public static func parse(_ file: SourceFile, id: String) -> (lesson: Lesson?, diagnostics: [Diagnostic]) {
        let text = String(decoding: file.bytes, as: UTF8.self)
        var title: String?, conditions: [LessonCondition] = [], sections: [String: [String]] = [:]
        var diagnostics: [Diagnostic] = []
        var current: String? = nil
        var misspelt = Set<String>()
        var offset = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            defer { offset += raw.utf8.count + 1 }
            let lineSpan = Span(file: file, start: offset, end: offset + raw.utf8.count)
            if line.hasPrefix("---- ") {
                let name = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
                guard Self.sections.contains(name) else {
                    let meant = Suggestion.closest(to: name, in: Self.sections)
                    diagnostics.append(Diagnostic(.lessonInvalid, "`\(name)` is not a lesson section", at: lineSpan, label: "unknown section",
                                                  help: meant.map { "did you mean `\($0)`?" } ?? "sections: \(Self.sections.joined(separator: ", "))"))
                    // Its text is skipped, and the section it most likely meant is not also
                    // reported missing (one mistake, one diagnostic).
                    current = "?"
                    if let meant { misspelt.insert(meant) }
                    continue
                }
                current = name
                sections[name] = []
                continue
            }
            if let current { if current != "?" { sections[current, default: []].append(line) }; continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("title:") { title = trimmed.dropFirst(6).trimmingCharacters(in: .whitespaces); continue }
            if trimmed.hasPrefix("goal:") {
                let start = offset + (line.utf8.count - line.drop(while: { $0 == " " }).utf8.count) + 5
                let (parsed, problems) = LessonCondition.parse(String(trimmed.dropFirst(5)), file: file, offset: start)
                conditions += parsed
                diagnostics += problems
                continue
            }
            diagnostics.append(Diagnostic(.lessonInvalid, "a lesson's header has `title:` and `goal:` lines, then `---- SECTION` lines",
                                          at: lineSpan, label: "not a header line", help: "write `title: ...` or `goal: ...`, or start a section with `---- case`"))
        }
        // Whatever is missing is one diagnostic at the top of the file, not one each there.
        var missing: [(what: String, how: String)] = []
        if title == nil { missing.append(("a `title:` line", "`title: A COAST goal with the client`")) }
        if conditions.isEmpty && !text.contains("\ngoal:") && !text.hasPrefix("goal:") {
            missing.append(("a `goal:` line (without one the lesson could never be done)", "`goal: goals 1; no CP0300`"))
        }
        for required in ["case", "task", "solution"] where sections[required] == nil && !misspelt.contains(required) {
            missing.append(("the `---- \(required)` section", "`---- \(required)` followed by its text"))
        }
        if !missing.isEmpty {
            diagnostics.append(Diagnostic(.lessonInvalid, "the lesson is missing " + missing.map(\.what).joined(separator: ", "),
                                          at: Span(file: file, start: 0, end: min(file.bytes.count, 1)),
                                          help: "add " + missing.map(\.how).joined(separator: "; ")))
        }
        guard diagnostics.isEmpty, let title else { return (nil, diagnostics) }
        func body(_ name: String) -> String {
            var lines = sections[name] ?? []
            while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
            while lines.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeFirst() }
            return lines.joined(separator: "\n")
        }
        let hints = (sections["hints"] ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return (Lesson(id: id, title: title, conditions: conditions, caseText: body("case"), task: body("task"),
                       hints: hints, start: body("start"), solution: body("solution")), [])
    }

    static let sections = ["case", "task", "hints", "start", "solution"]
}
