import CarePlanKit
import Foundation
import Testing

/// `careplan import` (PlanImporter): every example survives export -> import -> export, as FHIR
/// (ids included) and as careplan JSON, and the imported text checks without errors; bad
/// input gets one problem per line with its JSON path, never a crash.
struct ImportTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!
    static let examples = GoldenFile.packageRoot.appendingPathComponent("examples")

    static var exampleFiles: [String] { PrinterRoundTripTests.exampleFiles }

    static func plans(_ name: String) throws -> [Plan] {
        let path = examples.appendingPathComponent(name).path
        let file = try #require(ScriptHost.readFromDisk(path).map { SourceFile(name: path, bytes: $0) })
        return Compilation.check(file, today: today).plans
    }

    /// Imports `exported`, checks the text, and returns the plan it builds.
    static func reimport(_ exported: String, name: String) throws -> (Plan, ImportResult) {
        let result = PlanImporter.importPlan(Array(exported.utf8), name: name)
        #expect(result.errors.isEmpty, "\(name): \(result.errors)")
        let again = Compilation.check(source: result.text, name: "imported \(name)", today: today)
        let errors = again.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(name):\n\(DiagnosticRenderer.render(errors, color: false))\n\(result.text)")
        return (try #require(again.plans.first, "\(name): no plan in\n\(result.text)"), result)
    }

    @Test("example: FHIR export -> import -> FHIR export is the same Bundle", arguments: exampleFiles)
    func fhirRoundTrip(_ name: String) throws {
        for plan in try Self.plans(name) {
            let options = ExportOptions(today: Self.today)
            let first = FHIRExport.render(plan, options: options)
            let (back, result) = try Self.reimport(first, name: "\(name) \(plan.id.value).fhir.json")
            let second = FHIRExport.render(back, options: options)
            if first != second { Issue.record("\(name): \(GoldenFile.firstDifference(first, second))\n\(result.text)") }
        }
    }

    @Test("example: JSON export -> import -> JSON export is the same document", arguments: exampleFiles)
    func jsonRoundTrip(_ name: String) throws {
        for plan in try Self.plans(name) {
            let options = ExportOptions(today: Self.today)
            let first = JSONExport.render(plan, options: options)
            let (back, result) = try Self.reimport(first, name: "\(name) \(plan.id.value).json")
            #expect(result.notRepresented.isEmpty, "careplan's own JSON loses nothing: \(result.notRepresented)")
            let second = JSONExport.render(back, options: options)
            #expect(first == second, "\(name): \(GoldenFile.firstDifference(first, second))\n\(result.text)")
        }
    }

    @Test func examplesHavePlansToImport() throws {
        let count = try Self.exampleFiles.reduce(0) { $0 + (try Self.plans($1).count) }
        #expect(count >= 8)
    }

    /// `expressed-by client` is FHIR's Goal.expressedBy (the Patient), and comes back in.
    @Test func clientsOwnGoalIsExpressedByThePatient() throws {
        let source = """
        plan hip "Hip" {
          discipline PT
          client "Ann Lee" { born 1950-03-04 }
          starts 2026-11-02
          diagnosis Z96.642 "Presence of left artificial hip joint"
          frequency 2 per week for 6 weeks
          goal walk "Walk to church" { focus gait; expressed-by client; measure tug from 19 to 12; by start + 6 weeks }
          goal bath "Get in and out of the bath" { focus transfers; expressed-by family; measure "transfers without help" from 0 to 5; by start + 6 weeks }
          intervention gait "Gait training" { type exercise; serves walk, bath }
          checkin on 2026-12-14 { review walk, bath }
        }
        """
        let plan = try #require(Compilation.check(source: source, today: Self.today).plans.first)
        #expect(plan.goals.map(\.expressedBy) == [.client, .family])
        let fhir = FHIRExport.render(plan, options: ExportOptions(today: Self.today))
        let patient = StableID.urn("careplan:hip:patient")
        #expect(fhir.components(separatedBy: "\"expressedBy\": {\n").count == 2, "only the client's own goal")
        #expect(fhir.contains("\"expressedBy\": {\n          \"reference\": \"\(patient)\""))
        let (back, _) = try Self.reimport(fhir, name: "hip.fhir.json")
        #expect(back.goals.map(\.expressedBy) == [.client, nil])
        #expect(FHIRExport.render(back, options: ExportOptions(today: Self.today)) == fhir)
        let (fromJSON, _) = try Self.reimport(JSONExport.render(plan, options: ExportOptions(today: Self.today)), name: "hip.json")
        #expect(fromJSON.goals.map(\.expressedBy) == [.client, .family])
    }

    /// `delivery` survives FHIR: a home programme is done by the client (the Patient as the
    /// activity's performer), telehealth is careplan's delivery extension. Without them a
    /// twice-daily home programme came back as clinic sessions twice a day.
    @Test func deliveryRoundTripsThroughFHIR() throws {
        let source = """
        plan knee "Knee" {
          discipline PT
          client "Ann Lee" { born 1950-01-01 }
          starts 2026-11-02
          diagnosis Z96.651 "Presence of right artificial knee joint"
          frequency 2 per week for 6 weeks
          goal bend "Bend the knee to climb stairs" { focus range-of-motion; measure "degrees" from 80 to 110; by start + 6 weeks }
          intervention hep "Home exercises" { type exercise; serves bend; delivery home-programme; frequency 2 per day for 6 weeks }
          intervention ice "Ice at home" { type physical-agent; serves bend; delivery home-programme }
          intervention video "Exercise review by video" { type exercise; serves bend; delivery telehealth; frequency 1 per week for 4 weeks from 2026-11-09 }
          intervention clinic "Manual therapy" { type manual-therapy; serves bend; frequency 1 per week for 6 weeks }
        }
        """
        let plan = try #require(Compilation.check(source: source, today: Self.today).plans.first)
        let options = ExportOptions(today: Self.today)
        let fhir = FHIRExport.render(plan, options: options)
        // Each intervention activity's detail, by careplan's intervention id.
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(fhir.utf8)) as? [String: Any])
        let entries = try #require(bundle["entry"] as? [[String: Any]])
        let care = try #require(entries.compactMap { $0["resource"] as? [String: Any] }.first { $0["resourceType"] as? String == "CarePlan" })
        var details: [String: [String: Any]] = [:]
        for a in care["activity"] as? [[String: Any]] ?? [] {
            guard let d = a["detail"] as? [String: Any], let ext = d["extension"] as? [[String: Any]],
                  let id = ext.first(where: { $0["url"] as? String == "urn:careplan:intervention-id" })?["valueString"] as? String else { continue }
            details[id] = d
        }
        func performers(_ id: String) -> [String] { (details[id]?["performer"] as? [[String: Any]] ?? []).compactMap { $0["reference"] as? String } }
        func delivery(_ id: String) -> [String] {
            (details[id]?["extension"] as? [[String: Any]] ?? []).filter { $0["url"] as? String == "urn:careplan:delivery" }.compactMap { $0["valueCode"] as? String }
        }
        let patient = StableID.urn("careplan:knee:patient")
        #expect(["hep", "ice", "video", "clinic"].map(performers) == [[patient], [patient], [], []], "a home programme is done by the client")
        #expect(["hep", "ice", "video", "clinic"].map(delivery) == [[], [], ["telehealth"], []])
        #expect(details["ice"]?["scheduledString"] as? String == "at home, as taught (no frequency written)", "not the plan's sessions")
        let (back, result) = try Self.reimport(fhir, name: "knee.fhir.json")
        #expect(result.notRepresented.isEmpty, "\(result.notRepresented)")
        #expect(back.interventions.map { $0.delivery?.value } == [.homeProgramme, .homeProgramme, .telehealth, nil])
        func often(_ p: Plan) -> [String] {
            p.interventions.map { i in i.frequency.map { "\($0.times) per \($0.period) for \($0.length.map { "\($0)" } ?? "-") from \($0.start?.description ?? "-")" } ?? "none" }
        }
        #expect(often(back) == often(plan))
        #expect(often(back)[0] == "2 per 1 day for 6 weeks from -")
        #expect(result.text.contains("    frequency 2 per day for 6 weeks\n    delivery home-programme\n"), "\(result.text)")
        #expect(FHIRExport.render(back, options: options) == fhir)

        // A delivery careplan does not know is listed, not guessed.
        let (odd, oddResult) = try Self.reimport(fhir.replacingOccurrences(of: "\"valueCode\": \"telehealth\"", with: "\"valueCode\": \"by-post\""), name: "odd.fhir.json")
        #expect(odd.interventions.map { $0.delivery?.value } == [.homeProgramme, .homeProgramme, nil, nil])
        #expect(oddResult.notRepresented.map(\.message).contains { $0.contains("delivery \"by-post\" is not one careplan knows") }, "\(oddResult.notRepresented)")

        // A performer is read on an intervention only: on the plan's sessions it is listed.
        var withPerformer = bundle, editedEntries = entries, editedCare = care
        var activities = try #require(care["activity"] as? [[String: Any]])
        let sessions = try #require(activities.firstIndex { (($0["detail"] as? [String: Any])?["code"] as? [String: Any])?["text"] as? String == "Therapy sessions" })
        var sessionsDetail = try #require(activities[sessions]["detail"] as? [String: Any])
        sessionsDetail["performer"] = [["reference": patient]]
        activities[sessions]["detail"] = sessionsDetail
        editedCare["activity"] = activities
        let careIndex = try #require(entries.firstIndex { ($0["resource"] as? [String: Any])?["resourceType"] as? String == "CarePlan" })
        editedEntries[careIndex]["resource"] = editedCare
        withPerformer["entry"] = editedEntries
        let edited = String(decoding: try JSONSerialization.data(withJSONObject: withPerformer), as: UTF8.self)
        let (_, editedResult) = try Self.reimport(edited, name: "sessions-performer.fhir.json")
        #expect(editedResult.notRepresented.map(\.description) == ["$.entry[\(careIndex)].resource.activity[\(sessions)].detail.performer: CarePlan.activity.detail.performer has no place in careplan"])
    }

    /// Visits travel as US Core Encounters (attended: finished; cancelled and no-show:
    /// cancelled, told apart by careplan's visit-status code), their daily notes as a
    /// DocumentReference, their services as Procedures; all come back in, and a visit after
    /// today is not exported. Home health visits are class HH; a plan with visits and no
    /// frequency still has a therapy-sessions activity for them to be outcomes of.
    @Test func visitsRoundTripAsEncounters() throws {
        let source = """
        plan bath "Bathing at home" {
          discipline OT
          client "Ann Lee" { born 1950-03-04 }
          starts 2026-11-02
          payer medicare-home-health
          diagnosis Z96.642 "Presence of left artificial hip joint"
          goal bath "Bath with a board" { occupation adl; condition "with a bath board"; assist from moderate to independent; by start + 6 weeks }
          intervention board "Bath board transfers" { type training; serves bath }
          intervention carer "Carer training" { type education; serves bath }
          checkin on 2026-12-14 { review bath }
          visit on 2026-11-03 attended minutes 45 because "first bath assessment" {
            gave board, carer
            note "Daughter present"
            subjective "Has not bathed since the operation"
            plan "Bath board next visit"
            service 97535 minutes 30 note "transfer practice"
            service 97168 minutes 15
          }
          visit on 2026-11-10 cancelled because "client unwell"
          visit on 2026-11-17 no-show
          visit on 2026-11-24 attended minutes 30 { gave board }
          visit on 2026-12-01 attended minutes 30 { gave board }
        }
        """
        let plan = try #require(Compilation.check(source: source, today: Self.today).plans.first)
        #expect(plan.visits.count == 5)
        let options = ExportOptions(today: Self.today)
        let fhir = FHIRExport.render(plan, options: options)
        #expect(fhir.components(separatedBy: "\"resourceType\": \"Encounter\"").count == 5, "the visit on 2026-12-01 is after today")
        #expect(fhir.components(separatedBy: "\"resourceType\": \"Procedure\"").count == 3)
        #expect(fhir.components(separatedBy: "\"resourceType\": \"DocumentReference\"").count == 2)
        #expect(fhir.contains("\"code\": \"HH\""))
        #expect(fhir.contains("\"code\": \"no-show\""))
        #expect(!fhir.contains("2026-12-01"))
        let (back, result) = try Self.reimport(fhir, name: "bath.fhir.json")
        #expect(result.notRepresented.isEmpty, "\(result.notRepresented)")
        #expect(back.visits.map(\.date.value.description) == ["2026-11-03", "2026-11-10", "2026-11-17", "2026-11-24"])
        #expect(back.visits.map(\.status) == [.attended, .cancelled, .noShow, .attended])
        #expect(back.visits.map(\.reason) == ["first bath assessment", "client unwell", nil, nil])
        #expect(back.visits.map { $0.minutes?.value } == [45, nil, nil, 30])
        #expect(back.visits[0].given.map(\.value) == ["board", "carer"])
        #expect(back.visits[0].notes == ["Daughter present"])
        #expect(back.visits[0].soap.parts.map(\.text) == ["Has not bathed since the operation", "Bath board next visit"])
        #expect(back.visits[0].services.map { "\($0.code.value) \($0.minutes.value) \($0.note ?? "-")" } == ["97535 30 transfer practice", "97168 15 -"])
        #expect(back.frequency == nil)
        #expect(FHIRExport.render(back, options: options) == fhir)
    }

    /// From another system: what makes a visit is read, the rest is listed by path.
    @Test func foreignVisitsKeepWhatAVisitNeeds() throws {
        let note = Base64.encode("Walked to the corner shop")
        let bundle = """
            {"resourceType": "Bundle", "entry": [
              {"fullUrl": "urn:uuid:1", "resource": {"resourceType": "CarePlan", "status": "active", "intent": "plan", "title": "Knee",
                "category": [{"text": "Physical therapy plan of care"}], "period": {"start": "2026-11-02"}}},
              {"fullUrl": "urn:uuid:2", "resource": {"resourceType": "Encounter", "status": "finished", "class": {"code": "AMB"},
                "period": {"start": "2026-11-03T09:00:00Z", "end": "2026-11-03T09:40:00Z"}, "participant": [{"type": [{"text": "PT"}]}]}},
              {"fullUrl": "urn:uuid:3", "resource": {"resourceType": "Encounter", "status": "planned", "class": {"code": "AMB"},
                "period": {"start": "2026-12-01"}}},
              {"fullUrl": "urn:uuid:4", "resource": {"resourceType": "Procedure", "status": "completed", "encounter": {"reference": "urn:uuid:2"},
                "code": {"coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": "97116"}]},
                "performedPeriod": {"start": "2026-11-03T09:05:00Z", "end": "2026-11-03T09:30:00Z"}}},
              {"fullUrl": "urn:uuid:5", "resource": {"resourceType": "Procedure", "status": "completed", "encounter": {"reference": "urn:uuid:2"},
                "code": {"coding": [{"system": "http://snomed.info/sct", "code": "229070002"}]}, "performedDateTime": "2026-11-03"}},
              {"fullUrl": "urn:uuid:6", "resource": {"resourceType": "Procedure", "status": "completed", "encounter": {"reference": "urn:uuid:2"},
                "code": {"coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": "97110"}]}, "performedDateTime": "2026-11-03"}},
              {"fullUrl": "urn:uuid:7", "resource": {"resourceType": "DocumentReference", "status": "current", "context": {"encounter": [{"reference": "urn:uuid:2"}]},
                "content": [{"attachment": {"contentType": "text/plain", "title": "Subjective", "data": "\(note)"}},
                            {"attachment": {"contentType": "application/pdf", "url": "https://example.org/note.pdf"}}]}}]}
            """
        let result = PlanImporter.importPlan(Array(bundle.utf8), name: "foreign.json")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.text.contains("""
              visit on 2026-11-03 attended minutes 40 {
                subjective "Walked to the corner shop"
                service 97116 minutes 25
              }
            """), "\(result.text)")
        #expect(result.notRepresented.map(\.description) == [
            "$.entry[1].resource.participant: Encounter.participant has no place in careplan",
            "$.entry[2].resource.status: an Encounter with status \"planned\": careplan records visits that took place or were cancelled",
            "$.entry[6].resource.content[1].attachment: an attachment careplan cannot read (it reads text/plain data)",
            "$.entry[4].resource.code.coding[0]: a http://snomed.info/sct coding (careplan bills services in CPT)",
            "$.entry[4].resource: a Procedure without a CPT code: careplan bills a visit's services by CPT",
            "$.entry[5].resource: a service without its minutes: careplan bills by the 8-minute rule",
        ])
    }

    /// Minutes from a foreign Encounter's period, across zones.
    @Test func minutesBetweenDateTimes() {
        #expect(FHIRBundleReader.minutes(from: "2026-11-02T09:30:00-05:00", to: "2026-11-02T10:30:00-05:00") == 60)
        #expect(FHIRBundleReader.minutes(from: "2026-11-02T14:30:00Z", to: "2026-11-02T10:15:00-05:00") == 45)
        #expect(FHIRBundleReader.minutes(from: "2026-11-02T23:50:00+00:00", to: "2026-11-03T00:10:00+00:00") == 20)
        #expect(FHIRBundleReader.minutes(from: "2026-11-02", to: "2026-11-02") == nil)
    }

    @Test func base64RoundTripsText() {
        for text in ["", "a", "ab", "abc", "Knee 78°, pain 6/10 — “better”", "line\nbreak"] {
            #expect(Base64.decodeText(Base64.encode(text)) == text)
        }
        #expect(Base64.encode("Man") == "TWFu" && Base64.encode("Ma") == "TWE=" && Base64.encode("M") == "TQ==")
        #expect(Base64.decodeText("TW\nFu") == "Man")
        #expect(Base64.decodeText("TWF") == nil && Base64.decodeText("T=Fu") == nil && Base64.decodeText("/w==") == nil)
    }

    // MARK: Bad input

    static func problems(_ text: String) -> [String] {
        PlanImporter.importPlan(Array(text.utf8), name: "bad.json").errors.map(\.description)
    }

    @Test func notJSONSaysWhere() {
        #expect(Self.problems("{\"resourceType\": \"Bundle\",\n  \"entry\": [}") == ["line 2, column 13: not JSON: expected a value, found `}`"])
        #expect(Self.problems("") == ["line 1, column 1: not JSON: the file is empty, not JSON"])
        #expect(Self.problems("plan knee \"Knee\" {}").first?.hasPrefix("line 1, column 1: not JSON") == true)
    }

    @Test func deepNestingIsAProblemNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(Self.problems(deep).first?.contains("nested more than") == true)
    }

    @Test func wrongShapesNameTheirPath() {
        #expect(Self.problems("[1, 2]") == ["$: expected a JSON object (a FHIR Bundle or careplan's JSON export), found an array"])
        #expect(Self.problems("{\"resourceType\": \"Patient\"}") == ["$.resourceType: expected \"Bundle\", found \"Patient\": careplan imports a Bundle holding a CarePlan"])
        #expect(Self.problems("{\"name\": \"x\"}") == ["$: neither a FHIR resource (no \"resourceType\") nor careplan's JSON export (no \"format\")"])
        #expect(Self.problems("{\"resourceType\": \"Bundle\"}") == ["$.entry: missing: the Bundle has no entries, so no plan"])
        #expect(Self.problems("{\"resourceType\": \"Bundle\", \"entry\": {}}") == ["$.entry: expected an array of entries, found an object"])
        #expect(Self.problems("{\"resourceType\": \"Bundle\", \"entry\": [{\"resource\": {\"id\": \"1\"}}, 3]}")
                == ["$.entry[0].resource.resourceType: missing (a string is required here)", "$.entry[1]: expected an entry object, found a number"])
        #expect(Self.problems("{\"resourceType\": \"Bundle\", \"entry\": [{\"resource\": {\"resourceType\": \"Patient\"}}]}")
                == ["$.entry: no CarePlan resource: careplan imports a plan of care (found Patient)"])
        let goalWithoutDescription = """
            {"resourceType": "Bundle", "entry": [
              {"fullUrl": "urn:uuid:1", "resource": {"resourceType": "CarePlan", "status": "active", "intent": "plan", "title": "Knee", "goal": [{"reference": "urn:uuid:2"}]}},
              {"fullUrl": "urn:uuid:2", "resource": {"resourceType": "Goal", "lifecycleStatus": "active"}}]}
            """
        #expect(Self.problems(goalWithoutDescription) == ["$.entry[1].resource.description: missing: a Goal needs a description (text) to become a careplan goal"])
        #expect(Self.problems("{\"format\": \"careplan/1\", \"id\": \"knee\"}") == ["$.title: missing (a string is required here)"])
        #expect(Self.problems("{\"format\": \"careplan/9\", \"id\": \"knee\", \"title\": \"K\"}") == ["$.format: \"careplan/9\" is not a format this careplan reads (it reads \"careplan/1\")"])
        #expect(Self.problems("{\"format\": \"careplan/1\", \"id\": \"knee\", \"title\": \"K\", \"discipline\": \"ST\", \"goals\": [{\"id\": 3, \"title\": \"x\"}]}")
                == ["$.discipline: \"ST\" is not a discipline careplan knows (one of: OT, PT)", "$.goals[0].id: expected a string, found a number"])
    }

    /// One mistake, one message: a CarePlan title that is not a string is read as the title,
    /// as the description's fallback and for the discipline, and reported once.
    @Test func aBadValueIsReportedOnce() {
        let bundle = """
            {"resourceType": "Bundle", "entry": [
              {"fullUrl": "urn:uuid:1", "resource": {"resourceType": "CarePlan", "status": "active", "intent": "plan", "title": 3}}]}
            """
        #expect(Self.problems(bundle) == ["$.entry[0].resource.title: expected a string, found a number"])
    }

    /// Ids made from a foreign Bundle's titles follow the lexer's one identifier rule: ASCII
    /// letters and digits, `-` only before a letter; `m²` is not a word of an id.
    @Test func idsFromTitlesLexAsIdentifiers() throws {
        #expect(Lexer.isIdentifier("grab-rail") && Lexer.isIdentifier("_x1") && Lexer.isIdentifier("walk10m"))
        for bad in ["m²", "reach-m²", "café", "walk-10", "a-", "-a", "1a", "", "a b", "a--b"] { #expect(!Lexer.isIdentifier(bad), "\(bad)") }
        #expect(FHIRBundleReader.name(from: "Reach m² area", fallback: "goal", taken: []) == "reach-m-area")
        #expect(FHIRBundleReader.name(from: "Walk 10 m indoors", fallback: "goal", taken: []) == "walk10-m")
        // No ASCII word at all: the fallback, numbered since `goal` is a keyword.
        #expect(FHIRBundleReader.name(from: "²³ ¼", fallback: "goal", taken: []) == "goal2")
        let bundle = """
            {"resourceType": "Bundle", "entry": [
              {"fullUrl": "urn:uuid:1", "resource": {"resourceType": "CarePlan", "status": "active", "intent": "plan", "title": "Señora's reach",
                "goal": [{"reference": "urn:uuid:2"}]}},
              {"fullUrl": "urn:uuid:2", "resource": {"resourceType": "Goal", "lifecycleStatus": "active", "description": {"text": "Reach m² area"},
                "identifier": [{"system": "urn:careplan:goal-id", "value": "reach-m²"}]}}]}
            """
        let result = PlanImporter.importPlan(Array(bundle.utf8), name: "reach.json")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.text.contains("plan se-ora-s \"Señora's reach\""), "\(result.text)")
        #expect(result.text.contains("goal reach-m-area \"Reach m² area\""), "the identifier `reach-m²` does not lex, so the title names the goal:\n\(result.text)")
        let checked = Compilation.check(source: result.text, name: "reach.careplan", today: Self.today)
        // The ids lex and are taken as ids; what is left is what the small Bundle lacks.
        let errors = checked.diagnostics.filter { $0.severity == .error }
        #expect(!errors.isEmpty && errors.allSatisfy { $0.code == .missingField }, "\(DiagnosticRenderer.render(checked.diagnostics, color: false))")
        #expect(checked.plans.first?.goals.map(\.id.value) == ["reach-m-area"])
    }

    /// Random truncations of a real export: each gives problems or a plan, never a crash.
    @Test func truncatedExportsNeverCrash() throws {
        let plan = try #require(try Self.plans("knee-replacement.careplan").first)
        let text = Array(FHIRExport.render(plan, options: ExportOptions(today: Self.today)).utf8)
        for cut in stride(from: 0, to: text.count, by: max(1, text.count / 97)) {
            let r = PlanImporter.importPlan(Array(text[..<cut]), name: "cut.json")
            #expect(!r.errors.isEmpty || !r.text.isEmpty)
        }
    }
}
