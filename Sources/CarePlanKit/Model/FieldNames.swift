/// The field keywords written for one element (`Plan.attempted`, `Goal.attempted`, ...), as a
/// set of bits.
///
/// Every goal, intervention and plan keeps one, and one is updated for every field line run.
/// As a `Set<String>` each cost a hash-table allocation (a seventh of the memory of a large
/// checked file) and a string hash per field; the field keywords are a fixed, small list.
public struct FieldNames: Sendable, Hashable, ExpressibleByArrayLiteral {
    private var bits: UInt64 = 0
    /// Words outside the keyword table. None are recorded today; kept so that the set never
    /// silently drops a word if a caller records one.
    private var others: Set<String>? = nil

    /// Every field keyword, in a fixed order: a keyword's position is its bit.
    static let keywords: [String] = {
        var seen = Set<String>(), words: [String] = []
        for spec in FieldSpec.all where seen.insert(spec.keyword).inserted { words.append(spec.keyword) }
        precondition(words.count <= 64, "FieldNames holds at most 64 keywords")
        return words
    }()
    private static let bitOf: [String: Int] = Dictionary(uniqueKeysWithValues: keywords.enumerated().map { ($1, $0) })

    public init() {}
    public init(arrayLiteral words: String...) { for w in words { insert(w) } }

    public func contains(_ word: String) -> Bool {
        if let b = Self.bitOf[word] { return bits & (1 << UInt64(b)) != 0 }
        return others?.contains(word) ?? false
    }

    /// Adds `word`; true if it was not there yet.
    @discardableResult
    public mutating func insert(_ word: String) -> Bool {
        if let b = Self.bitOf[word] {
            let mask: UInt64 = 1 << UInt64(b)
            defer { bits |= mask }
            return bits & mask == 0
        }
        if others == nil { others = [] }
        return others!.insert(word).inserted
    }

    /// The words in this set and not in `other`.
    public func subtracting(_ other: FieldNames) -> FieldNames {
        var r = FieldNames()
        r.bits = bits & ~other.bits
        if let o = others { r.others = other.others.map { o.subtracting($0) } ?? o }
        return r
    }

    public var isEmpty: Bool { bits == 0 && (others?.isEmpty ?? true) }

    /// The words, in alphabetical order.
    public func sorted() -> [String] {
        var words = Self.keywords.indices.filter { bits & (1 << UInt64($0)) != 0 }.map { Self.keywords[$0] }
        words += others ?? []
        return words.sorted()
    }
}
