import ArgumentParser
import CarePlanKit
import Foundation

extension GradeFormat: ExpressibleByArgument {}

/// `careplan grade DIR...`: a class of student plans against a rubric; the work is
/// `Grader` and `GradeReport` in CarePlanKit.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a folder of student plans: feedback per student and a class summary.",
        discussion: """
            Each .careplan file (folders are searched, sub-folders too) is one student, named by
            its path without the extension. The default rubric scores the teaching rules out of
            100; --rubric FILE reweights criteria and adds required elements (see README, "Grading
            a class"). A plan with errors is graded too: the errors cost points and are explained.
            Exit status 0 when the class was graded, 65 for a rubric with mistakes, 66 for a
            missing folder, 73 when the output could not be written.
            """)

    @Argument(help: "Folders of student plans (or single plan files).")
    var paths: [String]

    @Option(name: .long, help: "A rubric file (title, pass, points, require statements).")
    var rubric: String?

    @Option(name: .shortAndLong, help: "The format: \(GradeFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: GradeFormat = .markdown

    @Flag(name: .long, help: "Show students as Student 01, Student 02... and leave file paths out.")
    var deidentify = false

    @Option(name: .shortAndLong, help: "Write the whole report to this file instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Write the class summary (index.EXT) and one feedback file per student into this folder.")
    var outDir: String?

    @Option(name: .long, help: "The date to treat as today (YYYY-MM-DD); default: $CAREPLAN_TODAY or the system date.")
    var today: String?

    func run() throws {
        let today = try CommonOptions.resolveToday(self.today)
        var chosen = Rubric.standard
        if let rubric {
            guard let file = FileLoading.read(rubric) else {
                printError("careplan: cannot read rubric \(rubric)\n")
                throw ExitCode(Exit.noInput)
            }
            let (parsed, problems) = RubricParser.parse(file)
            if !problems.isEmpty {
                printError(DiagnosticRenderer.render(problems, color: Terminal.wantsColor(fd: 2)) + "\n")
                printError("careplan: the rubric has mistakes; nothing graded\n")
                throw ExitCode(Exit.dataError)
            }
            chosen = parsed
        }
        let (found, missing) = Grader.submissions(in: paths)
        for m in missing { printError("careplan: no such file or folder: \(m)\n") }
        if !missing.isEmpty { throw ExitCode(Exit.noInput) }
        if found.isEmpty {
            printError("careplan: no .careplan files in \(paths.joined(separator: ", "))\n")
            throw ExitCode(Exit.noInput)
        }
        let summary = ClassSummary(rubric: chosen, students: Grader.grade(found, rubric: chosen, today: today, deidentify: deidentify))
        if let outDir {
            do {
                try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
            } catch {
                printError("careplan: could not create \(outDir): \(error.localizedDescription)\n")
                throw ExitCode(Exit.cantCreate)
            }
            try write(GradeReport.classOnly(summary, as: format), to: (outDir as NSString).appendingPathComponent("index.\(format.fileExtension)"))
            for s in summary.students {
                try write(GradeReport.student(s, summary: summary, as: format),
                          to: (outDir as NSString).appendingPathComponent(GradeReport.fileName(for: s.student, format)))
            }
        }
        if let output, output != "-" { try write(GradeReport.render(summary, as: format), to: output) }
        else if outDir == nil { printOut(GradeReport.render(summary, as: format)) }
    }

    func write(_ text: String, to path: String) throws {
        do {
            try ScriptHost.writeAtomically(path, text)
        } catch {
            printError("careplan: could not write \(path): \(error.localizedDescription)\n")
            throw ExitCode(Exit.cantCreate)
        }
    }
}
