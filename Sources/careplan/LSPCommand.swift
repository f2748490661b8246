import ArgumentParser
import CarePlanKit
import Foundation

/// `careplan lsp`: the language server over standard input and output. Only the byte stream
/// lives here: one thread reads and frames messages (so a `$/cancelRequest` is seen while a
/// request is being answered), one serial queue answers them; the server is
/// `CarePlanKit.LanguageServer`.
struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the careplan language server (LSP 3.17) on standard input and output.")

    @Option(name: .long, help: "The date to treat as today (YYYY-MM-DD); default: $CAREPLAN_TODAY, else the system date.")
    var today: String?

    @Flag(name: .long, help: "Accepted for editors that pass it; stdio is the only transport.")
    var stdio = false

    func run() throws {
        let day = try CommonOptions.resolveToday(today)
        let output = FileHandle.standardOutput
        let writeLock = NSLock()
        let server = LanguageServer(today: day) { body in
            let framed = Data(MessageFramer.frame(body))
            writeLock.lock(); defer { writeLock.unlock() }
            output.write(framed)
        }
        let queue = WorkQueue()
        let reader = Thread {
            var framer = MessageFramer()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = read(0, &buffer, buffer.count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                for item in framer.feed(Array(buffer[0..<n])) {
                    switch item {
                    case .message(let body):
                        if let incoming = server.receive(body) { queue.push(.incoming(incoming)) }
                    case .badHeader(let problem):
                        queue.push(.badHeader(problem))
                    }
                }
            }
            // The client closed the stream: answer what is queued, then stop.
            queue.push(.end)
        }
        reader.start()
        // Answering recurses once per nesting level of a plan (as `check` does): a large stack.
        let done = DispatchSemaphore(value: 0)
        let serving = Thread {
            loop: while true {
                switch queue.pop() {
                case .incoming(let m):
                    server.process(m)
                    if server.exitCode != nil { break loop }
                case .badHeader(let problem): server.badHeader(problem)
                case .end: break loop
                }
            }
            done.signal()
        }
        serving.stackSize = Workers.stackSize
        serving.start()
        done.wait()
        let code = server.exitCode ?? 1
        if code != 0 { throw ExitCode(code) }
    }
}

/// Messages handed from the reading thread to the serving thread, in order.
final class WorkQueue: @unchecked Sendable {
    enum Item { case incoming(LanguageServer.Incoming), badHeader(String), end }
    private var items: [Item] = []
    private let lock = NSCondition()

    func push(_ item: Item) {
        lock.lock(); items.append(item); lock.signal(); lock.unlock()
    }

    func pop() -> Item {
        lock.lock(); defer { lock.unlock() }
        while items.isEmpty { lock.wait() }
        return items.removeFirst()
    }
}
