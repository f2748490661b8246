/// Lexical path handling (no file system access, no dependence on the working directory), so
/// imports and export targets resolve the same way in the CLI, the REPL and tests.
public enum Paths {
    /// The folder part of a path: "a/b/c.careplan" -> "a/b"; "c.careplan" -> "".
    ///
    /// The slash is searched for in the UTF-8 bytes (a `/` is never part of a multi-byte
    /// character): `String.lastIndex(of:)` walked back over Characters, 7,000 instructions for
    /// each import of a 40-byte path.
    public static func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: 0x2F) else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component: "a/b/c.careplan" -> "c.careplan".
    public static func fileName(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: 0x2F) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// `relative` resolved against `base`; an absolute `relative` stands alone.
    public static func join(_ base: String, _ relative: String) -> String {
        if relative.hasPrefix("/") || base.isEmpty { return normalize(relative) }
        return normalize(base + "/" + relative)
    }

    /// Removes `.` and resolves `..` lexically. Leading `..` of a relative path are kept.
    public static func normalize(_ path: String) -> String {
        isNormal(path) ? path : normalizeComponents(path)
    }

    /// `normalize` the long way: drop `.` components, resolve `..`, join. On bytes (a `/` is
    /// never part of a multi-byte character), as every import path comes through here.
    package static func normalizeComponents(_ path: String) -> String {
        let bytes = Array(path.utf8)
        let absolute = bytes.first == 0x2F
        func isDotDot(_ r: Range<Int>) -> Bool { r.count == 2 && bytes[r.lowerBound] == 0x2E && bytes[r.lowerBound + 1] == 0x2E }
        var parts: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            while i < bytes.count && bytes[i] == 0x2F { i += 1 }
            let start = i
            while i < bytes.count && bytes[i] != 0x2F { i += 1 }
            let part = start..<i
            if part.isEmpty { break }
            if part.count == 1 && bytes[start] == 0x2E { continue }
            if isDotDot(part) {
                if let last = parts.last, !isDotDot(last) { parts.removeLast(); continue }
                if absolute { continue }
            }
            parts.append(part)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1)
        if absolute { out.append(0x2F) }
        for (k, part) in parts.enumerated() {
            if k > 0 { out.append(0x2F) }
            out.append(contentsOf: bytes[part])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when normalising would not change `path`: no empty, `.` or `..` component and no
    /// trailing slash. Checked on bytes, as every file run or imported is normalised once.
    package static func isNormal(_ path: String) -> Bool {
        var utf8 = path.utf8.makeIterator()
        var componentLength = 0, dots = 0, first = true
        while let b = utf8.next() {
            if b == 0x2F {
                // An empty component (`a//b`, a trailing `/`), or one that is all dots and one
                // or two long. A leading `/` is allowed.
                if (componentLength == 0 && !first) || (componentLength > 0 && componentLength == dots && dots <= 2) { return false }
                componentLength = 0; dots = 0
            } else {
                componentLength += 1
                if b == 0x2E { dots += 1 }
            }
            first = false
        }
        if componentLength == 0 { return path.isEmpty }
        return !(componentLength == dots && dots <= 2)
    }

    /// True when `path` lies strictly below the folder `base` (both normalised lexically).
    public static func isInside(_ path: String, _ base: String) -> Bool {
        let p = normalize(path), b = normalize(base)
        if b.isEmpty { return !p.hasPrefix("/") && !p.hasPrefix("..") && !p.isEmpty }
        return p.hasPrefix(b == "/" ? "/" : b + "/") && p != b
    }

    /// `path` written relative to the folder `from` ("../lib/t.careplan"); both normalised
    /// lexically and both absolute or both relative.
    public static func relative(_ path: String, from folder: String) -> String {
        let p = normalize(path).split(separator: "/"), f = normalize(folder).split(separator: "/")
        var common = 0
        while common < p.count, common < f.count, p[common] == f[common] { common += 1 }
        let ups = Array(repeating: "..", count: f.count - common)
        return (ups + p[common...].map(String.init)).joined(separator: "/")
    }
}
