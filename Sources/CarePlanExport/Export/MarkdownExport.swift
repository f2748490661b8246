import CarePlanBasics
import CarePlanModel

/// The plan in plain language as Markdown (CommonMark), for the client and family.
public enum MarkdownExport {
    public static func render(_ plan: Plan, options: ExportOptions) -> String {
        let doc = ReaderPlan(plan, options: options)
        var out: [String] = ["# \(escape(doc.title))", ""]
        out += doc.intro.map(escape).joined(separator: " ").isEmpty ? [] : [doc.intro.map(escape).joined(separator: " "), ""]

        if !doc.precautions.isEmpty {
            out += ["## Take care", ""]
            out += doc.precautions.map { "- **\(escape($0))**" }
            out.append("")
        }

        out += ["## What you are working towards", ""]
        if doc.goals.isEmpty { out += ["No goals have been written down yet.", ""] }
        for g in doc.goals {
            out += ["### \(escape(g.title))", ""]
            if let s = g.status { out += ["**\(escape(s))**", ""] }
            out += g.items.map { "- **\(escape($0.label)):** \(escape($0.text))" }
            if !g.items.isEmpty { out.append("") }
            if !g.rows.isEmpty {
                var header = ["Date"], rule = ["---"]
                let hasValue = g.rows.contains { $0.value != nil }, hasHelp = g.rows.contains { $0.help != nil }
                let hasNote = g.rows.contains { $0.note != nil }
                if hasValue { header.append(Words.capitalized(g.measureName ?? "value")); rule.append("--:") }
                if hasHelp { header.append("Help needed"); rule.append("---") }
                if hasNote { header.append("Note"); rule.append("---") }
                out.append("Progress so far:")
                out.append("")
                out.append("| " + header.map(escape).joined(separator: " | ") + " |")
                out.append("| " + rule.joined(separator: " | ") + " |")
                for r in g.rows {
                    var cells = [Words.shortDate(r.date)]
                    if hasValue { cells.append(r.value ?? "") }
                    if hasHelp { cells.append(r.help ?? "") }
                    if hasNote { cells.append(r.note ?? "") }
                    out.append("| " + cells.map(escape).joined(separator: " | ") + " |")
                }
                out.append("")
            }
        }

        out += ["## What we will do", ""]
        if doc.activities.isEmpty { out += ["Your therapist will add what you will do together.", ""] }
        for a in doc.activities {
            out += ["### \(escape(a.title))", ""]
            out += a.items.map { "- **\(escape($0.label)):** \(escape($0.text))" }
            if !a.items.isEmpty { out.append("") }
        }

        out += ["## Coming up", ""]
        if let s = doc.nextSession { out += ["Next session: \(escape(s)).", ""] }
        if doc.upcoming.isEmpty {
            out += ["No more check-ins are planned. Your therapist will tell you what happens next.", ""]
        } else {
            out += doc.upcoming.map { "- **\(escape(Words.date($0.date)))** (\(escape($0.when))): \(escape($0.what))" }
            out.append("")
        }
        if !doc.ending.isEmpty || !doc.trained.isEmpty {
            out += ["## When therapy ends", ""]
            out += doc.ending.map { "- \(escape($0))" }
            if !doc.trained.isEmpty {
                if !doc.ending.isEmpty { out.append("") }
                out += ["People shown how to help:", ""]
                out += doc.trained.map { "- \(escape($0))" }
            }
            out.append("")
        }
        if !doc.notes.isEmpty {
            out += ["## Notes", ""]
            out += doc.notes.map { "- \(escape($0))" }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// Backslash-escapes the characters Markdown would read as formatting, and keeps each text
    /// on one line.
    public static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "&", "!":
                out.append("\\"); out.append(ch)
            case "\n", "\r", "\r\n": out.append(" ")
            default: out.append(ch)
            }
        }
        return out
    }
}
