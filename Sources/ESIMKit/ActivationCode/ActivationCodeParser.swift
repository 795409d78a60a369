/// Maps positions in the bytes being parsed back to character offsets in the input as
/// the user gave it. Plain input is a shifted view; a percent-decoded `carddata` value
/// carries a table, because `%24` is three characters of input but one byte here.
struct OffsetMap {
    var base: Int
    /// `table[i]` is the input offset of decoded byte `i`; one extra entry maps the end.
    var table: [Int]?

    @inline(__always)
    func callAsFunction(_ index: Int) -> Int {
        guard let table else { return base + index }
        return table[min(index, table.count - 1)]
    }
}

/// The SGP.22 §4.1 activation-code decoder. It works on UTF-8 bytes, reads every byte
/// once or twice, and allocates only the field strings it returns (and, for setup
/// links, the decoded `carddata`).
struct ActivationCodeParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let map: OffsetMap
    let strict: Bool
    let wrapper: SetupLink?
    var warnings: [ActivationCodeWarning] = []

    typealias Outcome = Result<DecodedActivationCode, ActivationCodeError>

    // MARK: Entry

    static func decode(_ input: UnsafeBufferPointer<UInt8>, strict: Bool) -> Outcome {
        guard input.count <= ActivationCode.maximumInputLength else {
            return .failure(ActivationCodeError(
                .inputTooLong,
                "input is \(input.count) bytes; the decoder reads at most \(ActivationCode.maximumInputLength)",
                offset: ActivationCode.maximumInputLength))
        }
        var start = 0
        var end = input.count
        while start < end, ASCII.isWhitespace(input[start]) { start += 1 }
        while end > start, ASCII.isWhitespace(input[end - 1]) { end -= 1 }
        guard start < end else {
            return .failure(ActivationCodeError(.empty, "input is empty", offset: 0))
        }
        let text = UnsafeBufferPointer(rebasing: input[start..<end])
        if let link = SetupLinkScanner.linkStart(text) {
            return SetupLinkScanner.decode(text, base: start, schemeEnd: link, strict: strict)
        }
        var parser = ActivationCodeParser(bytes: text, map: OffsetMap(base: start), strict: strict, wrapper: nil)
        return parser.outcome()
    }

    mutating func outcome() -> Outcome {
        do {
            return .success(try parse())
        } catch {
            return .failure(error)
        }
    }

    // MARK: Diagnostics

    func error(_ code: ActivationCodeError.Code, _ message: String, at index: Int) -> ActivationCodeError {
        ActivationCodeError(code, message, offset: map(index))
    }

    mutating func warn(_ code: ActivationCodeWarning.Code, _ message: String, at index: Int) throws(ActivationCodeError) {
        let warning = ActivationCodeWarning(code, message, offset: map(index))
        if strict { throw warning.asError }
        warnings.append(warning)
    }

    // MARK: Fields

    /// The index of the next `$` at or after `index`, or `bytes.count`.
    @inline(__always)
    func nextDelimiter(from index: Int) -> Int {
        var index = index
        while index < bytes.count, bytes[index] != ASCII.dollar { index += 1 }
        return index
    }

    mutating func parse() throws(ActivationCodeError) -> DecodedActivationCode {
        try checkCharacters()

        var cursor = 0
        if ASCII.hasPrefix(bytes, at: 0, lowercased: "lpa:") {
            cursor = 4
            if ASCII.hasPrefix(bytes, at: 4, lowercased: "lpa:") {
                throw error(.duplicatePrefix, "the 'LPA:' prefix appears twice", at: 4)
            }
        }

        // Field 1: format.
        let formatEnd = nextDelimiter(from: cursor)
        guard formatEnd < bytes.count else {
            throw error(.missingDelimiter,
                        "no '$' separates the fields; expected LPA:1$<SM-DP+ address>$<matching ID>",
                        at: cursor)
        }
        guard formatEnd - cursor == 1, bytes[cursor] == ASCII.one else {
            throw unsupportedFormat(cursor..<formatEnd)
        }

        // Field 2: SM-DP+ address.
        let addressStart = formatEnd + 1
        let addressEnd = nextDelimiter(from: addressStart)
        try checkAddress(addressStart..<addressEnd)
        var fieldCount = 2
        var fieldEnd = addressEnd
        var extraFieldsStart: Int?

        // Fields 3 to 7, each starting after the previous `$`.
        var ranges: (matchingID: Range<Int>, oid: Range<Int>, flag: Range<Int>, keyID: Range<Int>, seventh: Range<Int>)
            = (addressEnd..<addressEnd, addressEnd..<addressEnd, addressEnd..<addressEnd,
               addressEnd..<addressEnd, addressEnd..<addressEnd)
        while fieldEnd < bytes.count {
            let start = fieldEnd + 1
            let end = nextDelimiter(from: start)
            fieldCount += 1
            switch fieldCount {
            case 3: ranges.matchingID = start..<end
            case 4: ranges.oid = start..<end
            case 5: ranges.flag = start..<end
            case 6: ranges.keyID = start..<end
            case 7: ranges.seventh = start..<end
            default:
                // An eighth field: remember where, stop reading fields.
                extraFieldsStart = fieldEnd
                fieldEnd = bytes.count
                continue
            }
            fieldEnd = end
        }

        if fieldCount == 2 {
            try warn(.missingMatchingID,
                     "there is no matching-ID field; write '$' after the address for an empty one",
                     at: addressEnd)
        } else {
            try checkMatchingID(ranges.matchingID)
        }
        let oid = try checkOID(ranges.oid)
        let confirmationRequired = try checkFlag(ranges.flag, present: fieldCount >= 5)
        let keyID = try checkKeyID(ranges.keyID, flagRange: ranges.flag)
        let seventh = ranges.seventh.isEmpty ? nil : String(ascii: bytes, ranges.seventh)
        if let extraFieldsStart {
            try warn(.extraFields, "SGP.22 defines 7 fields; the 8th and any after it are ignored",
                     at: extraFieldsStart)
        }

        if bytes.count > ActivationCode.maximumSpecifiedLength {
            try warn(.tooLong,
                     "the code is \(bytes.count) characters; SGP.22 allows at most \(ActivationCode.maximumSpecifiedLength)",
                     at: ActivationCode.maximumSpecifiedLength)
        }

        let code = ActivationCode(
            smdpAddress: String(ascii: bytes, addressStart..<addressEnd),
            matchingID: ranges.matchingID.isEmpty ? "" : String(ascii: bytes, ranges.matchingID),
            smdpOID: oid.map { String(ascii: bytes, $0) },
            confirmationCodeRequired: confirmationRequired,
            ciPublicKeyID: keyID.map { String(ascii: bytes, $0) },
            deleteNotificationForDeviceChange: seventh)
        return DecodedActivationCode(code: code, wrapper: wrapper, warnings: warnings)
    }

    /// Rejects control and non-ASCII characters anywhere, and a percent-encoded `$`.
    func checkCharacters() throws(ActivationCodeError) {
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if byte >= 0x80 {
                let name = ASCII.scalar(in: bytes, at: index).map { "U+" + ASCII.hex4($0.value) }
                    ?? "byte 0x" + String(byte, radix: 16, uppercase: true)
                throw error(.nonASCIICharacter,
                            "non-ASCII character \(name); activation codes are plain ASCII", at: index)
            }
            if ASCII.isControl(byte) {
                throw error(.controlCharacter, "control character \(ASCII.describe(byte))", at: index)
            }
            if byte == ASCII.percent, index + 2 < bytes.count, bytes[index + 1] == 0x32,
               bytes[index + 2] | 0x20 == 0x34 {
                let context = wrapper == nil
                    ? "percent-encoded '$' (%24) outside a setup link; decode it first"
                    : "percent-encoded '$' (%24) inside carddata; the link is encoded twice"
                throw error(.percentEncodedDelimiter, context, at: index)
            }
        }
    }

    func unsupportedFormat(_ range: Range<Int>) -> ActivationCodeError {
        if range.isEmpty {
            return error(.unsupportedFormat, "the format field is empty; it must be '1'", at: range.lowerBound)
        }
        let value = String(ascii: bytes, range)
        if value.lowercased() == "lpa" {
            return error(.unsupportedFormat,
                         "format is 'LPA'; the prefix is 'LPA:' (with a colon) followed by '1$'",
                         at: range.lowerBound)
        }
        let shown = range.count > 16 ? String(value.prefix(16)) + "…" : value
        return error(.unsupportedFormat,
                     "format '\(shown)' is not supported; SGP.22 defines only format '1'",
                     at: range.lowerBound)
    }

    // MARK: Field 3

    func checkMatchingID(_ range: Range<Int>) throws(ActivationCodeError) {
        for index in range where !ASCII.isLDH(bytes[index]) {
            throw error(.invalidMatchingIDCharacter,
                        "matching ID contains \(ASCII.describe(bytes[index])); only A-Z, a-z, 0-9 and '-' are allowed",
                        at: index)
        }
    }

    // MARK: Field 4

    func checkOID(_ range: Range<Int>) throws(ActivationCodeError) -> Range<Int>? {
        guard !range.isEmpty else { return nil }
        var hasDot = false
        var allAlphanumeric = true
        for index in range {
            let byte = bytes[index]
            if byte == ASCII.dot { hasDot = true }
            if !ASCII.isAlphanumeric(byte) { allAlphanumeric = false }
        }
        if !hasDot && allAlphanumeric {
            if range.count == 1 && (bytes[range.lowerBound] == ASCII.one || bytes[range.lowerBound] == ASCII.zero) {
                throw error(.oidLooksLikeConfirmationCode,
                            "field 4 (SM-DP+ OID) holds a confirmation flag one field too early; use '$$1' to leave the OID empty",
                            at: range.lowerBound)
            }
            throw error(.oidLooksLikeConfirmationCode,
                        "field 4 (SM-DP+ OID) is not an OID and looks like a confirmation code; that code never belongs in the activation code, the operator gives it separately",
                        at: range.lowerBound)
        }
        // Dotted decimal: arcs of digits, no leading zeros, at least two arcs,
        // first arc 0-2, second arc 0-39 under first arcs 0 and 1 (ITU-T X.660).
        var arcStart = range.lowerBound
        var arcIndex = 0
        var firstArc: UInt8 = 0
        var index = range.lowerBound
        while index <= range.upperBound {
            if index == range.upperBound || bytes[index] == ASCII.dot {
                let length = index - arcStart
                if length == 0 {
                    throw error(.invalidOID, "SM-DP+ OID has an empty arc", at: index)
                }
                if length > 1 && bytes[arcStart] == ASCII.zero {
                    throw error(.invalidOID, "SM-DP+ OID arc has a leading zero", at: arcStart)
                }
                if arcIndex == 0 {
                    firstArc = bytes[arcStart] &- ASCII.zero
                    if length > 1 || firstArc > 2 {
                        throw error(.invalidOID, "SM-DP+ OID must start with arc 0, 1 or 2", at: arcStart)
                    }
                } else if arcIndex == 1 && firstArc < 2 {
                    var value = 0
                    for digit in arcStart..<min(index, arcStart + 3) {
                        value = value * 10 + Int(bytes[digit] - ASCII.zero)
                    }
                    if value > 39 {
                        throw error(.invalidOID,
                                    "SM-DP+ OID second arc must be 0-39 under first arc \(firstArc)",
                                    at: arcStart)
                    }
                }
                arcIndex += 1
                arcStart = index + 1
            } else if !ASCII.isDigit(bytes[index]) {
                throw error(.invalidOID,
                            "SM-DP+ OID contains \(ASCII.describe(bytes[index])); it must be dotted decimal such as 1.3.6.1.4.1.31746",
                            at: index)
            }
            index += 1
        }
        if arcIndex < 2 {
            throw error(.invalidOID, "SM-DP+ OID needs at least two arcs", at: range.lowerBound)
        }
        return range
    }

    // MARK: Field 5

    mutating func checkFlag(_ range: Range<Int>, present: Bool) throws(ActivationCodeError) -> Bool {
        guard present, !range.isEmpty else { return false }
        if range.count == 1 {
            switch bytes[range.lowerBound] {
            case ASCII.one: return true
            case ASCII.zero:
                try warn(.confirmationFlagZero,
                         "confirmation flag '0' is not defined; leave the field empty when no code is required",
                         at: range.lowerBound)
                return false
            default: break
            }
        }
        var allDigits = true
        for index in range where !ASCII.isDigit(bytes[index]) { allDigits = false }
        if allDigits && range.count >= 4 {
            throw error(.invalidConfirmationFlag,
                        "the confirmation flag must be '1' or empty; this looks like the confirmation code itself, which never belongs in the activation code",
                        at: range.lowerBound)
        }
        throw error(.invalidConfirmationFlag, "the confirmation flag must be '1' or empty", at: range.lowerBound)
    }

    // MARK: Field 6

    mutating func checkKeyID(_ range: Range<Int>, flagRange: Range<Int>) throws(ActivationCodeError) -> Range<Int>? {
        guard !range.isEmpty else { return nil }
        if flagRange.isEmpty && range.count == 1 && bytes[range.lowerBound] == ASCII.one {
            throw error(.misplacedConfirmationFlag,
                        "'1' in field 6 with field 5 empty: the confirmation flag is one field too late",
                        at: range.lowerBound)
        }
        var isHex = range.count % 2 == 0 && range.count <= 64
        if isHex {
            for index in range where !ASCII.isHexDigit(bytes[index]) {
                isHex = false
                break
            }
        }
        if !isHex {
            try warn(.invalidCIPublicKeyID,
                     "field 6 (CI public key indicator) should be a hexadecimal key identifier",
                     at: range.lowerBound)
        }
        return range
    }
}
