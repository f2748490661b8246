import ArgumentParser
import CarePlanKit
import Foundation
import LineEditor

/// `careplan learn`: guided lessons in the REPL. The lessons are data files
/// (`lessons/*.lesson`); the work is `LessonRunner` in CarePlanKit, this is the terminal loop.
struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Guided lessons: build a plan step by step, checked by the real validator.",
        discussion: """
            Lessons are read from --lessons DIR, else $CAREPLAN_LESSONS, else ./lessons, else the
            lessons installed beside careplan. Lessons done are remembered in
            $CAREPLAN_LEARN_PROGRESS, else $XDG_STATE_HOME/careplan/learn-progress, else
            ~/.careplan_learn_progress; --reset forgets them. In the REPL, :learn does the same.
            """)

    @Flag(name: .long, help: "Forget which lessons are done and start again from the first.")
    var reset = false

    @Option(name: .long, help: "The folder of .lesson files.")
    var lessons: String?

    @Option(name: .long, help: "The date to treat as today (YYYY-MM-DD).")
    var today: String?

    func run() throws {
        let todayDate = try CommonOptions.resolveToday(today)
        let progress = LearnLoop.progressPath()
        if reset {
            do { try LessonRunner.reset(progressPath: progress) } catch {
                printError("careplan: could not remove \(progress): \(error.localizedDescription)\n")
                throw ExitCode(Exit.cantCreate)
            }
            printOut("lesson progress cleared; the lessons start again from the first\n")
        }
        guard let runner = LearnLoop.runner(folder: lessons, host: ScriptHost(today: todayDate, services: .standard, print: { printOut($0 + "\n") })) else {
            throw ExitCode(Exit.noInput)
        }
        let editor = LineEditor(programName: "careplan", historyPath: ReplCommand.stateFile("learn-history", env: "CAREPLAN_LEARN_HISTORY", fallback: ".careplan_learn_history"))
        LearnLoop.run(runner, editor: editor)
    }
}

/// The lessons' terminal loop, shared by `careplan learn` and the REPL's `:learn`.
enum LearnLoop {
    static func progressPath() -> String {
        ReplCommand.stateFile("learn-progress", env: "CAREPLAN_LEARN_PROGRESS", fallback: ".careplan_learn_progress")
    }

    /// The lessons folder: the option, $CAREPLAN_LESSONS, ./lessons, then beside the binary
    /// (`PREFIX/share/careplan/lessons`, or a build tree's `lessons/`).
    static func folder(_ option: String?) -> String? {
        let fm = FileManager.default
        if let option { return option }
        if let env = ProcessInfo.processInfo.environment["CAREPLAN_LESSONS"], !env.isEmpty { return env }
        if fm.fileExists(atPath: fm.currentDirectoryPath + "/lessons") { return fm.currentDirectoryPath + "/lessons" }
        let exe = (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let bin = Paths.directory(of: Paths.join(fm.currentDirectoryPath, exe))
        for up in ["../share/careplan/lessons", "../../lessons", "../../../lessons"] {
            let candidate = Paths.normalize(Paths.join(bin, up))
            if fm.fileExists(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Loads the lessons, reporting any file with mistakes; nil when there are none to run.
    static func runner(folder option: String?, host: CarePlanKit.ScriptHost, inRepl: Bool = false) -> LessonRunner? {
        guard let folder = folder(option) else {
            // Say how to name the folder where the learner is: an option of `careplan learn`,
            // an argument of `:learn`.
            let how = inRepl ? ":learn DIR" : "pass --lessons DIR"
            printError("careplan: no lessons found; \(how) (the lessons/ folder of careplan), or set CAREPLAN_LESSONS\n")
            return nil
        }
        let (lessons, problems) = LessonRunner.load(folder: folder)
        if !problems.isEmpty { printError(DiagnosticRenderer.render(problems, color: Terminal.wantsColor(fd: 2)) + "\n") }
        guard !lessons.isEmpty else {
            printError("careplan: no lessons could be read from \(folder)\n")
            return nil
        }
        return LessonRunner(lessons: lessons, host: host, progressPath: progressPath())
    }

    static func run(_ runner: LessonRunner, editor: LineEditor) {
        let color = editor.isInteractive && Terminal.wantsColor(fd: 1)
        runner.session.color = false
        printOut(runner.introduction())
        editor.completer = { line, cursor in
            let c = runner.session.completions(line: line, cursor: cursor)
            return Completion(replaceLength: c.replaceLength, candidates: c.candidates)
        }
        loop: while true {
            switch editor.readStatement(prompt: runner.prompt, continuationPrompt: runner.session.continuationPrompt,
                                        isComplete: ReplSession.isComplete) {
            case .endOfFile:
                if editor.isInteractive { printOut("\n") }
                break loop
            case .cancelled:
                continue
            case .input(let text):
                Interrupt.clear()
                let r = runner.submit(text)
                if r.learn { printOut("you are in the lessons already; :lessons lists them\n"); continue }
                let diagnostics = r.diagnostics.isEmpty ? "" : DiagnosticRenderer.render(r.diagnostics, color: color, summary: false)
                if r.accepted {
                    if !r.output.isEmpty { printOut(r.output) }
                    if !diagnostics.isEmpty { printError(diagnostics) }
                } else {
                    if !diagnostics.isEmpty { printError(diagnostics) }
                    if !r.output.isEmpty { printOut(r.output) }
                }
                if r.quit { break loop }
            }
        }
        printOut("leaving the lessons (\(runner.done.count) of \(runner.lessons.count) done); `careplan learn` picks up where you left off\n")
    }
}
