import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis

/// Whether each discharge criterion of a plan was met, as far as the plan's own data shows
/// (the discharge summary prints one line per criterion; a reviewer asks of each "met?").
///
/// A criterion is free text ("Cooks and types for an hour without wrist pain"), so careplan
/// judges it only through the goals it plainly describes: a goal whose title and condition
/// share at least two content words with it (after folding plurals and endings: "types" and
/// "type", "reaches" and "reach"), or every goal for a criterion about all goals ("All goals
/// met"). A goal counts as met when it was closed achieved on or before the discharge date,
/// or, still open, when its readings had reached the target by then.
///
/// - Any such goal not met: **not met**, naming it and how it ended (a criterion that needs
///   two things is not met when one of them is not).
/// - All met, and every content word of the criterion found in those goals (or in the assist
///   level they reached: "independently"): **met**, naming the goals.
/// - All met but part of the criterion is not in them: **partly assessed**: the goals met,
///   then the rest left to the therapist.
/// - No goal describes it: **not assessed by careplan: the therapist confirms.** Nothing is
///   guessed: a criterion careplan cannot read is said to be one.
package enum DischargeCriterionCheck {
    package enum Verdict: Equatable { case met, notMet, partly, notAssessed }

    package struct Result {
        package var criterion: String
        package var verdict: Verdict
        /// The goals it was judged by, in plan order.
        package var goals: [String]
        /// The sentence the discharge summary prints.
        package var line: String
    }

    /// The plan's criteria, each judged on `discharged` (`figures` are the goals' figures on
    /// that day, as the summary computed them).
    package static func check(_ plan: Plan, _ t: Timeline, _ figures: [GoalFigures], discharged: CalendarDate) -> [Result] {
        plan.care.dischargeCriteria.map { check($0, plan, t, figures, discharged: discharged) }
    }

    package static func check(_ criterion: String, _ plan: Plan, _ t: Timeline, _ figures: [GoalFigures], discharged: CalendarDate) -> Result {
        let words = contentWords(criterion)
        let quoted = "\u{201C}\(criterion)\u{201D}"
        let started = figures.filter { f in t.life(of: f.goal.id.value).map { $0.start <= discharged } ?? false }
        let raw = Set(criterion.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        let aboutAll = !raw.isDisjoint(with: ["goal", "goals"]) && !raw.isDisjoint(with: ["all", "every", "each"])
        var matched: [GoalFigures]
        if aboutAll {
            matched = started
        } else {
            matched = started.filter { f in words.intersection(goalWords(f.goal)).count >= 2 }
        }
        guard !matched.isEmpty else {
            return Result(criterion: criterion, verdict: .notAssessed, goals: [],
                          line: "\(quoted): not assessed by careplan (no goal in the plan describes it): the therapist confirms.")
        }
        var met: [String] = [], notMet: [String] = []
        for f in matched {
            let id = f.goal.id.value
            let life = t.life(of: id)
            if let end = life?.end, let how = life?.closure {
                if how == .achieved && f.missesATarget(plan, on: end) { notMet.append("\(id) \(GoalFigures.closedBelowTargetWords(on: end))" + final(f)) }
                else if how == .achieved { met.append("\(id) met on \(Words.shortDate(end))") }
                else { notMet.append("\(id) \(how.rawValue) on \(Words.shortDate(end))" + final(f)) }
            } else if f.targetsMetNotClosed(t), let latest = f.progress.latest {
                met.append("\(id) at its target by its reading of \(Words.shortDate(latest.date)), not closed")
            } else {
                notMet.append("\(id) open at discharge" + final(f))
            }
        }
        let ids = matched.map(\.goal.id.value)
        if !notMet.isEmpty {
            return Result(criterion: criterion, verdict: .notMet, goals: ids,
                          line: "\(quoted): not met: goal \(notMet.joined(separator: "; goal "))" + (met.isEmpty ? "" : " (goal \(met.joined(separator: "; goal ")))") + ".")
        }
        let covered = matched.reduce(into: Set<String>()) { $0.formUnion(goalWords($1.goal)) }
        let rest = aboutAll ? [] : words.subtracting(covered)
        if rest.isEmpty {
            return Result(criterion: criterion, verdict: .met, goals: ids,
                          line: "\(quoted): met, as the plan's goals show: goal \(met.joined(separator: "; goal ")).")
        }
        return Result(criterion: criterion, verdict: .partly, goals: ids,
                      line: "\(quoted): partly assessed: goal \(met.joined(separator: "; goal ")); the rest is not assessed by careplan: the therapist confirms.")
    }

    /// "; final 4 points (9 Nov 2026), target 1 point" for a goal with a measure.
    static func final(_ f: GoalFigures) -> String {
        guard let m = f.goal.measure, let latest = f.progress.latest else { return "" }
        return " (final \(f.value(latest.value)) on \(Words.shortDate(latest.date)), target \(f.value(m.target.value)))"
    }

    /// A goal's words: its title, its condition, and the assist level it aims at (so
    /// "independently" in a criterion is found in a goal whose target is independent).
    static func goalWords(_ g: Goal) -> Set<String> {
        var w = contentWords(g.title.value + " " + (g.condition ?? ""))
        if let to = g.assistTo?.value { w.formUnion(contentWords(GoalFigures.assistWords(to))) }
        return w
    }

    /// Words that carry meaning, folded: lower case, split at anything not a letter (so
    /// "shoulder-height" is two words), without short and common words and numbers, and with
    /// plural and verb endings folded ("reaches", "reaching" -> "reach"; "types", "type" -> "typ").
    static func contentWords(_ text: String) -> Set<String> {
        var out = Set<String>()
        for raw in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
            guard raw.count >= 3, !stopWords.contains(String(raw)) else { continue }
            out.insert(fold(String(raw)))
        }
        return out
    }

    static func fold(_ word: String) -> String {
        var w = word
        func drop(_ suffix: String, keep: Int) -> Bool {
            guard w.hasSuffix(suffix), w.count - suffix.count >= keep else { return false }
            w.removeLast(suffix.count)
            return true
        }
        if drop("ies", keep: 3) { w += "y" } else if drop("es", keep: 3) {} else if !w.hasSuffix("ss") { _ = drop("s", keep: 3) }
        if !drop("ing", keep: 3) { _ = drop("ed", keep: 3) }
        _ = drop("ly", keep: 4)
        _ = drop("e", keep: 3)
        return w
    }

    static let stopWords: Set<String> = [
        "the", "and", "for", "with", "without", "her", "his", "their", "them", "she", "they", "from", "into", "onto",
        "than", "more", "less", "own", "can", "will", "able", "client", "over", "under", "above", "below", "out", "least",
        "most", "each", "every", "all", "per", "any", "when", "while", "who", "this", "that", "has", "have", "are", "was", "not", "but",
    ]
}
