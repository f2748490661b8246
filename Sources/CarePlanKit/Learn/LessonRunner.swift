import Foundation
import CarePlanBasics
import CarePlanInterpret
import CarePlanAnalysis

/// Runs the guided lessons of `careplan learn` (and `:learn` in the REPL) over a `ReplSession`:
/// each lesson gets a fresh session with its `start` text run, the learner's statements go to
/// the session as in the REPL, and after each accepted statement the lesson's goal is checked
/// with the real validator. Done lessons are remembered in a progress file.
public final class LessonRunner {
    public let lessons: [Lesson]
    /// The lesson being worked on (`lessons.count`: all done).
    public private(set) var index: Int
    public private(set) var session: ReplSession
    let host: ScriptHost
    let workingDirectory: String
    let progressPath: String?
    /// Ids of the lessons done, in the order they were done.
    public private(set) var done: [String]
    var hintsGiven = 0

    /// Lesson commands, besides the REPL's own.
    public static let commands: [(name: String, help: String)] = [
        (":task", "the current lesson's case and task again"),
        (":hint", "a hint (the lesson's own, then what is still missing)"),
        (":solution", "one way to finish the lesson"),
        (":skip", "go on to the next lesson without finishing this one"),
        (":restart", "start the current lesson again"),
        (":lessons", "every lesson, with the ones done ticked"),
    ]

    public init(lessons: [Lesson], host: ScriptHost, workingDirectory: String = FileManager.default.currentDirectoryPath,
                progressPath: String?) {
        self.lessons = lessons
        self.host = host
        self.workingDirectory = workingDirectory
        self.progressPath = progressPath
        let known = Set(lessons.map(\.id))
        let finished = (progressPath.map(Self.readProgress) ?? []).filter { known.contains($0) }
        done = finished
        index = lessons.firstIndex { !finished.contains($0.id) } ?? lessons.count
        session = ReplSession(host: host, workingDirectory: workingDirectory)
        session.interactive = true
        startLesson()
    }

    public var current: Lesson? { index < lessons.count ? lessons[index] : nil }
    /// `lesson 3[kitchen]> `: the REPL's prompt with the lesson's number for the program name.
    public var prompt: String { current == nil ? "careplan> " : "lesson \(index + 1)" + String(session.prompt.dropFirst("careplan".count)) }

    /// The lesson's case and task, shown when it begins and by `:task`.
    public func introduction() -> String {
        guard let lesson = current else { return Self.allDone(lessons.count) }
        var out = "Lesson \(index + 1) of \(lessons.count): \(lesson.title)\n\n"
        out += lesson.caseText + "\n\nYour task:\n" + lesson.task + "\n"
        if !lesson.start.isEmpty { out += "\nAlready in the session:\n" + lesson.start.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n" }
        out += "\n(:hint for a hint, :task to see this again, :solution, :skip, :lessons; :help for the REPL)\n"
        return out
    }

    static func allDone(_ n: Int) -> String {
        (n == 1 ? "The lesson is done. `careplan learn --reset` starts it again" : "All \(n) lessons are done. `careplan learn --reset` starts them again")
            + "; `careplan` is the REPL.\n"
    }

    /// Runs one entry: a lesson command, or anything the REPL takes. `output` includes the
    /// lesson's feedback after the REPL's own.
    public func submit(_ text: String) -> ReplSession.Response {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var r = ReplSession.Response()
        switch trimmed {
        case ":task", ":lesson":
            r.output = introduction()
            return r
        case ":hint":
            r.output = hint()
            return r
        case ":solution":
            guard let lesson = current else { r.output = Self.allDone(lessons.count); return r }
            r.output = "One way to do it (type it, or your own version):\n" + lesson.solution.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
            return r
        case ":skip":
            guard current != nil else { r.output = Self.allDone(lessons.count); return r }
            index += 1
            startLesson()
            r.output = "skipped; you can come back to it with :lessons and :restart later\n\n" + introduction()
            return r
        case ":restart":
            startLesson()
            r.output = introduction()
            return r
        case ":lessons":
            r.output = lessons.enumerated().map { i, l in
                "\(done.contains(l.id) ? "✓" : i == index ? "→" : " ") \(i + 1). \(l.title)"
            }.joined(separator: "\n") + "\n"
            return r
        default:
            if trimmed.hasPrefix(":lesson ") || trimmed.hasPrefix(":restart ") {
                let arg = trimmed.split(separator: " ").last.map(String.init) ?? ""
                guard let n = Int(arg), (1...lessons.count).contains(n) else {
                    r.output = "lessons are numbered 1 to \(lessons.count); :lessons lists them\n"
                    r.accepted = false
                    return r
                }
                index = n - 1
                startLesson()
                r.output = introduction()
                return r
            }
        }
        r = session.submit(text)
        guard current != nil, r.accepted, !r.quit, !trimmed.hasPrefix(":") || trimmed.hasPrefix(":load") || trimmed.hasPrefix(":undo") else { return r }
        r.output += check()
        return r
    }

    /// The lesson's goal against the plan in focus: on success the next lesson begins.
    func check() -> String {
        guard let lesson = current else { return "" }
        let todo = missing(lesson)
        guard let first = todo.first else {
            markDone(lesson.id)
            index = lessons.firstIndex { !done.contains($0.id) } ?? lessons.count
            startLesson()
            return "\n✓ Lesson done: \(lesson.title)\n\n" + introduction()
        }
        return "lesson: still to do: \(first)\(todo.count > 1 ? " (and \(todo.count - 1) more; :hint)" : "")\n"
    }

    /// What the plan in focus still lacks, in the order of the lesson's conditions.
    func missing(_ lesson: Lesson) -> [String] {
        guard let focus = session.state.focus, let plan = session.state.plan(focus) else {
            return ["start a plan: `plan id \"Title\" { discipline OT }`"]
        }
        let diagnostics = Validator.validate(plan, today: host.today)
        return lesson.conditions.map { $0.evaluate(plan, diagnostics) }.filter { !$0.met }.map(\.todo)
    }

    func hint() -> String {
        guard let lesson = current else { return Self.allDone(lessons.count) }
        if hintsGiven < lesson.hints.count {
            hintsGiven += 1
            return "hint \(hintsGiven) of \(lesson.hints.count): \(lesson.hints[hintsGiven - 1])\n"
        }
        let todo = missing(lesson)
        return todo.isEmpty ? "the plan already does what the lesson asks; type any statement to go on\n"
            : "still to do:\n" + todo.map { "  - \($0)\n" }.joined() + "(:solution shows one way)\n"
    }

    func startLesson() {
        hintsGiven = 0
        session = ReplSession(host: host, workingDirectory: workingDirectory)
        session.interactive = true
        if let lesson = current, !lesson.start.isEmpty { _ = session.submit(lesson.start) }
    }

    func markDone(_ id: String) {
        if !done.contains(id) { done.append(id) }
        guard let progressPath else { return }
        try? FileManager.default.createDirectory(atPath: (progressPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? ScriptHost.writeAtomically(progressPath, done.map { $0 + "\n" }.joined())
    }

    static func readProgress(_ path: String) -> [String] {
        guard let bytes = ScriptHost.readFromDisk(path) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Forgets every lesson done (`careplan learn --reset`).
    public static func reset(progressPath: String) throws {
        if FileManager.default.fileExists(atPath: progressPath) { try FileManager.default.removeItem(atPath: progressPath) }
    }

    /// Every `*.lesson` file in `folder`, in name order (`01-parts.lesson`, `02-...`), with the
    /// problems of any that cannot be read.
    public static func load(folder: String) -> (lessons: [Lesson], diagnostics: [Diagnostic]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".lesson") }.sorted()
        var lessons: [Lesson] = [], diagnostics: [Diagnostic] = []
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let bytes = ScriptHost.readFromDisk(path) else { continue }
            let (lesson, problems) = Lesson.parse(SourceFile(name: path, bytes: bytes), id: String(name.dropLast(".lesson".count)))
            if let lesson { lessons.append(lesson) }
            diagnostics += problems
        }
        return (lessons, diagnostics)
    }
}
