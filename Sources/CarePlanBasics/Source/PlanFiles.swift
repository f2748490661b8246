import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        for path in paths {
            var st = stat()
            guard stat(path, &st) == 0 else { missing.append(path); continue }
            if st.st_mode & S_IFMT == S_IFDIR {
                var below: [String] = []
                collect(in: path, prefix: "", into: &below)
                below.sort()
                let base = path.hasSuffix("/") ? path : path + "/"
                found += below.map { Found(path: base + $0, relative: $0) }
            } else {
                found.append(Found(path: path, relative: (path as NSString).lastPathComponent))
            }
        }
        return (found, missing)
    }

    /// The `.careplan` files below `dir`, as paths relative to the folder searched.
    ///
    /// readdir, not `FileManager.enumerator`: the enumerator built an NSString path and a
    /// stat for every entry, 75,000 instructions a file on the main thread before any worker
    /// started (callgrind, `check DIR` on 1,000 plans); the entry's type from readdir needs
    /// no stat. As the enumerator did, a symbolic link is listed but a linked folder is not
    /// searched (no cycles), and hidden entries are searched too.
    private static func collect(in dir: String, prefix: String, into out: inout [String]) {
        guard let handle = opendir(dir) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var isDirectory = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                // Some file systems do not fill in the type: ask, without following a link.
                var st = stat()
                isDirectory = lstat(dir + "/" + name, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
            }
            if isDirectory {
                collect(in: dir + "/" + name, prefix: prefix + name + "/", into: &out)
            } else if name.hasSuffix(".careplan") {
                out.append(prefix + name)
            }
        }
    }
}
