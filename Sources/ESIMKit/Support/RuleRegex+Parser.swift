/// A parsed pattern in ``ScalarProgram``'s subset.
indirect enum PatternNode {
    case empty
    case scalar(UInt32)
    case set(ScalarSet)
    case start
    case end
    /// `index` is the capture group number, `nil` for `(?: )`.
    case group(PatternNode, index: Int?)
    case sequence([PatternNode])
    case alternation([PatternNode])
    case repetition(PatternNode, minimum: Int, maximum: Int?, greedy: Bool)

    /// Whether the node can match without consuming anything.
    var canBeEmpty: Bool {
        switch self {
        case .empty, .start, .end: return true
        case .scalar, .set: return false
        case .group(let inner, _): return inner.canBeEmpty
        case .sequence(let nodes): return nodes.allSatisfy(\.canBeEmpty)
        case .alternation(let branches): return branches.contains(where: \.canBeEmpty)
        case .repetition(let inner, let minimum, _, _): return minimum == 0 || inner.canBeEmpty
        }
    }
}

/// A set of scalars: ranges and classes, maybe negated; ASCII answered from a bitmap.
struct ScalarSet: Sendable {
    enum Class: Sendable {
        /// `\d`: anything with a numeric value (`0`, `²`, `¼`, `٠`), as Swift `Regex` has it.
        case digit
        /// `\s`: White_Space.
        case space
        /// `\w`: Alphabetic, ASCII digits and `_`, as Swift `Regex` has it.
        case word
        /// What `.` does not match: line feed, vertical tab, form feed, carriage return,
        /// next line, line and paragraph separators.
        case newline

        /// The class's members among scalars 0–127.
        var asciiMembers: ASCIIBitmap {
            switch self {
            case .digit: return Self.digitMembers
            case .space: return Self.spaceMembers
            case .word: return Self.wordMembers
            case .newline: return Self.newlineMembers
            }
        }

        private static let digitMembers = Class.digit.computeASCIIMembers()
        private static let spaceMembers = Class.space.computeASCIIMembers()
        private static let wordMembers = Class.word.computeASCIIMembers()
        private static let newlineMembers = Class.newline.computeASCIIMembers()

        private func computeASCIIMembers() -> ASCIIBitmap {
            var members = ASCIIBitmap()
            for value in UInt32(0)..<128 where contains(value) { members.insert(value) }
            return members
        }

        func contains(_ value: UInt32) -> Bool {
            guard let scalar = Unicode.Scalar(value) else { return false }
            switch self {
            case .digit:
                return scalar.properties.numericType != nil
            case .space:
                return scalar.properties.isWhitespace
            case .word:
                return scalar.properties.isAlphabetic || (0x30...0x39).contains(value) || value == 0x5F
            case .newline:
                return (0x0A...0x0D).contains(value) || value == 0x85 || value == 0x2028 || value == 0x2029
            }
        }
    }

    private(set) var ranges: [ClosedRange<UInt32>] = []
    private(set) var classes: [(kind: Class, negated: Bool)] = []
    private(set) var negated = false
    /// Membership of scalars 0–127, worked out once.
    private(set) var asciiMembers = ASCIIBitmap()

    init(ranges: [ClosedRange<UInt32>] = [], classes: [(kind: Class, negated: Bool)] = [], negated: Bool = false) {
        self.ranges = ranges
        self.classes = classes
        self.negated = negated
        var members = ASCIIBitmap()
        for range in ranges where range.lowerBound < 128 {
            for value in range.lowerBound...min(range.upperBound, 127) { members.insert(value) }
        }
        for (kind, negatedClass) in classes {
            members.formUnion(negatedClass ? kind.asciiMembers.inverted : kind.asciiMembers)
        }
        asciiMembers = negated ? members.inverted : members
    }

    /// `.`: anything but a newline.
    static let dot = ScalarSet(classes: [(.newline, false)], negated: true)

    @inline(__always) func contains(_ value: UInt32) -> Bool {
        value < 128 ? asciiMembers.contains(value) : slowContains(value)
    }

    private func slowContains(_ value: UInt32) -> Bool {
        let member = ranges.contains { $0.contains(value) } || classes.contains { $0.kind.contains(value) != $0.negated }
        return member != negated
    }
}

/// Membership of the 128 ASCII scalars, a bit each.
struct ASCIIBitmap: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// `value` must be below 128.
    mutating func insert(_ value: UInt32) {
        if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
    }

    /// `value` must be below 128.
    @inline(__always) func contains(_ value: UInt32) -> Bool {
        (value < 64 ? low >> UInt64(value) : high >> UInt64(value - 64)) & 1 != 0
    }

    mutating func formUnion(_ other: ASCIIBitmap) {
        low |= other.low
        high |= other.high
    }

    var inverted: ASCIIBitmap {
        var result = self
        result.low = ~low
        result.high = ~high
        return result
    }
}

/// Reads a pattern into a ``PatternNode``; `nil` for anything outside the subset (including
/// malformed patterns, which Swift `Regex` then rejects with its own message).
struct PatternParser {
    let scalars: [Unicode.Scalar]
    var index = 0
    private(set) var groupCount = 0
    /// The pattern starts with `(?i)`: letters match either case.
    private(set) var caseInsensitive = false

    /// Nesting deeper than this goes to Swift `Regex` (the parser recurses).
    static let maximumDepth = 32
    /// `{n,m}` bounds above this go to Swift `Regex` (the program copies the body).
    static let maximumRepeat = 100

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    mutating func parseAll() -> PatternNode? {
        // `(?i)` leading the pattern; anywhere else, and every other option, is Swift `Regex`'s.
        if scalars.starts(with: ["(", "?", "i", ")"]) {
            caseInsensitive = true
            index = 4
        }
        guard let node = parseAlternation(depth: 0), index == scalars.count else { return nil }
        return node
    }

    /// A literal scalar. Under `(?i)`, as Swift `Regex` matches it (checked against it on
    /// every scalar): an ASCII letter matches both cases, `k` and `K` also the Kelvin sign
    /// (U+212A, whose lower case is `k`); other ASCII and uncased scalars match themselves;
    /// a cased non-ASCII scalar is left to Swift `Regex` (`nil`).
    private func literal(_ value: UInt32) -> PatternNode? {
        guard caseInsensitive else { return .scalar(value) }
        if value >= 0x80 {
            guard let scalar = Unicode.Scalar(value), !scalar.properties.isCased, !scalar.properties.changesWhenCaseMapped else { return nil }
            return .scalar(value)
        }
        guard let other = Self.otherCase(value) else { return .scalar(value) }
        var ranges: [ClosedRange<UInt32>] = [value...value, other...other]
        if value == 0x4B || value == 0x6B { ranges.append(0x212A...0x212A) }
        return .set(ScalarSet(ranges: ranges))
    }

    /// The other case of an ASCII letter.
    static func otherCase(_ value: UInt32) -> UInt32? {
        if (0x41...0x5A).contains(value) { return value + 0x20 }
        if (0x61...0x7A).contains(value) { return value - 0x20 }
        return nil
    }

    /// A bracket set's ranges under `(?i)`, as Swift `Regex` reads them: each ASCII letter's
    /// other case added (not the Kelvin sign: `(?i)[k]` does not match it, `(?i)k` does);
    /// `nil` (Swift `Regex`'s) when a range reaches past ASCII.
    private func foldedRanges(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>]? {
        guard caseInsensitive else { return ranges }
        var result = ranges
        for range in ranges {
            guard range.upperBound < 0x80 else { return nil }
            for (letters, shift) in [(UInt32(0x41)...0x5A, Int64(0x20)), (UInt32(0x61)...0x7A, -0x20)] where range.overlaps(letters) {
                let lower = max(range.lowerBound, letters.lowerBound), upper = min(range.upperBound, letters.upperBound)
                result.append(UInt32(Int64(lower) + shift)...UInt32(Int64(upper) + shift))
            }
        }
        return result
    }

    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func parseAlternation(depth: Int) -> PatternNode? {
        guard depth <= Self.maximumDepth, let first = parseSequence(depth: depth) else { return nil }
        var branches = [first]
        while peek == "|" {
            index += 1
            guard let branch = parseSequence(depth: depth) else { return nil }
            branches.append(branch)
        }
        return branches.count == 1 ? first : .alternation(branches)
    }

    private mutating func parseSequence(depth: Int) -> PatternNode? {
        var items: [PatternNode] = []
        while let scalar = peek, scalar != "|", scalar != ")" {
            guard let atom = parseAtom(depth: depth), let item = parseQuantifier(after: atom) else { return nil }
            items.append(item)
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .sequence(items)
        }
    }

    private mutating func parseAtom(depth: Int) -> PatternNode? {
        guard let scalar = peek else { return nil }
        index += 1
        switch scalar {
        case "(":
            var capture: Int?
            if peek == "?" {
                // Only `(?:`; options, names and lookaround are Swift `Regex`'s.
                guard index + 1 < scalars.count, scalars[index + 1] == ":" else { return nil }
                index += 2
            } else {
                groupCount += 1
                capture = groupCount
            }
            guard let inner = parseAlternation(depth: depth + 1), peek == ")" else { return nil }
            index += 1
            return .group(inner, index: capture)
        case "[":
            return parseClass()
        case ".":
            return .set(.dot)
        case "^":
            return .start
        case "$":
            return .end
        case "\\":
            guard let escaped = parseEscape() else { return nil }
            switch escaped {
            case .scalar(let value): return .scalar(value)  // tab, line breaks, punctuation: no case
            case .set(let kind, let negated): return .set(ScalarSet(classes: [(kind, negated)]))
            }
        case "*", "+", "?", "{", "}", "]", ")", "|":
            return nil
        default:
            return literal(scalar.value)
        }
    }

    private enum Escape {
        case scalar(UInt32)
        case set(ScalarSet.Class, negated: Bool)
    }

    /// After a backslash: a class, `\t \n \r`, or escaped ASCII punctuation.
    private mutating func parseEscape() -> Escape? {
        guard let scalar = peek else { return nil }
        index += 1
        switch scalar {
        case "d": return .set(.digit, negated: false)
        case "D": return .set(.digit, negated: true)
        case "s": return .set(.space, negated: false)
        case "S": return .set(.space, negated: true)
        case "w": return .set(.word, negated: false)
        case "W": return .set(.word, negated: true)
        case "t": return .scalar(0x09)
        case "n": return .scalar(0x0A)
        case "r": return .scalar(0x0D)
        default:
            let value = scalar.value
            let isPunctuation = (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value)
                || (0x5B...0x60).contains(value) || (0x7B...0x7E).contains(value)
            return isPunctuation ? .scalar(value) : nil
        }
    }

    /// After `[`: literals, escapes, ranges between literals, `-` first or last.
    private mutating func parseClass() -> PatternNode? {
        var negated = false
        if peek == "^" {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var classes: [(kind: ScalarSet.Class, negated: Bool)] = []
        var first = true
        while true {
            guard let scalar = peek else { return nil }
            index += 1
            switch scalar {
            case "]":
                guard !first, let folded = foldedRanges(ranges) else { return nil }
                return .set(ScalarSet(ranges: folded, classes: classes, negated: negated))
            case "[":
                return nil
            case "-":
                // A literal only first or last; `--` is set subtraction in Swift.
                guard first || peek == "]" else { return nil }
                ranges.append(0x2D...0x2D)
            case "&" where peek == "&", "~" where peek == "~":
                return nil
            default:
                let lower: UInt32
                if scalar == "\\" {
                    guard let escaped = parseEscape() else { return nil }
                    switch escaped {
                    case .set(let kind, let negatedClass):
                        classes.append((kind, negatedClass))
                        first = false
                        continue
                    case .scalar(let value):
                        lower = value
                    }
                } else {
                    lower = scalar.value
                }
                guard peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" else {
                    ranges.append(lower...lower)
                    break
                }
                index += 1
                guard let upperScalar = peek, upperScalar != "[", upperScalar != "-" else { return nil }
                index += 1
                var upper = upperScalar.value
                if upperScalar == "\\" {
                    guard case .scalar(let value)? = parseEscape() else { return nil }
                    upper = value
                }
                guard lower <= upper else { return nil }
                ranges.append(lower...upper)
            }
            first = false
        }
    }

    /// `* + ? {n} {n,} {n,m}`, each maybe lazy (`?`); possessive and stacked quantifiers,
    /// and quantified anchors or empty-matching bodies, go to Swift `Regex`.
    private mutating func parseQuantifier(after atom: PatternNode) -> PatternNode? {
        guard let scalar = peek else { return atom }
        var minimum = 0
        var maximum: Int?
        switch scalar {
        case "*": index += 1
        case "+": index += 1; minimum = 1
        case "?": index += 1; maximum = 1
        case "{":
            index += 1
            guard let lower = parseNumber() else { return nil }
            minimum = lower
            if peek == "," {
                index += 1
                if peek != "}" {
                    guard let upper = parseNumber() else { return nil }
                    maximum = upper
                }
            } else {
                maximum = lower
            }
            guard peek == "}" else { return nil }
            index += 1
        default:
            return atom
        }
        guard minimum <= (maximum ?? minimum), (maximum ?? minimum) <= Self.maximumRepeat, !atom.canBeEmpty else { return nil }
        var greedy = true
        if peek == "?" {
            greedy = false
            index += 1
        }
        if let next = peek, next == "*" || next == "+" || next == "?" || next == "{" { return nil }
        return .repetition(atom, minimum: minimum, maximum: maximum, greedy: greedy)
    }

    private mutating func parseNumber() -> Int? {
        var value = 0
        var digits = 0
        while let scalar = peek, ("0"..."9").contains(scalar), digits < 4 {
            value = value * 10 + Int(scalar.value - 0x30)
            digits += 1
            index += 1
        }
        if let scalar = peek, ("0"..."9").contains(scalar) { return nil }
        return digits > 0 ? value : nil
    }
}
