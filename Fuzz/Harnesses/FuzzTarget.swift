/// One harness: a parser's entry point, fed one input. Each harness calls what the CLI
/// calls, then checks what the documentation promises of the result (a canonical form
/// that reads back, a translation that agrees); a broken promise traps, so libFuzzer
/// saves the input.
struct FuzzTarget: Sendable {
    let name: String
    let summary: String
    /// Repository files the corpus starts from (glob patterns from the repository root).
    let samples: [String]
    /// Further seeds: the built-in specs' rules, values as pages print them.
    let seeds: @Sendable () -> [[UInt8]]
    let body: @Sendable (UnsafeRawBufferPointer) -> Void

    init(_ name: String, _ summary: String, samples: [String] = [], seeds: @escaping @Sendable () -> [[UInt8]] = { [] },
         _ body: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) {
        self.name = name
        self.summary = summary
        self.samples = samples
        self.seeds = seeds
        self.body = body
    }

    func run(_ input: UnsafeRawBufferPointer) { body(input) }

    /// Every harness, in the order `Scripts/fuzz all` runs them.
    static let all: [FuzzTarget] = [
        activationCode, identifiers, html, xml, css, xpath, jsonPath, json, ruleRegex,
        planText, planFeed, profiles, profilesDER, yaml, specYAML, providers, redact,
        pageSpec, pageRecognize, heuristic, values,
    ]

    static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}

/// What harnesses share.
enum Fuzz {
    /// The input as the CLI reads an argument or a text file: UTF-8, invalid sequences
    /// replaced.
    static func text(_ input: UnsafeRawBufferPointer) -> String {
        String(decoding: input, as: UTF8.self)
    }

    static func bytes(_ input: UnsafeRawBufferPointer) -> [UInt8] { Array(input) }

    /// The two parts of an input that holds two texts: before and after the first NUL
    /// or line feed (the second empty when there is neither).
    static func split(_ input: UnsafeRawBufferPointer) -> (String, String) {
        guard let index = input.firstIndex(where: { $0 == 0 || $0 == 0x0A }) else { return (text(input), "") }
        return (String(decoding: input[..<index], as: UTF8.self),
                String(decoding: input[(index + 1)...], as: UTF8.self))
    }

    /// Traps with `message` unless `condition` holds: a documented property is broken.
    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("fuzz: " + message()) }
    }
}
