/// Maps positions in the bytes being parsed back to character offsets in the input as
/// the user gave it. Plain input is a shifted view. For a percent-decoded `carddata`
/// value (`%24` is three characters of input but one byte here) the encoded text is
/// walked again, which happens only when a diagnostic is reported.
struct OffsetMap {
    var base: Int
    /// The percent-encoded text the parsed bytes were decoded from, if any.
    var encoded: UnsafeBufferPointer<UInt8>?

    @inline(__always)
    func callAsFunction(_ index: Int) -> Int {
        guard let encoded else { return base + index }
        var position = 0
        var decoded = 0
        while decoded < index, position < encoded.count {
            position += encoded[position] == ASCII.percent ? 3 : 1
            decoded += 1
        }
        return base + min(position, encoded.count)
    }
}

/// The SGP.22 §4.1 activation-code decoder. It works on UTF-8 bytes and allocates
/// nothing for plain input: the result keeps the caller's string and field offsets into
/// it. (A setup link costs one string, the decoded `carddata`.)
///
/// Codes of the common shape are checked in one pass (``parseCommonShape()``); anything
/// else, including every error and warning, is decided rule by rule in reading order
/// (``parseInDetail()``). Both share the checks of fields 4 to 7.
struct ActivationCodeParser {
    /// The text being parsed: `bytes` are its UTF-8 from `sourceOffset` on. Decoded
    /// codes keep it as their storage.
    let source: String
    let sourceOffset: Int
    let bytes: UnsafeBufferPointer<UInt8>
    let map: OffsetMap
    let strict: Bool
    let wrapper: SetupLink?
    var warnings: [ActivationCodeWarning] = []
    /// Skips the one-pass common-shape check; tests compare both paths with it.
    var forceDetailedPath = false

    typealias Outcome = Result<DecodedActivationCode, ActivationCodeError>

    // MARK: Entry

    static func decode(_ input: UnsafeBufferPointer<UInt8>, of source: String, strict: Bool,
                       detailedOnly: Bool = false) -> Outcome {
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
            return SetupLinkScanner.decode(text, base: start, schemeEnd: link, strict: strict,
                                           detailedOnly: detailedOnly)
        }
        var parser = ActivationCodeParser(source: source, sourceOffset: start, bytes: text,
                                          map: OffsetMap(base: start), strict: strict, wrapper: nil)
        parser.forceDetailedPath = detailedOnly
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

    mutating func warn(_ code: ActivationCodeErrorCode, _ message: String, at index: Int) throws(ActivationCodeError) {
        let warning = ActivationCodeWarning(code, message, offset: map(index))
        if strict { throw warning.error }
        warnings.append(warning)
    }

    // MARK: Fields

    /// `LPA:` in any letter case at `index`.
    @inline(__always)
    func hasSchemePrefix(at index: Int) -> Bool {
        index + 4 <= bytes.count && bytes[index] | 0x20 == 0x6C && bytes[index + 1] | 0x20 == 0x70
            && bytes[index + 2] | 0x20 == 0x61 && bytes[index + 3] == ASCII.colon
    }

    /// The index of the next `$` at or after `index`, or `bytes.count`.
    @inline(__always)
    func nextDelimiter(from index: Int) -> Int {
        var index = index
        while index < bytes.count, bytes[index] != ASCII.dollar { index += 1 }
        return index
    }

    /// Where fields 3 to 7 lie, as found by ``splitFields(after:)``.
    struct FieldLayout {
        var address: Range<Int>
        /// How many fields the code has, counting those past the seventh.
        var count = 2
        var matchingID: Range<Int>
        var oid: Range<Int>
        var flag: Range<Int>
        var keyID: Range<Int>
        var seventh: Range<Int>
        /// The `$` that opens an eighth field, if any.
        var extraFieldsStart: Int?

        init(address: Range<Int>) {
            self.address = address
            let empty = address.upperBound..<address.upperBound
            (matchingID, oid, flag, keyID, seventh) = (empty, empty, empty, empty, empty)
        }
    }

    /// Splits the fields that follow one ending at `fieldEnd` (a `$` or the end).
    func splitFields(after fieldEnd: Int, into layout: inout FieldLayout) {
        var fieldEnd = fieldEnd
        while fieldEnd < bytes.count {
            let start = fieldEnd + 1
            let end = nextDelimiter(from: start)
            layout.count += 1
            switch layout.count {
            case 3: layout.matchingID = start..<end
            case 4: layout.oid = start..<end
            case 5: layout.flag = start..<end
            case 6: layout.keyID = start..<end
            case 7: layout.seventh = start..<end
            default:
                // An eighth field: remember where, stop reading fields.
                layout.extraFieldsStart = fieldEnd
                return
            }
            fieldEnd = end
        }
    }

    mutating func parse() throws(ActivationCodeError) -> DecodedActivationCode {
        if !forceDetailedPath, let decoded = try parseCommonShape() {
            return decoded
        }
        return try parseInDetail()
    }

    /// Every rule in order; authoritative for errors, warnings and unusual shapes.
    mutating func parseInDetail() throws(ActivationCodeError) -> DecodedActivationCode {
        try checkCharacters(0..<bytes.count)

        var cursor = 0
        if hasSchemePrefix(at: 0) {
            cursor = 4
            if hasSchemePrefix(at: 4) {
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

        var layout = FieldLayout(address: addressStart..<addressEnd)
        splitFields(after: addressEnd, into: &layout)
        if layout.count == 2 {
            try warn(.missingMatchingID,
                     "there is no matching-ID field; write '$' after the address for an empty one",
                     at: addressEnd)
        } else {
            try checkMatchingID(layout.matchingID)
        }
        return try finish(layout)
    }

    /// The shape nearly every real code has, checked in one pass: printable ASCII, an
    /// optional `LPA:`, format `1`, a host name of LDH labels and an LDH matching ID.
    /// Returns `nil` for anything else, which ``parseInDetail()`` then decides; the
    /// fields after the matching ID go through the same checks on both paths.
    mutating func parseCommonShape() throws(ActivationCodeError) -> DecodedActivationCode? {
        // Local copies keep the loops free of reloads through `self`.
        let count = bytes.count
        guard count >= 4, let text = bytes.baseAddress else { return nil }
        var index = hasSchemePrefix(at: 0) ? 4 : 0
        guard index + 1 < count, text[index] == ASCII.one, text[index + 1] == ASCII.dollar else { return nil }
        index += 2

        // A host name: labels of 1-63 LDH characters, no hyphen at either end, at least
        // two labels, at most 253 characters, and a top-level label that is not all digits.
        let addressStart = index
        var labelStart = index
        var labels = 1
        var labelAllDigits = true
        while index < count {
            let byte = text[index]
            if ASCII.isLetter(byte) || byte == ASCII.hyphen {
                labelAllDigits = false
            } else if ASCII.isDigit(byte) {
                // a digit keeps the label numeric so far
            } else if byte == ASCII.dot {
                let length = index &- labelStart
                guard length >= 1, length <= Self.maximumLabelLength, text[labelStart] != ASCII.hyphen,
                      text[index &- 1] != ASCII.hyphen else { return nil }
                labels &+= 1
                labelStart = index &+ 1
                labelAllDigits = true
            } else if byte == ASCII.dollar || byte == ASCII.colon {
                break
            } else {
                return nil
            }
            index &+= 1
        }
        let hostEnd = index
        let lastLength = hostEnd &- labelStart
        guard hostEnd < count, labels >= 2, !labelAllDigits, lastLength >= 1,
              lastLength <= Self.maximumLabelLength, text[labelStart] != ASCII.hyphen,
              text[hostEnd &- 1] != ASCII.hyphen,
              hostEnd &- addressStart <= Self.maximumHostNameLength else { return nil }

        // A port (a warning): 1-5 digits, 1-65535. Warned about once the whole shape is
        // known to be this one: the detailed path reports a bad character anywhere first.
        var portAt: Int?
        if text[index] == ASCII.colon {
            index &+= 1
            let portStart = index
            var port = 0
            while index < count, ASCII.isDigit(text[index]), index &- portStart < 5 {
                port = port &* 10 &+ Int(text[index] &- ASCII.zero)
                index &+= 1
            }
            guard index < count, text[index] == ASCII.dollar, port >= 1, port <= 65535 else { return nil }
            portAt = hostEnd
        }
        let addressEnd = index

        // The matching ID: letters, digits and '-'.
        index &+= 1
        let matchingIDStart = index
        while index < count {
            let byte = text[index]
            if ASCII.isLDH(byte) {
                index &+= 1
            } else if byte == ASCII.dollar {
                break
            } else {
                return nil
            }
        }

        var layout = FieldLayout(address: addressStart..<addressEnd)
        layout.count = 3
        layout.matchingID = matchingIDStart..<index
        if index < count {
            // Fields 4 to 7 (usually absent) may hold anything; check their characters as
            // the detailed path would, then share its field checks.
            try checkCharacters(index..<count)
            splitFields(after: index, into: &layout)
        }
        try warnAddress(ipLiteralAt: nil, portAt: portAt)
        return try finish(layout)
    }

    /// Fields 4 to 7, the whole-code warnings, and the result.
    mutating func finish(_ layout: FieldLayout) throws(ActivationCodeError) -> DecodedActivationCode {
        let oid = try checkOID(layout.oid)
        let confirmationRequired = try checkFlag(layout.flag, present: layout.count >= 5)
        try checkEdges(layout.keyID, field: "field 6 (CI package key indicator)")
        try checkEdges(layout.seventh, field: "field 7")
        let keyID = try checkKeyID(layout.keyID, flagRange: layout.flag)
        if let extraFieldsStart = layout.extraFieldsStart {
            try warn(.extraFields, "SGP.22 defines 7 fields; the 8th and any after it are ignored",
                     at: extraFieldsStart)
        }
        if bytes.count > ActivationCode.maximumSpecifiedLength {
            try warn(.tooLong,
                     "the code is \(bytes.count) characters; SGP.22 allows at most \(ActivationCode.maximumSpecifiedLength)",
                     at: ActivationCode.maximumSpecifiedLength)
        }
        func span(_ range: Range<Int>?) -> ActivationCode.Span {
            guard let range, !range.isEmpty else { return .empty }
            return ActivationCode.Span(range.lowerBound + sourceOffset..<range.upperBound + sourceOffset)
        }
        let code = ActivationCode(
            storage: source, address: span(layout.address), matchingID: span(layout.matchingID),
            oid: span(oid), confirmationCodeRequired: confirmationRequired, keyID: span(keyID),
            seventh: span(layout.seventh))
        return DecodedActivationCode(code: code, wrapper: wrapper, warnings: warnings)
    }

    /// Rejects control and non-ASCII characters, and a percent-encoded `$`, in `range`.
    func checkCharacters(_ range: Range<Int>) throws(ActivationCodeError) {
        for index in range {
            let byte = bytes[index]
            // One comparison covers everything printable but '%': 0x20...0x7E.
            guard byte &- 0x20 > 0x5E || byte == ASCII.percent else { continue }
            if byte >= 0x80 {
                let name = ASCII.scalar(in: bytes, at: index).map { "U+" + ASCII.hex4($0.value) }
                    ?? "byte 0x" + String(byte, radix: 16, uppercase: true)
                throw error(.nonASCIICharacter,
                            "non-ASCII character \(name); activation codes are plain ASCII", at: index)
            }
            if ASCII.isControl(byte) {
                throw error(.controlCharacter, "control character \(ASCII.describe(byte))", at: index)
            }
            if index + 2 < bytes.count, bytes[index + 1] == 0x32, bytes[index + 2] | 0x20 == 0x34 {
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

    // MARK: Fields 6 and 7

    /// Fields 6 and 7 are the only ones whose rules let a space in: at either end of one,
    /// it would be trimmed off the canonical text (`1$h$$$$ $` would read back without
    /// field 6), so it is refused there.
    func checkEdges(_ range: Range<Int>, field: String) throws(ActivationCodeError) {
        guard let first = range.first, let last = range.last else { return }
        if ASCII.isWhitespace(bytes[first]) {
            throw error(.whiteSpaceInField, "\(field) begins with white space, which the text form cannot keep", at: first)
        }
        if ASCII.isWhitespace(bytes[last]) {
            throw error(.whiteSpaceInField, "\(field) ends with white space, which the text form cannot keep", at: last)
        }
    }

    mutating func checkKeyID(_ range: Range<Int>, flagRange: Range<Int>) throws(ActivationCodeError) -> Range<Int>? {
        guard !range.isEmpty else { return nil }
        // Field 5 of `0` counts as empty: the canonical text writes it so, and would then
        // read back as this error ('$0$1' decoded, its '$$1' did not; found by fuzzing).
        let flagUnset = flagRange.isEmpty || (flagRange.count == 1 && bytes[flagRange.lowerBound] == ASCII.zero)
        if flagUnset && range.count == 1 && bytes[range.lowerBound] == ASCII.one {
            throw error(.misplacedConfirmationFlag,
                        "'1' in field 6 with field 5 \(flagRange.isEmpty ? "empty" : "'0'"): the confirmation flag is one field too late",
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
                     "field 6 (CI package key indicator) should be a hexadecimal key identifier",
                     at: range.lowerBound)
        }
        return range
    }
}
