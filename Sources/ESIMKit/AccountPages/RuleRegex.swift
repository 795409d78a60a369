/// A spec rule's regular expression: its first match in a field's text, group 1 when the
/// pattern has groups, else the whole match.
///
/// Semantics are Swift `Regex` matched over Unicode scalars (`.matchingSemantics(.unicodeScalar)`,
/// with `\b` as `.wordBoundaryKind(.simple)` has it): leftmost match, alternatives and
/// quantifiers tried in backtracking order, an iteration that matches nothing ending its loop.
/// Every pattern runs on ``ScalarProgram``, a bit-state backtracker: each (instruction,
/// position) is visited at most once, so a match costs at most program × text steps and no
/// pattern runs away, whatever the text. The syntax is what rules need — literals, `.`,
/// `\d \D \s \S \w \W`, `\b \B \A \z`, escaped punctuation, `\t \n \r \f`, `\xHH`,
/// `\x{…}`, `\uHHHH`, `\u{…}`, bracket sets with ranges, groups (`( )`, `(?: )`, named),
/// `|`, `* + ? {n} {n,} {n,m} {,m}` (greedy or lazy), `^ $`, `(?i)` and `(?i: )` for ASCII
/// letters, `(?# )` comments; anything else (lookaround, back-references, possessive
/// quantifiers, Unicode properties, other options…) is refused with ``RuleRegexError``
/// naming the construct and its offset, rather than handed to an engine without a bound.
struct RuleRegex {
    private let program: ScalarProgram
    let pattern: String

    /// Compiles `pattern`.
    init(_ pattern: String) throws(RuleRegexError) {
        self.pattern = pattern
        switch ScalarProgram.compile(pattern) {
        case .success(let program):
            self.program = program
        case .failure(let failure):
            // Swift `Regex` names malformed syntax best; it only compiles the pattern here.
            do { _ = try Regex(pattern) } catch {
                throw RuleRegexError(.invalidPattern, "\(error)", offset: nil)
            }
            throw failure
        }
    }

    /// The first match's group 1 (empty when that group took no part), or the whole match
    /// when the pattern has no groups; `nil` when nothing matches. Throws `textTooLong`
    /// when the text needs more visited states than ``ScalarProgram/maximumStates``.
    func capture(in text: String) throws(RuleRegexError) -> String? {
        let length = text.utf8.count
        guard program.fits(length: length) else {
            throw RuleRegexError(.textTooLong, "the text (\(length) bytes) is too long for the pattern '\(pattern)': "
                                 + "at most \(program.maximumLength) bytes", offset: nil)
        }
        return program.capture(in: text)
    }
}

/// Why a rule regex does not compile, or cannot be run on a text.
enum RuleRegexErrorCode: String, ErrorCode {
    /// Not a regular expression (Swift `Regex`'s message says why).
    case invalidPattern
    /// A regular expression, but with syntax rule regexes do not run (named).
    case unsupportedSyntax
    /// More than ``ScalarProgram/maximumInstructions`` once counted repeats are copied out.
    case patternTooLarge
    /// A text too long for the pattern's visited states.
    case textTooLong
}

/// A rule regex that does not compile, or a text it cannot be run on; ``CodedError/offset``
/// counts the pattern's Unicode scalars.
typealias RuleRegexError = CodedError<RuleRegexErrorCode>

/// The compiled form of a ``RuleRegex`` pattern.
struct ScalarProgram: Sendable {
    /// One step of the program. `first`/`second` are instruction indexes (split, jump),
    /// a scalar value, a set index, a capture slot or a loop.
    struct Instruction: Sendable {
        enum Operation: UInt8, Sendable {
            case scalar, set, split, jump, save, start, end, match
            /// `\b` (`first` 0) or `\B` (`first` 1), between a `\w` scalar and another.
            case boundary
            /// Notes where an iteration of loop `first` starts (undone on backtracking).
            case mark
            /// The end of an iteration of loop `first`: back to its head (`second`) when the
            /// iteration consumed something, else out of the loop (the next instruction).
            case progress
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
    /// Loops whose body can match nothing (`(a*)*`, `(x|)+`): their iterations are marked
    /// so that an empty one ends the loop, as in Swift `Regex`.
    private var loopParents: [Int32] = []
    /// For each instruction, the innermost such loop whose body holds it (-1: none).
    private var enclosingLoop: [Int32] = []
    /// How many such loops nest at most; visited states are kept per nesting level.
    private var loopDepth = 0
    /// The byte every match starts with, when the pattern begins with an ASCII literal.
    private var firstByte: UInt8?
    /// Whether the pattern begins with `^` (then only the text's start can match).
    private var anchored = false

    /// The most instructions a pattern compiles to (counted repetition copies its body).
    static let maximumInstructions = 4_096
    /// The most visited-state bits a match may use (program × text × loop levels, 8 MB).
    static let maximumStates = 1 << 26

    /// The states one text position costs.
    private var statesPerPosition: Int { instructions.count * (loopDepth + 1) }

    /// Whether a text of `length` UTF-8 bytes fits the visited bits.
    func fits(length: Int) -> Bool {
        let (states, overflow) = statesPerPosition.multipliedReportingOverflow(by: length + 1)
        return !overflow && states <= Self.maximumStates
    }

    /// The longest text that fits, in UTF-8 bytes.
    var maximumLength: Int { Self.maximumStates / statesPerPosition - 1 }

    /// `nil` when the pattern does not compile (``compile(_:)`` says why).
    init?(_ pattern: String) {
        guard case .success(let program) = Self.compile(pattern) else { return nil }
        self = program
    }

    private init() {}

    /// The program for `pattern`, or what keeps it from compiling (syntax Swift `Regex`
    /// rejects is reported as unsupported here; ``RuleRegex`` tells the two apart).
    static func compile(_ pattern: String) -> Result<ScalarProgram, RuleRegexError> {
        var parser = PatternParser(scalars: Array(pattern.unicodeScalars))
        guard let node = parser.parseAll() else {
            let failure = parser.failure ?? PatternParser.Failure(offset: parser.index, what: "this syntax")
            return .failure(RuleRegexError(.unsupportedSyntax, "rule regexes do not support \(failure.what)", offset: failure.offset))
        }
        var program = ScalarProgram()
        program.groupCount = parser.groupCount
        program.emit(.save, 0)
        guard program.compile(node, loop: -1) else {
            return .failure(RuleRegexError(.patternTooLarge, "the pattern compiles to more than \(maximumInstructions) instructions "
                                           + "(counted repeats are copied out)", offset: nil))
        }
        program.emit(.save, 1)
        program.emit(.match, 0)
        program.asciiSets = program.sets.map(\.asciiMembers)
        // Past the saves, the first instruction every match runs.
        if let lead = program.instructions.first(where: { $0.operation != .save }) {
            if lead.operation == .scalar, lead.first < 0x80 { program.firstByte = UInt8(lead.first) }
            program.anchored = lead.operation == .start
        }
        return .success(program)
    }

    // MARK: Compiling

    private mutating func emit(_ operation: Instruction.Operation, _ first: Int, _ second: Int = 0, loop: Int = -1) {
        instructions.append(Instruction(operation: operation, first: Int32(first), second: Int32(second)))
        enclosingLoop.append(Int32(loop))
    }

    /// Appends `node`'s code inside `loop` (-1: none); `false` when the program grows past
    /// its limit.
    private mutating func compile(_ node: PatternNode, loop: Int) -> Bool {
        guard instructions.count <= Self.maximumInstructions else { return false }
        switch node {
        case .empty:
            return true
        case .scalar(let value):
            emit(.scalar, Int(value), loop: loop)
        case .set(let set):
            sets.append(set)
            emit(.set, sets.count - 1, loop: loop)
        case .start:
            emit(.start, 0, loop: loop)
        case .end:
            emit(.end, 0, loop: loop)
        case .boundary(let negated):
            emit(.boundary, negated ? 1 : 0, loop: loop)
        case .group(let inner, let index):
            guard let index else { return compile(inner, loop: loop) }
            emit(.save, 2 * index, loop: loop)
            guard compile(inner, loop: loop) else { return false }
            emit(.save, 2 * index + 1, loop: loop)
        case .sequence(let nodes):
            for node in nodes { guard compile(node, loop: loop) else { return false } }
        case .alternation(let branches):
            // split L1, next; L1: branch; jump end; next: split L2, … ; last branch
            var jumps: [Int] = []
            for (offset, branch) in branches.enumerated() {
                if offset < branches.count - 1 {
                    let split = instructions.count
                    emit(.split, split + 1, 0, loop: loop)
                    guard compile(branch, loop: loop) else { return false }
                    jumps.append(instructions.count)
                    emit(.jump, 0, loop: loop)
                    instructions[split].second = Int32(instructions.count)
                } else {
                    guard compile(branch, loop: loop) else { return false }
                }
            }
            for jump in jumps { instructions[jump].first = Int32(instructions.count) }
        case .repetition(let inner, let minimum, let maximum, let greedy):
            for _ in 0..<minimum { guard compile(inner, loop: loop) else { return false } }
            if let maximum {
                // Each optional copy: split (body, skip to the end).
                var splits: [Int] = []
                for _ in minimum..<maximum {
                    splits.append(instructions.count)
                    emit(.split, 0, 0, loop: loop)
                    guard compile(inner, loop: loop) else { return false }
                }
                let end = instructions.count
                for split in splits { setSplit(split, body: split + 1, exit: end, greedy: greedy) }
            } else if inner.canBeEmpty {
                // head: split (mark, exit); mark; body; progress (head, or out when empty)
                let head = instructions.count
                emit(.split, 0, 0, loop: loop)
                let inside = loopParents.count
                loopParents.append(Int32(loop))
                emit(.mark, inside, loop: loop)
                guard compile(inner, loop: inside) else { return false }
                emit(.progress, inside, head, loop: inside)
                setSplit(head, body: head + 1, exit: instructions.count, greedy: greedy)
                var depth = 0
                var level = Int32(inside)
                while level >= 0 { depth += 1; level = loopParents[Int(level)] }
                loopDepth = max(loopDepth, depth)
            } else {
                // loop: split (body, exit); body; jump loop
                let head = instructions.count
                emit(.split, 0, 0, loop: loop)
                guard compile(inner, loop: loop) else { return false }
                emit(.jump, head, loop: loop)
                setSplit(head, body: head + 1, exit: instructions.count, greedy: greedy)
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
        let states = statesPerPosition * positions
        // Capture slots, then one mark per loop.
        let slots = 2 * (groupCount + 1) + loopParents.count
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
    /// restore a capture slot or loop mark on the way back.
    ///
    /// A state is (instruction, position), and inside loops whose body can match nothing,
    /// also how many of the innermost enclosing loops began their iteration at this
    /// position: what happens next depends on that alone (an iteration that began here
    /// and ends here is empty and leaves its loop), so a state that failed once fails
    /// again, and each is run at most once.
    private func run(from start: Int, bytes: UnsafeBufferPointer<UInt8>, positions: Int, visited: UnsafeMutableBufferPointer<Int>,
                     captures: UnsafeMutableBufferPointer<Int>, stack: inout JobStack) -> Bool {
        let marks = 2 * (groupCount + 1)
        let hasLoops = !loopParents.isEmpty
        let count = instructions.count
        return instructions.withUnsafeBufferPointer { program in
            asciiSets.withUnsafeBufferPointer { ascii in
                enclosingLoop.withUnsafeBufferPointer { enclosing in
                loopParents.withUnsafeBufferPointer { parents in
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
                        var state = pc &* positions &+ position
                        if hasLoops {
                            var level = 0
                            var loop = enclosing[pc]
                            while loop >= 0 && captures[marks + Int(loop)] == position {
                                level += 1
                                loop = parents[Int(loop)]
                            }
                            state = (level &* count &+ pc) &* positions &+ position
                        }
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
                        case .save, .mark:
                            let slot = instruction.operation == .save ? Int(instruction.first) : marks + Int(instruction.first)
                            stack.reserve(depth)
                            stack.buffer[depth] = -slot - 1
                            stack.buffer[depth + 1] = captures[slot]
                            depth += 2
                            captures[slot] = position
                            pc += 1
                            continue
                        case .progress:
                            pc = captures[marks + Int(instruction.first)] == position ? pc + 1 : Int(instruction.second)
                            continue
                        case .boundary:
                            guard Self.isBoundary(bytes, at: position) == (instruction.first == 0) else { break }
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
        }
    }

    private static let wordMembers = ScalarSet.Class.word.asciiMembers

    /// Whether a `\w` scalar meets a scalar that is not one (or a text's end) at `index`.
    static func isBoundary(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        func isWord(at lead: Int) -> Bool {
            let byte = bytes[lead]
            return byte < 0x80 ? wordMembers.contains(UInt32(byte)) : ScalarSet.Class.word.contains(decode(bytes, at: lead).0)
        }
        var before = false
        if index > 0 {
            var lead = index - 1
            while lead > 0 && bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            before = isWord(at: lead)
        }
        return before != (index < bytes.count && isWord(at: index))
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
