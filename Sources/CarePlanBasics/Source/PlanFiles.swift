import Foundation

/// The `.careplan` files that command-line paths name: a file is taken as it is, a folder is
/// searched below it (sorted, so output is stable). `check`, `caseload` and `grade` share it.
public enum PlanFiles {
    public struct Found: Sendable, Equatable {
        /// The path to read.
        public var path: String
        /// The path below the folder it was found in; for a file given directly, its name.
        public var relative: String
    }

    public static func find(_ paths: [String]) -> (found: [Found], missing: [String]) {
        var found: [Found] = [], missing: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else { missing.append(path); continue }
            if isDir.boolValue {
                let below = (fm.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
                    .filter { $0.hasSuffix(".careplan") }.sorted()
                found += below.map { Found(path: (path as NSString).appendingPathComponent($0), relative: $0) }
            } else {
                found.append(Found(path: path, relative: (path as NSString).lastPathComponent))
            }
        }
        return (found, missing)
    }
}
