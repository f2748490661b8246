import CarePlanBasics
import CarePlanSyntax

/// A source parsed once, for tools that read the same text several ways (the language
/// server checks it, indexes its names and completes in it): its statements and syntax
/// diagnostics, as `Interpreter.execute` would have parsed them, ready for
/// `Compilation.check(_:today:readFile:)`.
///
/// `Interpreter.execute` parses and runs statement by statement and keeps no tree (a large
/// file is never held whole); this keeps the statements, which is right for one document in
/// an editor, not for `careplan check DIR`.
public struct ParsedSource: Sendable {
    public let file: SourceFile
    public let statements: [Stmt]
    /// The lexer's and the parser's diagnostics; or only the one diagnostic of a file too
    /// large to read or not text (then nothing was lexed and there are no statements), as
    /// `Interpreter.execute` reports them.
    public let diagnostics: [Diagnostic]
    /// False when the file is not text (`TextCheck`): nothing of it was lexed.
    public let isText: Bool

    public init(_ file: SourceFile) {
        self.file = file
        if file.bytes.count <= Limits.maxSourceBytes, let notText = TextCheck.diagnostic(for: file) {
            statements = []
            diagnostics = [notText]
            isText = false
        } else {
            (statements, diagnostics) = Parser.parse(file)
            isText = true
        }
    }
}
