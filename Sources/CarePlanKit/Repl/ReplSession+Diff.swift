import Foundation
import CarePlanBasics
import CarePlanExport

extension ReplSession {
    /// `:diff FILE`: what changed from the file (the version saved or agreed) to the plans in
    /// the session now, as `careplan diff FILE session` would say it. A file with errors is not
    /// compared: its errors are shown instead. The session is not changed either way.
    func diff(_ path: String) -> Response {
        guard !path.isEmpty else { return Response(output: "usage: :diff FILE (compares the file with the session's plans)\n", accepted: false) }
        let full = absolute(path)
        guard let bytes = host.readFile(full) else {
            return Response(output: "cannot read \(path): \(FileProblem.reason(full))\n", accepted: false)
        }
        // Named as `:load` names files, so diagnostics and imports read the same.
        let name = Paths.isInside(full, workingDirectory) ? Paths.relative(full, from: Paths.normalize(workingDirectory)) : full
        let result = FileComparison.compare(old: SourceFile(name: name, bytes: bytes), plans: state.plans, name: "the session",
                                            today: host.today, readFile: host.readFile)
        guard let diff = result.diff else {
            var r = Response(output: "not compared: \(path) has \(result.errors.count == 1 ? "an error" : "\(result.errors.count) errors")\n", accepted: false)
            r.diagnostics = result.errors
            return r
        }
        return Response(output: DiffRenderer.text(diff))
    }
}
