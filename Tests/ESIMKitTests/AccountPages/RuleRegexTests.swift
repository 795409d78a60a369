import Foundation
import Testing
@testable import ESIMKit

/// ``RuleRegex`` must mean what Swift `Regex` (over Unicode scalars, simple word boundaries)
/// means for every pattern it compiles, refuse what it does not run with a named error, and
/// never run away: the tests compare with Swift `Regex` itself.
@Suite("RuleRegex")
struct RuleRegexTests {
    /// What a rule reads with Swift `Regex`: group 1 or the whole first match.
    ///
    /// Patterns with `\b` or `\B` are matched over characters: Swift `Regex`'s simple word
    /// boundaries over Unicode scalars see none before a digit (`\b\d` finds nothing in
    /// " 2"), over characters they are between a word character and the rest, as rule
    /// regexes have them with `\w`. The two differ only on numbers that are not ASCII
    /// digits (`²`: a word character, not `\w`), which ``boundaryText(_:)`` leaves out; the
    /// tests' texts have no multi-scalar characters, so nothing else differs.
    static func swiftCapture(_ pattern: String, _ text: String) throws -> String? {
        var regex = try Regex(pattern).wordBoundaryKind(.simple)
        if !pattern.contains(#"\b"#) && !pattern.contains(#"\B"#) { regex = regex.matchingSemantics(.unicodeScalar) }
        guard let match = try regex.firstMatch(in: text) else { return nil }
        let output = match.output
        return (output.count > 1 ? output[1].substring : output[0].substring).map(String.init) ?? ""
    }

    /// A text for comparing `pattern` with Swift `Regex`: without `²` when it has `\b` or `\B`.
    static func boundaryText(_ text: String, for pattern: String) -> String {
        pattern.contains(#"\b"#) || pattern.contains(#"\B"#) ? text.replacingOccurrences(of: "²", with: "2") : text
    }

    static var specPatterns: [String] {
        get throws {
            let specs = try CuratedSpecs.load().pageSpecs
            return Array(Set(specs.flatMap { spec in spec.pages.flatMap { $0.allRules.compactMap(\.regex) } })).sorted()
        }
    }

    @Test("the built-in specs' patterns read the sample texts as Swift Regex does")
    func specPatterns() throws {
        let patterns = try Self.specPatterns
        #expect(patterns.count >= 10)
        let texts = ["Bill cycle: Nov 3 - Dec 2", "of 15 GB", "15 GB", "Hotspot: 2.1 GB of 15 GB", "12 days left",
                     "Premium data: 50 GB", "3.2 GB · 10 GB", "$42.17 due", "Unlimited", "—", "Billing period: Oct 1 – Oct 31",
                     "Bill period 10/01 - 10/31", "", "5.5 GB used · Unlimited · 12 days left"]
        for pattern in patterns {
            let regex = try RuleRegex(pattern)
            for text in texts {
                #expect(try regex.capture(in: text) == (try Self.swiftCapture(pattern, text)), "\(pattern) on \(text)")
            }
        }
    }

    @Test("\\d \\D \\s \\S \\w \\W . and a negated set agree with Swift Regex on every scalar below U+0800 and every 251st above")
    func classes() throws {
        var values = Array(UInt32(0)..<0x800)
        values += stride(from: UInt32(0x800), through: 0x10FFFF, by: 251)
        for pattern in [#"\d"#, #"\D"#, #"\s"#, #"\S"#, #"\w"#, #"\W"#, ".", "[^a]", #"[\w.-]"#] {
            let regex = try RuleRegex(pattern)
            let swift = try Regex(pattern).matchingSemantics(.unicodeScalar)
            var mismatches: [UInt32] = []
            for value in values {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let text = String(String.UnicodeScalarView([scalar]))
                let expected = try swift.wholeMatch(in: text) != nil
                if (try regex.capture(in: text) == text) != expected { mismatches.append(value) }
            }
            #expect(mismatches.isEmpty, "\(pattern): \(mismatches.prefix(5).map { String($0, radix: 16) })")
        }
    }

    /// A small generator of patterns in the subset and texts over a similar alphabet.
    struct Generator {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }

        mutating func atom(depth: Int) -> String {
            let atoms = ["a", "b", "1", " ", #"\."#, #"\$"#, "·", "_", #"\d"#, #"\s"#, #"\w"#, #"\D"#, #"\S"#, #"\W"#, ".",
                         "[ab]", "[^a]", "[a-c]", #"[\d.]"#, "[-a]", "[a-]", #"[^\s]"#, #"\("#, "[.$]", "²",
                         "B", "k", "K", "[A-C]", "[^B]", "[Kx]", "[Z-b]",
                         // Bodies that can match nothing, boundaries, code points, named groups.
                         "(a*)", "(|a)", "(?:b?)", "(a|)", "(?:a*|b)", #"\b"#, #"\B"#, #"\x41"#, #"\u{b7}"#, "(?<n>a)", "{", "]"]
            if depth < 3 && next(5) == 0 { return (next(2) == 0 ? "(" : "(?:") + alternation(depth: depth + 1) + ")" }
            return atoms[next(atoms.count)]
        }

        mutating func sequence(depth: Int) -> String {
            var pattern = next(8) == 0 ? "^" : ""
            for _ in 0..<(1 + next(4)) {
                pattern += atom(depth: depth)
                let quantifiers = ["", "", "", "*", "+", "?", "{2}", "{0,2}", "{1,}", "*?", "+?", "??", "{1,3}?", "{,2}"]
                pattern += quantifiers[next(quantifiers.count)]
            }
            return pattern + (next(8) == 0 ? "$" : "")
        }

        mutating func alternation(depth: Int) -> String {
            var pattern = sequence(depth: depth)
            while next(4) == 0 { pattern += "|" + sequence(depth: depth) }
            return pattern
        }

        mutating func text() -> String {
            // Not the Kelvin sign: Swift Regex's first match skips earlier matches in a text
            // holding it (`\w` finds U+212A in "_\u{212A}", not "_"); `caseInsensitive`
            // checks it alone.
            let pieces = ["a", "b", "c", "1", "2", " ", ".", "$", "·", "\n", "²", "_", "(", "A", "B", "k", "K", "ſ", "["]
            return (0..<next(13)).map { _ in pieces[next(pieces.count)] }.joined()
        }
    }

    @Test("random patterns capture what Swift Regex captures on random texts")
    func differential() throws {
        var generator = Generator(state: 0x9E37_79B9_7F4A_7C15)
        var compiled = 0
        var compared = 0
        var caseless = 0
        var emptyLoops = 0
        for round in 0..<600 {
            // Every third pattern case-insensitive.
            let pattern = (round % 3 == 0 ? "(?i)" : "") + generator.alternation(depth: 0)
            // Texts are short, but nested quantifiers can still make Swift Regex (the
            // reference) backtrack for long; keep to patterns with few of them.
            guard pattern.filter({ "*+}".contains($0) }).count <= 4 else { continue }
            let regex: RuleRegex
            do { regex = try RuleRegex(pattern) } catch {
                // Only `{` or `]` pieces that Swift reads as syntax here may fail, and then Swift fails too.
                #expect(error.code == .invalidPattern, "\(pattern): \(error)")
                #expect((try? Regex(pattern)) == nil, "\(pattern) compiles in Swift Regex")
                continue
            }
            compiled += 1
            if round % 3 == 0 { caseless += 1 }
            if ["(a*)", "(|a)", "(?:b?)", "(a|)", "(?:a*|b)"].contains(where: { pattern.contains($0 + "*") || pattern.contains($0 + "+") }) {
                emptyLoops += 1
            }
            for _ in 0..<12 {
                let text = Self.boundaryText(generator.text(), for: pattern)
                #expect(try regex.capture(in: text) == (try Self.swiftCapture(pattern, text)), "\(pattern) on \(text.debugDescription)")
                compared += 1
            }
        }
        #expect(compiled >= 300, "only \(compiled) patterns")
        #expect(caseless >= 100, "only \(caseless) case-insensitive patterns")
        #expect(emptyLoops >= 20, "only \(emptyLoops) patterns loop over a body that can match nothing")
        #expect(compared >= 3_600)
    }

    @Test("loops over bodies that can match nothing end on an empty iteration, as in Swift Regex", arguments: [
        ("(a*)*", "aa"), ("(a*)*", "b"), ("(?:b*|a)*", "a"), ("(a*)+", "aa"), ("(a|b*)*c", "abc"), ("(?:(a)|b*)*", "ab"),
        ("(a?)*?x", "aax"), ("(a*)*b", "aaab"), ("(|a)*", "aa"), ("(|a)+", "aa"), ("(a|)*", "aa"), ("()*", "x"),
        ("(^)*a", "a"), ("(a*?)*", "aa"), ("(?:a*)*?b", "aab"), ("((a*)*b)*", "abab"), ("(?:(a*)(b*))*c", "abaabc"),
        (#"(\b)*a"#, " a"), ("((?:x|)*y)*z", "xyyz"), ("(a*){2,3}b", "aab"), ("(?:a|()){1,3}", "aa"),
    ])
    func emptyIterations(pattern: String, text: String) throws {
        #expect(try RuleRegex(pattern).capture(in: text) == (try Self.swiftCapture(pattern, text)))
    }

    @Test("(?i): literals and sets match the scalars Swift Regex matches, on every scalar below U+0250, case-mapping oddities and every 997th above")
    func caseInsensitive() throws {
        var texts = Array(UInt32(0)..<0x250) + [0x1E9E, 0x2126, 0x212A, 0x212B, 0x0130, 0x0131, 0x017F, 0x03C2, 0xFB00]
        texts += stride(from: UInt32(0x250), through: 0x10FFFF, by: 997)
        var patterns = (UInt32(0x20)..<0x7F).map { value -> String in
            let scalar = String(Unicode.Scalar(value)!)
            return "(?i)" + (#"\^$.|?*+()[]{}/-#&~"#.contains(scalar) ? "\\" : "") + scalar
        }
        patterns += ["–", "€", "²", "·", "’", "\u{A0}", "×", "™", "→", "①"].map { "(?i)" + $0 }
        patterns += ["[a-z]", "[^a-z]", "[K]", "[^K]", "[A-Fx0-9]", #"[\w.-]"#, #"[^\s]"#, #"[\W]"#, "[Z-b]", "[^_-z]", #"\W"#, "."].map { "(?i)" + $0 }
        for pattern in patterns {
            let regex = try RuleRegex(pattern)
            let swift = try Regex(pattern).matchingSemantics(.unicodeScalar)
            var mismatches: [UInt32] = []
            for value in texts {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let text = String(String.UnicodeScalarView([scalar]))
                if (try regex.capture(in: text) == text) != (try swift.wholeMatch(in: text) != nil) { mismatches.append(value) }
            }
            #expect(mismatches.isEmpty, "\(pattern): \(mismatches.prefix(5).map { String($0, radix: 16) })")
        }
    }

    @Test("(?i) and (?-i) hold to the end of their group, across alternatives; (?i: ) inside it", arguments: [
        ("a(?i)b", "aB"), ("a(?i)b", "AB"), ("(?i:a)b", "Ab"), ("(?i:a)b", "AB"), ("a(?i)b|c", "C"), ("(a(?i)b)c", "aBC"),
        ("(a(?i)b)c", "aBc"), ("(?i)a(?-i)a", "AA"), ("(?i)a(?-i)a", "Aa"), ("(?i)a(?-i:b)c", "ABC"), ("(?i)a(?-i:b)c", "AbC"),
        ("x(?i)(y)z", "xYZ"), ("(?i)(?#note)gb", "GB"),
    ])
    func optionScopes(pattern: String, text: String) throws {
        #expect(try RuleRegex(pattern).capture(in: text) == (try Self.swiftCapture(pattern, text)))
    }

    @Test("anchors, greedy and lazy quantifiers, alternation order and groups that take no part")
    func semantics() throws {
        let cases: [(String, String)] = [
            ("a$", "a\n"), ("^a", "\na"), ("$", "x\n"), ("^$", ""), ("a.b", "a\nb"), (#"\s+"#, "a \r\n b"),
            ("(a+)(a*)", "aaa"), ("(a+?)(a*)", "aaa"), ("(a|ab)c", "abc"), ("(ab|a)", "abc"), ("(x)?y", "y"),
            (#"(\d+)\s*GB"#, "of 15 GB"), (#"^(?:of\s+)?(.+)$"#, "of 15 GB"), (#"^(.+?)\s*·"#, "3.2 GB · 10 GB"),
            ("(a{2,3})", "aaaa"), ("(a{2,3}?)", "aaaa"), ("a{2}", "a"), ("[a-c]+", "xxcabx"), ("é", "café"), ("(·)", "a·b"),
            // Word boundaries, \A \z, braces that are literals, code points, named groups.
            (#"\bGB"#, "xGB GB"), (#"\Bb"#, "b ab"), (#"\b\d+\b"#, "a1 22 b"), (#"é\b"#, "éa é"), (#"\Aa"#, "aa"), (#"a\z"#, "aa\n"),
            ("a{,2}", "aaa"), ("a{ 2}", "aa a{ 2}"), ("a{2 , 3}", "aaaa"), ("a{,}", "aa a{,}"), ("x{a}", "x{a}"), ("{", "a{"),
            ("a}", "a}"), ("]", "a]"), (#"\x41"#, "zA"), (#"\x4g"#, "\u{4}g"), (#"\x{1F600}"#, "a😀"), (#"\u00e9"#, "café"),
            (#"\u{b7}"#, "a·b"), (#"[\x41-\x43]+"#, "ABCD"), (#"[\b]"#, "a\u{8}"), (#"\f"#, "\u{C}"), (#"\ "#, "a b"),
            ("(?<n>a)(b)", "ab"), ("(?P<n>a)", "ba"), ("(?'n'a)", "ba"), ("(?:)", "x"), ("a|", "b"), ("|", "b"),
        ]
        for (pattern, text) in cases {
            let regex = try RuleRegex(pattern)
            #expect(try regex.capture(in: text) == (try Self.swiftCapture(pattern, text)), "\(pattern) on \(text.debugDescription)")
        }
    }

    @Test("syntax rule regexes do not run is refused with a named error at its offset, though Swift Regex compiles it", arguments: [
        ("a(?=b)", 1), ("a(?!b)", 1), ("(?>a)", 0), (#"(a)\1"#, 3), (#"(?<n>a)\k<n>"#, 7), (#"\p{L}+"#, 0),
        ("[[:alpha:]]+", 1), ("[a-z--b]+", 4), ("[a&&b]", 2), ("a*+", 2), ("(?is)a", 3), ("(?x)a", 2), ("(?i)gé", 5), ("(?i)[à-ÿ]", 4),
        (#"\v"#, 0), (#"\Z"#, 0), (#"\Qa\E"#, 0), (#"\h"#, 0), ("a{1001}", 1),
    ] as [(String, Int)])
    func unsupported(pattern: String, offset: Int) throws {
        #expect((try? Regex(pattern)) != nil, "Swift Regex rejects \(pattern)")
        let error = #expect(throws: RuleRegexError.self) { try RuleRegex(pattern) }
        #expect(error?.code == .unsupportedSyntax)
        #expect(error?.offset == offset, "\(error.map(String.init(describing:)) ?? "")")
    }

    @Test("a pattern Swift Regex rejects is rejected as invalid")
    func rejects() {
        for pattern in ["(", "[a", "*a", "a{2,1}", "a)", "(?:a", "[]", #"a\"#, "[z-a]", "(?", "+", "^*", "$+", #"\b?"#, "{1}", "a**",
                        "x{2}{3}", "[]a]", "(?i)*", #"\é"#, "a{99999}", "(?<=a)b", "(?<!a)b", #"\k<n>"#, "(?<n>a)(?<n>b)"] {
            let error = #expect(throws: RuleRegexError.self, "\(pattern)") { try RuleRegex(pattern) }
            #expect(error?.code == .invalidPattern, "\(pattern): \(error.map(String.init(describing:)) ?? "")")
            #expect(throws: (any Error).self, "\(pattern)") { try Regex(pattern) }
        }
    }

    @Test("a pattern too large once its counted repeats are copied out is refused")
    func tooLarge() {
        let error = #expect(throws: RuleRegexError.self) { try RuleRegex("(?:abcdefgh){600}") }
        #expect(error?.code == .patternTooLarge)
    }

    @Test("random strings of regex syntax: what compiles, Swift Regex compiles and reads the same; what Swift rejects is invalid")
    func malformed() throws {
        let pieces = ["(", ")", "[", "]", "{", "}", "{2}", "{1,", "{,2}", "\\", "\\d", "\\w", "\\b", "\\x4", "^", "$", "|", "*", "+",
                      "?", ".", "-", ",", ":", "?:", "a", "b", "1", " ", "é", "&&", "--", "~", "#", "\\.", "\\(", "\\", "(?i)", "(?<n>"]
        var generator = Generator(state: 0x5851_F42D_4C95_7F2D)
        var compiled = 0
        for _ in 0..<2_000 {
            let pattern = (0..<(1 + generator.next(7))).map { _ in pieces[generator.next(pieces.count)] }.joined()
            // Few quantifiers, short texts: Swift Regex may backtrack exponentially otherwise.
            guard pattern.filter({ "*+?}".contains($0) }).count <= 3 else { continue }
            let swift = try? Regex(pattern).matchingSemantics(.unicodeScalar)
            let ours: RuleRegex
            do { ours = try RuleRegex(pattern) } catch {
                #expect((error.code == .invalidPattern) == (swift == nil), "\(pattern.debugDescription): \(error)")
                continue
            }
            #expect(swift != nil, "\(pattern.debugDescription) compiles here, not in Swift Regex")
            guard swift != nil else { continue }
            compiled += 1
            for _ in 0..<4 {
                let text = Self.boundaryText(String(generator.text().prefix(8)), for: pattern)
                #expect(try ours.capture(in: text) == (try Self.swiftCapture(pattern, text)), "\(pattern.debugDescription) on \(text.debugDescription)")
            }
        }
        #expect(compiled >= 300, "only \(compiled) patterns compiled")
    }

    @Test("every prefix of every spec pattern compiles exactly when Swift Regex compiles it, and then reads the same")
    func dripFeed() throws {
        for pattern in try Self.specPatterns {
            let scalars = Array(pattern.unicodeScalars)
            for end in 0...scalars.count {
                let prefix = String(String.UnicodeScalarView(scalars[..<end]))
                let swift = try? Regex(prefix)
                let ours = try? RuleRegex(prefix)
                #expect((swift == nil) == (ours == nil), "\(prefix.debugDescription)")
                guard let ours else { continue }
                for text in ["Bill cycle: Nov 3 - Dec 2", "of 15 GB", "12 days left", "3.2 GB · 10 GB", "$42.17"] {
                    #expect(try ours.capture(in: text) == (try Self.swiftCapture(prefix, text)), "\(prefix.debugDescription) on \(text)")
                }
            }
        }
    }

    @Test("nested quantifiers cannot run away: each state is visited once")
    func noRunaway() throws {
        // Swift Regex backtracks through 2^40 ways of splitting the a's here.
        let regex = try RuleRegex("(a+)+b")
        #expect(try regex.capture(in: String(repeating: "a", count: 40) + "c") == nil)
        #expect(try regex.capture(in: String(repeating: "a", count: 40) + "b") == String(repeating: "a", count: 40))
        let text = String(repeating: "x ", count: 20_000) + "15 GB"
        #expect(try RuleRegex(#"(\d+)\s*GB"#).capture(in: text) == "15")
        // A long match backtracks through a deep stack, which moves to the heap and grows.
        let long = "a" + String(repeating: "x", count: 100_000) + "b!"
        #expect(try RuleRegex("a(.+)b").capture(in: long) == String(repeating: "x", count: 100_000))
        #expect(try RuleRegex("a(.+?)!").capture(in: long) == String(repeating: "x", count: 100_000) + "b")
    }

    /// Found by fuzzing: `(a*)+b` went to Swift `Regex`, which took 8.8 s on 20 a's and
    /// over a minute on 24. Patterns whose loops can match nothing now run here too.
    @Test("loops over bodies that can match nothing cannot run away either", arguments: ["(a*)+b", "(a*)*b", "(a|a*)*b", "((a*)*)*b", "(?:a?|b?)*c", "(x*|a)+b"])
    func noRunawayOnEmptyLoops(pattern: String) throws {
        let regex = try RuleRegex(pattern)
        for count in [0, 1, 2, 5, 9] {
            for end in ["", "b", "c"] {
                let text = String(repeating: "a", count: count) + end
                #expect(try regex.capture(in: text) == (try Self.swiftCapture(pattern, text)), "\(pattern) on \(text)")
            }
        }
        // Far past where Swift Regex stops answering: these finish at once.
        #expect(try regex.capture(in: String(repeating: "a", count: 5_000)) == nil)
        #expect(try regex.capture(in: String(repeating: "a", count: 5_000) + "bc") != nil)
    }

    @Test("a text too long for the pattern's visited states is an error saying so, not a fallback")
    func longText() throws {
        let program = try #require(ScalarProgram(#"(\d+)\s*GB"#))
        #expect(program.fits(length: 1_000))
        #expect(program.fits(length: program.maximumLength))
        #expect(!program.fits(length: program.maximumLength + 1))
        #expect(!program.fits(length: Int.max / 2))
        let regex = try RuleRegex(#"(\d+)\s*GB"#)
        let error = #expect(throws: RuleRegexError.self) { try regex.capture(in: String(repeating: "1", count: program.maximumLength + 1)) }
        #expect(error?.code == .textTooLong)
    }
}
