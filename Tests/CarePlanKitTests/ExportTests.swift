import Foundation
import Testing
@testable import CarePlanKit

/// Unit tests for the exports' building blocks: ids, ICS folding and escaping, FHIR timing,
/// de-identification, escaping in the plain-language formats, and the JSON Schema's enums.
@Suite struct ExportTests {
    static let today = CalendarDate(iso: "2026-11-29")!
    static let span = Span(file: SourceFile(name: "<test>", text: ""), start: 0, end: 0)

    static func plan(_ source: String) throws -> Plan {
        let c = Compilation.check(source: source, today: today)
        #expect(!c.diagnostics.hasErrors, "\(DiagnosticRenderer.render(c.diagnostics))")
        return try #require(c.plans.first)
    }

    static let kitchen = """
        plan kitchen "Cooking; again, <safely> & \\"soon\\"" {
          discipline OT
          client "Maria Lopez" {
            born 1954-03-12
            gender female
            referral "Stroke on 2026-10-02"
          }
          clinician "A. Chen, OTR/L"
          starts 2026-11-02
          goal meals "Prepare a simple hot meal" {
            occupation iadl
            assist from moderate to independent
            condition "using labelled cabinets"
            measure "steps done without cues" from 4 to 10
            by 2027-01-25
          }
          intervention practice "Kitchen practice" {
            type occupation
            serves meals
            frequency 2 per week for 8 weeks
            minutes 45
          }
          checkin every 2 weeks from 2026-11-16 until 2027-01-25 { review meals }
          progress on 2026-11-16 { meals 6 assist minimal }
        }
        """

    // MARK: Ids

    @Test func sha1KnownVectors() {
        func hex(_ s: String) -> String { SHA1.hash(Array(s.utf8)).map { String(format: "%02x", $0) }.joined() }
        #expect(hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(hex(String(repeating: "a", count: 1000)) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
    }

    @Test func uuid5MatchesRFC9562() {
        // Python: uuid.uuid5(uuid.NAMESPACE_URL, name).
        #expect(StableID.uuid5("careplan:kitchen:careplan") == "fe8d2fba-fa17-56a2-88e7-8d4e25757bed")
        #expect(StableID.uuid5("careplan:kitchen:goal:meals") == "903799e0-9a43-5b86-a9ea-720e657e8101")
        #expect(StableID.uuid5("") == "1b4db7eb-4057-5ddf-91e0-36dec72071f5")
        #expect(StableID.urn("x").hasPrefix("urn:uuid:"))
    }

    @Test func fhirIdsAreStableAndDistinct() throws {
        let p = try Self.plan(Self.kitchen)
        let a = try Exporter.render(p, as: .fhir, options: ExportOptions(today: Self.today))
        let b = try Exporter.render(p, as: .fhir, options: ExportOptions(today: CalendarDate(iso: "2027-03-01")!))
        func ids(_ s: String) -> [String] {
            s.components(separatedBy: "\"fullUrl\": \"").dropFirst().map { String($0.prefix(45)) }
        }
        #expect(ids(a) == ids(b), "ids do not depend on the date of export")
        #expect(Set(ids(a)).count == ids(a).count, "one id per resource")
        #expect(a.contains("urn:uuid:fe8d2fba-fa17-56a2-88e7-8d4e25757bed"))
        #expect(a.contains("urn:uuid:903799e0-9a43-5b86-a9ea-720e657e8101"))
    }

    // MARK: FHIR

    @Test func fhirTimingForTwicePerWeekForEightWeeks() throws {
        let f = Frequency(times: 2, period: Duration(1, .week), length: Duration(8, .week), span: Self.span)
        let schedule = Schedule(plan: "p", start: nil, end: nil, series: [])
        let timing = FHIRExport.timing(f, minutes: nil, schedule: schedule, dates: nil)
        #expect(timing.serialized(pretty: false) ==
            #"{"repeat":{"boundsDuration":{"code":"wk","system":"http://unitsofmeasure.org","unit":"wk","value":8},"frequency":2,"period":1,"periodUnit":"wk"}}"#)
        let visits = Frequency(times: 2, period: Duration(1, .week), length: Duration(12, .visit), span: Self.span)
        #expect(FHIRExport.timing(visits, minutes: 45, schedule: schedule, dates: nil).serialized(pretty: false) ==
            #"{"repeat":{"count":12,"duration":45,"durationUnit":"min","frequency":2,"period":1,"periodUnit":"wk"}}"#)
    }

    @Test func fhirGoalStatusesFollowClosuresAndProgress() throws {
        let p = try Self.plan(Self.kitchen)
        let goal = FHIRExport.goal(p.goals[0], p, Timeline.of(p, today: Self.today), GoalReadings(p.goals[0], in: p, asOf: Self.today))
        #expect(goal["lifecycleStatus"] == "active")
        // One reading (6) above the baseline (4): the trend is already "improving".
        #expect(goal["achievementStatus"]?.serialized(pretty: false).contains(#""code":"improving""#) == true)
        var closed = p
        closed.closures.append(Closure(goal: Located("meals", Self.span), status: .achieved,
                                       date: Located(CalendarDate(iso: "2026-11-20")!, Self.span), reason: nil, span: Self.span))
        let done = FHIRExport.goal(closed.goals[0], closed, Timeline.of(closed, today: Self.today), GoalReadings(closed.goals[0], in: closed, asOf: Self.today))
        #expect(done["lifecycleStatus"] == "completed")
        #expect(done["achievementStatus"]?.serialized(pretty: false).contains(#""code":"achieved""#) == true)
        var fresh = p
        fresh.progress = []
        #expect(FHIRExport.goal(fresh.goals[0], fresh, Timeline.of(fresh, today: Self.today), GoalReadings(fresh.goals[0], in: fresh, asOf: Self.today))["achievementStatus"] == nil,
                "no achievementStatus without progress")
    }

    // MARK: ICS

    @Test func icsEscapesText() {
        #expect(ICSExport.escape(#"a\b;c,d"# + "\ne") == #"a\\b\;c\,d\ne"#)
        #expect(ICSExport.escape("tab\there\r\n") == "tab\there\\n")
    }

    @Test func icsFoldsAt75OctetsOnScalarBoundaries() {
        let ascii = "DESCRIPTION:" + String(repeating: "x", count: 200)
        let folded = ICSExport.fold(ascii)
        let lines = folded.components(separatedBy: "\r\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(lines.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == ascii)

        // Two- and four-byte scalars placed across the 75th octet are never split.
        for pad in 0..<4 {
            let text = "SUMMARY:" + String(repeating: "a", count: 64 + pad) + "ééé😀😀 Zoë Søndergaard 😀 " + String(repeating: "ø", count: 60)
            let out = ICSExport.fold(text)
            var unfolded = ""
            for (i, physical) in out.components(separatedBy: "\r\n").enumerated() {
                #expect(physical.utf8.count <= 75)
                // Each physical line is whole UTF-8 (String(validating:) fails on a split sequence).
                #expect(String(validating: Array(physical.utf8), as: UTF8.self) != nil)
                unfolded += i == 0 ? physical : String(physical.dropFirst())
            }
            #expect(unfolded == text)
        }
        #expect(ICSExport.fold("SHORT:line") == "SHORT:line")
    }

    @Test func icsUsesCRLFAndStableUIDs() throws {
        let p = try Self.plan(Self.kitchen)
        let ics = try Exporter.render(p, as: .ics, options: ExportOptions(today: Self.today))
        let bytes = Array(ics.utf8)
        for (i, b) in bytes.enumerated() where b == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D, "bare LF at byte \(i)") }
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ics.contains("UID:kitchen-practice-sessions@careplan\r\n"))
        #expect(ics.contains("RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=16\r\n"))
        #expect(ics.contains("RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6\r\n"))
        #expect(ics.contains("DTSTAMP:20261129T000000Z\r\n"))
        #expect(ics.contains("X-WR-CALNAME:Cooking\\; again\\, <safely> & \"soon\"\r\n"))
    }

    @Test func icsMonthlyOnTheThirtyFirstIsExpandedNotRuled() {
        let s = Schedule.Series(id: "p-checkin-1", kind: .checkin, title: "Check-in", element: nil,
                                dates: [CalendarDate(iso: "2027-01-31")!, CalendarDate(iso: "2027-02-28")!],
                                rule: Schedule.Rule(unit: .month, interval: 1, weekdays: [], count: 2), reviews: [])
        #expect(ICSExport.rrule(s) == nil, "RRULE would skip February; careplan clamps to the 28th")
    }

    // MARK: De-identification

    @Test func deidentifyShiftsEveryDateByWholeWeeks() throws {
        let p = try Self.plan(Self.kitchen)
        let offset = Deidentify.offsetDays(forPlan: "kitchen")
        #expect(offset % 7 == 0 && offset <= -26 * 7 && offset >= -104 * 7)
        #expect(Deidentify.offsetDays(forPlan: "kitchen") == offset, "deterministic")
        let d = Deidentify.plan(p)
        #expect(d.client?.name.value == "")
        #expect(d.client?.born == nil)
        #expect(d.clinician == nil)
        #expect(d.start?.value == p.start!.value.adding(days: offset))
        #expect(d.goals[0].due?.value == p.goals[0].due!.value.adding(days: offset))
        #expect(d.progress[0].date.value == p.progress[0].date.value.adding(days: offset))
        #expect(d.checkins[0].from == p.checkins[0].from!.adding(days: offset))
        #expect(d.start!.value.weekday == p.start!.value.weekday)
        #expect(d.client?.referral == Deidentify.withheld, "free text is withheld, not scrubbed")
        // The schedule keeps its shape: same counts, same gaps.
        let before = Schedule.of(p).events(), after = Schedule.of(d).events()
        #expect(before.count == after.count)
        #expect(zip(before, after).allSatisfy { $0.date.adding(days: offset) == $1.date })
    }

    @Test func deidentifiedExportsCarryNoNameOrBirthDate() throws {
        let p = try Self.plan(Self.kitchen)
        for format in ExportFormat.allCases {
            let out = try Exporter.render(p, as: format, options: ExportOptions(today: Self.today, deidentify: true))
            #expect(!out.contains("Maria"), "\(format)")
            #expect(!out.contains("Lopez"), "\(format)")
            #expect(!out.contains("1954"), "\(format)")
            #expect(!out.contains("Chen"), "\(format)")
            #expect(!out.contains("2026-11-02") && !out.contains("20261102"), "\(format): the start date is shifted")
        }
        let fhir = try Exporter.render(p, as: .fhir, options: ExportOptions(today: Self.today, deidentify: true))
        #expect(!fhir.contains("birthDate"))
        #expect(fhir.contains("\"gender\": \"female\""))
    }

    @Test func deidentifiedPlanOfCareLosesNamesAndShiftsDates() throws {
        let text = Self.kitchen.replacingOccurrences(of: "  starts 2026-11-02\n", with: """
              starts 2026-11-02
              signed by "A. Chen, OTR/L" on 2026-11-02
              precaution "Right shoulder: no overhead reaching" until 2026-12-14
              trained "Jorge Ruiz" as carer for "kettle tipper" on 2026-11-16

            """)
        let p = try Self.plan(text)
        #expect(p.care.signatures.count == 1 && p.care.trained.count == 1 && p.care.precautions.count == 1)
        let offset = Deidentify.offsetDays(forPlan: "kitchen")
        for format in [ExportFormat.json, .markdown, .html] {
            let out = try Exporter.render(p, as: format, options: ExportOptions(today: Self.today, deidentify: true))
            for word in ["Chen", "Jorge", "Ruiz", "2026-11-16", "2026-12-14", "16 Nov 2026", "14 Dec 2026"] {
                #expect(!out.contains(word), "\(format) still has \(word)")
            }
        }
        let d = Deidentify.plan(p)
        #expect(d.care.signatures[0].date.value == CalendarDate(iso: "2026-11-02")!.adding(days: offset))
        #expect(d.care.precautions[0].until == CalendarDate(iso: "2026-12-14")!.adding(days: offset))
        #expect(d.care.trained[0].name == "a carer")
    }

    /// Safe Harbor (45 CFR 164.514(b)(2)) covers relatives' names too; free text that names
    /// one ("Daughter Claire") is withheld in every format, and each format says so once.
    @Test func deidentifiedExportsWithholdFreeTextNamingARelative() throws {
        let claire = """
            plan family "Home with Claire" {
              discipline OT
              client "Maria Lopez" {
                born 1954-03-12
                referral "Fell at Claire's house"
                history "Lives near daughter Claire"
              }
              clinician "A. Chen, OTR/L"
              starts 2026-11-02
              description "Claire wants her mother home"
              diagnosis "Fall at Claire's house"
              note "Daughter Claire attended"
              prior-level "Minded Claire's children"
              rehab-potential good because "Claire helps daily"
              discharge-criteria "Cooks for Claire"
              discharge-plan "Home with Claire"
              trained "Bob Dunn" as family for "Claire's kettle" on 2026-11-16
              assess {
                observe "Makes tea": "Claire prompted twice"
                interview "Wants to cook for Claire"
              }
              goal meals "Make tea in Bob's kitchen" {
                occupation iadl
                assist from moderate to independent
                by 2027-01-25
                note "Claire's idea"
              }
              intervention practice "Kitchen practice" {
                type occupation
                serves meals
                frequency 2 per week for 8 weeks
                note "With Claire"
              }
              visit on 2026-11-03 attended minutes 45 {
                gave practice
                note "Daughter Claire attended"
                subjective "Claire says she is tired"
                objective "Claire watched"
                assessment "Claire helps"
                plan "Ask Claire"
                service 97535 minutes 45 note "Claire present"
              }
              visit on 2026-11-10 cancelled because "Claire's wedding"
              progress on 2026-11-16 { meals assist minimal note "Claire says better"; note "Claire" }
              close meals achieved on 2026-11-20 because "Claire confirms"
            }
            """
        let p = try Self.plan(claire)
        for format in ExportFormat.allCases {
            let plain = try Exporter.render(p, as: format, options: ExportOptions(today: Self.today))
            #expect(plain.contains("Claire"), "\(format): the test plan shows Claire when not de-identified")
            let out = try Exporter.render(p, as: format, options: ExportOptions(today: Self.today, deidentify: true))
            for word in ["Claire", "Bob", "Dunn", "Maria", "Chen"] {
                #expect(!out.contains(word), "\(format) still has \(word)")
            }
            let notice = format == .ics ? ICSExport.escape(Deidentify.notice) : Deidentify.notice
            #expect(out.replacingOccurrences(of: "\r\n ", with: "").contains(notice.prefix(40)), "\(format) says it is de-identified")
        }
        let json = try Exporter.render(p, as: .json, options: ExportOptions(today: Self.today, deidentify: true))
        #expect(json.contains(Deidentify.withheld))
        #expect(json.contains("Make tea in the family's kitchen"), "a kept title loses the trained person's name")
    }

    @Test func namesInFreeTextAreReplaced() {
        #expect(Deidentify.nameWords("A. Chen, OTR/L") == ["Chen"])
        #expect(Deidentify.nameWords("Tomás O'Brien-Ngata") == ["O'Brien-Ngata", "O'Brien", "Ngata", "Tomás"])
        let pairs = Deidentify.nameWords("Zoë Kowalczyk").map { ($0, "the client") }
        #expect(Deidentify.replacingWords(pairs, in: "Zoë's plan; Zoëtrope; ask Kowalczyk") == "the client's plan; Zoëtrope; ask the client")
    }

    @Test func shiftDatesInTextLeavesOtherNumbersAlone() {
        #expect(Deidentify.shiftDates(in: "on 2026-10-02, ref 12026-10-02x, 2026-02-30", by: -7)
                == "on 2026-09-25, ref 12026-10-02x, 2026-02-30")
    }

    // MARK: Plain language

    @Test func markdownAndHTMLEscapeText() throws {
        let p = try Self.plan(Self.kitchen)
        let md = try Exporter.render(p, as: .markdown, options: ExportOptions(today: Self.today))
        #expect(md.hasPrefix(#"# Cooking; again, \<safely\> \& "soon""#))
        let html = try Exporter.render(p, as: .html, options: ExportOptions(today: Self.today))
        #expect(html.contains("<h1>Cooking; again, &lt;safely&gt; &amp; &quot;soon&quot;</h1>"))
        #expect(!html.contains("<safely>"))
    }

    @Test func plainLanguageUsesEverydayWordsAndUpcomingDates() throws {
        let p = try Self.plan(Self.kitchen)
        let md = try Exporter.render(p, as: .markdown, options: ExportOptions(today: Self.today))
        #expect(md.contains("An occupational therapy plan for Maria Lopez."))
        #expect(md.contains("Instrumental activities of daily living"))
        #expect(md.contains("with some help (does half to three quarters)"))
        #expect(md.contains("2 times a week for 8 weeks, 45 minutes each time"))
        #expect(md.contains("**Monday 14 December 2026** (in about 2 weeks): Check-in on how things are going: Prepare a simple hot meal"))
        #expect(md.contains("Next session: Tuesday 1 December 2026 (in 2 days)."))  // Tue and Thu: two a week, no named days
    }

    @Test func htmlIsSelfContainedWithAnAccessibleChart() throws {
        let p = try Self.plan(Self.kitchen)
        let html = try Exporter.render(p, as: .html, options: ExportOptions(today: Self.today))
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("@media print"))
        for external in ["<script", "<link", "src=", "url(", "@import"] { #expect(!html.contains(external), "\(external)") }
        let withoutSVGNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutSVGNamespace.contains("http"))
        // Drawn twice, wide (screen and print) and narrow (phones), each with its own title id.
        #expect(html.contains("<svg class=\"chart wide\""))
        #expect(html.contains("<svg class=\"chart narrow\""))
        #expect(html.contains("<title id=\"chart-meals-narrow-title\">"))
        #expect(html.contains("@media (max-width: 44rem)"))
        #expect(html.contains("role=\"img\""))
        #expect(html.contains("<title id=\"chart-meals-title\">Progress chart, steps done without cues: 4 at the start (2 Nov 2026), 6 on 16 Nov 2026; target 10 by 25 Jan 2027.</title>"))
        #expect(html.contains("aria-label=\"Progress chart, steps done without cues:"))
    }

    @Test func noChartWithoutProgress() throws {
        var p = try Self.plan(Self.kitchen)
        p.progress = []
        let html = try Exporter.render(p, as: .html, options: ExportOptions(today: Self.today))
        #expect(!html.contains("<svg"))
    }

    @Test func relativeDates() {
        let t = Self.today
        #expect(Words.relative(from: t, to: t) == "today")
        #expect(Words.relative(from: t, to: t.adding(days: 1)) == "tomorrow")
        #expect(Words.relative(from: t, to: t.adding(days: 5)) == "in 5 days")
        #expect(Words.relative(from: t, to: t.adding(days: 14)) == "in 2 weeks")
        #expect(Words.relative(from: t, to: t.adding(days: 17)) == "in about 2 weeks")
        #expect(Words.relative(from: t, to: t.adding(days: 90)) == "in about 3 months")
        #expect(Words.relative(from: t, to: t.adding(days: -13)) == "13 days ago")
        #expect(Words.date(t) == "Sunday 29 November 2026")
    }

    // MARK: JSON Schema

    /// The schema's enumerations are the vocabularies, so a new word cannot be forgotten there.
    @Test func schemaEnumsMatchVocabularies() throws {
        let url = GoldenFile.packageRoot.appendingPathComponent("schema/careplan-1.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let defs = try #require(schema["$defs"] as? [String: Any])
        func enumOf(_ name: String) -> [String] { ((defs[name] as? [String: Any])?["enum"] as? [String]) ?? [] }
        #expect(enumOf("discipline") == Discipline.spellings)
        #expect(enumOf("planStatus") == PlanStatus.spellings)
        #expect(enumOf("gender") == Gender.spellings)
        #expect(enumOf("setting") == Setting.spellings)
        #expect(enumOf("occupation") == OccupationArea.spellings)
        #expect(enumOf("assist") == AssistLevel.spellings)
        #expect(enumOf("interventionType") == InterventionType.spellings)
        #expect(enumOf("approach") == Approach.spellings)
        #expect(enumOf("focus") == MovementFocus.spellings)
        #expect(enumOf("closureStatus") == GoalClosure.spellings)
        #expect(enumOf("durationUnit") == DurationUnit.allCases.map(\.rawValue))
        #expect(enumOf("weightBearing") == WeightBearing.spellings)
        #expect(enumOf("rehabPotential") == RehabPotential.spellings)
        #expect(enumOf("trainedRole") == TrainedRole.spellings)
        #expect(enumOf("payer") == Payer.spellings)
        #expect(enumOf("delivery") == Delivery.spellings)
        #expect(enumOf("weekday") == Weekday.spellings)
        #expect(enumOf("visitStatus") == VisitStatus.spellings)
        #expect(enumOf("precautionKind") == [Precaution.Kind.precaution, .contraindication, .weightBearing].map(\.rawValue))
        #expect((schema["properties"] as? [String: Any])?["format"] as? [String: String] == ["const": JSONExport.formatVersion])
    }
}
