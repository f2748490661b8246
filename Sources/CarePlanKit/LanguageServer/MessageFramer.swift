import CarePlanSyntax

/// LSP's base protocol: each JSON-RPC message is preceded by a `Content-Length: N` header
/// and a blank line (`\r\n\r\n`). `MessageFramer` takes bytes as they arrive from a stream
/// and hands back whole message bodies; `frame` wraps a body for sending.
public struct MessageFramer: Sendable {
    /// What the framer found in the stream.
    public enum Item: Equatable, Sendable {
        /// One message body (the JSON text).
        case message([UInt8])
        /// A header block without a valid `Content-Length` (the block is skipped; the server
        /// answers with a parse error and carries on).
        case badHeader(String)
    }

    /// Largest body accepted: far above any document an editor sends (the language itself
    /// refuses files over `Limits.maxSourceBytes`), so a corrupt length cannot exhaust memory.
    public static let maxBodyBytes = Limits.maxSourceBytes * 2 + 65_536

    private var buffer: [UInt8] = []
    private var start = 0
    /// The body length of the header just read, while waiting for the body.
    private var pendingLength: Int?

    public init() {}

    /// Adds bytes read from the stream; returns every complete item now available.
    public mutating func feed(_ bytes: [UInt8]) -> [Item] {
        buffer += bytes
        var items: [Item] = []
        while true {
            if let length = pendingLength {
                guard buffer.count - start >= length else { break }
                items.append(.message(Array(buffer[start..<(start + length)])))
                start += length
                pendingLength = nil
                continue
            }
            guard let headerEnd = findHeaderEnd() else { break }
            let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
            start = headerEnd + 4
            switch Self.contentLength(header) {
            case .success(let n): pendingLength = n
            case .failure(let problem): items.append(.badHeader(problem.message))
            }
        }
        // Drop what has been consumed once it is a good part of the buffer.
        if start > 65_536 && start * 2 > buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        return items
    }

    private func findHeaderEnd() -> Int? {
        var i = start
        while i + 3 < buffer.count {
            if buffer[i] == 0x0D, buffer[i + 1] == 0x0A, buffer[i + 2] == 0x0D, buffer[i + 3] == 0x0A { return i }
            i += 1
        }
        return nil
    }

    struct HeaderProblem: Error { var message: String }

    /// The `Content-Length` of a header block (other headers, such as `Content-Type`, are
    /// allowed and ignored; header names are case-insensitive).
    static func contentLength(_ header: String) -> Result<Int, HeaderProblem> {
        for line in header.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingSpaces().lowercased()
            guard name == "content-length" else { continue }
            let value = line[line.index(after: colon)...].trimmingSpaces()
            guard let n = Int(value), n >= 0 else { return .failure(HeaderProblem(message: "Content-Length is not a number: \(value)")) }
            guard n <= maxBodyBytes else { return .failure(HeaderProblem(message: "Content-Length \(n) is over the limit of \(maxBodyBytes) bytes")) }
            return .success(n)
        }
        return .failure(HeaderProblem(message: "a message header without Content-Length"))
    }

    /// `body` with its header, ready to write to the stream.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
