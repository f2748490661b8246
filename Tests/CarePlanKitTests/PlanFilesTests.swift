@testable import CarePlanKit
import Foundation
import Testing

/// `PlanFiles.find`, the one folder search behind `check`, `caseload` and `grade`: which files
/// a folder yields, in what order, and what a missing path gives.
struct PlanFilesTests {
    @Test func aFolderYieldsItsPlanFilesBelowItSortedAndNothingElse() throws {
        let fm = FileManager.default
        let root = NSTemporaryDirectory() + "careplan-planfiles-\(getpid())-\(UUID().uuidString)"
        defer { try? fm.removeItem(atPath: root) }
        for dir in ["b", "a/deep", ".hidden", "elsewhere"] {
            try fm.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        for file in ["z.careplan", "b/y.careplan", "a/x.careplan", "a/deep/w.careplan", ".hidden/v.careplan",
                     "notes.txt", "a/plan.careplan.bak", "elsewhere/u.careplan"] {
            try Data("plan p \"P\" {}\n".utf8).write(to: URL(fileURLWithPath: root + "/" + file))
        }
        // A linked file is listed; a linked folder is not searched (a link back up would loop).
        try fm.createSymbolicLink(atPath: root + "/b/link.careplan", withDestinationPath: root + "/z.careplan")
        try fm.createSymbolicLink(atPath: root + "/a/loop", withDestinationPath: root)

        let (found, missing) = PlanFiles.find([root, root + "/a/x.careplan", root + "/nowhere"])
        #expect(found.map(\.relative) == [".hidden/v.careplan", "a/deep/w.careplan", "a/x.careplan",
                                          "b/link.careplan", "b/y.careplan", "elsewhere/u.careplan",
                                          "z.careplan", "x.careplan"])
        #expect(found.first?.path == root + "/.hidden/v.careplan")
        #expect(found.last?.path == root + "/a/x.careplan")
        #expect(missing == [root + "/nowhere"])
        // A trailing slash gives the same paths, not a doubled one.
        #expect(PlanFiles.find([root + "/"]).found.map(\.path) == found.dropLast().map(\.path))
    }
}
