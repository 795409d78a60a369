/// What `esimtool decode` can read.
public enum InputKind: String, Hashable, Sendable, CaseIterable, Codable {
    case activationCode
    case iccid
    case eid
    case imsi

    /// A short human name.
    public var displayName: String {
        switch self {
        case .activationCode: return "activation code"
        case .iccid: return "ICCID"
        case .eid: return "EID"
        case .imsi: return "IMSI"
        }
    }
}

/// The outcome of decoding one input of any kind. Invalid input is a value here, not a
/// thrown error, so bulk decoding can report it and carry on.
public enum DecodeResult: Hashable, Sendable {
    case activationCode(Result<DecodedActivationCode, ActivationCodeError>)
    case iccid(Result<DecodedICCID, IdentifierError>)
    case eid(Result<EID, IdentifierError>)
    case imsi(Result<DecodedIMSI, IdentifierError>)

    public var kind: InputKind {
        switch self {
        case .activationCode: return .activationCode
        case .iccid: return .iccid
        case .eid: return .eid
        case .imsi: return .imsi
        }
    }

    public var isValid: Bool {
        switch self {
        case .activationCode(.success), .iccid(.success), .eid(.success), .imsi(.success): return true
        default: return false
        }
    }

    /// Whether a valid result carries warnings (without building their messages).
    public var hasWarnings: Bool {
        switch self {
        case .activationCode(.success(let decoded)): return !decoded.warnings.isEmpty
        case .iccid(.success(let decoded)): return !decoded.warnings.isEmpty
        case .imsi(.success(let decoded)): return !decoded.warnings.isEmpty
        default: return false
        }
    }

    /// Warning messages of a valid result, as `(code, message)`.
    public var warnings: [(code: String, message: String)] {
        switch self {
        case .activationCode(.success(let decoded)): return decoded.warnings.map { ($0.code.rawValue, $0.message) }
        case .iccid(.success(let decoded)): return decoded.warnings.map { ($0.code.rawValue, $0.message) }
        case .imsi(.success(let decoded)): return decoded.warnings.map { ($0.code.rawValue, $0.message) }
        default: return []
        }
    }

    /// Whether the result is invalid only because strict decoding promoted a warning.
    public var failedOnlyUnderStrict: Bool {
        switch self {
        case .activationCode(.failure(let error)):
            return error.code.isDeviation
        case .iccid(.failure(let error)), .eid(.failure(let error)), .imsi(.failure(let error)):
            return error.code.isDeviation
        default:
            return false
        }
    }

    /// The error of an invalid result, as `(code, message, offset)`.
    public var failure: (code: String, message: String, offset: Int)? {
        switch self {
        case .activationCode(.failure(let error)): return (error.code.rawValue, error.message, error.offset ?? 0)
        case .iccid(.failure(let error)), .eid(.failure(let error)), .imsi(.failure(let error)):
            return (error.code.rawValue, error.message, error.offset ?? 0)
        default: return nil
        }
    }
}

/// Decodes activation codes, setup links, ICCIDs, EIDs and IMSIs, telling them apart.
public enum InputDecoder {
    /// Guesses what `text` is. Anything with `$`, `LPA:`, `%24` or a URL scheme is an
    /// activation code; digit strings go by length and prefix (32 → EID, `89…` → ICCID,
    /// up to 15 → IMSI); a 20-hex-digit string starting `98` is a card-format ICCID.
    public static func detectKind(_ text: String) -> InputKind {
        if let kind = text.utf8.withContiguousStorageIfAvailable({ detectKind(utf8: $0) }) { return kind }
        return Array(text.utf8).withUnsafeBufferPointer { detectKind(utf8: $0) }
    }

    /// ``detectKind(_:)`` of UTF-8 bytes.
    static func detectKind(utf8 text: UnsafeBufferPointer<UInt8>) -> InputKind {
        // Only digits (most identifiers in a file): by length and prefix at once.
        var run = 0
        while run < text.count, text[run] &- 0x30 < 10 { run += 1 }
        if run == text.count, run >= 2 {
            let startsWith89 = text[0] == 0x38 && text[1] == 0x39
            if run == 20 && text[0] == 0x39 && text[1] == 0x38 { return .iccid }
            if run >= 21 { return .eid }
            if startsWith89 || run >= 16 { return .iccid }
            return .imsi
        }
        var digits = 0
        var hexLetters = 0
        var trailingF = 0
        // The first two characters kept (0 until seen: no kept character is NUL).
        var first: UInt8 = 0
        var second: UInt8 = 0
        for byte in text {
            if ASCII.isDigit(byte) {
                // Most of an identifier: looked at first.
                digits += 1
                if trailingF > 0 { hexLetters += trailingF; trailingF = 0 }
                if second == 0 { if first == 0 { first = byte } else { second = byte } }
                continue
            }
            if byte == ASCII.dollar || byte == ASCII.percent || byte == ASCII.colon { return .activationCode }
            if byte == 0x20 || byte == ASCII.hyphen || ASCII.isWhitespace(byte) { continue }
            if byte | 0x20 == 0x66 {
                trailingF += 1
            } else if ASCII.isHexDigit(byte) {
                hexLetters += 1 + trailingF
                trailingF = 0
            } else {
                // A letter beyond hex, or any other character: whatever follows, this is
                // no identifier.
                return .activationCode
            }
            if second == 0 { if first == 0 { first = byte } else { second = byte } }
        }
        if digits == 0 { return .activationCode }
        let length = digits + hexLetters + trailingF
        let startsWith89 = first == 0x38 && second == 0x39
        let startsWith98 = first == 0x39 && second == 0x38
        if hexLetters > 0 || (trailingF > 0 && !startsWith89) {
            return length == 20 && startsWith98 ? .iccid : .activationCode
        }
        if trailingF > 0 { return .iccid }
        if startsWith98 && length == 20 { return .iccid }
        if digits >= 21 { return .eid }
        if startsWith89 || digits >= 16 { return .iccid }
        return .imsi
    }

    /// The one input among `lines` that are not blank (empty when there is none), and how
    /// many such lines there are: `decode -` takes a single input from standard input.
    package static func soleInput(of lines: [String]) -> (text: String, count: Int) {
        let nonEmpty = lines.filter { !$0.allSatisfy(\.isWhitespace) }
        return (nonEmpty.first ?? "", nonEmpty.count)
    }

    /// Whether a line of a batch file is skipped: blank, or a `#` comment.
    package static func isSkippedLine(_ line: some StringProtocol) -> Bool {
        guard let first = line.utf8.first(where: { !ASCII.isWhitespace($0) }) else { return true }
        return first == 0x23
    }

    /// ``isSkippedLine(_:)`` for a line's UTF-8 bytes.
    package static func isSkippedLine(utf8 line: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in line where !ASCII.isWhitespace(byte) { return byte == 0x23 }
        return true
    }

    /// Decodes `text` as `kind`, or as the kind ``detectKind(_:)`` picks. With `strict`,
    /// warnings make the result invalid.
    public static func decode(_ text: String, as kind: InputKind? = nil, strict: Bool = false) -> DecodeResult {
        switch kind ?? detectKind(text) {
        case .activationCode:
            return .activationCode(Result { () throws(ActivationCodeError) in
                try ActivationCode.decode(text, strict: strict)
            })
        case .iccid:
            return .iccid(Result { () throws(IdentifierError) in
                let decoded = try ICCID.decode(text)
                if strict, let warning = decoded.warnings.first { throw warning.error }
                return decoded
            })
        case .eid:
            return .eid(Result { () throws(IdentifierError) in try EID(text) })
        case .imsi:
            return .imsi(Result { () throws(IdentifierError) in
                let decoded = try IMSI.decode(text)
                if strict, let warning = decoded.warnings.first { throw warning.error }
                return decoded
            })
        }
    }
}

/// How many inputs of a batch were valid, valid with warnings, and invalid.
package struct DecodeTally: Hashable, Sendable {
    package private(set) var valid = 0
    package private(set) var warned = 0
    package private(set) var invalid = 0

    package init() {}

    package var total: Int { valid + warned + invalid }

    /// Adds another tally's counts (of a batch decoded elsewhere).
    package mutating func add(_ other: DecodeTally) {
        valid += other.valid
        warned += other.warned
        invalid += other.invalid
    }

    package mutating func count(_ result: DecodeResult) {
        if !result.isValid {
            invalid += 1
        } else if !result.hasWarnings {
            valid += 1
        } else {
            warned += 1
        }
    }
}
