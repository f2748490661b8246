import CarePlanBasics

/// Values computed while a script runs. Not `indirect`: lists nest through arrays, so no
/// value needs a box of its own (every evaluated value was an allocation).
public enum Value: Sendable, Equatable {
    case string(String)
    case number(Double)
    case date(CalendarDate)
    case duration(Duration)
    case bool(Bool)
    case list([Value])
    /// A bare word that names nothing in scope: an enum word (`iadl`) or a goal declared later.
    case symbol(String)
    case plan(String)
    case goal(plan: String, id: String)
    case intervention(plan: String, id: String)

    /// The kind of value, as named in messages.
    public var kindName: String {
        switch self {
        case .string: return "a string"
        case .number: return "a number"
        case .date: return "a date"
        case .duration(let d): return d.unit == .visit ? "a number of visits" : "a duration"
        case .bool: return "true or false"
        case .list: return "a list"
        case .symbol(let s): return "the word `\(s)`"
        case .plan: return "a plan"
        case .goal: return "a goal"
        case .intervention: return "an intervention"
        }
    }

    /// How the value reads when interpolated into a string or printed.
    public var display: String {
        switch self {
        case .string(let s): return s
        case .number(let n): return JSONValue.format(n)
        case .date(let d): return d.description
        case .duration(let d): return d.description
        case .bool(let b): return b ? "true" : "false"
        case .list(let items): return items.map(\.display).joined(separator: ", ")
        case .symbol(let s): return s
        case .plan(let id): return id
        case .goal(_, let id), .intervention(_, let id): return id
        }
    }
}
