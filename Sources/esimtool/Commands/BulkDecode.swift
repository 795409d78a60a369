import Dispatch
import ESIMKit
import ESIMSupport

/// `decode --file`: every line of a file or of standard input decoded, one output line
/// each, in input order. Input is read in large blocks; each block's lines are shared out
/// among `jobs` workers, each writing its JSON Lines or text straight into its own byte
/// buffer, and the buffers go out in order. Memory stays at a few blocks on any input.
struct BulkDecode {
    var kind: InputKind?
    var strict: Bool
    var json: Bool
    var jobs: Int
    /// Whether a progress line may be drawn on standard error (a terminal, no `--quiet`).
    var showsProgress: Bool
    /// Whether the closing summary goes to standard error.
    var showsSummary: Bool

    func run(_ path: String, console: Console) -> ExitStatus {
        var source: LineSource
        do { source = try LineSource(path: path, console: console) } catch {
            return fail(path, code: error.code.rawValue, error.message, error.description, console: console)
        }
        defer { source.close() }
        // With more than one job, two sets of workers take turns: while one set decodes a
        // batch, this thread writes the other set's output of the batch before and reads
        // the next one, so reading and writing overlap decoding. Output stays in order.
        let sets = jobs > 1 ? 2 : 1
        let workerSets = (0..<sets).map { _ in (0..<max(1, jobs)).map { _ in Worker(kind: kind, strict: strict, json: json) } }
        var tally = DecodeTally()
        var progress = Progress(enabled: showsProgress)
        var readFailure: FileError?
        var inFlight: (workers: [Worker], group: DispatchGroup)?
        var turn = 0
        /// Waits for a set's batch, then writes its output; `false` once the reader of
        /// standard output has gone away.
        func finish(_ workers: [Worker], _ group: DispatchGroup) -> Bool {
            group.wait()
            for worker in workers {
                worker.output.withUnsafeBytes { console.outBytes($0) }
                worker.output.removeAll()
                tally.add(worker.tally)
                worker.tally = DecodeTally()
            }
            // `| head` has what it wanted: stop without a word.
            if console.outputClosed() { return false }
            progress.update(tally, console: console)
            return true
        }
        while true {
            let batch: LineBatches.Batch?
            do { batch = try source.next() } catch {
                readFailure = error
                break
            }
            guard let batch else { break }
            let workers = workerSets[turn]
            turn = (turn + 1) % sets
            let group = DispatchGroup()
            if sets == 1 {
                // One job: decoded here, written at once.
                decode(batch, workers: workers)
                if !finish(workers, group) { return tally.invalid == 0 ? .ok : .rejected }
                continue
            }
            start(batch, workers: workers, group: group)
            if let (previous, previousGroup) = inFlight, !finish(previous, previousGroup) {
                group.wait()
                return tally.invalid == 0 ? .ok : .rejected
            }
            inFlight = (workers, group)
        }
        if let (previous, previousGroup) = inFlight, !finish(previous, previousGroup) {
            return tally.invalid == 0 ? .ok : .rejected
        }
        progress.clear(console: console)
        if let readFailure {
            return fail(path, code: readFailure.code.rawValue, readFailure.message, readFailure.description, console: console)
        }
        guard tally.total > 0 else {
            let message = "no codes (only blank lines and '#' comments, or nothing)"
            return fail(path, code: "noCodes", message, "\(source.name): \(message)", console: console)
        }
        if showsSummary { console.err(DecodeRenderer.summary(tally)) }
        return tally.invalid == 0 ? .ok : .rejected
    }

    /// A failure of the whole input: on standard error, and with `--json` also as a JSON
    /// line on standard output (`{"file": …, "error": {"code": …, "message": …}}`), so a
    /// reader of the JSON Lines sees why there are none (or no more).
    func fail(_ path: String, code: String, _ message: String, _ description: String, console: Console) -> ExitStatus {
        if json {
            console.out(FailureJSON.line(key: "file", value: path == "-" ? "<stdin>" : path, code: code, message: message))
        }
        console.error(description)
        return .rejected
    }

    /// The batch's lines split into one contiguous share per worker, decoded on other
    /// threads; `group` is done when every share is.
    private func start(_ batch: LineBatches.Batch, workers: [Worker], group: DispatchGroup) {
        let count = batch.lines.count
        let shares = count < 512 ? 1 : workers.count
        let size = (count + shares - 1) / shares
        let box = UncheckedBox((batch, workers))
        for share in 0..<shares {
            DispatchQueue.global().async(group: group) {
                let (batch, workers) = box.value
                let start = min(share * size, count)
                workers[share].decode(batch, start..<min(start + size, count))
            }
        }
    }

    /// The batch's lines split into one contiguous share per worker, decoded side by side.
    private func decode(_ batch: LineBatches.Batch, workers: [Worker]) {
        let count = batch.lines.count
        // Small batches are not worth a thread hand-off.
        let shares = count < 512 ? 1 : workers.count
        if shares == 1 {
            workers[0].decode(batch, 0..<count)
            return
        }
        let size = (count + shares - 1) / shares
        let box = UncheckedBox((batch, workers))
        DispatchQueue.concurrentPerform(iterations: shares) { share in
            let (batch, workers) = box.value
            let start = min(share * size, count)
            workers[share].decode(batch, start..<min(start + size, count))
        }
    }

    /// One worker's state: its own carrier cache and output buffer, touched by one thread
    /// at a time.
    final class Worker {
        let kind: InputKind?
        let strict: Bool
        let json: Bool
        let mentions = CarrierMentions()
        // One thread at a time touches a worker (see the type's comment): no run-time
        // exclusivity checks on every line's accesses.
        @exclusivity(unchecked) var output = JSONBytes(capacity: 1 << 21)
        @exclusivity(unchecked) var tally = DecodeTally()

        init(kind: InputKind?, strict: Bool, json: Bool) {
            self.kind = kind
            self.strict = strict
            self.json = json
        }

        func decode(_ batch: LineBatches.Batch, _ range: Range<Int>) {
            // The buffer and the counts live on this thread's stack while it works: the two
            // workers' objects may share a cache line, and a write per byte to one would
            // stall the other core (false sharing).
            var output = JSONBytes(capacity: 0)
            swap(&output, &self.output)
            var tally = self.tally
            defer {
                swap(&output, &self.output)
                self.tally = tally
            }
            batch.bytes.withUnsafeBufferPointer { bytes in
                for index in range {
                    let line = UnsafeBufferPointer(rebasing: bytes[batch.lines[index]])
                    // A line cut at the length limit is refused as too long, never skipped as
                    // blank (its kept start may be only spaces).
                    if line.count <= LineBatches.maximumLineBytes, InputDecoder.isSkippedLine(utf8: line) { continue }
                    let text = String(decoding: line, as: UTF8.self)
                    let result = InputDecoder.decode(text, as: kind, strict: strict)
                    tally.count(result)
                    let number = batch.firstNumber + index
                    if json {
                        result.writeJSON(carriersJSON: mentions.carriersJSON(for: result), to: &output, line: number)
                    } else {
                        DecodeRenderer.writeLine(result, number: number, to: &output)
                    }
                    output.append(0x0A)
                }
            }
        }

    }

    /// The progress line: drawn on a terminal once the run has taken a second, redrawn at
    /// most five times a second, cleared before the summary.
    struct Progress {
        let enabled: Bool
        private let start = ContinuousClock.now
        private var lastDrawn: ContinuousClock.Instant?
        private var drawn = false

        init(enabled: Bool) {
            self.enabled = enabled
        }

        mutating func update(_ tally: DecodeTally, console: Console) {
            guard enabled else { return }
            let now = ContinuousClock.now
            let elapsed = now - start
            guard elapsed >= .seconds(1) else { return }
            if let lastDrawn, now - lastDrawn < .milliseconds(200) { return }
            lastDrawn = now
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let rate = Int(Double(tally.total) / seconds)
            console.errRaw("\r\u{1B}[K" + "decoding: \(Self.grouped(tally.total)) inputs, \(Self.grouped(rate))/s, \(Self.grouped(tally.invalid)) invalid")
            drawn = true
        }

        func clear(console: Console) {
            if drawn { console.errRaw("\r\u{1B}[K") }
        }

        static func grouped(_ value: Int) -> String {
            let digits = String(value)
            var text = ""
            for (index, digit) in digits.enumerated() {
                if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
                text.append(digit)
            }
            return text
        }
    }
}

/// Hands values that are shared on purpose (each worker is touched by one thread only) to
/// `concurrentPerform`'s closure.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
