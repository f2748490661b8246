import Testing
@testable import CarePlanKit

/// Coded data: Section GG levels, ICD-10-CM diagnoses, CPT codes.
@Suite struct CodesTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    /// CMS Section GG: 06 independent, 05 setup or clean-up, 04 supervision or touching (contact
    /// guard included), 03 partial/moderate (helper does less than half), 02 substantial/maximal,
    /// 01 dependent.
    @Test func assistLevelsMapToSectionGG() {
        let expected: [AssistLevel: String] = [
            .independent: "06", .modifiedIndependent: "06", .setup: "05", .supervision: "04", .contactGuard: "04",
            .minimal: "03", .moderate: "03", .maximal: "02", .dependent: "01",
        ]
        for level in AssistLevel.allCases { #expect(level.ggCode == expected[level], "\(level)") }
        #expect(AssistLevel.contactGuard.ggDisplay == "Supervision or touching assistance")
        #expect(AssistLevel.setup.ggLOINCAnswer == "LA27994-5")
        #expect(AssistLevel.moderate.ggLOINCAnswer == nil)
        // Most independent first: GG codes never rise as more help is needed.
        let codes = AssistLevel.allCases.map { Int($0.ggCode)! }
        #expect(codes == codes.sorted(by: >))
        #expect(AssistLevel.parse("setup") == .setup)
    }

    @Test func icdFormat() {
        for good in ["Z47.1", "I69.351", "S66.120D", "F82", "M54.50", "U07.1"] { #expect(ICD10CM.isWellFormed(good), "\(good)") }
        for bad in ["I6.9351", "169.351", "I69351", "i69.351", "Z47.", "I69.35123", "Z4"] { #expect(!ICD10CM.isWellFormed(bad), "\(bad)") }
        #expect(ICD10CM.nearest("I69.315")?.code == "I69.351")
        #expect(ICD10CM.nearest("I69351")?.code == "I69.351")
        #expect(ICD10CM.nearest("M24.541") == nil)
    }

    @Test func cptTable() {
        #expect(CPTCode.lookup("97530")?.isTimed == true)
        #expect(CPTCode.lookup("97165")?.isTimed == false)
        #expect(CPTCode.lookup("97165")?.onlyFor == .OT)
        #expect(CPTCode.lookup("97010")?.isBundled == true)
        #expect(CPTCode.isWellFormed("0001T") && !CPTCode.isWellFormed("9711"))
        // Every code of the domain reference is there, with its timing.
        for timed in ["97110", "97112", "97116", "97140", "97530", "97535", "97542", "97760", "97763"] {
            #expect(CPTCode.lookup(timed)?.isTimed == true, "\(timed)")
        }
        for untimed in ["97161", "97162", "97163", "97164", "97165", "97166", "97167", "97168", "97010"] {
            #expect(CPTCode.lookup(untimed)?.isTimed == false, "\(untimed)")
        }
    }

    @Test func codedDiagnosesAndCPTReachTheModelAndPrintBack() throws {
        let source = """
        plan knee "Knee" {
          discipline PT
          client "A" { born 1950-01-01 }
          starts 2026-11-02
          diagnosis Z47.1
          diagnosis Z96.651 "Right total knee replacement"
          diagnosis "Type 2 diabetes", "Obesity"
          goal walk "Walk" { focus gait; measure "metres" from 100 to 500; by start + 6 weeks }
          intervention gait "Gait" { type exercise; serves walk; cpt 97116, 97530 }
          checkin on 2026-12-14 { review walk }
        }
        """
        let c = Compilation.check(source: source, today: Self.today)
        #expect(c.diagnostics.filter { $0.severity == .error }.isEmpty, "\(c.diagnostics.map(\.message))")
        let plan = try #require(c.plans.first)
        #expect(plan.diagnoses.map { $0.code?.value } == ["Z47.1", "Z96.651", nil, nil])
        #expect(plan.diagnoses.map(\.text) == ["Aftercare following joint replacement surgery", "Right total knee replacement", "Type 2 diabetes", "Obesity"])
        #expect(plan.interventions[0].cpt.map(\.value) == ["97116", "97530"])
        let printed = PlanPrinter.plan(plan)
        #expect(printed.contains("diagnosis Z47.1 \"Aftercare following joint replacement surgery\""))
        #expect(printed.contains("cpt 97116, 97530"))
        let again = Compilation.check(source: printed, today: Self.today)
        #expect(again.diagnostics.filter { $0.severity == .error }.isEmpty, "\(again.diagnostics.map(\.message))")
        #expect(again.plans.first?.diagnoses.map { $0.code?.value } == ["Z47.1", "Z96.651", nil, nil])
    }
}

/// Standardised outcome measures: direction, MCID, and what status and trend make of them.
@Suite struct OutcomeMeasureTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    @Test func libraryHasTheMeasuresWithTheirDirections() {
        let lower: Set<OutcomeMeasure> = [.tug, .fiveTimesSitToStand, .nprs, .oswestry, .ndi, .quickdash]
        for m in OutcomeMeasure.allCases {
            #expect(m.info.lowerIsBetter == lower.contains(m), "\(m)")
            #expect(!m.info.mcidSource.isEmpty, "\(m) needs the source of its MCID (or why there is none)")
            #expect(m.info.range.lowerBound < m.info.range.upperBound)
            if let mcid = m.info.mcid { #expect(mcid > 0 && mcid < m.info.range.upperBound - m.info.range.lowerBound) }
        }
        #expect(OutcomeMeasure.allCases.count == 16)
        #expect(OutcomeMeasure.nprs.info.loinc == "72514-3")
        #expect(OutcomeMeasure.berg.info.range == 0...56)
        #expect(OutcomeMeasure.tenMetreWalk.info.unit == "m/s")
    }

    static func plan(measure: String, readings: [Double]) throws -> Plan {
        var source = """
        plan knee "Knee" {
          discipline PT
          client "A" { born 1950-01-01 }
          starts 2026-11-02
          diagnosis Z47.1
          goal walk "Walk to the park" { focus gait; measure \(measure); by start + 6 weeks }
          intervention gait "Gait" { type exercise; serves walk }
          checkin every 2 weeks { review walk }
        }

        """
        for (i, r) in readings.enumerated() { source += "progress knee on 2026-11-\(10 + 7 * i) { walk \(r) }\n" }
        let c = Compilation.check(source: source, today: today)
        #expect(c.diagnostics.filter { $0.severity == .error }.isEmpty, "\(c.diagnostics.map(\.message))")
        return try #require(c.plans.first)
    }

    /// On the TUG a falling time is progress, whatever the goal's numbers look like.
    @Test func statusAndTrendFollowTheMeasuresDirection() throws {
        let better = ProgressAnalysis.goals(try Self.plan(measure: "tug from 19 to 10", readings: [16, 13]), asOf: Self.today)[0]
        #expect(better.trend == .improving)
        #expect(better.status == .onTrack)
        #expect(better.improvedBeyondMCID)  // 6 s against an MCID of 3.4 s
        let worse = ProgressAnalysis.goals(try Self.plan(measure: "tug from 19 to 10", readings: [16, 18]), asOf: Self.today)[0]
        #expect(worse.trend == .worsening)
        #expect(!worse.improvedBeyondMCID)  // 1 s better than baseline: less than the MCID
        let done = ProgressAnalysis.goals(try Self.plan(measure: "tug from 19 to 10", readings: [9.5]), asOf: Self.today)[0]
        #expect(done.status == .achieved)
    }

    @Test func reportFlagsChangesBeyondTheMCID() throws {
        let report = ProgressReport.text(try Self.plan(measure: "tug from 19 to 10", readings: [16, 13]), asOf: Self.today)
        #expect(report.contains("walk: Timed Up and Go -6 since baseline (lower is better), at least the MCID of 3.4 s reported in lumbar degenerative disease"), "\(report)")
        let small = ProgressReport.text(try Self.plan(measure: "berg from 38 to 48", readings: [40]), asOf: Self.today)
        #expect(small.contains("walk: Berg Balance Scale +2 since baseline (higher is better), less than the MCID of 4 points"), "\(small)")
    }

    /// An MCID holds for the people it was measured in: the verdict names them and never calls
    /// this client's change "clinically important" on another population's threshold.
    @Test func changeVerdictsNameTheMCIDsPopulation() {
        #expect(OutcomeMeasure.chairStand.changeVerdict(5, citing: false) == "at least the MCID of 2 stands reported in hip osteoarthritis")
        #expect(OutcomeMeasure.tug.changeVerdict(-1, citing: false) == "less than the MCID of 3.4 s reported in lumbar degenerative disease")
        #expect(OutcomeMeasure.tug.changeVerdict(2, citing: false) == "no improvement")  // slower on the TUG
        #expect(OutcomeMeasure.psfs.changeVerdict(3, citing: false) == "at least the MCID of 2 points")  // the source names no population
        #expect(OutcomeMeasure.koosJR.changeVerdict(10, citing: false) == "no established MCID to compare with")
        #expect(OutcomeMeasure.nprs.changeVerdict(-3, citing: true)
                == "at least the MCID of 2 points reported in chronic pain; MCID from \(OutcomeMeasure.nprs.info.mcidSource)")
        for m in OutcomeMeasure.allCases {
            #expect(!m.changeVerdict(m.info.lowerIsBetter ? -50 : 50, citing: true).contains("clinically important"), "\(m)")
        }
    }

    @Test func printedMeasuresAndScoresCheckAgain() throws {
        let source = """
        plan knee "Knee" {
          discipline PT
          client "A" { born 1950-01-01 }
          starts 2026-11-02
          diagnosis Z47.1
          assess { score tug: 19; score "Pain (0-10)": "3 / 7" }
          goal walk "Walk to the park" { focus gait; measure tug from 19 to 10; by start + 6 weeks }
          intervention gait "Gait" { type exercise; serves walk }
        }
        """
        let plan = try #require(Compilation.check(source: source, today: Self.today).plans.first)
        let printed = PlanPrinter.plan(plan)
        #expect(printed.contains("score tug: 19"))
        #expect(printed.contains("measure tug from 19 to 10"))
        let again = try #require(Compilation.check(source: printed, today: Self.today).plans.first)
        #expect(again.goals[0].measure?.standard == .tug)
        #expect(again.assessment.scores.map(\.measure) == [.tug, nil])
    }
}

/// US Core pieces of the FHIR export that the example goldens do not all show.
@Suite struct USCoreExportTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    static func bundle(_ client: String, today: CalendarDate = today) throws -> JSONValue {
        let source = """
        plan knee "Knee" {
          discipline PT
          client \(client)
          starts 2026-11-02
          diagnosis Z47.1
          note ""
          note "   "
          goal walk "Walk to the park" { focus gait; measure tug from 19 to 10; by start + 6 weeks; note "  " }
          goal step "Step up a kerb" { focus mobility; measure "kerbs" from 0 to 4; by start + 3 weeks; supports walk }
          intervention gait "Gait" { type exercise; serves walk, step; equipment "cane", "  " }
          checkin every 2 weeks { review walk, step }
        }
        progress knee on 2026-11-16 { walk 15 note " " }
        progress knee on 2026-11-23 { step 2 }
        """
        // Checked as of the last record; exported as of `today`, which may be earlier.
        let c = Compilation.check(source: source, today: Self.today)
        #expect(c.diagnostics.filter { $0.severity == .error }.isEmpty, "\(c.diagnostics.map(\.message))")
        return FHIRExport.bundle(try #require(c.plans.first), options: ExportOptions(today: today))
    }

    static func resources(_ b: JSONValue, _ type: String) -> [[String: JSONValue]] {
        guard case .object(let o) = b, case .array(let entries)? = o["entry"] else { return [] }
        return entries.compactMap { e -> [String: JSONValue]? in
            guard case .object(let eo) = e, case .object(let r)? = eo["resource"], r["resourceType"] == .string(type) else { return nil }
            return r
        }
    }

    @Test func patientIdentifierIsTheClientsOrAMarkedGeneratedOne() throws {
        let given = try Self.resources(Self.bundle("\"Maria Lopez\" { id \"MRN-12345\" system \"http://hospital.example.org/mrn\" }"), "Patient")[0]
        #expect(given["identifier"] == .array([.object(["system": "http://hospital.example.org/mrn", "value": "MRN-12345"])]))
        #expect(given["name"] == .array([.object(["text": "Maria Lopez", "family": "Lopez", "given": .array(["Maria"])])]))
        #expect(given["gender"] == "unknown")
        let generated = try Self.resources(Self.bundle("\"Maria Lopez\""), "Patient")[0]
        guard case .array(let ids)? = generated["identifier"], case .object(let id) = ids[0] else { Issue.record("no identifier"); return }
        #expect(id["system"] == "urn:ietf:rfc:3986")
        #expect(id["type"] == .object(["text": "generated by careplan: the plan records no client identifier"]))
    }

    @Test func blankTextNeverAppearsAndFutureReadingsAreLeftOut() throws {
        let b = try Self.bundle("\"Maria Lopez\"", today: CalendarDate(year: 2026, month: 11, day: 20)!)
        let text = b.serialized(pretty: false)
        #expect(!text.contains("\"\""))
        #expect(!text.contains("\"  \"") && !text.contains("\"   \"") && !text.contains("\" \""))
        // One Observation: the reading of 2026-11-23 is after the export's today.
        let observations = Self.resources(b, "Observation")
        #expect(observations.count == 1)
        #expect(observations.first?["valueQuantity"] == .object(["value": 15, "unit": "s", "system": "http://unitsofmeasure.org", "code": "s"]))
        #expect(Self.resources(b, "DeviceRequest").count == 1)
    }

    @Test func longTermGoalListsItsShortTermGoalAsAMilestone() throws {
        let b = try Self.bundle("\"Maria Lopez\"")
        let goals = Self.resources(b, "Goal")
        let walk = try #require(goals.first { $0["description"] == .object(["text": "Walk to the park"]) })
        let step = try #require(goals.first { $0["description"] == .object(["text": "Step up a kerb"]) })
        #expect(step["extension"] == nil)
        guard case .array(let ext)? = walk["extension"], case .object(let rel) = ext[0], case .array(let parts)? = rel["extension"] else {
            Issue.record("no goal-relationship on the long-term goal"); return
        }
        #expect(rel["url"] == "http://hl7.org/fhir/StructureDefinition/goal-relationship")
        #expect(parts.count == 2)
        #expect(parts[1] == .object(["url": "target", "valueReference": .object(["reference": .string(StableID.urn("careplan:knee:goal:step"))])]))
        #expect(walk["category"].map { "\($0)".contains("physiotherapy") } == true)
    }
}
