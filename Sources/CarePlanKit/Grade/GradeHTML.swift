import CarePlanExport
import CarePlanBasics

/// The grade report as one self-contained HTML page, like the plan export: no scripts, fonts
/// or images from elsewhere, print styles (each student's feedback starts a new page), and an
/// inline SVG bar chart of the score distribution with a text alternative.
enum GradeHTML {
    static func e(_ text: String) -> String { HTMLExport.escape(text) }

    /// Text with `code` spans for the backtick-quoted parts of a diagnostic message.
    static func withCode(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return e(text) }
        return parts.enumerated().map { i, p in i % 2 == 1 && i < parts.count - 1 ? "<code>\(e(String(p)))</code>" : e(String(p)) }.joined()
    }

    /// `summary` nil: a student's page on its own.
    /// `links`: the students' names link to their own pages (`--out-dir`), not to sections.
    static func page(_ summary: ClassSummary?, students: [Grader.StudentResult], rubric: Rubric? = nil, links: Bool = false) -> String {
        let rubric = summary?.rubric ?? rubric ?? .standard
        let title = summary != nil ? "\(rubric.title): class summary" : "Feedback for \(students.first?.student ?? "")"
        var h = ["<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
                 "<meta name=\"generator\" content=\"careplan grade\">",
                 "<title>\(e(title))</title>", "<style>\n\(style)</style>", "</head>", "<body>", "<main>"]
        if let summary { h += classSection(summary, links: links) }
        for s in students { h += studentSection(s, rubric: rubric, own: summary == nil) }
        h += ["</main>", "</body>", "</html>", ""]
        return h.joined(separator: "\n")
    }

    static func classSection(_ c: ClassSummary, links: Bool) -> [String] {
        var h = ["<header>", "<h1>\(e(c.rubric.title)): class summary</h1>",
                 "<p class=\"intro\">\(c.count) student\(c.count == 1 ? "" : "s"); pass mark \(GradeReport.percent(c.rubric.passPercent)) of \(GradeReport.number(c.rubric.total)) points; <strong>\(c.passed) passed</strong>. Mean \(GradeReport.percent(c.mean)), median \(GradeReport.percent(c.median)), lowest \(GradeReport.percent(c.lowest)), highest \(GradeReport.percent(c.highest)).</p>",
                 "</header>"]
        if c.isDeidentified { h.insert("<p class=\"intro\">\(e(ClassSummary.deidentifiedNotice))</p>", at: h.count - 1) }
        h += ["<section aria-labelledby=\"distribution\">", "<h2 id=\"distribution\">Score distribution</h2>",
              "<figure>", chart(c), "</figure>", "</section>"]
        h += ["<section aria-labelledby=\"missed\">", "<h2 id=\"missed\">Criteria most often missed</h2>", "<table>",
              "<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\" class=\"num\">Points</th><th scope=\"col\" class=\"num\">Students missing points</th><th scope=\"col\" class=\"num\">Mean earned</th></tr></thead>", "<tbody>"]
        for k in c.criteria {
            h.append("<tr><td>\(e(k.title))</td><td class=\"num\">\(GradeReport.number(k.points))</td><td class=\"num\">\(k.missedBy.count) of \(c.count)</td><td class=\"num\">\(GradeReport.number(k.meanEarned))</td></tr>")
        }
        h += ["</tbody>", "</table>", "</section>"]
        h += ["<section aria-labelledby=\"help\">", "<h2 id=\"help\">Who needs help with what</h2>"]
        let missed = c.criteria.filter { !$0.missedBy.isEmpty }
        if missed.isEmpty { h.append("<p>Every student met every criterion.</p>") } else {
            h.append("<ul class=\"help\">")
            for k in missed {
                h.append("<li><strong>\(e(k.title))</strong>: \(k.missedBy.map { "<a href=\"\(links ? e(GradeReport.fileName(for: $0, .html)) : "#" + anchor($0))\">\(e($0))</a>" }.joined(separator: ", "))</li>")
            }
            h.append("</ul>")
        }
        h.append("</section>")
        let codes = c.codes
        if !codes.isEmpty {
            h += ["<section aria-labelledby=\"findings\">", "<h2 id=\"findings\">Findings across the class</h2>", "<table>",
                  "<thead><tr><th scope=\"col\">Code</th><th scope=\"col\">What</th><th scope=\"col\" class=\"num\">Students</th><th scope=\"col\" class=\"num\">Times</th></tr></thead>", "<tbody>"]
            for k in codes {
                h.append("<tr><td class=\"code\">\(k.code.rawValue)</td><td>\(e(k.code.title))</td><td class=\"num\">\(k.students)</td><td class=\"num\">\(k.occurrences)</td></tr>")
            }
            h += ["</tbody>", "</table>", "</section>"]
        }
        return h
    }

    static func anchor(_ student: String) -> String {
        "student-" + student.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }

    static func studentSection(_ s: Grader.StudentResult, rubric: Rubric, own: Bool) -> [String] {
        let heading = own ? "h1" : "h2", sub = own ? "h2" : "h3"
        var h = ["<article class=\"student\" id=\"\(anchor(s.student))\">",
                 "<\(heading)>Feedback for \(e(s.student))</\(heading)>",
                 "<p>\(withCode(GradeReport.planLine(s)))</p>",
                 "<p class=\"score \(s.passed ? "pass" : "fail")\">Score: \(e(GradeReport.headline(s)))</p>"]
        h.append("<\(sub)>Done well</\(sub)>")
        if s.strengths.isEmpty { h.append("<p>Nothing in full yet; the findings below show where to start.</p>") } else {
            h.append("<ul class=\"strengths\">" + s.strengths.map { "<li>\(e(Words.capitalized($0)))</li>" }.joined() + "</ul>")
        }
        h += ["<\(sub)>Rubric</\(sub)>", "<table>",
              "<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\" class=\"num\">Points</th><th scope=\"col\">Comment</th></tr></thead>", "<tbody>"]
        for c in s.criteria {
            h.append("<tr class=\"\(c.isMet ? "met" : "missed")\"><td>\(e(c.title))</td><td class=\"num\">\(GradeReport.number(c.earned)) / \(GradeReport.number(c.points))</td><td>\(withCode(c.reason))</td></tr>")
        }
        h += ["</tbody>", "</table>", "<\(sub)>Findings, each with its fix</\(sub)>"]
        if s.diagnostics.isEmpty { h.append("<p>careplan found nothing to correct.</p>") } else {
            h.append("<ol class=\"findings\">")
            for d in s.diagnostics {
                var li = "<li class=\"\(d.severity.rawValue)\"><strong>\(d.severity.rawValue) \(d.code.rawValue)</strong>"
                if let where_ = GradeReport.location(d) { li += " <span class=\"where\">(\(where_))</span>" }
                li += ": \(withCode(d.message))"
                if let help = d.help { li += "<br><span class=\"fix\">Fix: \(withCode(help))</span>" }
                if let why = RubricFinding.why(d) { li += "<br><span class=\"why\">Why: \(withCode(why))</span>" }
                h.append(li + "</li>")
            }
            h.append("</ol>")
            h.append("<\(sub)>Why these matter</\(sub)>")
            h.append("<dl class=\"why\">")
            for code in GradeReport.distinctCodes(s.diagnostics) {
                h.append("<dt>\(code.rawValue): \(e(code.title))</dt><dd>\(withCode(code.explanation))</dd>")
            }
            h.append("</dl>")
        }
        h.append("</article>")
        return h
    }

    /// A horizontal bar per band of ten percent, the highest band on top, and a dashed line
    /// at the pass mark. Drawn 360 units wide, so that on a 390 px phone it is shown at about
    /// its own size (text stays at 12 px or more) and on a desktop scaled up.
    static func chart(_ c: ClassSummary) -> String {
        let bands = Array(c.distribution.reversed())
        let most = max(1, bands.map(\.count).max() ?? 1)
        let left = 62.0, width = 250.0, row = 24.0, top = 8.0
        let height = top + row * Double(bands.count) + 32
        func n(_ x: Double) -> String { GradeReport.number((x * 10).rounded() / 10) }
        let alt = "Score distribution of \(Words.count(c.count, "student")): " + bands.filter { $0.count > 0 }.map { "\($0.count) scored \($0.label)%" }.joined(separator: ", ")
            + "; the pass mark is \(GradeReport.percent(c.rubric.passPercent))."
        var s = ["<svg class=\"chart wide\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 360 \(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">",
                 "<title id=\"chart-title\">\(e(alt))</title>"]
        for (i, band) in bands.enumerated() {
            let y = top + row * Double(i)
            let w = width * Double(band.count) / Double(most)
            s.append("<text class=\"tick\" x=\"\(n(left - 6))\" y=\"\(n(y + row * 0.68))\" text-anchor=\"end\">\(band.label)%</text>")
            if band.count > 0 {
                s.append("<rect class=\"bar\" x=\"\(n(left))\" y=\"\(n(y + 3))\" width=\"\(n(w))\" height=\"\(n(row - 6))\"/>")
            }
            s.append("<text class=\"label\" x=\"\(n(left + w + 5))\" y=\"\(n(y + row * 0.68))\">\(band.count)</text>")
        }
        // Bands run from 90-100 at the top down to 0-9: the pass mark sits (100 - pass) / 10 rows down.
        let passY = top + row * min(10, max(0, (100 - c.rubric.passPercent) / 10))
        s.append("<line class=\"pass\" x1=\"\(n(left))\" y1=\"\(n(passY))\" x2=\"\(n(left + width + 40))\" y2=\"\(n(passY))\"/>")
        s.append("<text class=\"pass-label\" x=\"\(n(left + width + 40))\" y=\"\(n(passY - 4))\" text-anchor=\"end\">pass \(GradeReport.percent(c.rubric.passPercent))</text>")
        let axisY = top + row * Double(bands.count)
        s.append("<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(axisY))\"/>")
        s.append("<text class=\"axis-name\" x=\"\(n(left))\" y=\"\(n(axisY + 22))\">students per band of the total score</text>")
        s.append("</svg>")
        return s.joined(separator: "\n")
    }

    static let style = """
        :root { color-scheme: light; }
        body { margin: 0; background: #ffffff; color: #1a1a1a; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
        header { border-bottom: 3px solid #0b5394; margin-bottom: 1.5rem; }
        h1 { font-size: 1.8rem; line-height: 1.2; margin: 0.5rem 0 0.75rem; color: #0b3d6e; }
        h2 { font-size: 1.35rem; margin: 2rem 0 0.75rem; color: #0b3d6e; border-bottom: 1px solid #c8d3de; padding-bottom: 0.25rem; }
        h3 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
        article.student { border: 1px solid #c8d3de; border-left: 5px solid #0b5394; border-radius: 6px; padding: 0.9rem 1.1rem; margin: 2rem 0 1rem; }
        .score { font-weight: 700; font-size: 1.1rem; }
        .score.pass { color: #1b5e20; }
        .score.fail { color: #8a4b00; }
        table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.95rem; }
        th, td { border-bottom: 1px solid #c8d3de; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
        td { overflow-wrap: anywhere; }
        td.num, td.code { overflow-wrap: normal; white-space: nowrap; }
        th.num, td.num { text-align: right; }
        td.num { white-space: nowrap; }
        tr.missed td:first-child { font-weight: 600; }
        code { font: 0.92em ui-monospace, "DejaVu Sans Mono", monospace; background: #f1f4f7; padding: 0 0.2em; border-radius: 3px; }
        ol.findings li { margin: 0.4rem 0; }
        li.warning strong { color: #8a4b00; }
        li.error strong { color: #b00020; }
        li.note strong { color: #0b3d6e; }
        .where { color: #3b3b3b; }
        .fix { color: #1b5e20; }
        span.why { color: #2b2b2b; }
        dl.why dt { font-weight: 600; margin-top: 0.5rem; }
        dl.why dd { margin: 0.2rem 0 0.5rem 1rem; color: #2b2b2b; }
        figure { margin: 1rem 0 0.5rem; }
        .chart { width: 100%; height: auto; max-width: 560px; display: block; }
        li, dd, p { overflow-wrap: anywhere; }
        @media (max-width: 480px) {
          body { font-size: 15px; }
          main { padding: 1rem 0.75rem 2rem; }
          article.student { padding: 0.75rem 0.6rem; }
          th, td { padding: 0.25rem 0.3rem; }
        }
        .chart .bar { fill: #0b5394; }
        .chart .pass { stroke: #8a4b00; stroke-width: 2; stroke-dasharray: 6 4; }
        .chart .pass-label { font: 600 12.5px system-ui, "DejaVu Sans", sans-serif; fill: #8a4b00; }
        .chart .axis { stroke: #555555; stroke-width: 1.5; }
        .chart .tick, .chart .axis-name, .chart .label { font: 12.5px system-ui, "DejaVu Sans", sans-serif; fill: #3b3b3b; }
        .chart .label { font-weight: 600; fill: #1a1a1a; }
        a { color: #0b3d6e; }
        @media print {
          body { font-size: 10.5pt; }
          main { max-width: none; padding: 0; }
          article.student { break-before: page; page-break-before: always; border-color: #888888; }
          figure, tr, li { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          a { color: inherit; text-decoration: none; }
        }

        """
}
