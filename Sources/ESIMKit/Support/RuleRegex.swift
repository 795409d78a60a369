/// A spec rule's regular expression: its first match in a field's text, group 1 when the
/// pattern has groups, else the whole match.
///
/// Semantics are Swift `Regex` matched over Unicode scalars (`.matchingSemantics(.unicodeScalar)`):
/// leftmost match, alternatives and quantifiers tried in backtracking order. Patterns in the
/// subset rules use — literals, `.`, `\d \D \s \S \w \W`, escaped punctuation, `\t \n \r`,
/// bracket classes with ranges, `( )`, `(?: )`, `|`, `* + ? {n} {n,} {n,m}` (greedy or lazy),
/// `^ $`, and `(?i)` leading the pattern (ASCII letters and uncased scalars) — run on
/// ``ScalarProgram``, a bit-state backtracker (every instruction visits a
/// position at most once, so a match costs at most program × text steps and never runs
/// away) that compiles in microseconds. Anything else (lookaround, back-references,
/// options, named groups, Unicode properties…) is compiled by Swift `Regex`, so every
/// pattern means the same either way; tests compare the two on many patterns and texts.
struct RuleRegex {
    private enum Engine {
        case program(ScalarProgram)
        case swift(Regex<AnyRegexOutput>)
    }

    private let engine: Engine
    let pattern: String

    /// Compiles `pattern`; throws (Swift `Regex`'s error) when it is not a regular expression.
    init(_ pattern: String) throws {
        self.pattern = pattern
        if let program = ScalarProgram(pattern) {
            engine = .program(program)
        } else {
            engine = .swift(try Regex(pattern).matchingSemantics(.unicodeScalar))
        }
    }

    /// Whether the pattern runs on the bit-state engine (not Swift `Regex`).
    var isNative: Bool {
        if case .program = engine { return true }
        return false
    }

    /// The first match's group 1 (empty when that group took no part), or the whole match
    /// when the pattern has no groups; `nil` when nothing matches.
    func capture(in text: String) -> String? {
        switch engine {
        case .program(let program) where program.fits(length: text.utf8.count):
            return program.capture(in: text)
        case .program:
            // Longer than the visited bits allow (megabytes): a one-off Swift `Regex`.
            guard let regex = try? Regex(pattern).matchingSemantics(.unicodeScalar) else { return nil }
            return Self.capture(in: text, regex: regex)
        case .swift(let regex):
            return Self.capture(in: text, regex: regex)
        }
    }

    private static func capture(in text: String, regex: Regex<AnyRegexOutput>) -> String? {
        guard let match = try? regex.firstMatch(in: text) else { return nil }
        let output = match.output
        let capture = output.count > 1 ? output[1].substring : output[0].substring
        return capture.map(String.init) ?? ""
    }
}

/// The compiled form of a ``RuleRegex`` pattern in the supported subset.
struct ScalarProgram: Sendable {
    /// One step of the program. `first`/`second` are instruction indexes (split, jump),
    /// a scalar value, a set index or a capture slot.
    struct Instruction: Sendable {
        enum Operation: UInt8, Sendable {
            case scalar, set, split, jump, save, start, end, match
        }
        var operation: Operation
        var first: Int32
        var second: Int32 = 0
    }

    private(set) var instructions: [Instruction] = []
    private(set) var sets: [ScalarSet] = []
    /// Each set's members among scalars 0–127 (read without touching `sets`).
    private var asciiSets: [ASCIIBitmap] = []
    /// Capturing groups in the pattern.
    private(set) var groupCount = 0
    /// The byte every match starts with, when the pattern begins with an ASCII literal.
    private var firstByte: UInt8?
    /// Whether the pattern begins with `^` (then only the text's start can match).
    private var anchored = false

    /// The most instructions a pattern compiles to (counted repetition copies its body).
    static let maximumInstructions = 4_096
    /// The most visited-state bits a match may use (program × text); longer texts go to
    /// Swift `Regex`.
    static let maximumStates = 1 << 24

    /// Whether a text of `length` UTF-8 bytes fits the visited bits.
    func fits(length: Int) -> Bool {
        let (states, overflow) = instructions.count.multipliedReportingOverflow(by: length + 1)
        return !overflow && states <= Self.maximumStates
    }

    /// `nil` when the pattern is outside the subset (or not valid syntax: Swift `Regex`
    /// then reports it).
    init?(_ pattern: String) {
        var parser = PatternParser(scalars: Array(pattern.unicodeScalars))
        guard let node = parser.parseAll() else { return nil }
        groupCount = parser.groupCount
        emit(.save, 0)
        guard compile(node) else { return nil }
        emit(.save, 1)
        emit(.match, 0)
        guard instructions.count <= Self.maximumInstructions else { return nil }
        asciiSets = sets.map(\.asciiMembers)
        // Past the saves, the first instruction every match runs.
        if let lead = instructions.first(where: { $0.operation != .save }) {
            if lead.operation == .scalar, lead.first < 0x80 { firstByte = UInt8(lead.first) }
            anchored = lead.operation == .start
        }
    }

    // MARK: Compiling

    private mutating func emit(_ operation: Instruction.Operation, _ first: Int, _ second: Int = 0) {
        instructions.append(Instruction(operation: operation, first: Int32(first), second: Int32(second)))
    }

    /// Appends `node`'s code; `false` when the program grows past its limit.
    private mutating func compile(_ node: PatternNode) -> Bool {
        guard instructions.count <= Self.maximumInstructions else { return false }
        switch node {
        case .empty:
            return true
        case .scalar(let value):
            emit(.scalar, Int(value))
        case .set(let set):
            sets.append(set)
            emit(.set, sets.count - 1)
        case .start:
            emit(.start, 0)
        case .end:
            emit(.end, 0)
        case .group(let inner, let index):
            guard let index else { return compile(inner) }
            emit(.save, 2 * index)
            guard compile(inner) else { return false }
            emit(.save, 2 * index + 1)
        case .sequence(let nodes):
            for node in nodes { guard compile(node) else { return false } }
        case .alternation(let branches):
            // split L1, next; L1: branch; jump end; next: split L2, … ; last branch
            var jumps: [Int] = []
            for (offset, branch) in branches.enumerated() {
                if offset < branches.count - 1 {
                    let split = instructions.count
                    emit(.split, split + 1, 0)
                    guard compile(branch) else { return false }
                    jumps.append(instructions.count)
                    emit(.jump, 0)
                    instructions[split].second = Int32(instructions.count)
                } else {
                    guard compile(branch) else { return false }
                }
            }
            for jump in jumps { instructions[jump].first = Int32(instructions.count) }
        case .repetition(let inner, let minimum, let maximum, let greedy):
            for _ in 0..<minimum { guard compile(inner) else { return false } }
            if let maximum {
                // Each optional copy: split (body, skip to the end).
                var splits: [Int] = []
                for _ in minimum..<maximum {
                    splits.append(instructions.count)
                    emit(.split, 0, 0)
                    guard compile(inner) else { return false }
                }
                let end = instructions.count
                for split in splits { setSplit(split, body: split + 1, exit: end, greedy: greedy) }
            } else {
                // loop: split (body, exit); body; jump loop
                let loop = instructions.count
                emit(.split, 0, 0)
                guard compile(inner) else { return false }
                emit(.jump, loop)
                setSplit(loop, body: loop + 1, exit: instructions.count, greedy: greedy)
            }
        }
        return instructions.count <= Self.maximumInstructions
    }

    private mutating func setSplit(_ index: Int, body: Int, exit: Int, greedy: Bool) {
        instructions[index].first = Int32(greedy ? body : exit)
        instructions[index].second = Int32(greedy ? exit : body)
    }

    // MARK: Matching

    /// See ``RuleRegex/capture(in:)``; the text must ``fits(length:)``.
    func capture(in text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes in
            guard let (start, end) = firstMatch(in: bytes) else { return nil }
            guard start >= 0 else { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }

    /// The reported group's byte range in the first match (`(-1, -1)` when the group took
    /// no part), or `nil` without a match.
    private func firstMatch(in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        let positions = bytes.count + 1
        let states = instructions.count * positions
        let slots = 2 * (groupCount + 1)
        let words = (states + 63) / 64
        // Every stack entry comes from a split or save at a state visited for the first
        // time, so 2 × (states + 1) integers always suffice; the stack starts smaller
        // (most texts need a few dozen) and grows on the heap when it must.
        let initialStack = min(2 * (states + 1), Self.initialStackCapacity)
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: words + slots + initialStack) { memory in
            let visited = UnsafeMutableBufferPointer(rebasing: memory[..<words])
            visited.initialize(repeating: 0)
            let captures = UnsafeMutableBufferPointer(rebasing: memory[words..<(words + slots)])
            captures.initialize(repeating: -1)
            var stack = JobStack(UnsafeMutableBufferPointer(rebasing: memory[(words + slots)...]))
            defer { stack.release() }
            let group = groupCount > 0 ? 1 : 0
            // The leftmost start that matches; a (instruction, position) state that failed
            // once fails from any start, so the visited bits carry over.
            var start = 0
            while start <= bytes.count {
                if let byte = firstByte {
                    // Only where the pattern's first (ASCII) scalar is.
                    while start < bytes.count && bytes[start] != byte { start += 1 }
                    if start == bytes.count { return nil }
                }
                if run(from: start, bytes: bytes, positions: positions, visited: visited, captures: captures, stack: &stack) {
                    return (captures[2 * group], captures[2 * group + 1])
                }
                if anchored { return nil }
                start += start < bytes.count ? Self.scalarLength(bytes[start]) : 1
            }
            return nil
        }
    }

    /// Integers of backtracking stack before it moves to the heap (4 KB).
    static let initialStackCapacity = 512

    /// The backtracking stack: pairs of integers, in a caller's buffer until it outgrows
    /// it, then on the heap, doubling.
    struct JobStack {
        private(set) var buffer: UnsafeMutableBufferPointer<Int>
        private var owned = false

        init(_ buffer: UnsafeMutableBufferPointer<Int>) {
            self.buffer = buffer
        }

        /// Room for one more pair at `depth`.
        @inline(__always) mutating func reserve(_ depth: Int) {
            if depth + 2 > buffer.count { grow() }
        }

        private mutating func grow() {
            let larger = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(64, buffer.count * 2))
            _ = larger.initialize(from: buffer)
            release()
            buffer = larger
            owned = true
        }

        func release() {
            if owned { buffer.deallocate() }
        }
    }

    /// Backtracking from `start` in priority order, each state at most once. The stack
    /// holds pairs: (instruction, position) to resume, or (`-slot - 1`, old value) to
    /// restore a capture slot on the way back.
    private func run(from start: Int, bytes: UnsafeBufferPointer<UInt8>, positions: Int, visited: UnsafeMutableBufferPointer<Int>,
                     captures: UnsafeMutableBufferPointer<Int>, stack: inout JobStack) -> Bool {
        instructions.withUnsafeBufferPointer { program in
            asciiSets.withUnsafeBufferPointer { ascii in
                var depth = 2
                stack.reserve(0)
                stack.buffer[0] = 0
                stack.buffer[1] = start
                while depth > 0 {
                    depth -= 2
                    var pc = stack.buffer[depth]
                    var position = stack.buffer[depth + 1]
                    if pc < 0 {
                        captures[-pc - 1] = position
                        continue
                    }
                    while true {
                        let state = pc &* positions &+ position
                        let bit = 1 &<< (state & 63)
                        if visited[state >> 6] & bit != 0 { break }
                        visited[state >> 6] |= bit
                        let instruction = program[pc]
                        switch instruction.operation {
                        case .scalar:
                            guard position < bytes.count else { break }
                            let lead = bytes[position]
                            if lead < 0x80 {
                                guard UInt32(lead) == UInt32(instruction.first) else { break }
                                position += 1
                            } else {
                                let (value, length) = Self.decode(bytes, at: position)
                                guard value == UInt32(instruction.first) else { break }
                                position += length
                            }
                            pc += 1
                            continue
                        case .set:
                            guard position < bytes.count else { break }
                            let lead = bytes[position]
                            if lead < 0x80 {
                                guard ascii[Int(instruction.first)].contains(UInt32(lead)) else { break }
                                position += 1
                            } else {
                                let (value, length) = Self.decode(bytes, at: position)
                                guard sets[Int(instruction.first)].contains(value) else { break }
                                position += length
                            }
                            pc += 1
                            continue
                        case .split:
                            stack.reserve(depth)
                            stack.buffer[depth] = Int(instruction.second)
                            stack.buffer[depth + 1] = position
                            depth += 2
                            pc = Int(instruction.first)
                            continue
                        case .jump:
                            pc = Int(instruction.first)
                            continue
                        case .save:
                            let slot = Int(instruction.first)
                            stack.reserve(depth)
                            stack.buffer[depth] = -slot - 1
                            stack.buffer[depth + 1] = captures[slot]
                            depth += 2
                            captures[slot] = position
                            pc += 1
                            continue
                        case .start:
                            guard position == 0 else { break }
                            pc += 1
                            continue
                        case .end:
                            guard position == bytes.count else { break }
                            pc += 1
                            continue
                        case .match:
                            return true
                        }
                        break
                    }
                }
                return false
            }
        }
    }

    @inline(__always) static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The scalar at `index` of valid UTF-8, and its length in bytes.
    @inline(__always) static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        if lead < 0xE0 { return (UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return (UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        return (UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                    | UInt32(bytes[index + 3] & 0x3F), 4)
    }
}
