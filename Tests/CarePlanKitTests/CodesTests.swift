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
