import CarePlanKit
import Testing

/// The 8-minute rule (CMS Claims Processing Manual ch. 5 §20.2) at its boundaries, with codes
/// sharing minutes as in CMS's own examples, and untimed codes counted once.
struct EightMinuteRuleTests {
    typealias S = EightMinuteRule.Service

    @Test(arguments: [(0, 0), (7, 0), (8, 1), (15, 1), (22, 1), (23, 2), (37, 2), (38, 3), (52, 3), (53, 4), (67, 4), (68, 5)])
    func unitsAtTheBoundaries(minutes: Int, units: Int) {
        #expect(EightMinuteRule.units(timedMinutes: minutes) == units)
        // One timed code alone gets them all.
        #expect(EightMinuteRule.bill([S(code: "97110", minutes: minutes, isTimed: true)]).lines.map(\.units) == [units])
    }

    @Test func twoCodesShareTheTotal() {
        // CMS: 33 min therapeutic exercise + 7 min manual therapy = 40 min = 3 units:
        // 2 full units of 97110 (3 min left over), and the third to 97140 (7 min left over).
        let a = EightMinuteRule.bill([S(code: "97110", minutes: 33, isTimed: true), S(code: "97140", minutes: 7, isTimed: true)])
        #expect(a.lines.map(\.units) == [2, 1])
        #expect(a.timedMinutes == 40 && a.timedUnits == 3)
        // CMS: 24 min 97112 + 23 min 97110 = 47 min = 3 units: 1 + 1 full, the third to 97112 (9 > 8 left over).
        let b = EightMinuteRule.bill([S(code: "97112", minutes: 24, isTimed: true), S(code: "97110", minutes: 23, isTimed: true)])
        #expect(b.lines.map(\.units) == [2, 1])
        // 7 + 7 = 14 min = 1 unit: neither code reaches 8 alone, the total does; a tie goes to the first written.
        let c = EightMinuteRule.bill([S(code: "97530", minutes: 7, isTimed: true), S(code: "97535", minutes: 7, isTimed: true)])
        #expect(c.lines.map(\.units) == [1, 0])
        // 5 + 6 = 11 min = 1 unit, to the code with more minutes even though it is written second.
        let d = EightMinuteRule.bill([S(code: "97530", minutes: 5, isTimed: true), S(code: "97535", minutes: 6, isTimed: true)])
        #expect(d.lines.map(\.units) == [0, 1])
        // 4 + 3 = 7 min: nothing billed.
        let e = EightMinuteRule.bill([S(code: "97110", minutes: 4, isTimed: true), S(code: "97140", minutes: 3, isTimed: true)])
        #expect(e.timedUnits == 0)
        // 20 + 20 = 40 min = 3 units, not 2 + 2: the total decides.
        let f = EightMinuteRule.bill([S(code: "97110", minutes: 20, isTimed: true), S(code: "97140", minutes: 20, isTimed: true)])
        #expect(f.lines.map(\.units) == [2, 1])
        // Three codes of 10 min = 30 min = 2 units: the first two written.
        let g = EightMinuteRule.bill(["97110", "97112", "97140"].map { S(code: $0, minutes: 10, isTimed: true) })
        #expect(g.lines.map(\.units) == [1, 1, 0])
    }

    @Test func untimedCodesCountOnce() {
        // An OT evaluation of 50 minutes is one unit; its minutes are not timed minutes.
        let bill = EightMinuteRule.bill([S(code: "97166", minutes: 50, isTimed: false), S(code: "97535", minutes: 10, isTimed: true)])
        #expect(bill.lines.map(\.units) == [1, 1])
        #expect(bill.timedMinutes == 10 && bill.totalMinutes == 60 && bill.units == 2)
        // 7 timed minutes beside an evaluation still bill nothing timed.
        let short = EightMinuteRule.bill([S(code: "97161", minutes: 40, isTimed: false), S(code: "97110", minutes: 7, isTimed: true)])
        #expect(short.lines.map(\.units) == [1, 0])
    }

    @Test func theCodeTableSaysWhichAreTimed() {
        #expect(CPTCode.lookup("97110")?.isTimed == true)
        #expect(CPTCode.lookup("97165")?.isTimed == false)
    }
}
