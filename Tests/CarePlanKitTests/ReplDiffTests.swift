import CarePlanKit
import Foundation
import Testing

/// `:diff FILE` in the REPL: the file (the version saved or agreed) against the session's plans.
@Suite struct ReplDiffTests {
    static let plan = """
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

    @Test func comparesTheFileWithTheSession() throws {
        let ws = try ReplSessionTests.Workspace(withExamples: false)
        try ws.write("dressing.careplan", Self.plan)
        let s = ws.session()
        #expect(s.submit(":load dressing.careplan").accepted)
        let same = s.submit(":diff dressing.careplan")
        #expect(same.accepted)
        #expect(same.output == "careplan diff dressing.careplan -> the session (as of 2026-11-29)\nNo changes in plan structure\n")
        #expect(s.submit("""
            goal socks "Put on socks" { occupation adl; assist from maximal to minimal; condition "with a sock aid"; by 2026-12-28 }
            """).accepted)
        #expect(s.submit("intervention aid \"Sock aid\" { type assistive-technology; serves socks }").accepted)
        #expect(s.submit("close top achieved on 2026-11-27").accepted)
        let changed = s.submit(":diff dressing.careplan")
        #expect(changed.accepted)
        #expect(changed.output.contains("    closed top: Put on a shirt\n      closed achieved on 2026-11-27\n"))
        #expect(changed.output.contains("    added socks: Put on socks\n      assist from maximal to minimal; due 2026-12-28; served by aid\n"))
        #expect(changed.output.contains("    added aid: Sock aid\n"))
        // Comparing changes nothing: the session still has both goals, and :undo takes back the close.
        #expect(s.submit(":undo").output.hasPrefix("undone `close top"))
    }

    @Test func aFileThatCannotBeComparedSaysWhy() throws {
        let ws = try ReplSessionTests.Workspace(withExamples: false)
        try ws.write("bad.careplan", "plan p \"Dressing {\n  discipline OT\n}\n")
        let s = ws.session()
        let missing = s.submit(":diff nowhere.careplan")
        #expect(!missing.accepted && missing.output == "cannot read nowhere.careplan: no such file\n")
        let bad = s.submit(":diff bad.careplan")
        #expect(!bad.accepted && bad.output.hasPrefix("not compared: bad.careplan has "))
        #expect(bad.diagnostics.first?.code == .unterminatedString)
        #expect(bad.diagnostics.first?.primarySpan?.file.name == "bad.careplan")
        #expect(s.submit(":diff").output.hasPrefix("usage: :diff FILE"))
        #expect(s.submit(":help diff").output.contains(":diff FILE"))
    }
}
