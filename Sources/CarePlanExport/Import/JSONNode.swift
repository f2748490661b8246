import CarePlanBasics
import CarePlanModel

/// A JSON value with its path in the document, so that every finding names where it is.
package struct JSONNode {
    package let value: JSONValue
    package let path: String

    package init(_ value: JSONValue, path: String = "$") { self.value = value; self.path = path }

    /// The member `key`, if present and not null.
    package subscript(_ key: String) -> JSONNode? {
        guard case .object(let o) = value, let v = o[key], v != .null else { return nil }
        return JSONNode(v, path: path + "." + key)
    }

    package var object: [String: JSONValue]? { if case .object(let o) = value { return o }; return nil }
    package var keys: [String] { object.map { $0.keys.sorted() } ?? [] }
    package var string: String? { if case .string(let s) = value { return s }; return nil }
    package var number: Double? { if case .number(let n) = value { return n }; return nil }
    package var int: Int? { number.flatMap { $0 == $0.rounded() && abs($0) < 1e9 ? Int($0) : nil } }
    package var bool: Bool? { if case .bool(let b) = value { return b }; return nil }
    package var isArray: Bool { if case .array = value { return true }; return false }

    /// The elements of an array (a single value counts as a one-element list: FHIR readers
    /// meet both); empty when absent.
    package var items: [JSONNode] {
        if case .array(let a) = value { return a.enumerated().map { JSONNode($0.element, path: "\(path)[\($0.offset)]") } }
        return [self]
    }

    /// Typed reads that log a problem when the value has the wrong type.
    package func string(_ key: String, _ log: ImportLog, required: Bool = false) -> String? {
        guard let n = self[key] else {
            if required { log.error(path + "." + key, "missing (a string is required here)") }
            return nil
        }
        guard let s = n.string else { log.error(n.path, "expected a string, found \(n.kind)"); return nil }
        return s
    }

    package func number(_ key: String, _ log: ImportLog, required: Bool = false) -> Double? {
        guard let n = self[key] else {
            if required { log.error(path + "." + key, "missing (a number is required here)") }
            return nil
        }
        guard let v = n.number else { log.error(n.path, "expected a number, found \(n.kind)"); return nil }
        return v
    }

    package func int(_ key: String, _ log: ImportLog, required: Bool = false) -> Int? {
        guard let v = number(key, log, required: required) else { return nil }
        guard v == v.rounded(), abs(v) < 1e9 else { log.error(path + "." + key, "expected a whole number, found \(JSONValue.format(v))"); return nil }
        return Int(v)
    }

    package func date(_ key: String, _ log: ImportLog, required: Bool = false) -> CalendarDate? {
        guard let s = string(key, log, required: required) else { return nil }
        // FHIR dateTime: the date part is what careplan keeps.
        guard let d = CalendarDate(iso: String(s.prefix(10))) else {
            log.error(path + "." + key, "expected a date (YYYY-MM-DD), found \"\(s)\""); return nil
        }
        return d
    }

    package func strings(_ key: String, _ log: ImportLog) -> [String] {
        guard let n = self[key] else { return [] }
        guard n.isArray else { log.error(n.path, "expected an array, found \(n.kind)"); return [] }
        return n.items.compactMap { item in
            guard let s = item.string else { log.error(item.path, "expected a string, found \(item.kind)"); return nil }
            return s
        }
    }

    package func array(_ key: String, _ log: ImportLog) -> [JSONNode] {
        guard let n = self[key] else { return [] }
        guard n.isArray else { log.error(n.path, "expected an array, found \(n.kind)"); return [] }
        return n.items
    }

    /// A vocabulary word (`"discipline": "OT"`), or a logged problem naming the choices.
    package func word<V: Vocabulary>(_ key: String, _ type: V.Type, _ log: ImportLog, required: Bool = false) -> V? {
        guard let s = string(key, log, required: required) else { return nil }
        guard let v = V(rawValue: s) else {
            log.error(path + "." + key, "\"\(s)\" is not a \(V.vocabularyName) careplan knows (one of: \(V.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        return v
    }

    package var kind: String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
