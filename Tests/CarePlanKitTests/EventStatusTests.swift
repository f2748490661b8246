import CarePlanKit
import Foundation
import Testing

/// A check-in, re-assessment or clinic closure exported as a CarePlan activity is `completed`
/// only when the plan records that it took place, never because its date has passed.
struct EventStatusTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    static func source(recorded: Bool) -> String {
        """
        plan knee "Knee" {
          discipline PT
          client "Ann Lee" { born 1950-03-04 }
          starts 2026-11-02
          diagnosis Z47.1
          goal bend "Bend the knee to climb stairs" { measure "knee flexion (degrees)" from 78 to 115; by start + 6 weeks }
          goal walk "Walk to the park" { measure tug from 19 to 10; by start + 6 weeks }
          intervention gait "Gait" { type exercise; serves bend, walk }
          checkin on 2026-11-09 { review bend }
          checkin on 2026-12-14 { review bend, walk }
          reassess at 2 weeks
          closed 2026-11-26 because "Thanksgiving"
          visit on 2026-11-16 attended minutes 45 { service \(recorded ? "97164" : "97110") minutes 45 }
        }
        progress knee on 2026-11-09 {
          \(recorded ? "bend" : "walk") 90
        }
        """
    }

    /// The status of each activity whose code text is `code`, in order.
    static func statuses(_ plan: Plan, _ code: String) -> [String] {
        guard case .object(let b) = FHIRExport.bundle(plan, options: ExportOptions(today: today)), case .array(let entries)? = b["entry"] else { return [] }
        var out: [String] = []
        for case .object(let e) in entries {
            guard case .object(let r)? = e["resource"], r["resourceType"] == "CarePlan", case .array(let acts)? = r["activity"] else { continue }
            for case .object(let a) in acts {
                guard case .object(let d)? = a["detail"], case .object(let c)? = d["code"], c["text"] == .string(code),
                      case .string(let s)? = d["status"] else { continue }
                out.append(s)
            }
        }
        return out
    }

    static func plan(recorded: Bool) throws -> Plan {
        let c = Compilation.check(source: source(recorded: recorded), today: today)
        #expect(c.diagnostics.filter { $0.severity == .error }.isEmpty, "\(c.diagnostics.map(\.message))")
        return try #require(c.plans.first)
    }

    @Test func aPassedDateIsNotARecord() throws {
        let plan = try Self.plan(recorded: false)
        #expect(Self.statuses(plan, "Progress check-in") == ["unknown", "scheduled"], "a reading of another goal is not this check-in's")
        #expect(Self.statuses(plan, "Re-assessment") == ["unknown"], "a visit without a re-evaluation code")
        #expect(Self.statuses(plan, "Clinic closed") == ["scheduled"], "a closure never took place as an appointment")
        let text = FHIRExport.render(plan, options: ExportOptions(today: Self.today))
        let (back, _) = try ImportTests.reimport(text, name: "events.fhir.json")
        #expect(FHIRExport.render(back, options: ExportOptions(today: Self.today)) == text)
    }

    @Test func recordedEventsAreCompleted() throws {
        let plan = try Self.plan(recorded: true)
        #expect(Self.statuses(plan, "Progress check-in") == ["completed", "scheduled"])
        #expect(Self.statuses(plan, "Re-assessment") == ["completed"], "visit on the day billed 97164 (PT re-evaluation)")
        #expect(Self.statuses(plan, "Clinic closed") == ["scheduled"])
        let text = FHIRExport.render(plan, options: ExportOptions(today: Self.today))
        let (back, _) = try ImportTests.reimport(text, name: "events.fhir.json")
        #expect(FHIRExport.render(back, options: ExportOptions(today: Self.today)) == text)
    }
}
