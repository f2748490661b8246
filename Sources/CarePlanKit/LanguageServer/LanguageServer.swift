import Foundation
import CarePlanBasics
import CarePlanInterpret

/// `careplan lsp`: a language server (LSP 3.17) for careplan files. This type is the whole
/// server except the byte stream: the CLI reads framed messages from standard input, hands
/// each body to `receive` on the reading thread (which notes cancellations at once) and the
/// result to `process` on one serving thread; everything the server says goes to `send` as
/// a JSON body, to be framed with `MessageFramer.frame`.
///
/// Diagnostics are those of `careplan check` (the same `Compilation`), completion is the
/// REPL's engine, hover texts are `FieldHelp`'s and `careplan explain`'s: the editor shows
/// what the command line would.
public final class LanguageServer: @unchecked Sendable {
    /// A message read, ready to process.
    public enum Incoming: Sendable {
        case message(JSONValue)
        /// Not JSON, or JSON that is not a JSON-RPC message: answered with an error.
        case malformed(code: Int, message: String)
    }

    /// JSON-RPC and LSP error codes.
    enum ErrorCode {
        static let parseError = -32700
        static let invalidRequest = -32600
        static let methodNotFound = -32601
        static let invalidParams = -32602
        static let internalError = -32603
        static let serverNotInitialized = -32002
        static let requestFailed = -32803
        static let requestCancelled = -32800
    }

    struct ResponseError: Error {
        var code: Int
        var message: String
    }

    let today: CalendarDate
    let readFile: @Sendable (String) -> [UInt8]?
    private let send: @Sendable ([UInt8]) -> Void
    let cancellation = RequestCancellation()

    /// Open documents by URI.
    var documents: [String: TextDocument] = [:]
    /// Each open document's analysis, for the version it was made from.
    var analyses: [String: DocumentAnalysis] = [:]
    /// Each open document's syntax, for the version it was parsed from: kept when a save
    /// drops the analyses (the text did not change, its imports may have).
    var syntaxes: [String: DocumentSyntax] = [:]
    /// Counts parses per document version, when a test sets it.
    var parseCounts: ParseCounts?
    /// Negotiated at `initialize`.
    public private(set) var encoding: PositionEncoding = .utf16
    var initialized = false
    var shutdownRequested = false
    /// Set by `exit`: 0 after `shutdown`, 1 without it (LSP asks for that).
    public private(set) var exitCode: Int32?

    /// `today` is what plans see as today (`--today`, `CAREPLAN_TODAY`); `readFile` reads
    /// imported files that are not open in the editor.
    public init(today: CalendarDate,
                readFile: @escaping @Sendable (String) -> [UInt8]? = ScriptHost.readFromDisk,
                send: @escaping @Sendable ([UInt8]) -> Void) {
        self.today = today
        self.readFile = readFile
        self.send = send
    }

    /// Reads one message body. Called by the reading thread: a `$/cancelRequest` takes
    /// effect here, at once, even while another request is being answered; anything else is
    /// returned for `process`.
    public func receive(_ body: [UInt8]) -> Incoming? {
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch let failure as JSONParser.Failure {
            return .malformed(code: ErrorCode.parseError, message: "the message is not valid JSON: \(failure)")
        } catch {
            return .malformed(code: ErrorCode.parseError, message: "the message is not valid JSON")
        }
        guard case .object = value, value["method"]?.stringValue != nil || value["id"] != nil else {
            return .malformed(code: ErrorCode.invalidRequest, message: "a JSON-RPC message is an object with a `method` (or a response with an `id`)")
        }
        if value["method"]?.stringValue == "$/cancelRequest" {
            if let id = value["params"]?["id"] { cancellation.cancel(id) }
            return nil
        }
        return .message(value)
    }

    /// Answers one message (on the serving thread).
    public func process(_ incoming: Incoming) {
        switch incoming {
        case .malformed(let code, let message):
            reply(id: .null, error: ResponseError(code: code, message: message))
        case .message(let m):
            dispatch(m)
        }
    }

    /// `receive` and `process` in one step, for tests and a single-threaded loop.
    public func handle(_ body: [UInt8]) {
        if let incoming = receive(body) { process(incoming) }
    }

    /// A header block the framer could not read: answered like malformed JSON.
    public func badHeader(_ problem: String) {
        reply(id: .null, error: ResponseError(code: ErrorCode.parseError, message: problem))
    }

    // MARK: - Dispatch

    private func dispatch(_ m: JSONValue) {
        let method = m["method"]?.stringValue
        let id = m["id"]
        let params = m["params"] ?? .null
        guard let method else { return }  // a response to a request of ours: none are sent
        guard let id else {
            notification(method, params)
            return
        }
        defer { cancellation.finish(id) }
        if cancellation.isCancelled(id) {
            reply(id: id, error: ResponseError(code: ErrorCode.requestCancelled, message: "cancelled by the client"))
            return
        }
        if !initialized && method != "initialize" {
            reply(id: id, error: ResponseError(code: ErrorCode.serverNotInitialized, message: "the server is not initialized yet: send `initialize` first"))
            return
        }
        if shutdownRequested {
            reply(id: id, error: ResponseError(code: ErrorCode.invalidRequest, message: "the server is shutting down: only `exit` is accepted"))
            return
        }
        let check = CancellationCheck(registry: cancellation, id: id)
        do {
            let result = try request(method, params, check)
            try check.check()
            reply(id: id, result: result)
        } catch let e as ResponseError {
            reply(id: id, error: e)
        } catch is CancellationCheck.Cancelled {
            reply(id: id, error: ResponseError(code: ErrorCode.requestCancelled, message: "cancelled by the client"))
        } catch {
            reply(id: id, error: ResponseError(code: ErrorCode.internalError, message: "\(error)"))
        }
    }

    private func request(_ method: String, _ params: JSONValue, _ check: CancellationCheck) throws -> JSONValue {
        switch method {
        case "initialize": return initialize(params)
        case "shutdown":
            shutdownRequested = true
            return .null
        case "textDocument/completion": return try completion(params, check)
        case "textDocument/hover": return try hover(params, check)
        case "textDocument/definition": return try definition(params, check)
        case "textDocument/references": return try references(params, check)
        case "textDocument/documentSymbol": return try documentSymbols(params, check)
        case "textDocument/prepareRename": return try prepareRename(params, check)
        case "textDocument/rename": return try rename(params, check)
        case "textDocument/formatting": return try formatting(params, check)
        default:
            throw ResponseError(code: ErrorCode.methodNotFound, message: "careplan lsp does not offer `\(method)`")
        }
    }

    private func notification(_ method: String, _ params: JSONValue) {
        if method == "exit" {
            exitCode = shutdownRequested ? 0 : 1
            return
        }
        guard initialized, !shutdownRequested else { return }
        switch method {
        case "initialized": break
        case "textDocument/didOpen":
            guard let doc = params["textDocument"], let uri = doc["uri"]?.stringValue, let text = doc["text"]?.stringValue else { return }
            open(uri: uri, version: doc["version"]?.intValue ?? 0, text: text)
        case "textDocument/didChange":
            guard let uri = params["textDocument"]?["uri"]?.stringValue, let changes = params["contentChanges"]?.arrayValue,
                  let text = changes.last?["text"]?.stringValue else { return }
            // Full sync: each change carries the whole text; the last one wins.
            open(uri: uri, version: params["textDocument"]?["version"]?.intValue ?? 0, text: text)
        case "textDocument/didSave":
            guard let uri = params["textDocument"]?["uri"]?.stringValue, documents[uri] != nil else { return }
            // Files that import this one may change meaning: republish every open document.
            for other in documents.keys.sorted() { analyses[other] = nil; publishDiagnostics(other) }
        case "textDocument/didClose":
            guard let uri = params["textDocument"]?["uri"]?.stringValue else { return }
            documents[uri] = nil
            analyses[uri] = nil
            syntaxes[uri] = nil
            notify("textDocument/publishDiagnostics", .object(["uri": .string(uri), "diagnostics": .array([])]))
        default:
            break  // other notifications (`$/setTrace`, ...) need no answer
        }
    }

    private func open(uri: String, version: Int, text: String) {
        documents[uri] = TextDocument(uri: uri, version: version, text: text)
        analyses[uri] = nil
        syntaxes[uri] = nil
        publishDiagnostics(uri)
    }

    // MARK: - initialize

    private func initialize(_ params: JSONValue) -> JSONValue {
        let offered = params["capabilities"]?["general"]?["positionEncodings"]?.arrayValue?.compactMap(\.stringValue) ?? []
        encoding = offered.contains(PositionEncoding.utf8.rawValue) ? .utf8 : .utf16
        initialized = true
        let capabilities: [String: JSONValue] = [
            "positionEncoding": .string(encoding.rawValue),
            "textDocumentSync": .object(["openClose": .bool(true), "change": 1, "save": .object(["includeText": .bool(false)])]),
            "completionProvider": .object(["triggerCharacters": .array(["."]), "resolveProvider": .bool(false)]),
            "hoverProvider": .bool(true),
            "definitionProvider": .bool(true),
            "referencesProvider": .bool(true),
            "documentSymbolProvider": .bool(true),
            "renameProvider": .object(["prepareProvider": .bool(true)]),
            "documentFormattingProvider": .bool(true),
        ]
        return .object([
            "capabilities": .object(capabilities),
            "serverInfo": .object(["name": "careplan", "version": .string(Self.version)]),
        ])
    }

    /// Reported in `serverInfo`.
    public static let version = "0.1.0"

    // MARK: - Sending

    func reply(id: JSONValue, result: JSONValue) {
        write(.object(["jsonrpc": "2.0", "id": id, "result": result]))
    }

    func reply(id: JSONValue, error: ResponseError) {
        write(.object(["jsonrpc": "2.0", "id": id,
                       "error": .object(["code": .number(Double(error.code)), "message": .string(error.message)])]))
    }

    func notify(_ method: String, _ params: JSONValue) {
        write(.object(["jsonrpc": "2.0", "method": .string(method), "params": params]))
    }

    private func write(_ value: JSONValue) {
        send(Array(value.serialized(pretty: false).utf8))
    }

    // MARK: - Documents

    /// The open document named by `params.textDocument.uri`.
    func document(_ params: JSONValue) throws -> TextDocument {
        guard let uri = params["textDocument"]?["uri"]?.stringValue else {
            throw ResponseError(code: ErrorCode.invalidParams, message: "`textDocument.uri` is missing")
        }
        guard let doc = documents[uri] else {
            throw ResponseError(code: ErrorCode.invalidParams, message: "\(uri) is not open (send `textDocument/didOpen` first)")
        }
        return doc
    }

    /// The document and the byte offset of `params.position`.
    func documentAndOffset(_ params: JSONValue) throws -> (TextDocument, Int) {
        let doc = try document(params)
        guard let position = TextPosition(params["position"]) else {
            throw ResponseError(code: ErrorCode.invalidParams, message: "`position` is missing or not a position")
        }
        return (doc, doc.offset(of: position, encoding))
    }

    /// The analysis of an open document, made once per version.
    func analysis(_ doc: TextDocument) -> DocumentAnalysis {
        if let a = analyses[doc.uri], a.document === doc { return a }
        // Imports read the editor's unsaved text of open files, the disk otherwise.
        var unsaved: [String: [UInt8]] = [:]
        for d in documents.values { unsaved[d.path] = d.bytes }
        let open = unsaved
        let readFile = self.readFile
        let reader: @Sendable (String) -> [UInt8]? = { path in open[path] ?? readFile(path) }
        let a = DocumentAnalysis(syntax: syntax(doc), today: today, readFile: reader, counts: parseCounts) { [weak self] path in
            guard let self, let open = self.documents.values.first(where: { $0.path == path }) else { return nil }
            return self.syntax(open)
        }
        analyses[doc.uri] = a
        return a
    }

    /// The syntax of an open document, parsed once per version.
    func syntax(_ doc: TextDocument) -> DocumentSyntax {
        if let s = syntaxes[doc.uri], s.document === doc { return s }
        let s = DocumentSyntax(doc, counts: parseCounts)
        syntaxes[doc.uri] = s
        return s
    }

    /// A location in JSON: a URI and a range.
    func location(uri: String, range: JSONValue) -> JSONValue {
        .object(["uri": .string(uri), "range": range])
    }
}
