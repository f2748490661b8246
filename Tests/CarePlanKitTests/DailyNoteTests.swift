import Testing
@testable import CarePlanKit

/// Daily notes on visits: SOAP parts and billed services reach the model, bill by the 8-minute
/// rule, print back as careplan text and export as JSON.
@Suite struct DailyNoteTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    static let source = """
    plan kitchen "Back to cooking" {
      discipline OT
      client "Maria Lopez" { born 1954-03-12 }
      starts 2026-11-02
      goal meals "Prepare a simple hot meal" { occupation iadl; measure "steps" from 4 to 10; by 2027-01-25 }
      intervention cooking "Cooking" { type occupation; serves meals }
      checkin on 2027-01-25 { review meals }
    }
    visit kitchen on 2026-11-02 attended minutes 60 {
      service 97166 minutes 45 note "OT evaluation"
      service 97535 minutes 10
    }
    visit kitchen on 2026-11-17 attended minutes 45 {
      gave cooking
      subjective "Made tea twice"
      objective "7 of 10 steps"
      assessment "Improving"
      plan "Two-step meal next"
      service 97530 minutes 33 note "kitchen practice"
      service 97535 minutes 7
    }
    visit kitchen on 2026-11-19 attended minutes 30 { service 97999 minutes 20 }
    visit kitchen on 2026-11-20 attended minutes 30 { service 92526 minutes 20 }
    """

    @Test func soapAndServicesReachTheModelAndBill() throws {
        let c = Compilation.check(source: Self.source, today: Self.today)
        let plan = try #require(c.plans.first)
        // 97999 (unlisted service) is in the table; 92526 (swallowing) is not: one warning
        // (CP0604) saying it may still be valid; no error (the other warnings are the short
        // plan's teaching ones).
        let unknownCodes = c.diagnostics.filter { $0.code == .cptUnknown }
        #expect(unknownCodes.map(\.message) == ["CPT code `92526` is not in careplan's table (it may still be valid)"])
        #expect(!c.diagnostics.contains { $0.severity == .error }, "\(c.diagnostics.map(\.message))")
        let eval = plan.visits[0], later = plan.visits[1], unknown = plan.visits[2]
        // The evaluation is untimed (1 unit whatever its minutes); 10 timed minutes are 1 unit.
        #expect(eval.bill.lines.map(\.units) == [1, 1])
        #expect(eval.bill.units == 2 && eval.serviceMinutes == 55)
        // 33 + 7 = 40 timed minutes: 3 units, 2 to 97530 (two full 15s) and 1 to 97535.
        #expect(later.bill.lines.map(\.units) == [2, 1])
        #expect(later.bill.timedMinutes == 40 && later.bill.units == 3)
        #expect(later.soap.parts.map(\.heading) == ["Subjective", "Objective", "Assessment", "Plan"])
        #expect(later.soap.plan?.value == "Two-step meal next")
        #expect(later.services[0].note == "kitchen practice")
        // An unlisted code (97999) and an unknown one (92526) are left out of the bill: their
        // units are not computed rather than guessed.
        #expect(unknown.services.count == 1 && unknown.bill.lines.isEmpty && unknown.bill.units == 0)
        #expect(plan.visits[3].services.count == 1 && plan.visits[3].bill.lines.isEmpty)
    }

    /// The common OT/PT codes the clinical review found missing, and how careplan counts them.
    @Test func theCPTTableHasTheCommonCodes() throws {
        for code in ["97124", "97129", "97130", "97545", "97546", "97999"] { #expect(CPTCode.lookup(code) != nil, "\(code)") }
        #expect(CPTCode.lookup("97124")?.isTimed == true && CPTCode.lookup("97129")?.isTimed == true && CPTCode.lookup("97130")?.isTimed == true)
        for code in ["97999", "97545", "97546"] { #expect(CPTCode.lookup(code)?.unitsNotComputed != nil, "\(code)") }
        #expect(CPTCode.lookup("97999")?.isTimed == false)
        #expect(CPTCode.table.map(\.code) == CPTCode.table.map(\.code).sorted(), "in code order")
        #expect(CPTCode.range == "97010-97999")
        // Timed 97129 + 97130 pool their minutes like any timed codes: 15 + 15 = 2 units.
        let bill = EightMinuteRule.bill(["97129", "97130"].map { EightMinuteRule.Service(code: $0, minutes: 15, isTimed: CPTCode.lookup($0)!.isTimed) })
        #expect(bill.units == 2)
        let c = Compilation.check(source: Self.source, today: Self.today)
        let plan = try #require(c.plans.first)
        for day in [19, 20] {
            let note = try Documents.render(.dailyNote, plan: plan, format: .markdown,
                                            options: DocumentOptions(today: Self.today, visit: CalendarDate(year: 2026, month: 11, day: day)!))
            #expect(!note.contains("not billed"), "never 'not billed' for a code careplan does not count")
            #expect(note.contains("not computed"))
            if day == 20 { #expect(note.contains("not in careplan's table (it may still be valid)")) }
        }
    }

    /// Review 1 Dec, item 9: 97010 (hot or cold packs) is bundled under Medicare (the table
    /// CP0606 reads): on a Medicare plan the daily note shows it with its minutes, "bundled",
    /// 0 units and out of the total, and says why; the JSON export agrees. On a commercial
    /// plan it is an untimed code, one unit, as before.
    @Test func bundledCodeBillsNothingOnAMedicarePlan() throws {
        func plan(_ payer: String) -> String {
            """
            plan u "Units" {
              discipline PT
              payer \(payer)
              client "A B" { born 1950-01-01 }
              starts 2026-11-02
              diagnosis M17.11 "OA right knee"
              certify for 90 days signed 2026-11-03 by "Dr X"
              goal walk "Walk 400 m" { focus gait; measure "m" from 50 to 400; by start + 8 weeks }
              intervention g "Gait" { type exercise; serves walk; frequency 2 per week for 8 weeks }
              checkin every 2 weeks { review walk }
            }
            visit u on 2026-11-09 attended minutes 60 { service 97110 minutes 22; service 97010 minutes 15; service 97530 minutes 8 }
            """
        }
        let options = DocumentOptions(today: Self.today, visit: CalendarDate(year: 2026, month: 11, day: 9)!)
        let medicare = try #require(Compilation.check(source: plan("medicare-part-b"), today: Self.today).plans.first)
        // 30 timed minutes (22 + 8) are 2 units; 97010 adds none.
        #expect(medicare.visits[0].bill(medicare: true).units == 2)
        #expect(medicare.visits[0].bill(medicare: true).lines.map(\.units) == [1, 0, 1])
        let note = try Documents.render(.dailyNote, plan: medicare, format: .markdown, options: options)
        #expect(note.contains("| 97010 | Hot or cold packs | 15 | untimed, bundled | 0 |"), "\(note)")
        #expect(note.contains("| Total |  | 45 |  | 2 |"))
        #expect(note.contains("97010 (hot or cold packs, 15 min) is bundled: Medicare pays it only as part of the visit's other services, never separately (Medicare Physician Fee Schedule status indicator B), so it bills 0 units"))
        #expect(!note.contains("1 untimed code"))
        guard case .object(let doc) = JSONExport.document(medicare), case .array(let visits)? = doc["visits"],
              case .object(let v)? = visits.first, case .array(let services)? = v["services"],
              case .object(let hot)? = services.dropFirst().first else { Issue.record("no services in the JSON"); return }
        #expect(v["units"] == .number(2) && hot["units"] == .number(0) && hot["bundled"] == .bool(true))

        let commercial = try #require(Compilation.check(source: plan("commercial"), today: Self.today).plans.first)
        let paid = try Documents.render(.dailyNote, plan: commercial, format: .markdown, options: options)
        #expect(paid.contains("| 97010 | Hot or cold packs | 15 | untimed | 1 |"))
        #expect(paid.contains("| Total |  | 45 |  | 3 |"))
        #expect(!paid.contains("bundled"))
        // A plan that names no payer is read as Part B for its clocks only, not for billing.
        let unnamed = try #require(Compilation.check(source: plan("medicare-part-b").replacingOccurrences(of: "  payer medicare-part-b\n", with: ""), today: Self.today).plans.first)
        #expect(unnamed.payer == nil)
        #expect(try Documents.render(.dailyNote, plan: unnamed, format: .markdown, options: options).contains("| 97010 | Hot or cold packs | 15 | untimed | 1 |"))
    }

    /// Review 1 Dec, item 15: a Medicare visit with minutes and no services gets CP0760 from
    /// `check`, once for the plan, and its daily note does not attest to "the services recorded
    /// above" when none are: it says what is (and is not) recorded.
    @Test func visitWithoutServicesIsWarnedAndNotAttested() throws {
        let source = """
        plan k "Knee" {
          discipline PT
          payer medicare-part-b
          client "A B" { born 1950-01-01 }
          starts 2026-11-02
          diagnosis Z47.1 "Aftercare following joint replacement surgery"
          certify for 60 days signed 2026-11-03 by "Dr X"
          goal walk "Walk 400 m to the shop" { focus gait; measure "m" from 50 to 400; by start + 8 weeks }
          intervention ex "Quadriceps strengthening" { type exercise; cpt 97110; serves walk }
          frequency 2 per week for 8 weeks
          checkin every 2 weeks { review walk }
        }
        visit k on 2026-11-02 attended minutes 45 { service 97162 minutes 45 }
        visit k on 2026-11-04 attended minutes 45 { gave ex }
        visit k on 2026-11-06 attended minutes 40
        """
        let c = Compilation.check(source: source, today: Self.today)
        let warned = c.diagnostics.filter { $0.code == .visitWithoutServices }
        #expect(warned.map(\.message) == ["2 attended visits record minutes of treatment but no services: 2026-11-04 and 2026-11-06"])
        #expect(warned.first?.help == "record what was given inside each visit's braces, one CPT code a line with its minutes, e.g. `service 97110 minutes 45`")
        let plan = try #require(c.plans.first)
        func note(_ day: Int) throws -> String {
            try Documents.render(.dailyNote, plan: plan, format: .markdown,
                                 options: DocumentOptions(today: Self.today, visit: CalendarDate(year: 2026, month: 11, day: day)!))
        }
        #expect(try note(2).contains("I provided the services recorded above on 2 Nov 2026."))
        let given = try note(4)
        #expect(!given.contains("I provided the services recorded above"))
        #expect(given.contains("I provided the interventions recorded above on 4 Nov 2026; no services (CPT codes and minutes) are recorded for them."))
        #expect(given.contains("No services recorded for this visit. A Medicare treatment note names each service provided and billed"))
        let bare = try note(6)
        #expect(!bare.contains("I provided"))
        #expect(bare.contains("I saw the client on 6 Nov 2026; no services or interventions are recorded for this visit."))
        // Another payer's visit is not checked by this Medicare rule.
        let commercial = Compilation.check(source: source.replacingOccurrences(of: "medicare-part-b", with: "commercial"), today: Self.today)
        #expect(!commercial.diagnostics.contains { $0.code == .visitWithoutServices })
    }

    @Test func notesPrintBackAndExport() throws {
        let c = Compilation.check(source: Self.source, today: Self.today)
        let plan = try #require(c.plans.first)
        let printed = PlanPrinter.plan(plan)
        #expect(printed.contains("plan \"Two-step meal next\""))
        #expect(printed.contains("service 97530 minutes 33 note \"kitchen practice\""))
        let again = Compilation.check(source: printed, today: Self.today)
        let replan = try #require(again.plans.first)
        #expect(replan.visits.map(\.bill) == plan.visits.map(\.bill))
        #expect(replan.visits[1].soap.parts.map(\.text) == plan.visits[1].soap.parts.map(\.text))
        guard case .object(let doc) = JSONExport.document(plan), case .array(let visits)? = doc["visits"],
              case .object(let v)? = visits.dropFirst().first else { Issue.record("no visits in the JSON"); return }
        #expect(v["units"] == .number(3))
        guard case .array(let services)? = v["services"], case .object(let first)? = services.first else { Issue.record("no services"); return }
        #expect(first["units"] == .number(2) && first["timed"] == .bool(true) && first["display"] == .string("Therapeutic activities"))
        guard case .object(let soap)? = v["soap"] else { Issue.record("no soap"); return }
        #expect(soap["plan"] == .string("Two-step meal next"))
    }

    @Test func planInsideAVisitIsTheNotesPlanNotADeclaration() {
        // At the top level `plan` declares a plan; inside a visit it is the note's plan.
        let c = Compilation.check(source: Self.source, today: Self.today)
        #expect(c.plans.count == 1)
        // Inside a goal, `plan` is still misplaced (plans are declared at the top level).
        let bad = Compilation.check(source: "plan a \"A\" {\n  goal g \"G\" {\n    plan \"x\"\n  }\n}\n", today: Self.today)
        #expect(bad.diagnostics.contains { $0.code == .misplacedStatement })
    }
}
