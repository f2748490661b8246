import CarePlanBasics

/// Reading the members of a JSON-RPC message (parsed by `JSONParser`).
extension JSONValue {
    /// The member `key` of an object (nil for anything else).
    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
    var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    var intValue: Int? {
        if case .number(let n) = self, n.rounded() == n, abs(n) < 9e15 { return Int(n) }
        return nil
    }
    var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
}
