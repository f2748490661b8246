/// "Did you mean ...?" suggestions.
public enum Suggestion {
    /// The best candidate for a misspelled word: a case-insensitive match wins; otherwise the
    /// closest by edit distance within max(len/3, 1), ties broken by list order.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let lower = word.lowercased()
        if let exact = candidates.first(where: { $0.lowercased() == lower }) { return exact }
        let limit = max(word.count / 3, 1)
        var best: (String, Int)? = nil
        for candidate in candidates {
            let d = distance(lower, candidate.lowercased(), limit: limit)
            if d <= limit, best == nil || d < best!.1 { best = (candidate, d) }
        }
        if let best { return best.0 }
        // A prefix that identifies one word ("env" for environment-modification) is a good hint too.
        let prefixed = candidates.filter { $0.lowercased().hasPrefix(lower) && lower.count >= 3 }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// "did you mean `meals`?" or nil.
    public static func didYouMean(_ word: String, in candidates: [String]) -> String? {
        closest(to: word, in: candidates).map { "did you mean `\($0)`?" }
    }

    /// Edit distance where swapping two neighbouring letters counts as one edit ("strat" for
    /// "start" is one slip of the fingers, not two), giving up early past `limit`.
    package static func distance(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    cur[j] = Swift.min(cur[j], before[j - 2] + 1)
                }
                rowMin = Swift.min(rowMin, cur[j])
            }
            if rowMin > limit { return limit + 1 }
            (before, prev, cur) = (prev, cur, before)
        }
        return prev[b.count]
    }
}
