/// A unified diff of two texts, line by line (`diff -u` format, three lines of context), for
/// `careplan fmt --diff`. Lines are compared after a common prefix and suffix are set aside;
/// the middle is aligned by a longest common subsequence, or replaced whole when it is too
/// large to align cheaply (over four million line pairs).
public enum UnifiedDiff {
    public static func diff(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        if a == b { return "" }
        // Edit script: (tag, aIndex, bIndex) with tag " " keep, "-" delete, "+" insert.
        var ops: [(Character, Int, Int)] = []
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        for i in 0..<prefix { ops.append((" ", i, i)) }
        let am = Array(a[prefix..<(a.count - suffix)]), bm = Array(b[prefix..<(b.count - suffix)])
        if am.count * bm.count <= 4_000_000 {
            // lcs[i][j]: length of the LCS of am[i...] and bm[j...].
            let w = bm.count + 1
            var lcs = [Int32](repeating: 0, count: (am.count + 1) * w)
            for i in stride(from: am.count - 1, through: 0, by: -1) {
                for j in stride(from: bm.count - 1, through: 0, by: -1) {
                    lcs[i * w + j] = am[i] == bm[j] ? lcs[(i + 1) * w + j + 1] + 1 : max(lcs[(i + 1) * w + j], lcs[i * w + j + 1])
                }
            }
            var i = 0, j = 0
            while i < am.count || j < bm.count {
                if i < am.count, j < bm.count, am[i] == bm[j] { ops.append((" ", prefix + i, prefix + j)); i += 1; j += 1 }
                else if i < am.count, j == bm.count || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] { ops.append(("-", prefix + i, prefix + j)); i += 1 }
                else { ops.append(("+", prefix + i, prefix + j)); j += 1 }
            }
        } else {
            for i in 0..<am.count { ops.append(("-", prefix + i, prefix + bm.count)) }
            for j in 0..<bm.count { ops.append(("+", prefix + am.count, prefix + j)) }
        }
        for k in 0..<suffix { ops.append((" ", a.count - suffix + k, b.count - suffix + k)) }

        var out = "--- \(oldName)\n+++ \(newName)\n"
        var k = 0
        while k < ops.count {
            guard ops[k].0 != " " else { k += 1; continue }
            // A hunk: from `context` lines before this change to `context` after the last change
            // that is at most 2 * context lines from the next.
            let start = max(0, k - context)
            var end = k
            var last = k
            while end < ops.count {
                if ops[end].0 != " " { last = end } else if end - last > 2 * context { break }
                end += 1
            }
            end = min(ops.count, last + context + 1)
            let hunk = ops[start..<end]
            let aStart = hunk.first!.1, bStart = hunk.first!.2
            let aCount = hunk.filter { $0.0 != "+" }.count, bCount = hunk.filter { $0.0 != "-" }.count
            out += "@@ -\(aCount == 0 ? aStart : aStart + 1),\(aCount) +\(bCount == 0 ? bStart : bStart + 1),\(bCount) @@\n"
            for (tag, i, j) in hunk { out += "\(tag)\(tag == "+" ? b[j] : a[i])\n" }
            k = end
        }
        return out
    }

    package static func lines(_ s: String) -> [Substring] {
        var l = s.split(separator: "\n", omittingEmptySubsequences: false)
        if l.last == "" { l.removeLast() }
        return l
    }
}
