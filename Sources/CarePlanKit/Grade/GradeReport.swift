import CarePlanBasics
import CarePlanModel

/// `careplan grade`'s outputs: a class summary and a feedback page per student, as Markdown,
/// HTML (GradeHTML.swift), CSV (one row per student) or JSON. Pure: results in, text out.
public enum GradeFormat: String, CaseIterable, Sendable {
    case markdown, html, csv, json
    public var fileExtension: String { self == .markdown ? "md" : rawValue }
}

public enum GradeReport {
    /// The whole report in one document: the class summary, then every student's feedback
    /// (CSV and JSON: every student in one table or object).
    public static func render(_ summary: ClassSummary, as format: GradeFormat) -> String {
        switch format {
        case .markdown: return markdownSummary(summary) + summary.students.map { "\n---\n\n" + markdownStudent($0, rubric: summary.rubric) }.joined()
        case .html: return GradeHTML.page(summary, students: summary.students)
        case .csv: return csv(summary)
        case .json: return json(summary).serialized(pretty: true) + "\n"
        }
    }

    /// The class summary alone (for `--out-dir`, beside a file per student).
    public static func classOnly(_ summary: ClassSummary, as format: GradeFormat) -> String {
        switch format {
        case .markdown:
            return markdownSummary(summary) + "\n## Feedback pages\n\n" + summary.students.map { "- [\(md($0.student))](\(fileName(for: $0.student, .markdown)))\n" }.joined()
        case .html: return GradeHTML.page(summary, students: [], links: true)
        case .csv, .json: return render(summary, as: format)
        }
    }

    /// The file a student's page is written to: the name with every character other than a
    /// letter, digit, `-` or `_` made a `-` (`group-a/jones` -> `group-a-jones.md`).
    public static func fileName(for student: String, _ format: GradeFormat) -> String {
        String(student.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }) + "." + format.fileExtension
    }

    /// One student's feedback page on its own (for `--out-dir`).
    public static func student(_ result: Grader.StudentResult, summary: ClassSummary, as format: GradeFormat) -> String {
        switch format {
        case .markdown: return markdownStudent(result, rubric: summary.rubric)
        case .html: return GradeHTML.page(nil, students: [result], rubric: summary.rubric)
        case .csv: return csv(ClassSummary(rubric: summary.rubric, students: [result]))
        case .json: return studentJSON(result).serialized(pretty: true) + "\n"
        }
    }

    // MARK: shared wording

    static func number(_ x: Double) -> String { JSONValue.format(x) }
    static func percent(_ x: Double) -> String { number(x) + "%" }

    /// "line 12, column 8" for a diagnostic's primary span; the file is the student's own.
    static func location(_ d: Diagnostic) -> String? {
        guard let span = d.primarySpan else { return nil }
        let (line, column) = span.file.location(of: span.start)
        return "line \(line), column \(column)"
    }

    /// The codes of a student's findings, each once, in order of first appearance.
    static func distinctCodes(_ diagnostics: [Diagnostic]) -> [DiagnosticCode] {
        var seen = Set<DiagnosticCode>()
        return diagnostics.map(\.code).filter { seen.insert($0).inserted }
    }

    static func headline(_ s: Grader.StudentResult) -> String {
        "\(number(s.score)) / \(number(s.total)) (\(percent(s.percent))), \(s.passed ? "passed" : "not yet passed")"
    }

    static func planLine(_ s: Grader.StudentResult) -> String {
        guard let id = s.planID else { return "No plan could be built from this file." }
        return "Plan `\(id)` \"\(s.planTitle ?? "")\"" + (s.discipline.map { " (\($0.rawValue))" } ?? "")
    }

    // MARK: Markdown

    /// Keeps table cells and list items on one line and stops `|`, `<` and `>` being read as
    /// markup. Inside a code span (between backticks) Markdown shows every character as it is,
    /// entities included, so `<` and `>` are left alone there: `serves <goal>` would read
    /// `serves &lt;goal&gt;` (review-2dec finding 11). `|` is escaped everywhere, since a table
    /// row is split on it before code spans are read (GitHub Flavored Markdown).
    static func md(_ text: String) -> String {
        // A backtick with no partner opens no code span: its text is escaped like the rest.
        let closing = text.lastIndex(of: "`")
        var inCode = false
        var out = ""
        for i in text.indices {
            let ch = text[i]
            switch ch {
            case "`":
                if inCode || i != closing { inCode.toggle() }
                out.append(ch)
            case "|": out += "\\|"
            case "<" where !inCode: out += "&lt;"
            case ">" where !inCode: out += "&gt;"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    static func markdownSummary(_ c: ClassSummary) -> String {
        var out = "# \(md(c.rubric.title)): class summary\n\n"
        if c.isDeidentified { out += "\(md(ClassSummary.deidentifiedNotice))\n\n" }
        out += "\(c.count) student\(c.count == 1 ? "" : "s"); pass mark \(percent(c.rubric.passPercent)) of \(number(c.rubric.total)) points; "
        out += "\(c.passed) passed. Mean \(percent(c.mean)), median \(percent(c.median)), lowest \(percent(c.lowest)), highest \(percent(c.highest)).\n\n"
        out += "## Score distribution\n\n| percent | students | |\n|---|---:|---|\n"
        for band in c.distribution.reversed() {
            out += "| \(band.label) | \(band.count) | \(String(repeating: "█", count: band.count)) |\n"
        }
        out += "\n## Criteria most often missed\n\n| criterion | points | students missing points | mean earned |\n|---|---:|---:|---:|\n"
        for k in c.criteria {
            out += "| \(md(k.title)) | \(number(k.points)) | \(k.missedBy.count) of \(c.count) | \(number(k.meanEarned)) |\n"
        }
        out += "\n## Who needs help with what\n\n"
        let missed = c.criteria.filter { !$0.missedBy.isEmpty }
        if missed.isEmpty { out += "Every student met every criterion.\n" }
        for k in missed { out += "- **\(md(k.title))**: \(k.missedBy.map(md).joined(separator: ", "))\n" }
        let codes = c.codes
        if !codes.isEmpty {
            out += "\n## Findings across the class\n\n| code | what | students | times |\n|---|---|---:|---:|\n"
            for k in codes { out += "| \(k.code.rawValue) | \(md(k.code.title)) | \(k.students) | \(k.occurrences) |\n" }
        }
        return out
    }

    static func markdownStudent(_ s: Grader.StudentResult, rubric: Rubric) -> String {
        var out = "## Feedback for \(md(s.student))\n\n\(md(planLine(s)))\n\n**Score: \(headline(s)).**\n\n"
        out += "### Done well\n\n"
        out += s.strengths.isEmpty ? "Nothing in full yet; the findings below show where to start.\n" : s.strengths.map { "- \(md(Words.capitalized($0)))\n" }.joined()
        out += "\n### Rubric\n\n| criterion | points | comment |\n|---|---:|---|\n"
        for c in s.criteria { out += "| \(md(c.title)) | \(number(c.earned)) / \(number(c.points)) | \(md(c.reason)) |\n" }
        out += "\n### Findings, each with its fix\n\n"
        if s.diagnostics.isEmpty { out += "careplan found nothing to correct.\n" }
        for (i, d) in s.diagnostics.enumerated() {
            out += "\(i + 1). **\(d.severity.rawValue) \(d.code.rawValue)**\(location(d).map { " (\($0))" } ?? ""): \(md(d.message))\n"
            if let help = d.help { out += "   - Fix: \(md(help))\n" }
            if let why = RubricFinding.why(d) { out += "   - Why: \(md(why))\n" }
        }
        let codes = distinctCodes(s.diagnostics)
        if !codes.isEmpty {
            out += "\n### Why these matter\n\n"
            for code in codes { out += "- **\(code.rawValue), \(md(code.title))**: \(md(code.explanation))\n" }
        }
        return out
    }

    // MARK: CSV

    /// RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func csv(_ c: ClassSummary) -> String {
        var header = ["student", "file", "plan", "discipline", "score", "total", "percent", "passed"]
        header += c.rubric.criteria.map(\.id)
        header += ["errors", "warnings", "notes", "codes"]
        var rows = [header.map(csvField).joined(separator: ",")]
        for s in c.students {
            var row = [s.student, s.path, s.planID ?? "", s.discipline?.rawValue ?? "", number(s.score), number(s.total), number(s.percent), s.passed ? "yes" : "no"]
            row += c.rubric.criteria.map { k in s.criteria.first { $0.id == k.id }.map { number($0.earned) } ?? "" }
            row += [String(s.diagnostics.errorCount), String(s.diagnostics.warningCount), String(s.diagnostics.noteCount),
                    distinctCodes(s.diagnostics).map(\.rawValue).joined(separator: " ")]
            rows.append(row.map(csvField).joined(separator: ","))
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: JSON

    static func json(_ c: ClassSummary) -> JSONValue {
        .object([
            "format": .string("careplan-grade/1"),
            "rubric": .object([
                "title": .string(c.rubric.title),
                "pass": .number(c.rubric.passPercent),
                "total": .number(c.rubric.total),
                "criteria": .array(c.rubric.criteria.map { k in
                    var o: [String: JSONValue] = ["id": .string(k.id), "title": .string(k.title), "points": .number(k.points)]
                    if let r = k.check.requirement { o["requires"] = .string(r.spelling) }
                    return .object(o)
                }),
            ]),
            "summary": .object([
                "students": .number(Double(c.count)),
                "passed": .number(Double(c.passed)),
                "mean": .number(c.mean), "median": .number(c.median), "lowest": .number(c.lowest), "highest": .number(c.highest),
                "distribution": .array(c.distribution.map { .object(["percent": .string($0.label), "students": .number(Double($0.count))]) }),
                "criteria": .array(c.criteria.map { k in
                    .object(["id": .string(k.id), "title": .string(k.title), "points": .number(k.points),
                             "meanEarned": .number(k.meanEarned), "missedBy": .array(k.missedBy.map { .string($0) })])
                }),
                "codes": .array(c.codes.map { k in
                    .object(["code": .string(k.code.rawValue), "title": .string(k.code.title),
                             "students": .number(Double(k.students)), "occurrences": .number(Double(k.occurrences))])
                }),
            ]),
            "students": .array(c.students.map(studentJSON)),
        ])
    }

    static func studentJSON(_ s: Grader.StudentResult) -> JSONValue {
        var o: [String: JSONValue] = [
            "student": .string(s.student),
            "score": .number(s.score), "total": .number(s.total), "percent": .number(s.percent), "passed": .bool(s.passed),
            "strengths": .array(s.strengths.map { .string($0) }),
            "criteria": .array(s.criteria.map { c in
                .object(["id": .string(c.id), "title": .string(c.title), "points": .number(c.points),
                         "earned": .number(c.earned), "comment": .string(c.reason)])
            }),
            "diagnostics": .array(s.diagnostics.map { d in
                var o: [String: JSONValue] = ["code": .string(d.code.rawValue), "severity": .string(d.severity.rawValue),
                                              "message": .string(d.message), "title": .string(d.code.title)]
                if let help = d.help { o["help"] = .string(help) }
                if let why = RubricFinding.why(d) { o["why"] = .string(why) }
                if let span = d.primarySpan {
                    let (line, column) = span.file.location(of: span.start)
                    o["line"] = .number(Double(line))
                    o["column"] = .number(Double(column))
                }
                return .object(o)
            }),
        ]
        if !s.path.isEmpty { o["file"] = .string(s.path) }
        if let id = s.planID { o["plan"] = .string(id) }
        if let t = s.planTitle { o["planTitle"] = .string(t) }
        if let d = s.discipline { o["discipline"] = .string(d.rawValue) }
        return .object(o)
    }
}
