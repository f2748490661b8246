import CarePlanBasics

/// A frequency in words needs the model's `Frequency`, so it lives with the model.
extension Words {
    /// "2 times a week for 8 weeks", "every day for 6 weeks", "once every 2 weeks, 12 visits".
    package static func frequency(_ f: Frequency) -> String {
        let unit: String
        switch f.period.unit {
        case .day: unit = "day"
        case .week: unit = "week"
        case .month: unit = "month"
        case .year: unit = "year"
        case .visit: unit = "visit"
        }
        if f.isOnce { return "once" + (f.start.map { ", on \(date($0))" } ?? "") }
        var text: String
        if f.period.amount == 1 {
            text = f.times == 1 ? (unit == "day" ? "every day" : "once a \(unit)") : "\(f.times) times a \(unit)"
        } else {
            text = (f.times == 1 ? "once" : "\(f.times) times") + " every \(f.period.amount) \(unit)s"
        }
        if let l = f.length {
            text += l.unit == .visit ? ", \(l.amount) visit\(l.amount == 1 ? "" : "s") in all" : " for \(l)"
        }
        if !f.weekdays.isEmpty { text += " (\(f.weekdays.map(\.label).joined(separator: ", ")))" }
        if let from = f.start { text += ", from \(date(from))" }
        return text
    }
}
