import Foundation

/// Why a file cannot be read, in words a therapist can act on: "cannot read X" alone left
/// them guessing between a typo, a folder and a permission.
public enum FileProblem {
    /// The reason `path` could not be read as a plan file ("no such file", "it is a folder",
    /// "permission denied", ...), for messages like "cannot read X: REASON".
    public static func reason(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            switch errno {
            case ENOENT:
                let folder = Paths.directory(of: path)
                var isDir: ObjCBool = false
                if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) || !isDir.boolValue {
                    return "no such file (the folder \(folder) does not exist)"
                }
                return "no such file"
            case EACCES: return "permission denied (a folder on the way cannot be opened)"
            case ENOTDIR: return "no such file (part of the path is a file, not a folder)"
            default: return String(cString: strerror(errno))
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return "it is a folder, not a file (name a .careplan file inside it)"
        case S_IFREG: break
        default: return "it is not a regular file (a device, pipe or socket)"
        }
        if access(path, R_OK) != 0 { return "permission denied (you may not read this file)" }
        return "it could not be read"
    }

    /// Why a file cannot be written at `path`, or nil when its folder exists and is writable.
    /// `:save` and `:export` refuse rather than create missing folders, which hid typos.
    public static func writeProblem(_ path: String) -> String? {
        let folder = Paths.directory(of: path)
        let dir = folder.isEmpty ? "." : folder
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) else {
            return "the folder \(dir) does not exist (create it first, or choose another place)"
        }
        guard isDir.boolValue else { return "\(dir) is a file, not a folder" }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            return "it is a folder"
        }
        if access(dir, W_OK) != 0 { return "permission denied (you may not write in \(dir))" }
        return nil
    }
}
