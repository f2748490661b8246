import Foundation
import Testing
@testable import CarePlanKit

/// `careplan diff`: every pair of versions in Golden/diff/<pair>/ (old.careplan, new.careplan)
/// is compared as of the tests' today, and the text and JSON compared with expected.txt and
/// expected.json beside them (adding a pair = adding a folder; its goldens are written on the
/// first run, which fails until they are reviewed). The text golden is what the command
/// prints, standard output or the diagnostics, then its exit status.
@Suite struct DiffTests {
    static let today = CalendarDate(iso: "2026-11-30")!
    static let pairsDir = GoldenFile.packageRoot.appendingPathComponent("Tests/CarePlanKitTests/Golden/diff")

    static var pairs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: pairsDir.path)) ?? [])
            .filter { FileManager.default.fileExists(atPath: pairsDir.appendingPathComponent("\($0)/old.careplan").path) }
            .sorted()
    }

    /// Compares the pair's two files; names in the output are relative to the package root.
    static func compare(_ pair: String) throws -> (result: FileComparison, text: String, json: String?) {
        let dir = pairsDir.appendingPathComponent(pair)
        func source(_ name: String) throws -> SourceFile {
            let url = dir.appendingPathComponent(name)
            return SourceFile(name: url.path, bytes: Array(try Data(contentsOf: url)))
        }
        let result = FileComparison.compare(old: try source("old.careplan"), new: try source("new.careplan"), today: today)
        let root = GoldenFile.packageRoot.path + "/"
        let text: String, json: String?
        if let diff = result.diff {
            text = DiffRenderer.text(diff) + "[exit \(diff.hasChanges ? 1 : 0)]\n"
            json = DiffRenderer.json(diff).replacingOccurrences(of: root, with: "")
        } else {
            text = DiagnosticRenderer.render(result.errors) + "\n[exit 2]\n"
            json = nil
        }
        return (result, text.replacingOccurrences(of: root, with: ""), json)
    }

    struct NoDiff: Error {}
    static func diffOf(_ pair: String) throws -> PlanFileDiff {
        guard let d = try compare(pair).result.diff else { throw NoDiff() }
        return d
    }

    @Test func thereArePairsToCompare() {
        // The done-when: a re-evaluation of the knee plan, a replaced goal, a changed
        // frequency; plus a plan that did not change and a version that does not read.
        for pair in ["knee-reevaluation", "replaced-goal", "changed-frequency", "identical", "same-plan-new-layout", "parse-error"] {
            #expect(Self.pairs.contains(pair), "missing pair \(pair)")
        }
    }

    @Test(arguments: DiffTests.pairs)
    func goldenPair(pair: String) throws {
        let (_, text, json) = try Self.compare(pair)
        GoldenFile.check(text, against: Self.pairsDir.appendingPathComponent("\(pair)/expected.txt"))
        if let json { GoldenFile.check(json, against: Self.pairsDir.appendingPathComponent("\(pair)/expected.json")) }
    }

    // What each pair is there to show, so a wrong branch fails even after goldens are rewritten.

    @Test func kneeReevaluation() throws {
        let diff = try Self.diffOf("knee-reevaluation")
        let knee = try #require(diff.plans.first)
        #expect(diff.hasChanges && knee.status == .changed)
        let stairs = try #require(knee.goals.first)
        #expect(stairs.kind == .replaced && stairs.id == "stairs" && stairs.replacement?.id == "stairs-down")
        #expect(stairs.closure == GoalChange.ClosureInfo(status: "achieved", date: CalendarDate(iso: "2026-11-30")!,
                                                        reason: "climbs all 14 stairs step-over-step with one rail"))
        // pain-control was closed before and after: only its served-by list changed, which is not news.
        #expect(!knee.goals.contains { $0.id == "pain-control" })
        let bend = try #require(knee.goals.first { $0.id == "bend" })
        #expect(bend.kind == .changed)
        #expect(bend.fields.contains(FieldChange("target of \"knee flexion, right (degrees)\"", "115", "120")))
        #expect(bend.fields.contains(FieldChange("due", "2026-12-07", "2026-12-21")))
        #expect(bend.fields.contains(FieldChange("wording", "\"Bend the right knee to 115 degrees\"", "\"Bend the right knee to 120 degrees\"")))
        #expect(knee.interventions.contains { $0.kind == .removed && $0.id == "ice" })
        #expect(knee.fields.contains(FieldChange("frequency", "3 times a week for 6 weeks (Monday, Wednesday, Friday)",
                                                 "3 times a week for 8 weeks (Monday, Wednesday, Friday)")))
        #expect(knee.schedule.contains(FieldChange("last session", "2026-12-04", "2026-12-18")))
        #expect(knee.schedule.contains(FieldChange("end of care", "2026-12-07", "2026-12-21")))
        // Unchanged certification is not mentioned.
        #expect(!knee.schedule.contains { $0.field == "certification" })
        // The evaluation visit's service note was rewritten: an edit of a past record is shown.
        #expect(knee.records == [RecordChange(kind: .changed, record: "visit", date: CalendarDate(iso: "2026-10-26")!,
                                              detail: "attended, 50 minutes; edited: services"),
                                 RecordChange(kind: .added, record: "progress", date: CalendarDate(iso: "2026-11-30")!, detail: "6 goals"),
                                 RecordChange(kind: .added, record: "visit", date: CalendarDate(iso: "2026-11-30")!, detail: "attended, 45 minutes")])
    }

    @Test func replacedGoal() throws {
        let plan = try #require(try Self.diffOf("replaced-goal").plans.first)
        #expect(plan.goals.count == 1)
        let g = try #require(plan.goals.first)
        #expect(g.kind == .replaced && g.id == "bathing" && g.replacement?.id == "shower")
        #expect(g.closure?.status == "discontinued")
        // The new goal is told with the one it replaces, not again as "added".
        #expect(!plan.goals.contains { $0.kind == .added })
        #expect(plan.interventions.first?.fields.first == FieldChange("serves", "bathing", "shower"))
    }

    @Test func changedFrequency() throws {
        let plan = try #require(try Self.diffOf("changed-frequency").plans.first)
        #expect(plan.goals.isEmpty && plan.interventions.isEmpty)
        #expect(plan.fields == [FieldChange("frequency", "2 times a week for 10 weeks", "3 times a week for 10 weeks (Monday, Wednesday, Friday)")])
        // Three sessions a week reach the 10th treatment day sooner; the daily home programme
        // is not a treatment day and not a booked session.
        let sessions = try #require(plan.schedule.first { $0.field == "sessions booked" })
        #expect(sessions.before?.hasPrefix("20 ") == true && sessions.after?.hasPrefix("30 ") == true)
        let report = try #require(plan.schedule.first { $0.field == "next progress report due" })
        #expect(report.before?.hasPrefix("2026-12-24") == true && report.after?.hasPrefix("2026-12-16") == true)
    }

    @Test func identicalFiles() throws {
        let (result, text, json) = try Self.compare("identical")
        #expect(result.diff?.hasChanges == false)
        #expect(text.hasSuffix("No changes in plan structure\n[exit 0]\n"))
        #expect(json?.contains("\"changed\": false") == true)
    }

    @Test func payerAndCertification() throws {
        let plan = try #require(try Self.diffOf("payer-and-certification").plans.first)
        #expect(plan.fields.map(\.field) == ["payer", "certification", "re-certification", "diagnosis", "precaution"])
        #expect(plan.fields[3] == FieldChange("diagnosis", "\"Low back pain\"", "M54.50 \"Low back pain, unspecified\""))
        #expect(plan.schedule.contains(FieldChange("certification", "none",
                                                   "2026-11-02 to 2026-12-31; 2027-01-01 to 2027-01-30 (re-certification, not signed)")))
        let report = try #require(plan.schedule.first { $0.field == "next progress report due" })
        #expect(report.before == "none (commercial insurance has no treatment-day rule)" && report.after?.hasPrefix("2026-12-31") == true)
    }

    @Test func layoutCommentsAndOrderAreNotChanges() throws {
        let (result, text, _) = try Self.compare("same-plan-new-layout")
        let diff = try #require(result.diff)
        #expect(!diff.hasChanges)
        #expect(text.contains("No changes in plan structure\n[exit 0]"))
    }

    @Test func aVersionWithErrorsIsNotCompared() throws {
        let (result, text, json) = try Self.compare("parse-error")
        #expect(result.diff == nil && json == nil)
        #expect(result.errors.map(\.code) == [.unterminatedString])
        #expect(text.hasPrefix("Tests/CarePlanKitTests/Golden/diff/parse-error/new.careplan:26:13: error[CP0003]"))
        #expect(!text.contains("careplan diff"))
    }

    @Test(arguments: ExportGoldenTests.sources)
    func everyExampleComparedWithItselfHasNoChanges(source: String) throws {
        let url = GoldenFile.packageRoot.appendingPathComponent(source)
        let file = SourceFile(name: url.path, bytes: Array(try Data(contentsOf: url)))
        let result = FileComparison.compare(old: file, new: file, today: Self.today)
        let diff = try #require(result.diff, "\(result.errors.map(\.message))")
        #expect(!diff.hasChanges)
        #expect(DiffRenderer.text(diff).hasSuffix("No changes in plan structure\n"))
    }

    // Small cases for the kinds the pairs do not show.

    static func diff(_ old: String, _ new: String) -> PlanFileDiff? {
        FileComparison.compare(old: SourceFile(name: "old.careplan", text: old), new: SourceFile(name: "new.careplan", text: new), today: today).diff
    }

    static let base = """
        plan p "Dressing" {
          discipline OT
          client "Ana Ruiz"
          starts 2026-11-02
          payer private-pay
          diagnosis "Left hemiparesis"
          goal top "Put on a shirt" { occupation adl; assist from moderate to independent; condition "seated"; by 2026-12-28 }
          intervention practise "Dressing practice" { type occupation; serves top; frequency 1 per week for 8 weeks }
          checkin on 2026-12-28 { review top }
        }

        """

    @Test func goalAddedRemovedAndReopened() throws {
        let added = try #require(Self.diff(Self.base, Self.base.replacingOccurrences(of: "  checkin", with: """
              goal socks "Put on socks" { occupation adl; assist from maximal to minimal; condition "with a sock aid"; by 2026-12-28 }
              intervention aid "Sock aid" { type assistive-technology; serves socks }
              checkin
            """)))
        let p = try #require(added.plans.first)
        #expect(p.goals.map(\.kind) == [.added] && p.goals.first?.summary?.details.contains("assist from maximal to minimal") == true)
        #expect(p.interventions.map(\.kind) == [.added])
        let removed = try #require(Self.diff(Self.base.replacingOccurrences(of: "  checkin", with: "  goal socks \"Socks\" { occupation adl; assist from maximal to minimal; condition \"x\"; by 2026-12-28 }\n  intervention aid \"Aid\" { type assistive-technology; serves socks }\n  checkin"), Self.base))
        #expect(removed.plans.first?.goals.map(\.kind) == [.removed])
        let closed = Self.base + "close top discontinued on 2026-11-20 because \"moved away\"\n"
        let reopened = try #require(Self.diff(closed, Self.base))
        #expect(reopened.plans.first?.goals.map(\.kind) == [.reopened])
        let closing = try #require(Self.diff(Self.base, closed))
        #expect(closing.plans.first?.goals.first?.kind == .closed)
        #expect(DiffRenderer.text(closing).contains("    closed top: Put on a shirt\n      closed discontinued on 2026-11-20 because \"moved away\"\n"))
    }

    @Test func planFieldsPayerDiagnosesPrecautionsCertification() throws {
        let changed = Self.base
            .replacingOccurrences(of: "payer private-pay", with: "payer medicare-part-b\n  certify for 60 days signed 2026-11-03 by \"Dr. A\"\n  precaution \"Fall risk\"")
            .replacingOccurrences(of: "diagnosis \"Left hemiparesis\"", with: "diagnosis I69.354 \"Left hemiparesis after a stroke\"")
        let p = try #require(Self.diff(Self.base, changed)?.plans.first)
        #expect(p.fields.map(\.field) == ["payer", "certification", "diagnosis", "precaution"])
        #expect(p.fields[0] == FieldChange("payer", "private pay", "Medicare Part B (outpatient therapy)"))
        #expect(p.fields[1] == FieldChange("certification", nil, "60 days from the start, signed 2026-11-03 by Dr. A"))
        // Medicare brings the certification period and the progress-report clock.
        #expect(p.schedule.contains { $0.field == "certification" && $0.after == "2026-11-02 to 2026-12-31" })
        #expect(p.schedule.contains { $0.field == "next progress report due" && $0.before?.hasPrefix("none (") == true })
    }

    @Test func aRenamedPlanIsStillThePlan() throws {
        let p = try #require(Self.diff(Self.base, Self.base.replacingOccurrences(of: "plan p \"Dressing\"", with: "plan dressing \"Dressing\""))?.plans)
        #expect(p.map(\.status) == [.changed] && p.first?.fields == [FieldChange("plan id", "p", "dressing")])
    }

    @Test func interventionFieldsAndAPlanOnlyOnOneSide() throws {
        let changed = Self.base.replacingOccurrences(of: "serves top; frequency 1 per week for 8 weeks }",
                                                     with: "serves top; frequency 1 per week for 8 weeks; minutes 45; delivery telehealth; cpt 97535 }")
        let p = try #require(Self.diff(Self.base, changed)?.plans.first)
        #expect(p.interventions.first?.fields.map(\.field) == ["duration", "delivery", "cpt"])
        #expect(p.interventions.first?.fields.first == FieldChange("duration", nil, "45 minutes"))
        // The order goals are served in, or codes listed in, is not a change.
        let twoGoals = Self.base.replacingOccurrences(of: "  checkin", with: """
              goal socks "Put on socks" { occupation adl; assist from maximal to minimal; condition "with a sock aid"; by 2026-12-28 }
              intervention both "Both" { type occupation; serves top, socks; cpt 97535, 97530 }
              checkin
            """)
        // A goal left with nothing serving it is said on the goal.
        let unserved = try #require(Self.diff(twoGoals, twoGoals.replacingOccurrences(of: "serves top, socks;", with: "serves top;"))?.plans.first)
        #expect(unserved.goals.first { $0.id == "socks" }?.fields == [FieldChange("served by", "both", "no intervention")])
        #expect(unserved.goals.count == 1)
        let reordered = twoGoals.replacingOccurrences(of: "serves top, socks; cpt 97535, 97530", with: "serves socks, top; cpt 97530, 97535")
        #expect(Self.diff(twoGoals, reordered)?.hasChanges == false)
        let twoPlans = Self.base + "plan q \"Walking\" { discipline PT\n client \"Ben Ode\"\n starts 2026-11-02\n payer private-pay\n diagnosis \"x\" }\n"
        let added = try #require(Self.diff(Self.base, twoPlans))
        #expect(added.plans.map(\.status) == [.unchanged, .added])
        #expect(DiffRenderer.text(added).contains("plan q added: Walking\n"))
        let removed = try #require(Self.diff(twoPlans, Self.base))
        #expect(removed.plans.map(\.status) == [.unchanged, .removed])
        // An empty file (git's /dev/null for a new file) has no plans: everything is added.
        let new = try #require(Self.diff("", Self.base))
        #expect(new.plans.map(\.status) == [.added] && new.hasChanges)
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let (_, _, json) = try Self.compare("replaced-goal")
        let text = try #require(json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "careplan-diff/1")
        #expect(object["changed"] as? Bool == true && object["structureChanged"] as? Bool == true)
        let plan = try #require((object["plans"] as? [[String: Any]])?.first)
        #expect(Set(plan.keys) == ["id", "title", "status", "fields", "goals", "interventions", "schedule", "records"])
        let goal = try #require((plan["goals"] as? [[String: Any]])?.first)
        #expect(goal["change"] as? String == "replaced")
        #expect((goal["replacement"] as? [String: Any])?["id"] as? String == "shower")
        #expect((goal["closure"] as? [String: Any])?["date"] as? String == "2026-11-25")
    }
}
