import CarePlanBasics
import CarePlanExport
import CarePlanModel

/// The caseload as a terminal table, JSON (schema/caseload-1.schema.json), one self-contained
/// HTML page, or an iCalendar file of the due dates.
public enum CaseloadFormat: String, CaseIterable, Sendable {
    case table, json, html, ics
}

public enum CaseloadRenderer {
    public static let formatVersion = "careplan-caseload/1"

    public static func render(_ items: [CaseloadItem], as format: CaseloadFormat, options: Caseload.Options, plans: Int) -> String {
        switch format {
        case .table: return table(items, options: options, plans: plans)
        case .json: return json(items, options: options, plans: plans)
        case .html: return html(items, options: options, plans: plans)
        case .ics: return ics(items, options: options)
        }
    }

    /// "27 days ago", "today", "in 3 days".
    static func when(_ days: Int) -> String {
        days == 0 ? "today" : days < 0 ? "\(-days) day\(days == -1 ? "" : "s") ago" : "in \(days) day\(days == 1 ? "" : "s")"
    }

    static func place(_ i: CaseloadItem) -> String { "\(i.file):\(i.line)" }

    public static func table(_ items: [CaseloadItem], options: Caseload.Options, plans: Int) -> String {
        let header = ["date", "when", "item", "plan", "client", "where", "what"]
        let rows = items.map { [$0.date.description, when($0.days), $0.kind.rawValue, $0.plan, $0.client, place($0), $0.message] }
        var widths = header.map(\.count)
        for r in rows { for (k, c) in r.enumerated() where k < header.count - 1 { widths[k] = max(widths[k], c.count) } }
        // Padded by characters, as the widths are counted. (Foundation's `padding(toLength:)`
        // counts UTF-16 units, so it cut a name with an emoji short, and it took a twelfth of
        // the time of a 10,000-plan caseload.)
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { k, c in
                k == cells.count - 1 ? c : c + String(repeating: " ", count: max(0, widths[k] - c.count))
            }.joined(separator: "  ")
        }
        var out = ["Caseload as of \(options.today): \(items.count) item\(items.count == 1 ? "" : "s") from \(plans) plan\(plans == 1 ? "" : "s") (looking \(options.within) days ahead)"]
        guard !items.isEmpty else { return (out + ["nothing due"]).joined(separator: "\n") + "\n" }
        out.append(line(header))
        out.append(line(widths.enumerated().map { String(repeating: "-", count: $0.offset == widths.count - 1 ? 4 : $0.element) }))
        out += rows.map(line)
        return out.joined(separator: "\n") + "\n"
    }

    static func jsonItem(_ i: CaseloadItem) -> JSONValue {
        .object([
            "kind": .string(i.kind.rawValue), "plan": .string(i.plan), "client": .string(i.client),
            "file": .string(i.file), "line": .number(Double(i.line)), "date": .string(i.date.description),
            "days": .number(Double(i.days)), "message": .string(i.message),
        ])
    }

    public static func json(_ items: [CaseloadItem], options: Caseload.Options, plans: Int) -> String {
        JSONValue.object([
            "format": .string(formatVersion),
            "today": .string(options.today.description),
            "within": .number(Double(options.within)),
            "notSeenDays": .number(Double(options.notSeenDays)),
            "plans": .number(Double(plans)),
            "items": .array(items.map(jsonItem)),
        ]).serialized(pretty: true) + "\n"
    }

    public static func html(_ items: [CaseloadItem], options: Caseload.Options, plans: Int) -> String {
        func e(_ s: String) -> String { HTMLExport.escape(s) }
        let title = "Caseload as of \(Words.date(options.today))"
        var h = [
            "<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"generator\" content=\"careplan\">", "<title>\(e(title))</title>",
            "<style>\n\(HTMLExport.style)main.document { max-width: 70rem; }\n.overdue td:first-child { color: #9b1c1c; }\n</style>",
            "</head>", "<body>", "<main class=\"document\">", "<header>", "<h1>\(e(title))</h1>",
            "<p>\(items.count) item\(items.count == 1 ? "" : "s") from \(plans) plan\(plans == 1 ? "" : "s"), most urgent first; looking \(options.within) days ahead.</p>",
            "</header>",
        ]
        if items.isEmpty {
            h.append("<p>Nothing is due.</p>")
        } else {
            let columns = ["Date", "When", "Item", "Plan", "Client", "Where", "What"].map { HTMLExport.Column(heading: $0) }
            let rows = items.map { i in
                ["<time datetime=\"\(i.date)\">\(e(Words.shortDate(i.date)))</time>", e(when(i.days)), e(i.kind.rawValue.replacingOccurrences(of: "-", with: " ")),
                 e(i.plan), e(i.client), e(place(i)), e(i.message)]
            }
            h += HTMLExport.table(caption: "What needs doing", columns: columns, rows: rows)
        }
        h += ["</main>", "</body>", "</html>", ""]
        return h.joined(separator: "\n")
    }

    public static func ics(_ items: [CaseloadItem], options: Caseload.Options) -> String {
        let stamp = "\(ICSExport.basicDate(options.today))T000000Z"
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:\(ICSExport.productID)", "CALSCALE:GREGORIAN",
                     "X-WR-CALNAME:Caseload"]
        for (n, i) in items.enumerated() {
            let what = i.kind.rawValue.replacingOccurrences(of: "-", with: " ")
            // Something already late (or a goal behind, dated by its past reading) is to do
            // today: on its past date a calendar would file it where nobody looks. The
            // description keeps the date it fell due.
            let late = i.date < options.today
            let day = late ? options.today : i.date
            lines += [
                "BEGIN:VEVENT",
                "UID:\(ICSExport.escape("caseload-\(i.kind.rawValue)-\(i.plan.isEmpty ? "file\(n)" : i.plan)-\(i.line)-\(ICSExport.basicDate(i.date))@careplan"))",
                "DTSTAMP:\(stamp)",
                "DTSTART;VALUE=DATE:\(ICSExport.basicDate(day))",
                "DTEND;VALUE=DATE:\(ICSExport.basicDate(day.adding(days: 1)))",
                "SUMMARY:\(ICSExport.escape(Words.capitalized(what) + (i.plan.isEmpty ? "" : ": \(i.plan)") + (i.client.isEmpty ? "" : " (\(i.client))")))",
                "DESCRIPTION:\(ICSExport.escape((late ? "Dated \(i.date) (\(when(i.days))): " : "") + "\(i.message) (\(place(i)))"))",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map { ICSExport.fold($0) + "\r\n" }.joined()
    }
}
