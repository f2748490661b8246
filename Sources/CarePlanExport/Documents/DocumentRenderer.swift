import CarePlanBasics
import CarePlanModel

/// Lays a `ClinicalDocument` out as Markdown (CommonMark) or as one self-contained, printable
/// HTML page (the plan export's styles, which fit a 390 px phone, plus signature lines).
public enum DocumentRenderer {
    public static func markdown(_ doc: ClinicalDocument) -> String {
        func e(_ s: String) -> String { MarkdownExport.escape(s) }
        var out = ["# \(e(doc.kind.title)): \(e(doc.subject))", ""]
        out += doc.facts.map { "- **\(e($0.label)):** \(e($0.text))" }
        out.append("")
        out += ["## Precautions", ""]
        out += doc.precautions.isEmpty ? [e(doc.noPrecautions), ""] : doc.precautions.map { "- **\(e($0))**" } + [""]
        for s in doc.sections {
            out += ["## \(e(s.heading))", ""]
            for b in s.blocks {
                switch b {
                case .paragraph(let t): out += [e(t), ""]
                case .facts(let facts): out += facts.map { "- **\(e($0.label)):** \(e($0.text))" } + [""]
                case .list(let items): out += items.map { "- \(e($0))" } + [""]
                case .table(let t):
                    out += ["\(e(t.caption)):", ""]
                    out.append("| " + t.columns.map(e).joined(separator: " | ") + " |")
                    out.append("| " + t.columns.indices.map { t.numeric.contains($0) ? "--:" : "---" }.joined(separator: " | ") + " |")
                    out += t.rows.map { "| " + $0.map(e).joined(separator: " | ") + " |" }
                    out.append("")
                }
            }
        }
        out += ["## Signatures", ""]
        for s in doc.signatures {
            out.append("**\(e(s.role))**")
            out.append("")
            if let st = s.statement { out += [e(st), ""] }
            if let name = s.name, let d = s.date {
                out.append("- Signed by \(e(name)) on \(e(Words.shortDate(d)))")
            } else {
                out.append("- Name: \(s.name.map(e) ?? "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_")")
                out.append("- Signature: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_ Date: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_")
            }
            out += s.facts.map { "- \(e($0.label)): \(e($0.text))" }
            out += s.blanks.map { "- \(e($0)): \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_" }
            out.append("")
        }
        out += ["Written on \(e(Words.date(doc.written))).", ""]
        return out.joined(separator: "\n")
    }

    public static func html(_ doc: ClinicalDocument) -> String {
        func e(_ s: String) -> String { HTMLExport.escape(s) }
        let title = "\(doc.kind.title): \(doc.subject)"
        var h: [String] = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"generator\" content=\"careplan\">",
            "<title>\(e(title))</title>",
            "<style>\n\(HTMLExport.style)\(style)</style>",
            "</head>",
            "<body>",
            "<main class=\"document\">",
            "<header>",
            "<p class=\"kind\">\(e(doc.kind.title))</p>",
            "<h1>\(e(doc.subject))</h1>",
        ]
        h += facts(doc.facts)
        h.append("</header>")
        h += ["<section class=\"care\" aria-labelledby=\"precautions\">", "<h2 id=\"precautions\">Precautions</h2>"]
        h += doc.precautions.isEmpty ? ["<p>\(e(doc.noPrecautions))</p>"] : ["<ul>"] + doc.precautions.map { "<li>\(e($0))</li>" } + ["</ul>"]
        h.append("</section>")
        for (n, s) in doc.sections.enumerated() {
            h += ["<section aria-labelledby=\"s\(n + 1)\">", "<h2 id=\"s\(n + 1)\">\(e(s.heading))</h2>"]
            for b in s.blocks {
                switch b {
                case .paragraph(let t): h.append("<p>\(e(t))</p>")
                case .facts(let list): h += facts(list)
                case .list(let items): h += ["<ul>"] + items.map { "<li>\(e($0))</li>" } + ["</ul>"]
                case .table(let t):
                    let columns = t.columns.enumerated().map { HTMLExport.Column(heading: $0.element, numeric: t.numeric.contains($0.offset)) }
                    h += HTMLExport.table(caption: t.caption, columns: columns, rows: t.rows.map { $0.map(e) })
                }
            }
            h.append("</section>")
        }
        h += ["<section class=\"signatures\" aria-labelledby=\"signatures\">", "<h2 id=\"signatures\">Signatures</h2>"]
        for s in doc.signatures {
            h.append("<div class=\"signature\">")
            h.append("<h3>\(e(s.role))</h3>")
            if let st = s.statement { h.append("<p>\(e(st))</p>") }
            if let name = s.name, let d = s.date {
                h.append("<p class=\"signed\">Signed by <strong>\(e(name))</strong> on <time datetime=\"\(d)\">\(e(Words.shortDate(d)))</time></p>")
            } else {
                h.append("<p class=\"line\"><span>Name</span>\(s.name.map { "<strong>\(e($0))</strong>" } ?? "")</p>")
                h.append("<p class=\"line\"><span>Signature</span></p>")
                h.append("<p class=\"line short\"><span>Date</span></p>")
            }
            h += s.facts.map { "<p>\(e($0.label)): \(e($0.text))</p>" }
            h += s.blanks.map { "<p class=\"line\"><span>\(e($0))</span></p>" }
            h.append("</div>")
        }
        h.append("</section>")
        h += ["<footer><p>Written on \(e(Words.date(doc.written))).</p></footer>", "</main>", "</body>", "</html>", ""]
        return h.joined(separator: "\n")
    }

    package static func facts(_ list: [ClinicalDocument.Fact]) -> [String] {
        guard !list.isEmpty else { return [] }
        return ["<dl>"] + list.map { "<dt>\(HTMLExport.escape($0.label))</dt><dd>\(HTMLExport.escape($0.text))</dd>" } + ["</dl>"]
    }

    /// Added to the plan export's styles: the kind above the title, signature lines to sign
    /// on paper, and a page that prints without the screen's margins. A document's first
    /// column holds long text (an intervention's title), so it wraps: kept on one line, the
    /// plan of care's eight columns were wider than a 1280 px window.
    package static let style = """
        main.document { max-width: 62rem; }
        main.document td:first-child { white-space: normal; min-width: 9rem; }
        .document header dl { font-size: 0.95rem; }
        .kind { margin: 0.5rem 0 0; font-weight: 600; text-transform: uppercase; letter-spacing: 0.05em; color: #3b3b3b; }
        .signature { border: 1px solid #c8d3de; border-radius: 6px; padding: 0.75rem 1rem; margin: 0 0 1rem; break-inside: avoid; page-break-inside: avoid; }
        .signature h3 { margin-bottom: 0.25rem; }
        .signature .line { display: flex; gap: 0.75rem; align-items: flex-end; min-height: 2.2rem; border-bottom: 1px solid #1a1a1a; margin: 0.5rem 0; max-width: 30rem; }
        .signature .line.short { max-width: 14rem; }
        .signature .line span { color: #3b3b3b; font-size: 0.9rem; }
        footer { margin-top: 2rem; color: #3b3b3b; font-size: 0.95rem; }

        """
}
