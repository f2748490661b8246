import Foundation
import Testing

/// `careplan learn` through a pseudo-terminal: the first three lessons with wrong and right
/// answers, progress kept across a restart, and `--reset`.
@Suite("LearnPty", .serialized, .timeLimit(.minutes(2)))
struct LearnPtyTests {
    static let timeout: Duration = .seconds(20)

    final class Sandbox {
        let dir: URL
        init() throws { dir = try CareplanBinary.temporaryFolder("learn") }
        deinit { try? FileManager.default.removeItem(at: dir) }
        var progress: String { dir.appendingPathComponent("state/learn-progress").path }

        func spawn(_ extra: [String] = []) throws -> PtySession {
            let lessons = CareplanBinary.packageRoot.appendingPathComponent("lessons").path
            let command = (["exec", try CareplanBinary.path(), "learn", "--today", "2026-11-29", "--lessons", lessons] + extra)
                .map(Self.quoted).joined(separator: " ")
            return try PtySession(executable: "/bin/sh", arguments: ["-c", "cd \(Self.quoted(dir.path)) && \(command)"],
                                  historyPath: dir.appendingPathComponent("state/learn-history").path,
                                  environment: ["HOME": dir.path, "CAREPLAN_LEARN_PROGRESS": progress,
                                                "CAREPLAN_LEARN_HISTORY": dir.appendingPathComponent("state/learn-history").path])
        }

        static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    }

    /// Types one line, then waits for each expected text in turn.
    static func type(_ s: PtySession, _ line: String, _ expected: String...) throws {
        try s.send(line + "\r")
        for e in expected { try s.expect(e, timeout: timeout) }
    }

    @Test func theFirstThreeLessonsWithWrongAndRightAnswers() throws {
        let box = try Sandbox()
        let s = try box.spawn()
        defer { s.terminate() }
        try s.expect("Lesson 1 of 8: The parts of a plan", timeout: Self.timeout)
        try s.expect("lesson 1> ", timeout: Self.timeout)

        // Lesson 1. Wrong: a client before there is a plan.
        try Self.type(s, "client \"Maria Lopez\" { born 1954-03-12 }", "CP0108", "not accepted", "lesson 1> ")
        try Self.type(s, "plan kitchen \"Back to cooking after a stroke\" { discipline OT }",
                      "plan kitchen created", "still to do: say who the plan is for", "lesson 1[kitchen]> ")
        try Self.type(s, "client \"Maria Lopez\" { born 1954-03-12 }", "still to do: give the plan a start date", "lesson 1[kitchen]> ")
        try Self.type(s, ":hint", "hint 1 of 3", "lesson 1[kitchen]> ")
        try Self.type(s, "starts 2026-11-02", "still to do: name what is being treated", "lesson 1[kitchen]> ")
        try Self.type(s, "diagnosis \"Left MCA ischaemic stroke\"", "✓ Lesson done: The parts of a plan",
                      "Lesson 2 of 8: The client and the assessment", "lesson 2[kitchen]> ")

        // Lesson 2. Wrong: an observation without its finding is a grammar error.
        try Self.type(s, "assess { observe \"Makes a cup of tea\" }", "CP0050", "not accepted", "lesson 2[kitchen]> ")
        try Self.type(s, "assess { observe \"Makes a cup of tea\": \"needs cues\" }", "plan kitchen updated",
                      "still to do: the plan needs an environment finding", "lesson 2[kitchen]> ")
        try Self.type(s, "assess { environment home: \"cabinets unlabelled\" }", "✓ Lesson done: The client and the assessment",
                      "Lesson 3 of 8: A COAST goal", "lesson 3[kitchen]> ")

        // Lesson 3. Wrong: a vague goal is accepted with a warning, and the lesson says why it
        // is not done; :undo takes it back.
        try Self.type(s, "goal meals \"Improve independence\" { occupation iadl; assist from moderate to independent; condition \"using labelled cabinets\"; by start + 12 weeks }",
                      "goal meals added", "still to do: goal `meals` starts with the vague verb", "lesson 3[kitchen]> ")
        try Self.type(s, ":undo", "still to do: the plan needs a goal", "lesson 3[kitchen]> ")
        try Self.type(s, "goal meals \"Prepare a simple hot lunch\" { occupation iadl; assist from moderate to independent; condition \"using labelled cabinets\"; by start + 12 weeks }",
                      "✓ Lesson done: A COAST goal", "Lesson 4 of 8: A PT goal in ABCD form", "lesson 4[knee]> ")

        try s.send("\u{4}")
        try s.expect("leaving the lessons (3 of 8 done)", timeout: Self.timeout)
        #expect(try s.waitForExit(timeout: Self.timeout) == 0)
        #expect(try String(contentsOfFile: box.progress, encoding: .utf8) == "01-parts-of-a-plan\n02-client-and-assessment\n03-coast-goal\n")

        // A new run picks up at lesson 4; --reset starts again from lesson 1.
        let again = try box.spawn()
        defer { again.terminate() }
        try again.expect("Lesson 4 of 8", timeout: Self.timeout)
        try again.expect("lesson 4[knee]> ", timeout: Self.timeout)
        try Self.type(again, ":lessons", "✓ 3. A COAST goal", "→ 4. A PT goal", "lesson 4[knee]> ")
        try again.send("\u{4}")
        #expect(try again.waitForExit(timeout: Self.timeout) == 0)

        let reset = try box.spawn(["--reset"])
        defer { reset.terminate() }
        try reset.expect("lesson progress cleared", timeout: Self.timeout)
        try reset.expect("Lesson 1 of 8", timeout: Self.timeout)
        try reset.expect("lesson 1> ", timeout: Self.timeout)
        try reset.send("\u{4}")
        #expect(try reset.waitForExit(timeout: Self.timeout) == 0)
    }
}
