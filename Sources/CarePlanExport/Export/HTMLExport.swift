import CarePlanBasics
import CarePlanModel

/// The plan in plain language as one self-contained HTML page: no scripts, fonts or images
/// from elsewhere, print styles, headings for screen readers, and a progress chart per goal.
public enum HTMLExport {
    public static func render(_ plan: Plan, options: ExportOptions) -> String {
        let doc = ReaderPlan(plan, options: options)
        var h: [String] = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"generator\" content=\"careplan\">",
            "<title>\(escape(doc.title))</title>",
            "<style>\n\(style)</style>",
            "</head>",
            "<body>",
            "<main>",
            "<header>",
            "<h1>\(escape(doc.title))</h1>",
        ]
        h.append("<p class=\"intro\">\(doc.intro.map(escape).joined(separator: " "))</p>")
        h.append("</header>")

        if !doc.precautions.isEmpty {
            h += ["<section class=\"care\" aria-labelledby=\"care\">", "<h2 id=\"care\">Take care</h2>", "<ul>"]
            h += doc.precautions.map { "<li>\(escape($0))</li>" }
            h += ["</ul>", "</section>"]
        }

        h += ["<section aria-labelledby=\"goals\">", "<h2 id=\"goals\">What you are working towards</h2>"]
        if doc.goals.isEmpty { h.append("<p>No goals have been written down yet.</p>") }
        for g in doc.goals {
            h.append("<article class=\"goal\">")
            h.append("<h3>\(escape(g.title))</h3>")
            if let s = g.status { h.append("<p class=\"status\">\(escape(s))</p>") }
            h += items(g.items)
            if let chart = g.chart { h.append("<figure>\n\(chart.svg(id: g.id))\n</figure>") }
            if !g.rows.isEmpty { h += table(g) }
            h.append("</article>")
        }
        h.append("</section>")

        h += ["<section aria-labelledby=\"activities\">", "<h2 id=\"activities\">What we will do</h2>"]
        if doc.activities.isEmpty { h.append("<p>Your therapist will add what you will do together.</p>") }
        for a in doc.activities {
            h += ["<article class=\"activity\">", "<h3>\(escape(a.title))</h3>"]
            h += items(a.items)
            h.append("</article>")
        }
        h.append("</section>")

        h += ["<section aria-labelledby=\"upcoming\">", "<h2 id=\"upcoming\">Coming up</h2>"]
        if let s = doc.nextSession { h.append("<p>Next session: <strong>\(escape(s))</strong>.</p>") }
        if doc.upcoming.isEmpty {
            h.append("<p>No more check-ins are planned. Your therapist will tell you what happens next.</p>")
        } else {
            h.append("<ul class=\"upcoming\">")
            for u in doc.upcoming {
                h.append("<li><time datetime=\"\(u.date)\"><strong>\(escape(Words.date(u.date)))</strong></time> <span class=\"when\">(\(escape(u.when)))</span>: \(escape(u.what))</li>")
            }
            h.append("</ul>")
        }
        h.append("</section>")
        if !doc.ending.isEmpty || !doc.trained.isEmpty {
            h += ["<section aria-labelledby=\"ending\">", "<h2 id=\"ending\">When therapy ends</h2>"]
            if !doc.ending.isEmpty { h += ["<ul>"] + doc.ending.map { "<li>\(escape($0))</li>" } + ["</ul>"] }
            if !doc.trained.isEmpty {
                h += ["<p>People shown how to help:</p>", "<ul>"] + doc.trained.map { "<li>\(escape($0))</li>" } + ["</ul>"]
            }
            h.append("</section>")
        }
        if !doc.notes.isEmpty {
            h += ["<section aria-labelledby=\"notes\">", "<h2 id=\"notes\">Notes</h2>", "<ul>"]
            h += doc.notes.map { "<li>\(escape($0))</li>" }
            h += ["</ul>", "</section>"]
        }
        h += ["</main>", "</body>", "</html>", ""]
        return h.joined(separator: "\n")
    }

    package static func items(_ items: [ReaderPlan.Item]) -> [String] {
        guard !items.isEmpty else { return [] }
        return ["<dl>"] + items.map { "<dt>\(escape($0.label))</dt><dd>\(escape($0.text))</dd>" } + ["</dl>"]
    }

    package static func table(_ g: ReaderPlan.GoalSection) -> [String] {
        let hasValue = g.rows.contains { $0.value != nil }, hasHelp = g.rows.contains { $0.help != nil }
        let hasNote = g.rows.contains { $0.note != nil }
        var columns = [Column(heading: "Date")]
        if hasValue { columns.append(Column(heading: Words.capitalized(g.measureName ?? "value"), numeric: true)) }
        if hasHelp { columns.append(Column(heading: "Help needed")) }
        if hasNote { columns.append(Column(heading: "Note")) }
        let rows = g.rows.map { r -> [String] in
            var row = ["<time datetime=\"\(r.date)\">\(escape(Words.shortDate(r.date)))</time>"]
            if hasValue { row.append(escape(r.value ?? "")) }
            if hasHelp { row.append(escape(r.help ?? "")) }
            if hasNote { row.append(escape(r.note ?? "")) }
            return row
        }
        return table(caption: "Progress so far", columns: columns, rows: rows)
    }

    /// A table column: its heading, and whether it holds numbers (right-aligned).
    package struct Column {
        package var heading: String
        package var numeric = false

        package init(heading: String, numeric: Bool = false) {
            self.heading = heading
            self.numeric = numeric
        }
    }

    /// A table that stacks on a phone: each row becomes a card and each cell is preceded by
    /// its column's heading (`data-label`), so nothing scrolls sideways. Cells are HTML.
    package static func table(caption: String, columns: [Column], rows: [[String]]) -> [String] {
        var head = "<tr>"
        for c in columns { head += "<th scope=\"col\"\(c.numeric ? " class=\"num\"" : "")>\(escape(c.heading))</th>" }
        var out = ["<table class=\"stack\">", "<caption>\(escape(caption))</caption>", "<thead>\(head)</tr></thead>", "<tbody>"]
        for r in rows {
            var row = "<tr>"
            for (c, cell) in zip(columns, r) {
                row += "<td data-label=\"\(escape(c.heading))\"\(c.numeric ? " class=\"num\"" : "")>\(cell)</td>"
            }
            out.append(row + "</tr>")
        }
        return out + ["</tbody>", "</table>"]
    }

    /// Escapes text for HTML content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Dark text on white (contrast above 12:1), accents above 7:1; print drops the page width.
    /// Phones (down to 390 px): long words wrap, tables stack into one card per row, a label
    /// stands above its text, and charts switch to their narrow drawing (`ProgressChart`).
    public static let style = """
        :root { color-scheme: light; }
        *, *::before, *::after { box-sizing: border-box; }
        body { margin: 0; background: #ffffff; color: #1a1a1a; font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; overflow-wrap: anywhere; }
        main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
        header { border-bottom: 3px solid #0b5394; margin-bottom: 1.5rem; }
        h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.5rem 0 0.75rem; color: #0b3d6e; }
        h2 { font-size: 1.4rem; margin: 2rem 0 0.75rem; color: #0b3d6e; border-bottom: 1px solid #c8d3de; padding-bottom: 0.25rem; }
        h3 { font-size: 1.15rem; margin: 0 0 0.5rem; }
        article { border: 1px solid #c8d3de; border-left: 5px solid #0b5394; border-radius: 6px; padding: 0.9rem 1.1rem; margin: 0 0 1rem; min-width: 0; }
        .intro { font-size: 1.05rem; }
        .status { font-weight: 600; color: #0b3d6e; margin: 0 0 0.5rem; }
        dl { display: grid; grid-template-columns: minmax(0, max-content) minmax(0, 1fr); gap: 0.25rem 1rem; margin: 0.5rem 0; }
        dt { font-weight: 600; color: #3b3b3b; max-width: 14rem; }
        dd { margin: 0; min-width: 0; }
        figure { margin: 1rem 0 0.5rem; }
        .chart { width: 100%; height: auto; display: block; }
        .chart.wide { max-width: 640px; }
        .chart.narrow { display: none; max-width: 480px; }
        .chart .grid { stroke: #d9d9d9; stroke-width: 1; }
        .chart .axis { stroke: #555555; stroke-width: 1.5; }
        .chart .tick, .chart .axis-name { font: 12px system-ui, "DejaVu Sans", sans-serif; fill: #3b3b3b; }
        .chart .axis-name { font-weight: 600; }
        .chart .done { fill: none; stroke: #0b5394; stroke-width: 3; stroke-linejoin: round; }
        .chart .point { fill: #0b5394; }
        .chart .baseline { fill: #ffffff; stroke: #0b5394; stroke-width: 2.5; }
        .chart .ahead { stroke: #8a4b00; stroke-width: 2; stroke-dasharray: 6 5; }
        .chart .target { fill: #ffffff; stroke: #8a4b00; stroke-width: 3; }
        .chart .label { font: 600 12px system-ui, "DejaVu Sans", sans-serif; fill: #1a1a1a; }
        .chart.narrow .tick, .chart.narrow .axis-name, .chart.narrow .label { font-size: 13px; }
        .chart .target-label { fill: #8a4b00; }
        table { border-collapse: collapse; width: 100%; margin: 0.75rem 0 0.25rem; font-size: 0.95rem; }
        caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
        th, td { border-bottom: 1px solid #c8d3de; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: normal; }
        th.num, td.num { text-align: right; }
        td:first-child { white-space: nowrap; }
        ul.upcoming { padding-left: 1.2rem; }
        ul.upcoming li { margin: 0.35rem 0; }
        .when { color: #3b3b3b; }
        .care { border: 2px solid #b36200; border-radius: 6px; padding: 0 1rem 0.25rem; margin: 0 0 1.5rem; background: #fff8ef; }
        .care h2 { color: #6b3a00; border-bottom: 0; margin-top: 0.75rem; }
        .care li { font-weight: 600; margin: 0.25rem 0; }
        @media (max-width: 44rem) {
          body { font-size: 16px; }
          main { padding: 1rem 0.75rem 2rem; }
          h1 { font-size: 1.6rem; }
          h2 { font-size: 1.25rem; }
          article { padding: 0.75rem 0.75rem; }
          dl { grid-template-columns: minmax(0, 1fr); gap: 0; }
          dt { max-width: none; margin-top: 0.4rem; }
          .chart.wide { display: none; }
          .chart.narrow { display: block; }
          table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
          table.stack caption { display: block; }
          table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
          table.stack tr { border-bottom: 1px solid #c8d3de; padding: 0.35rem 0; }
          table.stack td { border: 0; padding: 0.1rem 0; text-align: left; white-space: normal; overflow-wrap: anywhere; }
          table.stack td:first-child { font-weight: 600; }
          table.stack td:not(:first-child)::before { content: attr(data-label) ": "; font-weight: 600; color: #3b3b3b; }
          table.stack td:empty { display: none; }
        }
        @media print {
          body { font-size: 11pt; }
          main { max-width: none; padding: 0; }
          .chart.wide { display: block; }
          .chart.narrow { display: none; }
          figure, table, tr, dl { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          article { border-color: #888888; }
          a { color: inherit; text-decoration: none; }
        }

        """
}
