/// The field keywords written for one element (`Plan.attempted`, `Goal.attempted`, ...), as a
/// set of bits.
///
/// Every goal, intervention and plan keeps one, and one is updated for every field line run.
/// As a `Set<String>` each cost a hash-table allocation (a seventh of the memory of a large
/// checked file) and a string hash per field; the field keywords are a fixed, small list.
/// Only field keywords (`FieldSpec.all`) can be members: the interpreter records nothing else.
public struct FieldNames: Sendable, Hashable, ExpressibleByArrayLiteral {
    /// Bits 0-63 and 64-127: the field keywords outgrew one word.
    private var low: UInt64 = 0, high: UInt64 = 0

    /// Every field keyword, in a fixed order: a keyword's position is its bit.
    static let keywords: [String] = {
        var seen = Set<String>(), words: [String] = []
        for spec in FieldSpec.all where seen.insert(spec.keyword).inserted { words.append(spec.keyword) }
        precondition(words.count <= 128, "FieldNames holds at most 128 keywords")
        return words
    }()
    private static let bitOf: [String: Int] = Dictionary(uniqueKeysWithValues: keywords.enumerated().map { ($1, $0) })

    /// The bit of a field keyword (255 if it is none), for `insert(bit:)`.
    static func bit(of word: String) -> UInt8 { bitOf[word].map { UInt8($0) } ?? 255 }

    public init() {}
    public init(arrayLiteral words: String...) { for w in words { insert(w) } }

    private func has(_ b: Int) -> Bool { b < 64 ? low & (1 << UInt64(b)) != 0 : high & (1 << UInt64(b - 64)) != 0 }
    private mutating func set(_ b: Int) { if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) } }

    public func contains(_ word: String) -> Bool {
        guard let b = Self.bitOf[word] else { return false }
        return has(b)
    }

    /// Adds `word`; true if it was not there yet. A word that is no field keyword is not
    /// recorded (false).
    @discardableResult
    public mutating func insert(_ word: String) -> Bool {
        guard let b = Self.bitOf[word] else { return false }
        defer { set(b) }
        return !has(b)
    }

    /// Adds the keyword with this bit (from `bit(of:)`, looked up once when parsing).
    mutating func insert(bit: UInt8) {
        if bit < 128 { set(Int(bit)) }
    }

    /// The words in this set and not in `other`.
    public func subtracting(_ other: FieldNames) -> FieldNames {
        var r = FieldNames()
        r.low = low & ~other.low
        r.high = high & ~other.high
        return r
    }

    public var isEmpty: Bool { low == 0 && high == 0 }

    /// The words, in alphabetical order.
    public func sorted() -> [String] {
        Self.keywords.indices.filter(has).map { Self.keywords[$0] }.sorted()
    }
}
