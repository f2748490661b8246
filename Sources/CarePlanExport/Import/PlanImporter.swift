import CarePlanBasics
import CarePlanModel

/// `careplan import`: a FHIR R4 Bundle or careplan's own JSON export, back to careplan text.
/// The plan is read into the model and printed by `PlanPrinter`, the one model-to-text
/// printer, so what comes out is what `:show` would print. What careplan has no place for is
/// listed as `#` comments above the plan (and in `notRepresented`, for a summary).
public enum PlanImporter {
    /// Reads `bytes` (the file `name`) and prints the plan it holds.
    public static func importPlan(_ bytes: [UInt8], name: String) -> ImportResult {
        var result = ImportResult()
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch let f as JSONParser.Failure {
            result.errors = [ImportProblem(path: "line \(f.line), column \(f.column)", message: "not JSON: \(f.message)")]
            return result
        } catch {
            result.errors = [ImportProblem(path: "$", message: "not JSON")]
            return result
        }
        let node = JSONNode(root)
        guard node.object != nil else {
            result.errors = [ImportProblem(path: "$", message: "expected a JSON object (a FHIR Bundle or careplan's JSON export), found \(node.kind)")]
            return result
        }
        let log = ImportLog()
        let source = SourceFile(name: name, bytes: bytes)
        let span = Span(file: source, start: 0, end: 0)
        var plan: Plan?
        if let type = node["resourceType"] {
            result.format = "FHIR R4 Bundle"
            guard type.string == "Bundle" else {
                let found = type.string.map { "\"\($0)\"" } ?? type.kind
                result.errors = [ImportProblem(path: "$.resourceType", message: "expected \"Bundle\", found \(found): careplan imports a Bundle holding a CarePlan")]
                return result
            }
            var reader = FHIRBundleReader(log: log, span: span)
            plan = reader.plan(node)
        } else if node["format"] != nil {
            result.format = "careplan JSON"
            plan = CarePlanJSONReader(log: log, span: span).plan(node)
        } else {
            result.errors = [ImportProblem(path: "$", message: "neither a FHIR resource (no \"resourceType\") nor careplan's JSON export (no \"format\")")]
            return result
        }
        result.errors = log.errors
        result.notRepresented = log.notRepresented
        guard result.errors.isEmpty, let plan else {
            if result.errors.isEmpty { result.errors = [ImportProblem(path: "$", message: "no plan could be read")] }
            return result
        }
        var text = "# Imported from \(Paths.fileName(of: name)) (\(result.format)) by careplan import.\n"
        if !result.notRepresented.isEmpty {
            text += "# Not represented in careplan, so left out:\n"
            for p in result.notRepresented { text += "#   \(oneLine(p.description))\n" }
        }
        result.text = text + PlanPrinter.plan(plan)
        return result
    }

    /// A comment stays one line whatever the input's text holds.
    package static func oneLine(_ s: String) -> String {
        s.map { $0.isNewline ? " " : String($0) }.joined()
    }
}
