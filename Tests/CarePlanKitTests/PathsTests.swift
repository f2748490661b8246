import Foundation
import Testing
@testable import CarePlanKit

/// Lexical paths (imports, export targets) and reading files from disk.
@Suite struct PathsTests {
    /// The folder and file name of a path, as the Character-based version gave them, for
    /// every short path and for names with accents, emoji and a combining mark.
    @Test func directoryAndFileNameSplitAtTheLastSlash() {
        func reference(_ p: String) -> (String, String) {
            guard let slash = p.lastIndex(of: "/") else { return ("", p) }
            return (slash == p.startIndex ? "/" : String(p[..<slash]), String(p[p.index(after: slash)...]))
        }
        for p in Self.paths + ["Zoë/plan.careplan", "/tmp/café/é.careplan", "a/🙂/b", "e\u{301}/x", "über"] {
            #expect(Paths.directory(of: p) == reference(p).0, "\(p)")
            #expect(Paths.fileName(of: p) == reference(p).1, "\(p)")
        }
    }

    /// Every path of up to 6 characters over `a`, `.` and `/`.
    static let paths: [String] = {
        var all = [""], frontier = [""]
        for _ in 0..<6 {
            frontier = frontier.flatMap { p in ["a", ".", "/"].map { p + $0 } }
            all += frontier
        }
        return all
    }()

    /// The first, obviously right version (split, filter, join), kept as the reference.
    static func reference(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : joined
    }

    @Test func normalizeAgreesWithTheReference() {
        for p in Self.paths {
            #expect(Paths.normalize(p) == Self.reference(p), "\(p)")
            #expect(Paths.normalizeComponents(p) == Self.reference(p), "\(p)")
        }
        #expect(Paths.normalize("/Zoë/../Müller/./plan.careplan") == "/Müller/plan.careplan")
    }

    @Test func normalizeExamples() {
        #expect(Paths.normalize("bench/corpus/dir/../../templates/t.careplan") == "bench/templates/t.careplan")
        #expect(Paths.normalize("./a//b/./c/") == "a/b/c")
        #expect(Paths.normalize("../a") == "../a")
        #expect(Paths.normalize("/../a") == "/a")
        #expect(Paths.normalize("a/...b/c") == "a/...b/c")
    }

    @Test func readFromDiskReadsRegularFilesOnly() throws {
        let dir = NSTemporaryDirectory() + "careplan-paths-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Larger than the read chunk, with every byte value.
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/plan.careplan"))
        #expect(ScriptHost.readFromDisk(dir + "/plan.careplan") == bytes)
        try Data().write(to: URL(fileURLWithPath: dir + "/empty.careplan"))
        #expect(ScriptHost.readFromDisk(dir + "/empty.careplan") == [])
        #expect(ScriptHost.readFromDisk(dir) == nil)  // a directory
        #expect(ScriptHost.readFromDisk("/dev/zero") == nil)  // a device: would never end
        #expect(ScriptHost.readFromDisk(dir + "/missing.careplan") == nil)
    }

    @Test func aFileOverTheLimitIsReadOnlyPastTheLimit() throws {
        let path = NSTemporaryDirectory() + "careplan-big-\(getpid()).careplan"
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Sparse: 100 MiB on disk costs nothing to create.
        let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        #expect(fd >= 0)
        #expect(ftruncate(fd, 100 << 20) == 0)
        close(fd)
        let read = try #require(ScriptHost.readFromDisk(path))
        #expect(read.count == Limits.maxSourceBytes + 1)
        let d = Compilation.check(SourceFile(name: path, bytes: read), today: CalendarDate(year: 2026, month: 11, day: 29)!).diagnostics
        #expect(d.map(\.code) == [.fileTooLarge])
    }
}

/// The parser's quick keyword checks agree with the keyword sets they stand for.
@Suite struct KeywordTests {
    @Test func quickChecksAgreeWithTheSets() {
        var words = Array(StatementKeyword.reserved) + Array(StatementKeyword.reservedNames)
        words += FieldSpec.all.map(\.keyword) + ["", "x", "iff", "plans", "Goal", "intervention1", "falsey", "nota"]
        for w in words {
            #expect((Keyword.spelt(w) != nil) == StatementKeyword.reserved.contains(w), "\(w)")
            #expect(StatementKeyword.isReservedName(w) == StatementKeyword.reservedNames.contains(w), "\(w)")
        }
        for c in BlockContext.allCases { #expect(BlockContext.allCases[c.position] == c) }
    }
}

/// Imports of a file that cannot be read are not retried on every pass of a loop.
@Suite struct MissingImportTests {
    final class Reads: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String] = []
        func record(_ p: String) { lock.lock(); paths.append(p); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return paths }
    }

    @Test func aMissingImportIsReadOncePerRun() {
        let reads = Reads()
        let source = "let xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nfor a in xs { for b in xs { import \"missing.careplan\" } }\n"
        let compiled = Compilation.check(SourceFile(name: "dir/main.careplan", text: source),
                                         today: CalendarDate(year: 2026, month: 11, day: 29)!,
                                         readFile: { reads.record($0); return nil })
        #expect(reads.all == ["dir/missing.careplan"])
        #expect(compiled.diagnostics.map(\.code) == [.importNotFound])
    }
}
