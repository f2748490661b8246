/// What a goal's title says, read the way a fieldwork educator reads it: does it start with a
/// vague verb, does it name an activity (a function) or only a body function (an impairment),
/// does it state a degree, does it name a movement. The teaching rules (CP0301, CP0302,
/// CP0305-CP0307) ask these questions; the word lists are here so that each answer can be
/// checked in one place.
///
/// Sources for the distinctions: AOTA, Occupational Therapy Practice Framework, 4th ed.
/// (OTPF-4: occupations versus client factors such as range of motion and strength); Gateley &
/// Borcherding, Documentation Manual for Occupational Therapy (COAST goals); the APTA / ABCD(E)
/// goal form taught in PT programmes (Audience, Behaviour, Condition, Degree, Expected time);
/// Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §220.1.2 (long-term goals pertain to
/// functional impairments).
package struct GoalWording {
    /// Lower-cased words of the whole title; letters and digits, split at everything else.
    package let words: [String]
    /// The words outside parentheses, after a leading "Client will" or "To": the behaviour.
    /// "(grip strength 25 kg)" is a detail of the degree, not what the goal is about.
    package let behaviour: [String]

    package init(_ title: String) {
        // On bytes, not Characters: this runs for every goal on every REPL statement. ASCII
        // letters are lower-cased; other bytes of 0x80 and above (letters of other scripts,
        // typographic dashes) stay inside words, which then match no list: the same answer
        // a Character-based split gives for the words the lists hold.
        var all: [String] = [], outside: [String] = []
        var depth = 0
        var word: [UInt8] = []
        word.reserveCapacity(24)
        func flush() {
            guard !word.isEmpty else { return }
            let w = String(decoding: word, as: UTF8.self)
            all.append(w)
            if depth == 0 { outside.append(w) }
            word.removeAll(keepingCapacity: true)
        }
        for b in title.utf8 {
            switch b {
            case 0x41...0x5A: word.append(b + 0x20)
            case 0x61...0x7A, 0x30...0x39, 0x80...: word.append(b)
            case 0x28, 0x5B: flush(); depth += 1       // ( [
            case 0x29, 0x5D: flush(); depth = max(0, depth - 1)
            default: flush()
            }
        }
        flush()
        words = all
        var b = outside[...]
        // "Client will ...", "Mr Haines will ...": the audience, not the behaviour.
        if let will = b.prefix(4).firstIndex(of: "will") { b = b[(will + 1)...] }
        if b.first == "to" { b = b.dropFirst() }
        else if b.first == "be" && b.dropFirst().first == "able" { b = b.dropFirst(b.dropFirst(2).first == "to" ? 3 : 2) }
        behaviour = Array(b)
    }

    /// A number anywhere in the title: the degree written into the behaviour ("walk 400 m",
    /// "lift a 10 kg box", "play 9 holes").
    package var statesDegree: Bool { words.contains { $0.first?.isNumber == true } }

    /// The same, on the title's bytes, without splitting it into words.
    package static func statesDegree(_ title: String) -> Bool { title.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } }

    /// Whether the title can start with a vague verb or an impairment: its first word is one
    /// of the words those start with, or it names its audience ("Mr Haines will ..."), or it
    /// starts with a parenthesis. Most titles start with a functional verb ("Prepare a simple
    /// hot meal") and need no further reading: this is asked for every goal each time its plan
    /// is validated (a REPL statement in a 1,000-goal plan), and it reads the first word only.
    package static func mayNeedAnalysis(_ title: String) -> Bool {
        let bytes = Array(title.utf8)
        func isLetter(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A || b >= 0x61 && b <= 0x7A }
        var i = 0
        while i < bytes.count, !isLetter(bytes[i]) {
            if bytes[i] == 0x28 || bytes[i] == 0x5B || bytes[i] >= 0x80 { return true }   // ( [ or a non-ASCII start
            i += 1
        }
        var end = i
        while end < bytes.count, end - i <= 20, isLetter(bytes[end]) { end += 1 }
        guard end - i <= 20 else { return false }
        // ASCII letters only, at most 20: lower-cased, the word is a string stored inline.
        if leadingWords.contains(String(decoding: bytes[i..<end], as: UTF8.self).lowercased()) { return true }
        // " will " (any case) among the first 64 bytes: the behaviour starts after it.
        let will: [UInt8] = Array(" will ".utf8)
        let limit = min(bytes.count, 64)
        var k = 0
        while k + 6 <= limit {
            var m = 0
            while m < 6 && (bytes[k + m] | (m == 0 || m == 5 ? 0 : 0x20)) == will[m] { m += 1 }
            if m == 6 { return true }
            k += 1
        }
        return false
    }

    /// First words after which a title needs reading in full.
    package static let leadingWords: Set<String> = vagueVerbs.union(impairmentLeads).union(generic).union(["be", "will"])

    /// The vague verb phrase the behaviour starts with ("improve", "work on"), if any.
    package var vagueVerb: String? {
        guard let first = behaviour.first else { return nil }
        if first == "work" && behaviour.dropFirst().first == "on" { return "work on" }
        return Self.vagueVerbs.contains(first) ? first : nil
    }

    /// True when no word of the behaviour names something the client does: everything is a
    /// generic word ("independence", "strength"), a body part or function, or a number.
    package var namesNoActivity: Bool {
        behaviour.allSatisfy { Self.generic.contains($0) || Self.vagueVerbs.contains($0) || $0.first?.isNumber == true }
    }

    /// The body-function term ("flexion", "degrees", "strength") that makes the behaviour an
    /// impairment goal, when the behaviour names no function: it does not start with a
    /// functional verb and has no purpose clause naming an activity ("to reach the top shelf",
    /// "when standing and walking"). nil for a functional goal.
    package var impairmentOnly: String? {
        guard let first = behaviour.first else { return nil }
        // A functional verb first ("open jars", "use a relaxation routine", "lift a box"):
        // the goal is about doing something, whatever body words follow.
        if !Self.impairmentLeads.contains(first) && !Self.generic.contains(first) { return nil }
        guard let term = Self.impairmentTerm(in: behaviour) else { return nil }
        if hasPurposeClause { return nil }
        return term
    }

    /// "to reach", "for dressing", "when standing and walking", "so that she can cook": an
    /// activity named after a purpose word.
    package var hasPurposeClause: Bool {
        for (i, w) in behaviour.enumerated() where Self.purposeMarkers.contains(w) {
            if behaviour[(i + 1)...].contains(where: { !Self.generic.contains($0) && $0.first?.isNumber != true && !Self.purposeMarkers.contains($0) && !Self.impairmentLeads.contains($0) }) {
                return true
            }
        }
        return false
    }

    /// An impairment goal reworded around a function of the same body region, for CP0307's
    /// help: a knee goal gets stairs, a back goal lifting, a neck goal driving; a title that
    /// names no region gets a neutral pattern rather than another region's example.
    package var functionExample: String {
        let regions: [(words: Set<String>, example: String)] = [
            (["knee", "knees", "quadriceps", "quads", "hamstring", "hamstrings"], "bend the knee enough to climb stairs step-over-step"),
            (["hip", "hips", "glute", "gluteal"], "bend the hip enough to put on socks and shoes"),
            (["ankle", "ankles", "dorsiflexion", "plantarflexion"], "move the ankle enough to walk on uneven ground"),
            (["back", "spine", "lumbar", "trunk", "core"], "bend the back enough to lift a laundry basket from the floor"),
            (["neck", "cervical"], "turn the head enough to check over the shoulder when driving"),
            (["shoulder", "shoulders", "arm", "arms"], "raise the arm enough to reach a kitchen shelf at shoulder height"),
            (["elbow", "elbows", "supination", "pronation"], "bend the elbow enough to bring a cup to the mouth"),
            (["wrist", "wrists", "hand", "hands", "finger", "fingers", "thumb", "grip", "pinch"], "grip strongly enough to open a jar"),
        ]
        for r in regions where words.contains(where: r.words.contains) { return r.example }
        return "... enough to <the activity the client came for>"
    }

    /// A word of the whole title naming a movement (PT): "walk", "stairs", "lift", "car", "golf".
    package var movementWord: String? { words.first { Self.movement.contains($0) } }

    package static func impairmentTerm(in words: [String]) -> String? {
        for (i, w) in words.enumerated() {
            if singleImpairmentTerms.contains(w) { return w }
            let next = i + 1 < words.count ? words[i + 1] : ""
            if (w == "internal" || w == "external") && next == "rotation" { return "\(w) rotation" }
            if w == "range" && next == "of" && i + 2 < words.count && words[i + 2] == "motion" { return "range of motion" }
        }
        return nil
    }

    // MARK: word lists

    /// Verbs that say a direction but no behaviour: "Client will improve..." (what will they do?).
    package static let vagueVerbs: Set<String> = ["improve", "increase", "tolerate", "maximise", "maximize", "enhance",
                                          "promote", "facilitate", "address", "work"]

    /// Body functions and structures (OTPF-4 client factors): an impairment, not an activity.
    /// "muscle" and "rotation" alone are not here: "progressive muscle relaxation" and "crop
    /// rotation" are activities.
    package static let singleImpairmentTerms: Set<String> = ["flexion", "extension", "abduction", "adduction", "rom",
        "supination", "pronation", "dorsiflexion", "plantarflexion", "degrees", "strength", "strengthen", "mmt",
        "pain", "swelling", "oedema", "edema", "spasticity", "quadriceps", "quads", "hamstring", "hamstrings"]

    /// Words that can start an impairment goal ("Increase ...", "Bend the knee to ...",
    /// "Shoulder flexion ..."): a direction of change or a body part, not an activity.
    package static let impairmentLeads: Set<String> = ["increase", "improve", "decrease", "reduce", "gain", "regain", "restore",
        "achieve", "maintain", "bend", "straighten", "keep", "demonstrate", "have", "show", "tolerate", "maximise",
        "maximize", "enhance", "promote", "facilitate", "address", "normalise", "normalize", "strengthen", "stretch",
        "exhibit", "attain", "obtain", "minimise", "minimize", "eliminate", "control", "work"]

    /// Words that begin a purpose clause naming the activity a body function serves.
    package static let purposeMarkers: Set<String> = ["to", "for", "when", "while", "during", "so", "that", "can", "enough", "needed", "in", "order"]

    /// Words that name no activity: generic outcomes, body parts and functions, quantities,
    /// assist levels and connecting words.
    package static let generic: Set<String> = [
        // generic outcomes
        "independence", "independent", "independently", "function", "functional", "functioning", "strength",
        "endurance", "balance", "mobility", "safety", "tolerance", "activity", "activities", "skill", "skills",
        "performance", "participation", "range", "motion", "rom", "treatment", "therapy", "therapeutic",
        "exercise", "exercises", "ability", "abilities", "level", "levels", "overall", "general", "quality", "life",
        "movement", "movements", "coordination", "pain", "posture", "self", "care", "selfcare", "adl", "adls",
        "iadl", "iadls", "all", "area", "areas", "daily", "living", "occupations", "occupation", "tasks", "task",
        "goals", "status", "awareness", "fine", "gross", "motor", "visual", "cognitive", "cognition", "memory",
        "attention", "sensory", "processing", "control", "stability", "flexibility", "conditioning", "fitness",
        "health", "wellbeing", "well", "being", "use",
        // body structures and functions
        "knee", "knees", "hip", "hips", "shoulder", "shoulders", "elbow", "elbows", "wrist", "wrists", "hand", "hands",
        "ankle", "ankles", "neck", "back", "spine", "lumbar", "cervical", "trunk", "core", "arm", "arms", "leg", "legs",
        "finger", "fingers", "thumb", "grip", "pinch", "flexion", "extension", "abduction", "adduction", "rotation",
        "internal", "external", "supination", "pronation", "dorsiflexion", "plantarflexion", "muscle", "muscles",
        "quadriceps", "quads", "hamstring", "hamstrings", "glute", "gluteal", "degrees", "deg", "upper", "lower",
        "extremity", "extremities", "ue", "le", "bilateral", "right", "left", "r", "l", "joint", "joints",
        "swelling", "oedema", "edema", "spasticity", "tone", "mmt", "active", "passive", "arom", "prom", "sitting",
        "standing", "static", "dynamic", "cardiovascular", "aerobic", "capacity",
        // quantities, assist levels, time
        "minutes", "minute", "min", "mins", "seconds", "second", "sec", "secs", "hours", "hour", "hr", "hrs", "m",
        "metres", "meters", "feet", "ft", "kg", "lb", "lbs", "times", "reps", "repetitions", "percent", "out", "x",
        "wfl", "wnl", "within", "normal", "limits", "full", "mild", "moderate", "minimal", "maximal", "max",
        "assist", "assistance", "supervision", "contact", "guard", "modified", "weeks", "week", "days", "day",
        "months", "month", "session", "sessions", "than", "less", "more", "least", "better", "good", "fair", "poor",
        "grade", "very", "much", "possible", "improved", "increased", "decreased", "reduced", "greater", "prior",
        "baseline", "whole", "body", "total", "further",
        // connecting words and pronouns
        "the", "a", "an", "of", "and", "or", "with", "in", "for", "to", "on", "at", "by", "from", "up", "as", "his",
        "her", "their", "its", "client", "patient", "pt", "own", "he", "she", "they", "will", "be", "able", "is",
        "overall", "without", "no", "any", "some", "his", "hers", "this", "that", "these", "those", "into", "through",
    ]

    /// Movement a PT goal can be about: body movements, functional movements and sports.
    package static let movement: Set<String> = [
        "flexion", "extension", "range", "rom", "strength", "strengthen", "gait", "balance", "abduction", "adduction",
        "rotation", "muscle", "quadriceps", "hamstring", "knee", "hip", "shoulder", "ankle", "back", "neck", "walk",
        "walks", "walking", "stairs", "stair", "steps", "step", "mobility", "pain", "endurance", "transfer", "transfers",
        "stand", "standing", "stands", "sit", "sitting", "rise", "lift", "lifts", "lifting", "carry", "carrying",
        "climb", "climbing", "get", "getting", "run", "running", "jog", "jogging", "jump", "hop", "kneel", "kneeling",
        "squat", "squatting", "bend", "bending", "reach", "reaching", "push", "pushing", "pull", "pulling", "throw",
        "kick", "swim", "swimming", "cycle", "cycling", "bike", "ride", "hike", "hiking", "dance", "dancing", "golf",
        "tennis", "football", "soccer", "kerb", "kerbs", "curb", "curbs", "car", "bed", "chair", "floor", "roll",
        "crawl", "fall", "falls", "move", "moving", "posture", "lying", "sport", "sports", "straighten", "march",
    ]
}
