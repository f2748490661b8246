import CarePlanKit
import Foundation
import Testing

/// FHIR quantities carry the UCUM unit a measure's name states ("knee flexion (degrees)"), the
/// same way a standardised measure's do, and no unit where the name does not state one.
struct MeasureUnitTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 29)!

    static let source = """
    plan knee "Knee" {
      discipline PT
      client "Ann Lee" { born 1950-03-04 }
      starts 2026-11-02
      diagnosis Z47.1
      goal bend "Bend the knee to climb stairs" { measure "knee flexion, right (degrees)" from 78 to 115; by start + 6 weeks }
      goal sit "Stand up from a chair quickly" { measure "sit to stand ( Seconds )" from 20 to 12; by start + 6 weeks }
      goal step "Climb stairs" { measure "stairs climbed (of 14)" from 0 to 14; by start + 6 weeks }
      goal walk "Walk to the park" { measure tug from 19 to 10; by start + 6 weeks }
      goal grip "Grip a jar" { measure "grip (lb or kg)" from 10 to 20; by start + 6 weeks }
      intervention gait "Gait" { type exercise; serves bend, sit, step, walk, grip }
    }
    progress knee on 2026-11-16 {
      bend 88
      sit 17
      step 4
      walk 15
      grip 12
    }
    """

    /// The Quantity of the goal target whose measure text is `name`, and of its observation.
    static func quantities(_ fhir: JSONValue, _ name: String) -> [[String: JSONValue]] {
        guard case .object(let o) = fhir, case .array(let entries)? = o["entry"] else { return [] }
        var out: [[String: JSONValue]] = []
        for case .object(let e) in entries {
            guard case .object(let r)? = e["resource"] else { continue }
            if case .array(let targets)? = r["target"] {
                for case .object(let t) in targets {
                    if case .object(let m)? = t["measure"], m["text"] == .string(name), case .object(let q)? = t["detailQuantity"] { out.append(q) }
                }
            }
            if case .object(let code)? = r["code"], code["text"] == .string(name), case .object(let q)? = r["valueQuantity"] { out.append(q) }
        }
        return out
    }

    @Test func unitsReadFromTheName() {
        #expect(MeasureUnit.named(in: "knee flexion, right (degrees)") == MeasureUnit(code: "deg", label: "degrees"))
        #expect(MeasureUnit.named(in: "sit to stand ( Seconds ) ")?.code == "s")
        #expect(MeasureUnit.named(in: "walk (m)")?.code == "m")
        #expect(MeasureUnit.named(in: "walk (metres)")?.code == "m")
        #expect(MeasureUnit.named(in: "standing tolerance (minutes)")?.code == "min")
        #expect(MeasureUnit.named(in: "lift (kg)")?.code == "kg")
        #expect(MeasureUnit.named(in: "stairs climbed (of 14)") == nil)
        #expect(MeasureUnit.named(in: "grip (lb or kg)") == nil)
        #expect(MeasureUnit.named(in: "metres walked") == nil, "a unit word outside a trailing parenthesis is not read")
        #expect(MeasureUnit.named(in: "reach (degrees) with the left arm") == nil)
    }

    @Test func freeTextQuantitiesCarryTheNamedUnit() throws {
        let c = Compilation.check(source: Self.source, today: Self.today)
        #expect(c.diagnostics.filter { $0.severity == .error }.isEmpty, "\(c.diagnostics.map(\.message))")
        let plan = try #require(c.plans.first)
        let fhir = FHIRExport.bundle(plan, options: ExportOptions(today: Self.today))
        let ucum = JSONValue.string("http://unitsofmeasure.org")
        let bend = Self.quantities(fhir, "knee flexion, right (degrees)")
        #expect(bend.count == 2, "the target and the reading")
        for q in bend { #expect(q["code"] == "deg" && q["system"] == ucum && q["unit"] == "degrees", "\(q)") }
        #expect(bend.map { $0["value"] } == [.number(115), .number(88)])
        let sit = Self.quantities(fhir, "sit to stand ( Seconds )")
        #expect(sit.count == 2 && sit.allSatisfy { $0["code"] == "s" && $0["system"] == ucum })
        for name in ["stairs climbed (of 14)", "grip (lb or kg)"] {
            let qs = Self.quantities(fhir, name)
            #expect(qs.count == 2)
            #expect(qs.allSatisfy { $0["unit"] == nil && $0["system"] == nil && $0["code"] == nil && $0["value"] != nil }, "no guessed unit: \(qs)")
        }
        // The standardised measure keeps its unit (same path).
        let tug = try #require(plan.goals.first { $0.id.value == "walk" }?.measure?.name)
        let walk = Self.quantities(fhir, tug)
        #expect(walk.count == 2 && walk.allSatisfy { $0["code"] == "s" && $0["system"] == ucum }, "\(walk)")

        let text = FHIRExport.render(plan, options: ExportOptions(today: Self.today))
        let (back, _) = try ImportTests.reimport(text, name: "units.fhir.json")
        #expect(back.goals.compactMap { $0.measure?.name } == plan.goals.compactMap { $0.measure?.name })
        #expect(back.goals.compactMap { $0.measure?.standard } == [.tug])
        #expect(FHIRExport.render(back, options: ExportOptions(today: Self.today)) == text)
    }
}
