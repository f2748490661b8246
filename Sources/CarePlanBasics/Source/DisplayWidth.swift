/// How many terminal cells text takes, so carets land under what they point at.
///
/// Columns in diagnostics count Unicode scalars (as editors do), but a terminal draws a wide
/// East Asian character (`李`) in two cells and a combining mark (the U+0308 of a decomposed
/// `ë`) in none: carets placed by scalar count sat three cells left of the mistake after
/// `"李小龍 practice"` and one cell right after `ë`. The rules are those of `wcwidth` (East
/// Asian Width W and F are two cells; nonspacing and enclosing marks, format characters and
/// Hangul medial vowels are zero), from the standard library's scalar properties where it has
/// them and a short table of the wide ranges where it does not.
public enum DisplayWidth {
    /// Cells one scalar takes: 0, 1 or 2. Control characters count 1 (the renderer shows them
    /// as visible symbols).
    public static func of(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v < 0x300 { return 1 }  // ASCII and Latin-1: the common case, no look-ups
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v >= 0x1160 && v <= 0x11FF { return 0 }  // Hangul medial vowels and final consonants
        if u.properties.isEmojiPresentation { return 2 }
        return isWide(v) ? 2 : 1
    }

    /// Cells a string takes (the sum over its scalars).
    public static func of(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15, `EastAsianWidth.txt`), emoji aside.
    package static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F200...0x1F2FF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    package static func isWide(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        var lo = 0, hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wideRanges[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }
}
