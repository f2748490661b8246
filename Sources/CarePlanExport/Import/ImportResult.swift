/// What `careplan import` made of a file: careplan text, what it could not carry over, and
/// the problems that stopped it (each with the JSON path of the part at fault).
public struct ImportResult: Sendable {
    /// The input's kind, for messages: "FHIR R4 Bundle" or "careplan JSON".
    public var format: String = "JSON"
    /// careplan text that `careplan check` accepts; empty when `errors` is not.
    public var text: String = ""
    /// What careplan cannot represent, one line each (also `#` comments in `text`).
    public var notRepresented: [ImportProblem] = []
    /// Why nothing was imported; one per problem.
    public var errors: [ImportProblem] = []

    public init() {}
}

/// One finding about the input, located by a JSONPath-like path (`$.entry[3].resource.code`).
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): \(message)" }
}

/// Collects findings while a reader walks the input.
package final class ImportLog {
    package var errors: [ImportProblem] = []
    package var notRepresented: [ImportProblem] = []
    /// One mistake, one message: a value read twice (a title that is also the fallback
    /// description, a node several rules look at) is reported once, by its path.
    package func error(_ path: String, _ message: String) {
        guard !errors.contains(where: { $0.path == path }) else { return }
        errors.append(ImportProblem(path: path, message: message))
    }
    package func omit(_ path: String, _ message: String) {
        let p = ImportProblem(path: path, message: message)
        if !notRepresented.contains(p) { notRepresented.append(p) }
    }
}
