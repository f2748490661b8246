import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis

/// iCalendar (RFC 5545): every series of the plan's schedule as all-day events. A series that
/// repeats regularly is one VEVENT with an RRULE; any other series is one VEVENT per date.
/// CRLF line endings, lines folded at 75 octets, text escaped, UIDs from the series ids.
public enum ICSExport {
    public static let productID = "-//careplan//careplan export//EN"

    public static func render(_ plan: Plan, options: ExportOptions) -> String {
        let schedule = Timeline.of(plan, today: options.today).schedule
        let stamp = "\(basicDate(options.today))T000000Z"
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:\(productID)",
            "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:\(escape(plan.title.value))",
        ]
        // A calendar shows no notes; a de-identified one still says what was done to it, once.
        if options.deidentify { lines.append("X-WR-CALDESC:\(escape(Deidentify.notice))") }
        for s in schedule.series where !s.dates.isEmpty {
            let description = self.description(s, plan)
            if let rrule = rrule(s) {
                lines += event(uid: "\(s.id)@careplan", date: s.dates[0], stamp: stamp, series: s,
                               description: description, rrule: rrule)
            } else {
                for (n, d) in s.dates.enumerated() {
                    let uid = s.dates.count == 1 ? "\(s.id)@careplan" : "\(s.id)-\(n + 1)@careplan"
                    lines += event(uid: uid, date: d, stamp: stamp, series: s, description: description, rrule: nil)
                }
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map { fold($0) + "\r\n" }.joined()
    }

    package static func event(uid: String, date: CalendarDate, stamp: String, series s: Schedule.Series,
                      description: String, rrule: String?) -> [String] {
        var lines = [
            "BEGIN:VEVENT",
            "UID:\(escape(uid))",
            "DTSTAMP:\(stamp)",
            "DTSTART;VALUE=DATE:\(basicDate(date))",
            "DTEND;VALUE=DATE:\(basicDate(date.adding(days: 1)))",
        ]
        if let rrule { lines.append("RRULE:\(rrule)") }
        lines += [
            "SUMMARY:\(escape(s.title))",
            "DESCRIPTION:\(escape(description))",
            "CATEGORIES:\(escape(s.kind.label))",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
        return lines
    }

    /// The RRULE for a series, when RFC 5545's expansion gives exactly the series' dates.
    package static func rrule(_ s: Schedule.Series) -> String? {
        guard let rule = s.rule, s.dates.count > 1 else { return nil }
        let freq: String
        switch rule.unit {
        case .day: freq = "DAILY"
        case .week: freq = "WEEKLY"
        case .month:
            // careplan clamps "Jan 31 + 1 month" to Feb 28; RRULE would skip February instead.
            guard s.dates[0].day <= 28 else { return nil }
            freq = "MONTHLY"
        case .year, .visit: return nil
        }
        var parts = ["FREQ=\(freq)"]
        if rule.interval != 1 { parts.append("INTERVAL=\(rule.interval)") }
        if !rule.weekdays.isEmpty {
            guard rule.unit == .week, rule.interval == 1 else { return nil }
            let names = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
            parts.append("BYDAY=" + rule.weekdays.sorted().map { names[$0 - 1] }.joined(separator: ","))
        }
        parts.append("COUNT=\(rule.count)")
        return parts.joined(separator: ";")
    }

    package static func description(_ s: Schedule.Series, _ plan: Plan) -> String {
        var lines: [String] = ["Plan: \(plan.title.value)"]
        switch s.kind {
        case .session:
            if let id = s.element, let i = plan.interventions.first(where: { $0.id.value == id }) {
                let goals = i.serves.compactMap { plan.goal($0.value)?.title.value }
                if !goals.isEmpty { lines.append("For: \(goals.joined(separator: "; "))") }
                if let m = i.minutes { lines.append("\(m) minutes") }
                if !i.equipment.isEmpty { lines.append("Equipment: \(i.equipment.joined(separator: ", "))") }
            }
        case .checkin, .goalDue:
            let goals = s.reviews.compactMap { plan.goal($0)?.title.value }
            if !goals.isEmpty { lines.append("\(s.kind == .checkin ? "Review" : "Goal"): \(goals.joined(separator: "; "))") }
        case .reassessment, .recertification, .certificationEnd:
            break
        }
        return lines.joined(separator: "\n")
    }

    /// `20261102`: the DATE value form.
    package static func basicDate(_ d: CalendarDate) -> String { d.description.replacingOccurrences(of: "-", with: "") }

    /// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newline.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default:
                // Other control characters are not allowed in TEXT; drop them.
                if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Folds a content line (RFC 5545 3.1): at most 75 octets per physical line, continuation
    /// lines start with one space, and no UTF-8 sequence is split.
    public static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = ""
        var used = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if used + size > limit {
                out += "\r\n "
                used = 1
                limit = 75
            }
            out.unicodeScalars.append(scalar)
            used += size
        }
        return out
    }
}
