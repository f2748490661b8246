import CarePlanBasics
import CarePlanModel
import CarePlanAnalysis

/// An intervention stopped because every goal it serves was closed (the goals' lives on the
/// timeline): one rule for every document that says what goes on. The re-certification leaves
/// it out of the treatment certified for the new period; the discharge summary leaves it out
/// of the home programme the client continues. Both list it as stopped, with the closures.
package struct StoppedIntervention {
    package let intervention: Intervention
    /// The closures that ended it, in the order it serves the goals: "pain-control achieved 16 Nov 2026".
    package let closures: [String]

    /// "Ice and elevation at home: stopped, its goal was closed (pain-control achieved 16 Nov 2026)".
    package var line: String {
        "\(intervention.title.value): stopped, its goal\(closures.count == 1 ? " was" : "s were") closed (\(closures.joined(separator: "; ")))"
    }

    /// `i` stopped when it serves at least one goal and every goal it serves was closed on or
    /// before `day`; nil when it goes on (it serves no goal, or a goal still open then).
    package static func of(_ i: Intervention, _ t: Timeline, closedBy day: CalendarDate) -> StoppedIntervention? {
        let lives = i.serves.compactMap { t.life(of: $0.value) }
        guard !i.serves.isEmpty, lives.count == i.serves.count,
              lives.allSatisfy({ l in l.end.map { $0 <= day } ?? false }) else { return nil }
        return StoppedIntervention(intervention: i, closures: lives.map { l in "\(l.goal) \(l.closure?.rawValue ?? "closed") \(Words.shortDate(l.end!))" })
    }
}
