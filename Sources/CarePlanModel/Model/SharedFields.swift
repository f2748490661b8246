/// The fields of a plan element (`Goal`, `Intervention`), kept out of line so that copies of
/// the element share them until one copy changes (copy on write: the element's setters unshare
/// them first, with `isKnownUniquelyReferenced`).
///
/// Why: a plan is a value, and every pass over its elements (the validator's rules, the
/// schedule, the timeline, the documents) copies each element it reads. With the fields inline a
/// copy retained and released every string and list of the element; now it retains one object.
/// Measured on the REPL benchmark (`careplan-bench repl --goals 1000`, callgrind), see the
/// commit that introduced it.
///
/// `@unchecked Sendable`: the fields are only written through a reference nothing else holds,
/// so a shared instance is never mutated.
final class SharedFields<Fields>: @unchecked Sendable {
    var fields: Fields
    init(_ fields: Fields) { self.fields = fields }

    /// `box`, unshared first if another copy holds it too: what an element's setter writes to.
    static func owned(_ box: inout SharedFields) -> SharedFields {
        if !isKnownUniquelyReferenced(&box) { box = SharedFields(box.fields) }
        return box
    }
}
