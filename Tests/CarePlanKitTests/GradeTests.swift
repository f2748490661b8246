import CarePlanKit
import Foundation
import Testing

/// `careplan grade` over the class fixture (Fixtures/class: 16 generated student plans, each
/// with known flaws listed on its first line) and the rubric format.
struct GradeTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!
    static let root = GoldenFile.packageRoot.path
    static let classFolder = "Tests/CarePlanKitTests/Fixtures/class"
    static let golden = GoldenFile.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Golden/grade")

    /// Paths relative to the package, so goldens do not depend on the checkout's location.
    static func readRelative(_ path: String) -> [UInt8]? {
        ScriptHost.readFromDisk(path.hasPrefix("/") ? path : root + "/" + path)
    }

    static func submissions() -> [Grader.Submission] {
        Grader.submissions(in: [root + "/" + classFolder]).found.map {
            Grader.Submission(student: $0.student, path: String($0.path.dropFirst(root.count + 1)))
        }
    }

    static func summary(rubric: Rubric = .standard, deidentify: Bool = false) -> ClassSummary {
        ClassSummary(rubric: rubric, students: Grader.grade(submissions(), rubric: rubric, today: today, deidentify: deidentify, readFile: readRelative))
    }

    static func fixtureRubric() throws -> Rubric {
        let path = classFolder + "/rubric.txt"
        let file = SourceFile(name: path, bytes: try #require(readRelative(path)))
        let (rubric, problems) = RubricParser.parse(file)
        #expect(problems.isEmpty, "\(DiagnosticRenderer.render(problems))")
        return rubric
    }

    @Test func theClassHasAtLeastTwelveStudentsInSubFolders() {
        let s = Self.submissions()
        #expect(s.count >= 12)
        #expect(s.contains { $0.student == "group-a/ahmed" } && s.contains { $0.student == "group-b/novak" })
    }

    /// Every student's findings are exactly the flaws the generator put in.
    @Test func eachStudentHasExactlyTheirKnownFlaws() throws {
        for r in Self.summary().students {
            let first = String(decoding: try #require(Self.readRelative(r.path)), as: UTF8.self).split(separator: "\n")[0]
            #expect(first.hasPrefix("# flaws:"))
            let expected = Set(first.dropFirst("# flaws:".count).split(separator: " ").map(String.init))
            #expect(Set(r.diagnostics.map(\.code.rawValue)) == expected, "\(r.student)")
        }
    }

    @Test func soundPlansScoreFullMarksAndFlawsCostPoints() {
        let byName = Dictionary(uniqueKeysWithValues: Self.summary().students.map { ($0.student, $0) })
        #expect(byName["group-a/ahmed"]?.percent == 100)
        #expect(byName["group-b/hughes"]?.percent == 100)
        // A vague goal: one of three goals loses the "function" criterion (15 points).
        #expect(byName["group-a/chen"]?.criteria.first { $0.id == "function" }?.earned == 10)
        // An error costs the "reads" criterion; the goal reference typo also leaves a goal unserved.
        #expect(byName["group-b/lopez"]?.criteria.first { $0.id == "reads" }?.earned == 0)
        // No assessment at all.
        #expect(byName["group-b/mensah"]?.criteria.first { $0.id == "assessment" }?.earned == 0)
        // A note (an approach on a PT intervention) costs nothing; the OT-only type does.
        #expect(byName["group-b/kumar"]?.criteria.first { $0.id == "discipline" }?.earned == 2.5)
        // A baseline that disagrees with the assessment's score: one of three goals does not
        // rest on the assessment; its goals are all measurable.
        #expect(byName["group-b/patel"]?.criteria.first { $0.id == "assessment" }?.earned == 6.5)
        #expect(byName["group-b/patel"]?.criteria.first { $0.id == "measurable" }?.earned == 15)
    }

    /// Every deduction is explained. A rubric element missing entirely (quinn and mensah wrote
    /// no `assess { ... }`: 0 of 10) is a finding with its fix and why, not only a line in the
    /// rubric table; and CP0613 (a baseline that differs from the assessment) costs the
    /// assessment criterion, not "Goals are measurable": patel's goals are measured (review-2dec
    /// finding 10). The class summary lists each student under the same criterion.
    @Test func missingElementsAreFindingsAndBaselinesCountAgainstTheAssessment() throws {
        let c = Self.summary()
        let byName = Dictionary(uniqueKeysWithValues: c.students.map { ($0.student, $0) })
        for name in ["group-a/quinn", "group-b/mensah"] {
            let s = try #require(byName[name])
            #expect(s.criteria.first { $0.id == "assessment" }?.earned == 0)
            let missing = s.diagnostics.filter { $0.code == .rubricElementMissing }
            #expect(missing.count == 1, "\(name)")
            let d = try #require(missing.first)
            #expect(d.severity == .warning && d.message.contains("An assessment") && d.message.contains("`assess { ... }`"))
            #expect(d.help?.contains("`observe ") == true && d.help?.contains("`environment home: ") == true)
            // Its example fits the plan's discipline: the PT plan is shown a TUG score, not tea.
            #expect(d.help?.contains("tea") == (s.discipline == .OT) && d.help?.contains("`score tug: 19`") == (s.discipline == .PT), "\(d.help ?? "")")
            #expect(d.notes.first?.contains("OTPF-4") == true && d.notes.first?.contains("§220.1.2") == true)
            let page = GradeReport.student(s, summary: c, as: .markdown)
            #expect(page.contains("**warning CP0780**") && page.contains("   - Why: goals rest on what the evaluation found"))
            #expect(page.contains("- **CP0780, a plan without an element the rubric asks for**"))
            #expect(GradeReport.student(s, summary: c, as: .html).contains("<span class=\"why\">Why: goals rest on"))
        }
        // Only the plans without an assessment get one.
        #expect(c.students.filter { $0.diagnostics.contains { $0.code == .rubricElementMissing } }.map(\.student) == ["group-a/quinn", "group-b/mensah"])
        let patel = try #require(byName["group-b/patel"])
        #expect(patel.criteria.first { $0.id == "assessment" }?.reason == "1 of 3 goals: a goal's baseline differs from the assessment")
        #expect(patel.strengths.contains("every goal can be measured") && !patel.strengths.contains("the goals rest on an assessment"))
        let criteria = Dictionary(uniqueKeysWithValues: c.criteria.map { ($0.id, $0.missedBy) })
        #expect(criteria["assessment"] == ["group-a/quinn", "group-b/mensah", "group-b/patel"])
        #expect(criteria["measurable"]?.contains("group-b/patel") == false)
        // The rubric file's own requirements are findings too (COPM, a check-in before week 6).
        let fixture = ClassSummary(rubric: try Self.fixtureRubric(), students: Grader.grade(Self.submissions(), rubric: try Self.fixtureRubric(), today: Self.today, readFile: Self.readRelative))
        for s in fixture.students {
            let lost = s.criteria.filter { $0.id.hasPrefix("require-") && !$0.isMet }.count
            #expect(s.diagnostics.filter { $0.code == .rubricElementMissing }.count == lost + (s.criteria.first { $0.id == "assessment" }?.earned == 0 ? 1 : 0), "\(s.student)")
        }
    }

    @Test func summaryCountsAndOrders() {
        let c = Self.summary()
        #expect(c.count == 16)
        #expect(c.distribution.map(\.count).reduce(0, +) == 16)
        let criteria = c.criteria
        #expect(criteria.map(\.missedBy.count) == criteria.map(\.missedBy.count).sorted(by: >))
        #expect(criteria.first { $0.id == "basics" }?.missedBy == ["group-a/brooks", "group-a/quinn", "group-b/novak"])
        #expect(c.codes.first?.code == .planWithoutDiagnosis)
    }

    @Test("grade report golden", arguments: GradeFormat.allCases)
    func goldenReport(_ format: GradeFormat) {
        GoldenFile.check(GradeReport.render(Self.summary(), as: format), against: Self.golden.appendingPathComponent("class.\(format.fileExtension)"))
    }

    @Test func goldenWithTheFixtureRubric() throws {
        let rubric = try Self.fixtureRubric()
        #expect(rubric.total == 100 - 5 + 5 + 20)   // time dropped, measurable 15 -> 20, three requirements
        #expect(rubric.passPercent == 75)
        GoldenFile.check(GradeReport.render(Self.summary(rubric: rubric), as: .markdown), against: Self.golden.appendingPathComponent("class-rubric.md"))
    }

    @Test func deidentifiedReportNamesNoStudentAndNoFile() {
        let c = Self.summary(deidentify: true)
        for format in GradeFormat.allCases {
            let text = GradeReport.render(c, as: format)
            for name in ["ahmed", "brooks", "novak", "group-a", "Fixtures"] {
                #expect(!text.contains(name), "\(format.rawValue) report mentions \(name)")
            }
        }
        #expect(c.students.map(\.student).first == "Student 01")
        GoldenFile.check(GradeReport.render(c, as: .csv), against: Self.golden.appendingPathComponent("class-deidentified.csv"))
    }

    /// A plan title naming a relative is withheld like the exports' free text; the fixture
    /// names the daughter and son-in-law in its title, referral, condition and intervention.
    @Test func deidentifiedReportWithholdsThePlanTitle() {
        let path = "Tests/CarePlanKitTests/Fixtures/deidentify/relatives.careplan"
        let submissions = [Grader.Submission(student: "edith-student", path: path)]
        let named = Grader.grade(submissions, rubric: .standard, today: Self.today, readFile: Self.readRelative)
        #expect(named.first?.planTitle == "Dressing again so Margaret can go back to work")
        let results = Grader.grade(submissions, rubric: .standard, today: Self.today, deidentify: true, readFile: Self.readRelative)
        #expect(results.first?.planTitle == Deidentify.withheld)
        let c = ClassSummary(rubric: .standard, students: results)
        for format in GradeFormat.allCases {
            let text = GradeReport.render(c, as: format)
            for name in ["Margaret", "Tom Price", "Edith", "edith-student", "relatives"] {
                #expect(!text.contains(name), "\(format.rawValue) report mentions \(name)")
            }
        }
        // The Markdown and HTML summaries say once what was withheld and why.
        #expect(c.isDeidentified && !ClassSummary(rubric: .standard, students: named).isDeidentified)
        #expect(GradeReport.render(c, as: .markdown).contains("HIPAA Safe Harbor, 45 CFR 164.514(b)(2)"))
        #expect(GradeReport.render(c, as: .html).contains("HIPAA Safe Harbor, 45 CFR 164.514(b)(2)"))
    }

    @Test func perStudentPagesAndFileNames() {
        let c = Self.summary()
        let one = c.students.first { $0.student == "group-a/chen" }!
        #expect(GradeReport.fileName(for: one.student, .html) == "group-a-chen.html")
        let page = GradeReport.student(one, summary: c, as: .html)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("Feedback for group-a/chen") && page.contains("CP0306"))
        // Self-contained: nothing loaded from elsewhere.
        #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("<link"))
        let index = GradeReport.classOnly(c, as: .html)
        #expect(index.contains("href=\"group-a-chen.html\"") && index.contains("<svg class=\"chart wide\""))
    }

    /// Markdown shows a code span's text as it is, entities included: `<` and `>` inside
    /// backticks stay themselves (`serves <goal>`), and are escaped only outside them, where
    /// they could open an HTML tag (review-2dec finding 11: `serves &lt;goal&gt;` was printed).
    @Test func markdownLeavesCodeSpansUnescaped() {
        let text = GradeReport.render(Self.summary(), as: .markdown)
        #expect(text.contains("`serves <goal>`") && text.contains("`supports <functional goal>`"))
        for line in text.split(separator: "\n") {
            let spans = line.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }
            #expect(!spans.contains { $0.element.contains("&lt;") || $0.element.contains("&gt;") }, "\(line)")
        }
        var rubric = Rubric.standard
        rubric.title = "OT <501>: `<goal>` ids | and a lone ` <tick>"
        let heading = GradeReport.render(ClassSummary(rubric: rubric, students: []), as: .markdown).split(separator: "\n")[0]
        #expect(heading == "# OT &lt;501&gt;: `<goal>` ids \\| and a lone ` &lt;tick&gt;: class summary")
        // HTML escapes everywhere, code spans included.
        #expect(GradeReport.render(Self.summary(), as: .html).contains("<code>serves &lt;goal&gt;</code>"))
    }

    /// A student's plan records no care (no visit, no progress record): it is on paper, its
    /// booked past counts, and nothing in it is late. Its CP0501 and CP0502 fixes book the
    /// review (`checkin on DATE`) whatever day it is graded on (review-2dec finding 9: graded
    /// after the 10th treatment day, mensah was told to "record it today: it is late").
    @Test func aPlanOnPaperGetsTheSameFixWhateverTheGradingDay() throws {
        let mensah = try #require(Self.submissions().first { $0.student == "group-b/mensah" })
        var fixes: [[String]] = []
        for day in [1, 29, 91] {
            let today = CalendarDate(year: 2026, month: 10, day: 1)!.adding(days: day - 1)
            let r = Grader.gradeOne(mensah, rubric: .standard, today: today, readFile: Self.readRelative)
            let timeline = r.diagnostics.filter { $0.code == .progressReportOverdue || $0.code == .dueDateNotReviewed }
            #expect(Set(timeline.map(\.code)) == [.progressReportOverdue, .dueDateNotReviewed], "\(today)")
            for d in timeline {
                let help = try #require(d.help)
                #expect(help.contains("checkin on ") && !help.contains("late") && !help.contains("record it"), "\(today): \(help)")
            }
            fixes.append(timeline.compactMap(\.help))
        }
        #expect(fixes.allSatisfy { $0 == fixes[0] }, "\(fixes)")
    }

    /// The teaching examples graded side by side: each corrected plan earns every point, and
    /// its flawed version loses points on exactly the criteria its flaws belong to.
    @Test func teachingExamplesGradeAsTheirAnnotationsSay() throws {
        let found = Grader.submissions(in: [Self.root + "/examples/teaching"]).found
        let results = Dictionary(uniqueKeysWithValues: Grader.grade(found, rubric: .standard, today: Self.today).map { ($0.student, $0) })
        #expect(results.count >= 4)
        for (name, r) in results where name.hasSuffix("-corrected") {
            #expect(r.percent == 100, "\(name): \(r.criteria.filter { !$0.isMet }.map(\.reason))")
            let flawed = try #require(results[name.replacingOccurrences(of: "-corrected", with: "-flawed")])
            #expect(flawed.score < r.score)
        }
        let ot = try #require(results["ot-stroke-flawed"])
        #expect(Set(ot.criteria.filter { !$0.isMet }.map(\.id)) == ["basics", "complete", "function", "steps"])
        let pt = try #require(results["pt-back-flawed"])
        // The approach note costs nothing; the OT-only type does.
        #expect(Set(pt.criteria.filter { !$0.isMet }.map(\.id)) == ["measurable", "function", "discipline"])
    }

    /// Rubric files with mistakes: one CP0311 per bad line, with a hint.
    static let badRubric = """
        title OT 501
        pass 170
        points measureable 20
        require "COPM" copm
        require 5 "Rails" intervention enviroment-modification
        require 5 "Early check-in" checkin after 6 weeks
        require 5 "Feedback" feedback
        grade 5
        """

    static func rubricProblems() -> [Diagnostic] {
        RubricParser.parse(SourceFile(name: "bad-rubric.txt", text: badRubric)).diagnostics
    }

    @Test func rubricMistakesAreReportedOneEachWithHints() {
        let problems = Self.rubricProblems()
        #expect(problems.count == 8)
        #expect(problems.allSatisfy { $0.code == .rubricInvalid && $0.severity == .error && $0.help != nil })
        GoldenFile.check(DiagnosticRenderer.render(problems), against: Self.golden.appendingPathComponent("bad-rubric.expected"))
    }

    /// The whole class is graded by every core; 200 plans (the class fixture repeated) grade
    /// without a failure and give the same result as one by one.
    @Test func aLargeClassGradesTheSameInParallel() {
        let base = Self.submissions()
        let many = (0..<200).map { i in Grader.Submission(student: "s\(i)", path: base[i % base.count].path) }
        let results = Grader.grade(many, rubric: .standard, today: Self.today, readFile: Self.readRelative)
        #expect(results.count == 200)
        let once = Self.summary().students.map(\.score)
        #expect(results.map(\.score) == (0..<200).map { once[$0 % base.count] })
    }
}
