import CarePlanKit
import Foundation
import Testing

/// The shipped lessons (lessons/*.lesson): each reads without mistakes, is not done by its
/// start alone, and is done by its solution, checked by the real validator.
struct LessonTests {
    static let folder = GoldenFile.packageRoot.appendingPathComponent("lessons").path
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    static func runner(progress: String? = nil) -> LessonRunner {
        LessonRunner(lessons: LessonRunner.load(folder: folder).lessons, host: ScriptHost(today: today, services: .standard), progressPath: progress)
    }

    @Test func atLeastEightLessonsReadCleanly() {
        let (lessons, problems) = LessonRunner.load(folder: Self.folder)
        #expect(problems.isEmpty, "\(DiagnosticRenderer.render(problems))")
        #expect(lessons.count >= 8)
        #expect(lessons.first?.id == "01-parts-of-a-plan")
    }

    @Test("the lesson's solution passes its check, its start alone does not",
          arguments: LessonRunner.load(folder: folder).lessons.indices)
    func solutionPassesTheCheck(_ i: Int) {
        let r = Self.runner()
        _ = r.submit(":lesson \(i + 1)")
        #expect(r.index == i)
        let lesson = r.lessons[i]
        // Nothing typed yet: the lesson is not done.
        #expect(!r.submit(":hint").output.contains("already does what the lesson asks"), "\(lesson.id) is done before anything is typed")
        let response = r.submit(lesson.solution)
        #expect(response.accepted && !response.diagnostics.hasErrors, "\(lesson.id): \(DiagnosticRenderer.render(response.diagnostics))")
        #expect(response.output.contains("✓ Lesson done: \(lesson.title)"), "\(lesson.id): \(response.output)")
        #expect(r.done.contains(lesson.id))
    }

    @Test func progressIsSavedAndResetStartsAgain() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-lessons-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let progress = dir.appendingPathComponent("state/learn-progress").path
        let first = Self.runner(progress: progress)
        _ = first.submit(first.lessons[0].solution)
        _ = first.submit(first.lessons[1].solution)
        #expect(try String(contentsOfFile: progress, encoding: .utf8) == "01-parts-of-a-plan\n02-client-and-assessment\n")
        // A new run picks up at the first lesson not done.
        let second = Self.runner(progress: progress)
        #expect(second.index == 2)
        #expect(second.introduction().hasPrefix("Lesson 3 of \(second.lessons.count): "))
        try LessonRunner.reset(progressPath: progress)
        #expect(Self.runner(progress: progress).index == 0)
    }

    @Test func wrongAnswersGetHintsFromTheValidator() {
        let r = Self.runner()
        _ = r.submit(":lesson 3")
        let vague = r.submit("goal meals \"Improve independence\" { occupation iadl; assist from moderate to independent; condition \"at home\"; by start + 12 weeks }")
        #expect(vague.accepted)
        #expect(vague.output.contains("lesson: still to do: goal `meals` starts with the vague verb \"improve\""))
        #expect(r.index == 2)
        let undone = r.submit(":undo")
        #expect(undone.output.contains("still to do: the plan needs a goal (it has 0)"))
        // Lesson commands.
        #expect(r.submit(":hint").output.hasPrefix("hint 1 of "))
        #expect(r.submit(":solution").output.contains("goal meals \"Prepare a simple hot lunch\""))
        #expect(r.submit(":lessons").output.contains("→ 3. A COAST goal"))
        #expect(!r.submit(":lesson 99").accepted)
        _ = r.submit(":skip")
        #expect(r.index == 3 && !r.done.contains("03-coast-goal"))
    }

    /// Lesson files with mistakes: one CP0312 each, with the line and a hint.
    static let badLesson = """
        title: Broken
        goal: goal 1; no CP9999; checkin before six weeks
        oops
        ---- cases
        text
        """

    static func lessonProblems() -> [Diagnostic] {
        Lesson.parse(SourceFile(name: "bad.lesson", text: badLesson), id: "bad").diagnostics
    }

    @Test func lessonMistakesAreReportedWithHints() {
        let problems = Self.lessonProblems()
        #expect(problems.allSatisfy { $0.code == .lessonInvalid && $0.help != nil })
        GoldenFile.check(DiagnosticRenderer.render(problems), against: GoldenFile.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Golden/lessons/bad-lesson.expected"))
    }
}
