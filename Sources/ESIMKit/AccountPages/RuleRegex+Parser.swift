/// A parsed pattern in ``ScalarProgram``'s subset.
indirect enum PatternNode {
    case empty
    case scalar(UInt32)
    case set(ScalarSet)
    case start
    case end
    /// `\b`, or `\B` when negated.
    case boundary(negated: Bool)
    /// `index` is the capture group number, `nil` for `(?: )`.
    case group(PatternNode, index: Int?)
    case sequence([PatternNode])
    case alternation([PatternNode])
    case repetition(PatternNode, minimum: Int, maximum: Int?, greedy: Bool)

    /// Whether the node can match without consuming anything.
    var canBeEmpty: Bool {
        switch self {
        case .empty, .start, .end, .boundary: return true
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

/// Reads a pattern into a ``PatternNode``; `nil` for anything outside the supported syntax,
/// with ``failure`` saying what and where (malformed patterns fail too; ``RuleRegex`` asks
/// Swift `Regex` for its message then).
struct PatternParser {
    /// What stopped the parser, and where (in Unicode scalars).
    struct Failure {
        var offset: Int
        var what: String
    }

    let scalars: [Unicode.Scalar]
    var index = 0
    private(set) var groupCount = 0
    private(set) var failure: Failure?
    private var groupNames: Set<String> = []
    /// Letters match either case: `(?i)` to the end of the enclosing group, or `(?i: )`.
    private var caseInsensitive = false

    /// Nesting deeper than this is refused (the parser recurses).
    static let maximumDepth = 32
    /// `{n,m}` bounds above this are refused (the program copies the body).
    static let maximumRepeat = 1_000

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    mutating func parseAll() -> PatternNode? {
        guard let node = parseAlternation(depth: 0) else { return nil }
        guard index == scalars.count else { return fail("an unbalanced ')'", at: index) }
        return node
    }

    /// Records the first failure; always `nil`.
    private mutating func fail(_ what: String, at offset: Int) -> PatternNode? {
        if failure == nil { failure = Failure(offset: offset, what: what) }
        return nil
    }

    /// A literal scalar. Under `(?i)`, as Swift `Regex` matches it (checked against it on
    /// every scalar): an ASCII letter matches both cases, `k` and `K` also the Kelvin sign
    /// (U+212A, whose lower case is `k`); other ASCII and uncased scalars match themselves.
    /// A cased letter beyond ASCII is refused (Swift compares lower-case mappings, which
    /// reach scalars no table here lists): a set such as `[éÉ]` says the same.
    private mutating func literal(_ value: UInt32, at offset: Int) -> PatternNode? {
        guard caseInsensitive else { return .scalar(value) }
        if value >= 0x80 {
            guard let scalar = Unicode.Scalar(value), !scalar.properties.isCased, !scalar.properties.changesWhenCaseMapped else {
                return fail("'\(Unicode.Scalar(value).map(String.init) ?? "?")' under (?i) (only ASCII letters fold; write both cases in a set)",
                            at: offset)
            }
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
    /// `nil` when a range reaches past ASCII.
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

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func parseAlternation(depth: Int) -> PatternNode? {
        guard depth <= Self.maximumDepth else { return fail("groups nested more than \(Self.maximumDepth) deep", at: index) }
        guard let first = parseSequence(depth: depth) else { return nil }
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
            let start = index
            guard let atom = parseAtom(depth: depth) else { return nil }
            if case .empty = atom, index > start, scalars[start] == "(", scalars[start + 1] == "?",
               scalars[start + 2] != ":" {
                // An option switch or a comment: nothing to quantify.
                if let next = peek, "*+?".unicodeScalars.contains(next) || (next == "{" && quantifierAhead()) {
                    return fail("a quantifier after an option or comment", at: index)
                }
                continue
            }
            guard let item = parseQuantifier(after: atom, at: start) else { return nil }
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
        let start = index
        index += 1
        switch scalar {
        case "(":
            return parseGroup(depth: depth, at: start)
        case "[":
            return parseClass(at: start)
        case ".":
            return .set(.dot)
        case "^":
            return .start
        case "$":
            return .end
        case "\\":
            guard let escaped = parseEscape(inSet: false, at: start) else { return nil }
            switch escaped {
            case .scalar(let value): return literal(value, at: start)
            case .set(let kind, let negated): return .set(ScalarSet(classes: [(kind, negated)]))
            case .node(let node): return node
            }
        case "{":
            // A brace that does not start a quantifier is itself (Swift `Regex`: `a|{`, `x{a}`).
            index = start
            if quantifierAhead() { return fail("a quantifier with nothing before it", at: start) }
            index = start + 1
            return .scalar(0x7B)
        case "*", "+", "?", ")", "|":
            return fail("'\(scalar)' with nothing before it", at: start)
        default:
            return literal(scalar.value, at: start)
        }
    }

    /// After `(`: a group, named or not, an option switch, or a comment.
    private mutating func parseGroup(depth: Int, at start: Int) -> PatternNode? {
        var capture: Int?
        let outerCase = caseInsensitive
        if peek == "?" {
            index += 1
            switch peek {
            case ":":
                index += 1
            case "#":
                // A comment, to the next ')'.
                while let scalar = peek, scalar != ")" { index += 1 }
                guard peek == ")" else { return fail("an unclosed comment", at: start) }
                index += 1
                return .empty
            case "<" where peek(1) != "=" && peek(1) != "!", "P" where peek(1) == "<", "'":
                // A named group: numbered with the others.
                let close: Unicode.Scalar = peek == "'" ? "'" : ">"
                index += peek == "P" ? 2 : 1
                let nameStart = index
                while let scalar = peek, scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { index += 1 }
                guard index > nameStart, peek == close else { return fail("this group name", at: nameStart) }
                let name = String(String.UnicodeScalarView(scalars[nameStart..<index]))
                guard groupNames.insert(name).inserted else { return fail("a group name used twice", at: nameStart) }
                index += 1
                groupCount += 1
                capture = groupCount
            case "=", "!":
                return fail("lookahead", at: start)
            case "<":
                return fail("lookbehind", at: start)
            case ">":
                return fail("atomic groups", at: start)
            default:
                // Options: only `i`, switched on or off, for the rest of the group or inside it.
                var on = true
                var sawOption = false
                while let scalar = peek, scalar != ")" && scalar != ":" {
                    if scalar == "-" && on {
                        on = false
                    } else if scalar == "i" {
                        sawOption = true
                        caseInsensitive = on
                    } else {
                        return fail("the option '\(scalar)' (only (?i) and (?-i) are supported)", at: index)
                    }
                    index += 1
                }
                guard sawOption, let end = peek else { return fail("this group syntax", at: start) }
                index += 1
                // `(?i)` holds to the end of the enclosing group (which restores the case).
                if end == ")" { return .empty }
            }
        } else {
            groupCount += 1
            capture = groupCount
        }
        let inner = parseAlternation(depth: depth + 1)
        caseInsensitive = outerCase
        guard let inner else { return nil }
        guard peek == ")" else { return fail("an unclosed group", at: start) }
        index += 1
        return .group(inner, index: capture)
    }

    private enum Escape {
        case scalar(UInt32)
        case set(ScalarSet.Class, negated: Bool)
        /// An assertion (`\b`, `\A` …), outside sets only.
        case node(PatternNode)
    }

    /// After a backslash (at `start`): a class, an assertion, a control or code point
    /// escape, or escaped ASCII punctuation.
    private mutating func parseEscape(inSet: Bool, at start: Int) -> Escape? {
        guard let scalar = peek else {
            _ = fail("a '\\' at the end", at: start)
            return nil
        }
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
        case "f": return .scalar(0x0C)
        case "b": return inSet ? .scalar(0x08) : .node(.boundary(negated: false))
        case "B" where !inSet: return .node(.boundary(negated: true))
        case "A" where !inSet: return .node(.start)
        case "z" where !inSet: return .node(.end)
        case "x", "u":
            guard let value = parseCodePoint(after: scalar) else {
                _ = fail("this \\\(scalar) escape", at: start)
                return nil
            }
            return .scalar(value)
        default:
            let value = scalar.value
            let isPunctuation = (0x20...0x2F).contains(value) || (0x3A...0x40).contains(value)
                || (0x5B...0x60).contains(value) || (0x7B...0x7E).contains(value)
            if isPunctuation { return .scalar(value) }
            if ("1"..."9").contains(scalar) || scalar == "k" || scalar == "g" { _ = fail("back-references", at: start) }
            else if scalar == "p" || scalar == "P" { _ = fail("Unicode properties (\\p{…})", at: start) }
            else { _ = fail("the escape '\\\(scalar)'", at: start) }
            return nil
        }
    }

    /// `\xH`, `\xHH`, `\x{H…}`, `\uHHHH` or `\u{H…}`, after the letter.
    private mutating func parseCodePoint(after letter: Unicode.Scalar) -> UInt32? {
        func hexValue(_ scalar: Unicode.Scalar?) -> UInt32? {
            guard let scalar, scalar.isASCII, let digit = Int(String(scalar), radix: 16) else { return nil }
            return UInt32(digit)
        }
        var value: UInt32 = 0
        if peek == "{" {
            index += 1
            var digits = 0
            while let digit = hexValue(peek), digits < 8 {
                value = value << 4 | digit
                digits += 1
                index += 1
            }
            guard digits > 0, peek == "}" else { return nil }
            index += 1
        } else {
            // `\x` takes one or two digits; `\u` exactly four.
            let (least, most) = letter == "x" ? (1, 2) : (4, 4)
            var digits = 0
            while digits < most, let digit = hexValue(peek) {
                value = value << 4 | digit
                digits += 1
                index += 1
            }
            guard digits >= least else { return nil }
        }
        guard Unicode.Scalar(value) != nil else { return nil }
        return value
    }

    /// After `[` (at `start`): literals, escapes, ranges between literals, `-` first or last.
    private mutating func parseClass(at start: Int) -> PatternNode? {
        var negated = false
        if peek == "^" {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var classes: [(kind: ScalarSet.Class, negated: Bool)] = []
        var first = true
        while true {
            guard let scalar = peek else { return fail("an unclosed set", at: start) }
            let offset = index
            index += 1
            switch scalar {
            case "]":
                guard !first else { return fail("an empty set", at: start) }
                guard let folded = foldedRanges(ranges) else { return fail("a set beyond ASCII under (?i)", at: start) }
                return .set(ScalarSet(ranges: folded, classes: classes, negated: negated))
            case "[":
                return fail("nested sets and POSIX classes", at: offset)
            case "-":
                // A literal only first or last; `--` is set subtraction in Swift.
                guard first || peek == "]" else { return fail("set operations or this '-'", at: offset) }
                ranges.append(0x2D...0x2D)
            case "&" where peek == "&", "~" where peek == "~":
                return fail("set operations", at: offset)
            default:
                let lower: UInt32
                if scalar == "\\" {
                    guard let escaped = parseEscape(inSet: true, at: offset) else { return nil }
                    switch escaped {
                    case .set(let kind, let negatedClass):
                        classes.append((kind, negatedClass))
                        first = false
                        continue
                    case .scalar(let value):
                        lower = value
                    case .node:
                        return fail("an assertion in a set", at: offset)
                    }
                } else {
                    lower = scalar.value
                }
                guard peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" else {
                    ranges.append(lower...lower)
                    break
                }
                index += 1
                guard let upperScalar = peek, upperScalar != "[", upperScalar != "-" else { return fail("this range", at: offset) }
                let upperOffset = index
                index += 1
                var upper = upperScalar.value
                if upperScalar == "\\" {
                    guard case .scalar(let value)? = parseEscape(inSet: true, at: upperOffset) else { return fail("this range", at: offset) }
                    upper = value
                }
                guard lower <= upper else { return fail("a range that runs backwards", at: offset) }
                ranges.append(lower...upper)
            }
            first = false
        }
    }

    /// Whether a quantifier in braces starts here, as Swift `Regex` reads one: `{n}`,
    /// `{n,}`, `{n,m}` or `{,m}`, spaces allowed inside; anything else is a literal `{`.
    private func quantifierAhead() -> Bool {
        var probe = self
        return probe.parseBraces() != nil
    }

    /// The bounds of a quantifier in braces at `index` (moving past it), or `nil`.
    private mutating func parseBraces() -> (Int, Int?)? {
        guard peek == "{" else { return nil }
        index += 1
        func spaces() { while peek == " " { index += 1 } }
        spaces()
        let lower = parseNumber()
        spaces()
        var upper = lower
        var comma = false
        if peek == "," {
            comma = true
            index += 1
            spaces()
            upper = parseNumber()
            spaces()
        }
        guard peek == "}", lower != nil || (comma && upper != nil) else { return nil }
        index += 1
        return (lower ?? 0, comma ? upper : lower)
    }

    /// `* + ? {n} {n,} {n,m} {,m}`, each maybe lazy (`?`); possessive and stacked
    /// quantifiers, and quantified assertions, are refused.
    private mutating func parseQuantifier(after atom: PatternNode, at start: Int) -> PatternNode? {
        guard let scalar = peek else { return atom }
        let quantifierStart = index
        var minimum = 0
        var maximum: Int?
        switch scalar {
        case "*": index += 1
        case "+": index += 1; minimum = 1
        case "?": index += 1; maximum = 1
        case "{":
            guard let (lower, upper) = parseBraces() else {
                // A literal brace: the next atom.
                index = quantifierStart
                return atom
            }
            minimum = lower
            maximum = upper
        default:
            return atom
        }
        switch atom {
        case .start, .end, .boundary: return fail("a quantified assertion", at: quantifierStart)
        default: break
        }
        guard minimum <= (maximum ?? minimum) else { return fail("a quantifier whose bounds run backwards", at: quantifierStart) }
        guard (maximum ?? minimum) <= Self.maximumRepeat else {
            return fail("a repeat count over \(Self.maximumRepeat)", at: quantifierStart)
        }
        var greedy = true
        if peek == "?" {
            greedy = false
            index += 1
        } else if peek == "+" {
            return fail("possessive quantifiers", at: index)
        }
        if let next = peek, next == "*" || next == "+" || next == "?" || (next == "{" && quantifierAhead()) {
            return fail("a quantifier after a quantifier", at: index)
        }
        return .repetition(atom, minimum: minimum, maximum: maximum, greedy: greedy)
    }

    private mutating func parseNumber() -> Int? {
        var value = 0
        var digits = 0
        while let scalar = peek, ("0"..."9").contains(scalar) {
            if digits < 7 { value = value * 10 + Int(scalar.value - 0x30) }
            digits += 1
            index += 1
        }
        return digits > 0 ? (digits < 7 ? value : Int.max / 2) : nil
    }
}
