import Foundation
import CarePlanBasics
import CarePlanModel
import CarePlanInterpret

/// Grades student plans against a rubric: one file per student, checked with the same
/// validator as `careplan check`, on all cores.
public enum Grader {
    /// One student's plan file: the name shown in feedback and the file itself.
    public struct Submission: Sendable {
        public var student: String
        public var path: String
        public init(student: String, path: String) { self.student = student; self.path = path }
    }

    /// How one criterion went for one student.
    public struct CriterionResult: Sendable {
        public var id: String
        public var title: String
        public var points: Double
        public var earned: Double
        /// Why points were lost, or what was done well, in a sentence.
        public var reason: String
        public var isMet: Bool { earned >= points }
    }

    /// One student's grade and feedback.
    public struct StudentResult: Sendable {
        public var student: String
        public var path: String
        /// The plan graded (the first the file declares), if the file builds one.
        public var planID: String?
        public var planTitle: String?
        public var discipline: Discipline?
        public var criteria: [CriterionResult]
        /// Every diagnostic of the file, sorted for display.
        public var diagnostics: [Diagnostic]
        public var score: Double { criteria.reduce(0) { $0 + $1.earned } }
        public var total: Double { criteria.reduce(0) { $0 + $1.points } }
        public var percent: Double { total > 0 ? (score / total * 1000).rounded() / 10 : 0 }
        /// What the student did well: the praise of each criterion met in full.
        public var strengths: [String]
        public var passed: Bool
    }

    /// The students under `folders` (and files given directly): each `.careplan` file is one
    /// student, named by its path below the folder without the extension
    /// (`group-a/jones`). Sorted by name.
    public static func submissions(in paths: [String]) -> (found: [Submission], missing: [String]) {
        let (files, missing) = PlanFiles.find(paths)
        let found = files.map { Submission(student: String($0.relative.dropLast(".careplan".count)), path: $0.path) }
        return (found.sorted { ($0.student, $0.path) < ($1.student, $1.path) }, missing)
    }

    /// Grades every submission in parallel; results in the submissions' order. With
    /// `deidentify`, students are "Student 1", "Student 2"... in that order, paths are
    /// dropped and plan titles withheld (`Deidentify.withheld`), so a page can be shown to the
    /// class.
    public static func grade(_ submissions: [Submission], rubric: Rubric, today: CalendarDate, deidentify: Bool = false,
                             readFile: @escaping @Sendable (String) -> [UInt8]? = ScriptHost.readFromDisk) -> [StudentResult] {
        // The submissions import the same libraries: each is read, parsed and run once.
        let cache = LibraryCache()
        let width = String(submissions.count).count
        return Workers.map(submissions.count) { i in
            var s = submissions[i]
            var r = gradeOne(s, rubric: rubric, today: today, readFile: readFile, libraries: cache)
            if deidentify {
                let n = String(i + 1)
                s.student = "Student " + String(repeating: "0", count: width - n.count) + n
                r.student = s.student
                r.path = ""
                // The title is free text and can name a relative ("so Margaret can go back to
                // work"): withheld as the exports withhold free text (45 CFR 164.514(b)(2)).
                r.planTitle = Deidentify.hidden(r.planTitle)
            }
            return r
        }
    }

    /// Grades one file.
    public static func gradeOne(_ submission: Submission, rubric: Rubric, today: CalendarDate,
                                readFile: @escaping @Sendable (String) -> [UInt8]? = ScriptHost.readFromDisk,
                                libraries: LibraryCache? = nil) -> StudentResult {
        guard let bytes = readFile(submission.path) else {
            let d = Diagnostic(.importNotFound, "cannot read \(submission.path)", at: nil, help: "check the path and permissions")
            return score(submission, plan: nil, diagnostics: [d], rubric: rubric)
        }
        let file = SourceFile(name: submission.path, bytes: bytes)
        let compiled = Compilation.check(file, today: today, readFile: readFile, libraries: libraries)
        return score(submission, plan: compiled.plans.first, diagnostics: compiled.diagnostics.sortedForDisplay(), rubric: rubric)
    }

    static func score(_ submission: Submission, plan: Plan?, diagnostics: [Diagnostic], rubric: Rubric) -> StudentResult {
        var criteria: [CriterionResult] = []
        // Each element the plan lacks is a finding too, with its fix and why it matters, like
        // every other deduction (review-2dec finding 10: a missing assessment cost 10 points
        // and was explained nowhere).
        var missing: [Diagnostic] = []
        for c in rubric.criteria {
            var r = CriterionResult(id: c.id, title: c.title, points: c.points, earned: c.points, reason: c.praise)
            if let (earned, reason) = deduction(c.check, points: c.points, plan: plan, diagnostics: diagnostics) {
                r.earned = earned
                r.reason = reason
            }
            if let plan, !r.isMet { missing += RubricFinding.missing(c, in: plan) }
            criteria.append(r)
        }
        let total = criteria.reduce(0) { $0 + $1.points }, earned = criteria.reduce(0) { $0 + $1.earned }
        return StudentResult(student: submission.student, path: submission.path, planID: plan?.id.value, planTitle: plan?.title.value,
                             discipline: plan?.discipline?.value, criteria: criteria, diagnostics: diagnostics + missing,
                             strengths: criteria.filter(\.isMet).map(\.reason),
                             passed: total > 0 && earned / total * 100 >= rubric.passPercent)
    }

    /// What `check` leaves of `points`, and why, or nil when it takes nothing.
    static func deduction(_ check: Rubric.Check, points: Double, plan: Plan?, diagnostics: [Diagnostic]) -> (earned: Double, reason: String)? {
        // Every diagnostic of the file counts: progress records and fixes written after the
        // plan block belong to the student's plan too.
        func goalIndex(_ d: Diagnostic) -> Int? {
            guard let plan, let s = d.primarySpan else { return nil }
            return plan.goals.firstIndex { $0.span.fileID == s.fileID && $0.span.start <= s.start && s.end <= $0.span.end }
        }
        switch check {
        case .noErrors:
            let n = diagnostics.errorCount
            return n > 0 ? (0, "\(n) error\(n == 1 ? "" : "s") to fix first (see below)") : nil
        case .diagnostics(let codes, let perGoal):
            let found = diagnostics.filter { codes.contains($0.code) && $0.severity != .note }
            guard let plan else { return (0, "no plan to assess") }
            if perGoal {
                let goals = plan.goals.count
                guard goals > 0 else { return (0, "the plan has no goals yet") }
                guard !found.isEmpty else { return nil }
                let flagged = Set(found.compactMap(goalIndex))
                let planLevel = found.filter { goalIndex($0) == nil }.count
                let fine = planLevel > 0 ? 0 : goals - flagged.count
                return (half(points * Double(fine) / Double(goals)), planLevel > 0 ? found.map(\.message).first! :
                    "\(flagged.count) of \(goals) goal\(goals == 1 ? "" : "s"): " + Set(found.map(\.code.title)).sorted().joined(separator: "; "))
            }
            guard !found.isEmpty else { return nil }
            return (max(0, points - points / 2 * Double(found.count)),
                    found.count == 1 ? found[0].message : "\(found.count) findings: " + found.prefix(3).map(\.message).joined(separator: "; ") + (found.count > 3 ? "; ..." : ""))
        case .requires(let req):
            guard let plan else { return (0, "no plan to assess") }
            let (met, missing) = req.evaluate(plan)
            return met ? nil : (0, "missing: " + missing)
        case .all(let checks):
            // The one that leaves least; the first of those on a tie.
            return checks.compactMap { deduction($0, points: points, plan: plan, diagnostics: diagnostics) }
                .min { $0.earned < $1.earned }
        }
    }

    /// Rounds down to a half point, so scores read as 7.5, not 7.3333.
    static func half(_ x: Double) -> Double { (x * 2 + 1e-9).rounded(.down) / 2 }
}
