import Testing
@testable import ESIMKit

/// ``RuleRegex`` must mean what Swift `Regex` (over Unicode scalars) means, whichever engine
/// runs a pattern: every test here compares with Swift `Regex` itself.
@Suite("RuleRegex")
struct RuleRegexTests {
    /// What a rule reads with Swift `Regex`: group 1 or the whole first match.
    static func swiftCapture(_ pattern: String, _ text: String) throws -> String? {
        let regex = try Regex(pattern).matchingSemantics(.unicodeScalar)
        guard let match = try regex.firstMatch(in: text) else { return nil }
        let output = match.output
        return (output.count > 1 ? output[1].substring : output[0].substring).map(String.init) ?? ""
    }

    static var specPatterns: [String] {
        get throws {
            let specs = try CuratedSpecs.load().pageSpecs
            return Array(Set(specs.flatMap { spec in spec.pages.flatMap { $0.allRules.compactMap(\.regex) } })).sorted()
        }
    }

    @Test("the built-in specs' patterns run on the bit-state engine and read the sample texts as Swift Regex does")
    func specPatterns() throws {
        let patterns = try Self.specPatterns
        #expect(patterns.count >= 10)
        let texts = ["Bill cycle: Nov 3 - Dec 2", "of 15 GB", "15 GB", "Hotspot: 2.1 GB of 15 GB", "12 days left",
                     "Premium data: 50 GB", "3.2 GB · 10 GB", "$42.17 due", "Unlimited", "—", "Billing period: Oct 1 – Oct 31",
                     "Bill period 10/01 - 10/31", "", "5.5 GB used · Unlimited · 12 days left"]
        for pattern in patterns {
            let regex = try RuleRegex(pattern)
            #expect(regex.isNative, "\(pattern) falls back to Swift Regex")
            for text in texts {
                #expect(regex.capture(in: text) == (try Self.swiftCapture(pattern, text)), "\(pattern) on \(text)")
            }
        }
    }

    @Test("\\d \\D \\s \\S \\w \\W . and a negated set agree with Swift Regex on every scalar below U+0800 and every 251st above")
    func classes() throws {
        var values = Array(UInt32(0)..<0x800)
        values += stride(from: UInt32(0x800), through: 0x10FFFF, by: 251)
        for pattern in [#"\d"#, #"\D"#, #"\s"#, #"\S"#, #"\w"#, #"\W"#, ".", "[^a]", #"[\w.-]"#] {
            let regex = try RuleRegex(pattern)
            #expect(regex.isNative)
            let swift = try Regex(pattern).matchingSemantics(.unicodeScalar)
            var mismatches: [UInt32] = []
            for value in values {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let text = String(String.UnicodeScalarView([scalar]))
                let expected = try swift.wholeMatch(in: text) != nil
                if (regex.capture(in: text) == text) != expected { mismatches.append(value) }
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
                         "B", "k", "K", "[A-C]", "[^B]", "[Kx]", "[Z-b]"]
            if depth < 3 && next(5) == 0 { return (next(2) == 0 ? "(" : "(?:") + alternation(depth: depth + 1) + ")" }
            return atoms[next(atoms.count)]
        }

        mutating func sequence(depth: Int) -> String {
            var pattern = next(8) == 0 ? "^" : ""
            for _ in 0..<(1 + next(4)) {
                pattern += atom(depth: depth)
                let quantifiers = ["", "", "", "*", "+", "?", "{2}", "{0,2}", "{1,}", "*?", "+?", "??", "{1,3}?"]
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

    @Test("random patterns of the subset capture what Swift Regex captures on random texts")
    func differential() throws {
        var generator = Generator(state: 0x9E37_79B9_7F4A_7C15)
        var native = 0
        var compared = 0
        var caseless = 0
        for round in 0..<400 {
            // Every third pattern case-insensitive: `(?i)` leading it runs natively too.
            let pattern = (round % 3 == 0 ? "(?i)" : "") + generator.alternation(depth: 0)
            // Texts are short, but nested quantifiers can still make Swift Regex backtrack
            // for long; keep to patterns with at most two of them.
            guard pattern.filter({ "*+}".contains($0) }).count <= 4 else { continue }
            let regex = try RuleRegex(pattern)
            guard regex.isNative else { continue }
            native += 1
            if round % 3 == 0 { caseless += 1 }
            for _ in 0..<12 {
                let text = generator.text()
                #expect(regex.capture(in: text) == (try Self.swiftCapture(pattern, text)), "\(pattern) on \(text.debugDescription)")
                compared += 1
            }
        }
        #expect(native >= 150, "only \(native) native patterns")
        #expect(caseless >= 50, "only \(caseless) native case-insensitive patterns")
        #expect(compared >= 1_800)
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
            #expect(regex.isNative, "\(pattern)")
            let swift = try Regex(pattern).matchingSemantics(.unicodeScalar)
            var mismatches: [UInt32] = []
            for value in texts {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let text = String(String.UnicodeScalarView([scalar]))
                if (regex.capture(in: text) == text) != (try swift.wholeMatch(in: text) != nil) { mismatches.append(value) }
            }
            #expect(mismatches.isEmpty, "\(pattern): \(mismatches.prefix(5).map { String($0, radix: 16) })")
        }
        // Cased letters beyond ASCII, and `(?i)` anywhere but the start, are Swift Regex's.
        for pattern in ["(?i)é", "(?i)[à-ÿ]", "a(?i)b", "(?i:a)b", "(?is)a"] { #expect(!(try RuleRegex(pattern)).isNative, "\(pattern)") }
    }

    @Test("anchors, greedy and lazy quantifiers, alternation order and groups that take no part")
    func semantics() throws {
        let cases: [(String, String)] = [
            ("a$", "a\n"), ("^a", "\na"), ("$", "x\n"), ("^$", ""), ("a.b", "a\nb"), (#"\s+"#, "a \r\n b"),
            ("(a+)(a*)", "aaa"), ("(a+?)(a*)", "aaa"), ("(a|ab)c", "abc"), ("(ab|a)", "abc"), ("(x)?y", "y"),
            (#"(\d+)\s*GB"#, "of 15 GB"), (#"^(?:of\s+)?(.+)$"#, "of 15 GB"), (#"^(.+?)\s*·"#, "3.2 GB · 10 GB"),
            ("(a{2,3})", "aaaa"), ("(a{2,3}?)", "aaaa"), ("a{2}", "a"), ("[a-c]+", "xxcabx"), ("é", "café"), ("(·)", "a·b"),
        ]
        for (pattern, text) in cases {
            let regex = try RuleRegex(pattern)
            #expect(regex.isNative, "\(pattern)")
            #expect(regex.capture(in: text) == (try Self.swiftCapture(pattern, text)), "\(pattern) on \(text.debugDescription)")
        }
    }

    @Test("patterns outside the subset are Swift Regex's and mean the same")
    func fallback() throws {
        let cases: [(String, String)] = [
            ("a(?=b)", "acab"), (#"(a)\1"#, "xaab"), ("(?i)gé", "15 GÉ"), ("a(?i)b", "aB"), ("(?<n>a)", "ba"), (#"\p{L}+"#, "12ab"),
            ("[[:alpha:]]+", "1ab"), ("[a-z--b]+", "abc"), (#"\bGB"#, "xGB GB"), ("a{,2}", "aaa"), ("a*+", "aa"),
            ("(a*)*", "b"), (#"\ "#, "a b"), (#"\x41"#, "zA"), ("{", "a{"),
        ]
        for (pattern, text) in cases {
            let expected: String?
            do { expected = try Self.swiftCapture(pattern, text) } catch {
                Issue.record("Swift Regex rejects \(pattern): \(error)")
                continue
            }
            let regex = try RuleRegex(pattern)
            #expect(!regex.isNative, "\(pattern)")
            #expect(regex.capture(in: text) == expected, "\(pattern) on \(text)")
        }
    }

    @Test("a pattern Swift Regex rejects is rejected, whichever engine looked at it first")
    func rejects() {
        for pattern in ["(", "[a", "*a", "a{2,1}", "a)", "(?:a", "[]", #"a\"#, "[z-a]", "(?", "+"] {
            #expect(throws: (any Error).self, "\(pattern)") { try RuleRegex(pattern) }
            #expect(throws: (any Error).self, "\(pattern)") { try Regex(pattern) }
        }
    }

    @Test("random strings of regex syntax: RuleRegex compiles exactly what Swift Regex compiles, and reads the same")
    func malformed() throws {
        let pieces = ["(", ")", "[", "]", "{", "}", "{2}", "{1,", "{,2}", "\\", "\\d", "\\w", "\\b", "\\x4", "^", "$", "|", "*", "+",
                      "?", ".", "-", ",", ":", "?:", "a", "b", "1", " ", "é", "&&", "--", "~", "#", "\\.", "\\(", "\\"]
        var generator = Generator(state: 0x5851_F42D_4C95_7F2D)
        var compiled = 0
        for _ in 0..<1_500 {
            let pattern = (0..<(1 + generator.next(7))).map { _ in pieces[generator.next(pieces.count)] }.joined()
            // Few quantifiers, short texts: Swift Regex may backtrack exponentially otherwise.
            guard pattern.filter({ "*+?}".contains($0) }).count <= 3 else { continue }
            let swift = try? Regex(pattern).matchingSemantics(.unicodeScalar)
            let ours = try? RuleRegex(pattern)
            #expect((swift == nil) == (ours == nil), "\(pattern.debugDescription)")
            guard let ours, swift != nil else { continue }
            compiled += 1
            for _ in 0..<4 {
                let text = String(generator.text().prefix(8))
                #expect(ours.capture(in: text) == (try Self.swiftCapture(pattern, text)), "\(pattern.debugDescription) on \(text.debugDescription)")
            }
        }
        #expect(compiled >= 200, "only \(compiled) patterns compiled")
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
                    #expect(ours.capture(in: text) == (try Self.swiftCapture(prefix, text)), "\(prefix.debugDescription) on \(text)")
                }
            }
        }
    }

    @Test("nested quantifiers cannot run away: each instruction visits each position once")
    func noRunaway() throws {
        // Swift Regex backtracks through 2^40 ways of splitting the a's here.
        let regex = try RuleRegex("(a+)+b")
        #expect(regex.isNative)
        #expect(regex.capture(in: String(repeating: "a", count: 40) + "c") == nil)
        #expect(regex.capture(in: String(repeating: "a", count: 40) + "b") == String(repeating: "a", count: 40))
        let text = String(repeating: "x ", count: 20_000) + "15 GB"
        #expect(try RuleRegex(#"(\d+)\s*GB"#).capture(in: text) == "15")
        // A long match backtracks through a deep stack, which moves to the heap and grows.
        let long = "a" + String(repeating: "x", count: 100_000) + "b!"
        #expect(try RuleRegex("a(.+)b").capture(in: long) == String(repeating: "x", count: 100_000))
        #expect(try RuleRegex("a(.+?)!").capture(in: long) == String(repeating: "x", count: 100_000) + "b")
    }

    @Test("texts too long for the visited bits go to Swift Regex and read the same")
    func longText() throws {
        let program = try #require(ScalarProgram(#"(\d+)\s*GB"#))
        #expect(program.fits(length: 1_000))
        #expect(!program.fits(length: ScalarProgram.maximumStates))
        #expect(!program.fits(length: Int.max / 2))
    }
}
