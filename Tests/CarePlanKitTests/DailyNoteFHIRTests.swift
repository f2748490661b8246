import CarePlanKit
import Foundation
import Testing

/// A visit's daily note is one DocumentReference with ONE text/plain attachment holding the
/// whole SOAP note under its headings (R4: repeated `content` entries are renditions of the
/// same document, not its sections), and `careplan import` reads the parts back.
struct DailyNoteFHIRTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    static let source = """
    plan bath "Bathing" {
      discipline OT
      client "Ann Lee" { born 1950-03-04 }
      starts 2026-11-02
      diagnosis Z96.642 "Presence of left artificial hip joint"
      goal bath "Bath with a board" { occupation adl; assist from moderate to independent; by start + 6 weeks }
      intervention board "Bath board transfers" { type training; serves bath }
      checkin on 2026-12-14 { review bath }
      visit on 2026-11-03 attended minutes 45 {
        gave board
        subjective "Has not bathed since the operation"
        objective "Steps over the bath side with moderate help"
        assessment "Board needed"
        plan "Fit the board next visit"
        note "Daughter present"
        note "Plan:\\nagreed with the daughter"
      }
    }
    """

    static func documents(_ fhir: JSONValue) -> [[String: JSONValue]] {
        guard case .object(let o) = fhir, case .array(let entries)? = o["entry"] else { return [] }
        return entries.compactMap { e -> [String: JSONValue]? in
            guard case .object(let eo) = e, case .object(let r)? = eo["resource"], r["resourceType"] == "DocumentReference" else { return nil }
            return r
        }
    }

    @Test func theSOAPNoteIsOneAttachmentWithHeadings() throws {
        let c = Compilation.check(source: Self.source, today: Self.today)
        #expect(c.diagnostics.filter { $0.severity == .error }.isEmpty, "\(c.diagnostics.map(\.message))")
        let plan = try #require(c.plans.first)
        let docs = Self.documents(FHIRExport.bundle(plan, options: ExportOptions(today: Self.today)))
        #expect(docs.count == 1)
        guard case .array(let content)? = docs.first?["content"] else { Issue.record("no content"); return }
        #expect(content.count == 1, "one rendition of the note, not one attachment per SOAP part")
        guard case .object(let entry)? = content.first, case .object(let a)? = entry["attachment"],
              case .string(let data)? = a["data"] else { Issue.record("no attachment data"); return }
        #expect(a["contentType"] == "text/plain; charset=utf-8")
        #expect(a["title"] == "Daily note")
        #expect(Base64.decodeText(data) == """
        Subjective:
        Has not bathed since the operation

        Objective:
        Steps over the bath side with moderate help

        Assessment:
        Board needed

        Plan:
        Fit the board next visit

        Note:
        Daughter present

        Note:
        Plan:
        agreed with the daughter
        """)

        let text = FHIRExport.render(plan, options: ExportOptions(today: Self.today))
        let (back, result) = try ImportTests.reimport(text, name: "note.fhir.json")
        #expect(result.notRepresented.isEmpty, "\(result.notRepresented)")
        let v = try #require(back.visits.first)
        #expect(v.soap.parts.map { "\($0.heading): \($0.text)" } == [
            "Subjective: Has not bathed since the operation", "Objective: Steps over the bath side with moderate help",
            "Assessment: Board needed", "Plan: Fit the board next visit"])
        #expect(v.notes == ["Daughter present", "Plan:\nagreed with the daughter"])
        #expect(FHIRExport.render(back, options: ExportOptions(today: Self.today)) == text)
    }

    @Test func sectionsAreReadBackAndOtherTextIsKeptWhole() {
        typealias Codes = FHIRExport.VisitCodes
        let parts = [(heading: "Subjective", text: "Sore\n\nbut keen"), (heading: "Plan", text: "Walk daily")]
        let back = Codes.dailyNoteParts(Codes.dailyNoteText(parts))
        #expect(back?.map { "\($0.heading)|\($0.text)" } == ["Subjective|Sore\n\nbut keen", "Plan|Walk daily"])
        #expect(Codes.dailyNoteParts("Pt seen for 30 min.\n\nPlan:\nmore") == nil, "a note from elsewhere not starting with a heading")
    }
}
