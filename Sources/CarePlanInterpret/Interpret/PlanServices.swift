import CarePlanBasics
import CarePlanModel

/// What the `check` and `export` statements need from the layers above the interpreter: the
/// validator and the exporters. The interpreter reaches them through its `ScriptHost`, so the
/// interpreter's target does not depend on them and SwiftPM keeps the dependency pointing down;
/// `PlanServices.standard` (in the export target) supplies the real ones.
public struct PlanServices: Sendable {
    /// One export format as the language names it (`export kitchen as fhir`).
    public struct Format: Sendable, Equatable {
        public var name: String
        public var fileExtension: String
        public init(name: String, fileExtension: String) { self.name = name; self.fileExtension = fileExtension }
    }

    /// Every finding of the validator for one plan, as of a date ("today").
    public var validate: @Sendable (Plan, CalendarDate) -> [Diagnostic]
    /// The formats `export` accepts, in the order its help lists them.
    public var formats: [Format]
    /// Renders a plan in one of `formats` as of a date; throws when the plan cannot be rendered.
    public var render: @Sendable (Plan, Format, CalendarDate) throws -> String

    public init(validate: @escaping @Sendable (Plan, CalendarDate) -> [Diagnostic],
                formats: [Format],
                render: @escaping @Sendable (Plan, Format, CalendarDate) throws -> String) {
        self.validate = validate
        self.formats = formats
        self.render = render
    }

    /// The format with this name, if there is one.
    public func format(named name: String) -> Format? { formats.first { $0.name == name } }
}
