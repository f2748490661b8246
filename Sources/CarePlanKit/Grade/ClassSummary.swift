import CarePlanBasics

/// What a class's results say at a glance: the score distribution, the criteria most often
/// missed, who needs help with what, and which findings were most common.
public struct ClassSummary: Sendable {
    public var rubric: Rubric
    public var students: [Grader.StudentResult]

    public var count: Int { students.count }
    public var passed: Int { students.filter(\.passed).count }
    public var percents: [Double] { students.map(\.percent) }
    public var mean: Double { count == 0 ? 0 : (percents.reduce(0, +) / Double(count) * 10).rounded() / 10 }
    public var median: Double {
        let s = percents.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : ((s[s.count / 2 - 1] + s[s.count / 2]) / 2 * 10).rounded() / 10
    }
    public var lowest: Double { percents.min() ?? 0 }
    public var highest: Double { percents.max() ?? 0 }

    /// Graded with `deidentify` (`Grader.grade` drops every path then): the reports say so.
    public var isDeidentified: Bool { !students.isEmpty && students.allSatisfy { $0.path.isEmpty } }

    /// What a de-identified report says once, under its heading.
    public static let deidentifiedNotice = "De-identified report: students are numbered, file paths are dropped and plan titles are withheld as \"\(Deidentify.withheld)\", because a title can name a relative or an employer (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)). Findings can quote a student's plan: review them before sharing."

    public init(rubric: Rubric, students: [Grader.StudentResult]) {
        self.rubric = rubric
        self.students = students
    }

    /// Students per band of ten percent: 0-9, 10-19, ... 90-100 (100 falls in the last).
    public var distribution: [(label: String, count: Int)] {
        var counts = Array(repeating: 0, count: 10)
        for p in percents { counts[min(9, max(0, Int(p / 10)))] += 1 }
        return counts.enumerated().map { i, n in (i == 9 ? "90-100" : "\(i * 10)-\(i * 10 + 9)", n) }
    }

    /// One rubric criterion across the class.
    public struct CriterionSummary: Sendable {
        public var id: String
        public var title: String
        public var points: Double
        /// Students who did not get every point, by name.
        public var missedBy: [String]
        /// Mean points earned.
        public var meanEarned: Double
    }

    /// Every criterion, the most often missed first (then by title).
    public var criteria: [CriterionSummary] {
        rubric.criteria.map { c in
            let results = students.compactMap { s in s.criteria.first { $0.id == c.id } }
            let mean = results.isEmpty ? 0 : results.reduce(0) { $0 + $1.earned } / Double(results.count)
            return CriterionSummary(id: c.id, title: c.title, points: c.points,
                                    missedBy: zip(students, results).filter { !$1.isMet }.map { $0.0.student },
                                    meanEarned: (mean * 10).rounded() / 10)
        }.sorted { ($0.missedBy.count, $1.title) > ($1.missedBy.count, $0.title) }
    }

    /// One diagnostic code across the class.
    public struct CodeSummary: Sendable {
        public var code: DiagnosticCode
        public var students: Int
        public var occurrences: Int
    }

    /// Every code found, the most widespread first. Codes no criterion scores (a note, or a
    /// rule added later such as a baseline that differs from the assessment) are counted too.
    public var codes: [CodeSummary] {
        var perCode: [DiagnosticCode: (students: Int, occurrences: Int)] = [:]
        for s in students {
            var seen = Set<DiagnosticCode>()
            for d in s.diagnostics {
                perCode[d.code, default: (0, 0)].occurrences += 1
                if seen.insert(d.code).inserted { perCode[d.code, default: (0, 0)].students += 1 }
            }
        }
        return perCode.map { CodeSummary(code: $0.key, students: $0.value.students, occurrences: $0.value.occurrences) }
            .sorted { ($0.students, $0.occurrences, $1.code.rawValue) > ($1.students, $1.occurrences, $0.code.rawValue) }
    }
}
