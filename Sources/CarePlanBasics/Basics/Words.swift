import Foundation

/// Dates, numbers and schedules in words.
package enum Words {
    package static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    package static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]

    /// "Monday 14 December 2026".
    package static func date(_ d: CalendarDate) -> String { "\(weekdays[d.weekday - 1]) \(d.day) \(months[d.month - 1]) \(d.year)" }

    /// "14 Dec 2026".
    package static func shortDate(_ d: CalendarDate) -> String { "\(d.day) \(months[d.month - 1].prefix(3)) \(d.year)" }

    /// "today", "tomorrow", "in 5 days", "in 2 weeks", "in about 3 months"; and the past likewise.
    package static func relative(from today: CalendarDate, to d: CalendarDate) -> String {
        let days = today.days(until: d)
        let n = abs(days)
        let span: String
        switch n {
        case 0: return "today"
        case 1: return days > 0 ? "tomorrow" : "yesterday"
        case 2..<14: span = "\(n) days"
        case 14..<60: span = n % 7 == 0 ? "\(n / 7) weeks" : "about \((n + 3) / 7) weeks"
        default:
            let months = (n + 15) / 30
            span = "about \(months) month\(months == 1 ? "" : "s")"
        }
        return days > 0 ? "in \(span)" : "\(span) ago"
    }

    /// "1 event", "3 events"; `plural` for a noun that does not just take an s ("entries").
    package static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
    }

    /// Whole numbers without ".0".
    package static func number(_ v: Double) -> String { JSONValue.format(v) }

    /// "A" or "An" before a word (by its first letter; enough for the labels used here).
    package static func article(_ word: String) -> String { "aeiou".contains(word.prefix(1).lowercased()) ? "An" : "A" }

    /// The text with a full stop at the end unless it already ends a sentence.
    package static func sentence(_ s: String) -> String {
        guard let last = s.last else { return s }
        return ".!?".contains(last) ? s : s + "."
    }

    /// ["a"] -> "a"; ["a", "b"] -> "a and b"; ["a", "b", "c"] -> "a, b and c".
    package static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    package static func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
}

extension StringProtocol {
    /// The text without white space (newlines included) at either end. Foundation's
    /// `trimmingCharacters(in:)` goes through NSString on Linux: 3.9M instructions for a
    /// 300-byte REPL statement (callgrind), more than checking the goal it declares; this one
    /// reads only the white space it removes.
    package var trimmedWhitespace: SubSequence {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return self[first...last]
    }
}
