/// The kinds of personal data the redactor finds.
package enum PersonalDataKind: String, Hashable, Sendable, CaseIterable, Codable {
    case activationCode, token, email, iccid, eid, imei, imsi, accountNumber, phoneNumber, cardNumber
    case name, streetAddress, zipCode, ipAddress

    /// How the kind reads in reports.
    package var label: String {
        switch self {
        case .activationCode: "activation code (matching ID)"
        case .token: "token or key"
        case .email: "e-mail address"
        case .iccid: "ICCID"
        case .eid: "EID"
        case .imei: "IMEI"
        case .imsi: "IMSI"
        case .accountNumber: "account number"
        case .phoneNumber: "phone number"
        case .cardNumber: "card number (last four)"
        case .name: "name"
        case .streetAddress: "street address"
        case .zipCode: "ZIP code"
        case .ipAddress: "IP address"
        }
    }
}

/// One piece of personal data in a text, and what replaces it.
package struct RedactionFinding: Hashable, Sendable {
    package var kind: PersonalDataKind
    /// UTF-8 offsets of the replaced part in the original text.
    package var start: Int
    package var end: Int
    /// 1-based line and column (in characters) of `start`.
    package var line: Int
    package var column: Int
    /// The original, with all but its last two characters hidden: safe to print.
    package var hint: String
    package var replacement: String
}

/// Finds personal data in page text — markup, attributes, comments, URLs, embedded
/// scripts and JSON alike — and replaces it with placeholders that keep its format: a
/// phone number becomes a 555-01xx number, an ICCID keeps its length and gets a valid
/// check digit, a token keeps its length. Amounts, data figures and dates are never
/// touched, so a page reads the same after redaction.
///
/// Placeholders come from a keyed hash (HMAC-SHA-256) of the value: the same value gets
/// the same placeholder in every file redacted with the same key, and the value cannot
/// be recovered from the placeholder without the key. Placeholders are recognisable as
/// such, so redacting twice changes nothing.
package struct Redactor: Sendable {
    let hash: KeyedHash
    /// Values known to be synthetic or package (test vectors, spec examples): never
    /// reported or replaced. Compared as written and with separators removed.
    package var allowed: Set<String>

    package init(key: [UInt8], allowed: Set<String> = []) {
        hash = KeyedHash(key: key)
        self.allowed = allowed
    }

    /// Reads an allow-list: one value per line, `#` starts a comment.
    package static func allowList(_ text: String) -> Set<String> {
        var result = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) {
            let value = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = String(value).trimmed(of: " \t")
            if !trimmed.isEmpty { result.insert(trimmed) }
        }
        return result
    }

    /// What would be replaced, in text order.
    package func findings(in text: String) -> [RedactionFinding] {
        var candidates: [Candidate] = []
        let scanText = ScanText(text)
        for detector in Detectors.all {
            for candidate in detector(scanText, self) where !isAllowed(candidate.original) {
                if !candidates.contains(where: { $0.range.overlaps(candidate.range) }) { candidates.append(candidate) }
            }
        }
        candidates.sort { $0.range.lowerBound < $1.range.lowerBound }
        let lines = LineTable(text)
        return candidates.map { candidate in
            let start = text.utf8.distance(from: text.startIndex, to: candidate.range.lowerBound)
            let end = text.utf8.distance(from: text.startIndex, to: candidate.range.upperBound)
            let (line, column) = lines.position(of: candidate.range.lowerBound, in: text)
            return RedactionFinding(kind: candidate.kind, start: start, end: end, line: line, column: column,
                                    hint: Self.hint(candidate.original), replacement: candidate.replacement)
        }
    }

    /// The text with every finding replaced, and the findings (offsets, lines and columns
    /// in `text`).
    ///
    /// Where two detectors' matches overlap, one pass replaces only the first; once it is
    /// replaced, the other may match on its own (the rest of a token whose value held an
    /// e-mail address). So passes repeat until one finds nothing: the result has nothing
    /// left to find, and redacting it again changes nothing. A later pass's findings are
    /// reported where they lie in `text` (over the earlier replacements they cover).
    package func redact(_ text: String) -> (text: String, findings: [RedactionFinding]) {
        var current = text
        var reported: [RedactionFinding] = []
        /// Each pass's replacements, to carry a later pass's offsets back to `text`.
        var passes: [[Edit]] = []
        for _ in 0..<Self.maximumPasses {
            let found = findings(in: current)
            guard !found.isEmpty else { break }
            var bytes = Array(current.utf8)
            for finding in found.reversed() {
                bytes.replaceSubrange(finding.start..<finding.end, with: Array(finding.replacement.utf8))
            }
            var edits: [Edit] = []
            var shift = 0
            for finding in found {
                let length = finding.replacement.utf8.count
                edits.append(Edit(oldStart: finding.start, oldEnd: finding.end, newStart: finding.start + shift,
                                  newEnd: finding.start + shift + length))
                shift += length - (finding.end - finding.start)
            }
            if passes.isEmpty {
                reported = found
            } else {
                reported += found.map { Self.carried($0, back: passes, to: text) }
            }
            passes.append(edits)
            current = String(decoding: bytes, as: UTF8.self)
        }
        if passes.count > 1 { reported.sort { ($0.start, $0.end) < ($1.start, $1.end) } }
        return (current, reported)
    }

    /// Passes of ``redact(_:)`` before it gives up on reaching a text with nothing to find;
    /// two are enough for every overlap the fuzzers have found.
    static let maximumPasses = 6

    /// One replacement of a pass: `oldStart..<oldEnd` of the text before it became
    /// `newStart..<newEnd` after (UTF-8 offsets).
    struct Edit {
        var oldStart: Int
        var oldEnd: Int
        var newStart: Int
        var newEnd: Int
    }

    /// `offset` in the text after `edits` as an offset in the text before them: inside a
    /// replacement, the start (or, for an end, the end) of what it replaced.
    static func offset(_ offset: Int, before edits: [Edit], isEnd: Bool) -> Int {
        var shift = 0
        for edit in edits {
            if isEnd ? offset <= edit.newStart : offset < edit.newStart { break }
            if isEnd ? offset <= edit.newEnd : offset < edit.newEnd { return isEnd ? edit.oldEnd : edit.oldStart }
            shift = edit.oldEnd - edit.newEnd
        }
        return offset + shift
    }

    /// A later pass's finding with its offsets, line and column in the original `text`.
    static func carried(_ finding: RedactionFinding, back passes: [[Edit]], to text: String) -> RedactionFinding {
        var result = finding
        for edits in passes.reversed() {
            result.start = offset(result.start, before: edits, isEnd: false)
            result.end = offset(result.end, before: edits, isEnd: true)
        }
        let utf8 = text.utf8
        let index = utf8.index(utf8.startIndex, offsetBy: min(result.start, utf8.count))
        let position = LineTable(text).position(of: index, in: text)
        result.line = position.line
        result.column = position.column
        return result
    }

    func isAllowed(_ value: String) -> Bool {
        allowed.contains(value) || allowed.contains(String(value.filter { $0.isLetter || $0.isNumber }))
    }

    /// `2145550142` → `********42`.
    static func hint(_ value: String) -> String {
        let characters = Array(value)
        guard characters.count > 4 else { return String(repeating: "*", count: characters.count) }
        return String(characters.enumerated().map { index, character in
            index >= characters.count - 2 || !(character.isLetter || character.isNumber) ? character : "*"
        })
    }

    // MARK: Placeholders

    /// `count` decimal digits derived from the value.
    func digits(_ value: String, _ kind: PersonalDataKind, count: Int) -> [Character] {
        var result: [Character] = []
        var round = 0
        while result.count < count {
            for byte in hash.mac("\(kind.rawValue):\(round):\(value)") where result.count < count {
                if byte < 250 { result.append(Character(String(byte % 10))) }
            }
            round += 1
        }
        return result
    }

    /// `count` lower-case letters and digits derived from the value.
    func alphanumerics(_ value: String, _ kind: PersonalDataKind, count: Int) -> [Character] {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var result: [Character] = []
        var round = 0
        while result.count < count {
            for byte in hash.mac("\(kind.rawValue):\(round):\(value)") where result.count < count {
                if byte < 252 { result.append(alphabet[Int(byte) % alphabet.count]) }
            }
            round += 1
        }
        return result
    }

    func pick<T>(_ choices: [T], for value: String, _ kind: PersonalDataKind) -> T {
        let bytes = hash.mac("\(kind.rawValue):pick:\(value)")
        let number = Int(bytes[0]) << 8 | Int(bytes[1])
        return choices[number % choices.count]
    }

    /// The value with its digits replaced, in order, by `digits` (separators kept).
    static func replacingDigits(of value: Substring, with digits: [Character]) -> String {
        var index = 0
        return String(value.map { character -> Character in
            guard character.isASCII, character.isNumber, index < digits.count else { return character }
            defer { index += 1 }
            return digits[index]
        })
    }
}

/// A match a detector proposes.
struct Candidate {
    var kind: PersonalDataKind
    var range: Range<String.Index>
    var original: String
    var replacement: String
}

/// Line numbers for positions in a text.
struct LineTable {
    let starts: [String.Index]

    init(_ text: String) {
        var starts = [text.startIndex]
        var index = text.startIndex
        while let newline = text[index...].firstIndex(of: "\n") {
            index = text.index(after: newline)
            starts.append(index)
        }
        self.starts = starts
    }

    func position(of index: String.Index, in text: String) -> (line: Int, column: Int) {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return (low + 1, text.distance(from: starts[low], to: index) + 1)
    }
}

extension RedactionFinding: Encodable {
    enum Key: String, CodingKey { case line, column, kind, hint }

    /// `{"line","column","kind","hint"}`: where, what, and the masked hint (never the value).
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(hint, forKey: .hint)
    }
}
