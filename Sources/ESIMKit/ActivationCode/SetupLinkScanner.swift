/// Unwraps Apple and Android eSIM setup links: checks the link, percent-decodes the
/// `carddata` parameter, and hands the code inside to ``ActivationCodeParser`` with a
/// table that maps every decoded byte back to its place in the link.
enum SetupLinkScanner {
    /// If `text` starts with a URL scheme (`letters://`), the index after `://`.
    static func linkStart(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index < text.count, ASCII.isLetter(text[index]) { index += 1 }
        guard index > 0, index + 2 < text.count, text[index] == ASCII.colon,
              text[index + 1] == ASCII.slash, text[index + 2] == ASCII.slash else { return nil }
        return index + 3
    }

    /// Whether `text[range]` spells `expected` (lower-case ASCII), ignoring letter case.
    static func equalsIgnoringCase(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ expected: StaticString) -> Bool {
        guard range.count == expected.utf8CodeUnitCount else { return false }
        let pattern = expected.utf8Start
        for offset in 0..<range.count {
            let byte = text[range.lowerBound + offset]
            if (ASCII.isLetter(byte) ? byte | 0x20 : byte) != pattern[offset] { return false }
        }
        return true
    }

    static func decode(_ text: UnsafeBufferPointer<UInt8>, base: Int, schemeEnd: Int,
                       strict: Bool, detailedOnly: Bool) -> ActivationCodeParser.Outcome {
        func failure(_ code: ActivationCodeError.Code, _ message: String, at index: Int) -> ActivationCodeParser.Outcome {
            .failure(ActivationCodeError(code, message, offset: base + index))
        }
        // The link itself must be printable ASCII; what it encodes is checked after decoding.
        for index in 0..<text.count where text[index] >= 0x80 || ASCII.isControl(text[index]) || text[index] == 0x20 {
            let byte = text[index]
            if byte >= 0x80 {
                return failure(.nonASCIICharacter, "non-ASCII character in the setup link", at: index)
            }
            if byte == 0x20 {
                return failure(.unrecognizedLink, "the setup link contains a space", at: index)
            }
            return failure(.controlCharacter, "control character \(ASCII.describe(byte)) in the setup link", at: index)
        }
        guard equalsIgnoringCase(text, 0..<schemeEnd, "https://") else {
            return failure(.unrecognizedLink,
                           "only https eSIM setup links are recognised (esimsetup.apple.com or esimsetup.android.com)",
                           at: 0)
        }
        var hostEnd = schemeEnd
        while hostEnd < text.count, text[hostEnd] != ASCII.slash, text[hostEnd] != 0x3F, text[hostEnd] != 0x23 {
            hostEnd += 1
        }
        let host = schemeEnd..<hostEnd
        let link: SetupLink? = equalsIgnoringCase(text, host, SetupLink.apple.hostBytes) ? .apple
            : equalsIgnoringCase(text, host, SetupLink.android.hostBytes) ? .android : nil
        guard let link else {
            return failure(.unrecognizedLink,
                           "a link, but not an eSIM setup link (esimsetup.apple.com or esimsetup.android.com)",
                           at: schemeEnd)
        }
        var pathEnd = hostEnd
        while pathEnd < text.count, text[pathEnd] != 0x3F, text[pathEnd] != 0x23 { pathEnd += 1 }
        guard equalsIgnoringCase(text, hostEnd..<pathEnd, SetupLink.pathBytes) else {
            return failure(.unrecognizedLink,
                           "the \(link.host) link does not have the path \(SetupLink.path)", at: hostEnd)
        }
        var queryEnd = pathEnd
        while queryEnd < text.count, text[queryEnd] != 0x23 { queryEnd += 1 }

        // Find `carddata=` among the `&`-separated parameters.
        var valueRange: Range<Int>?
        var parameter = pathEnd + 1
        while parameter < queryEnd {
            var end = parameter
            while end < queryEnd, text[end] != 0x26 { end += 1 }
            if equalsIgnoringCase(text, parameter..<min(parameter + 9, end), "carddata=") {
                valueRange = parameter + 9..<end
                break
            }
            parameter = end + 1
        }
        guard let valueRange, !valueRange.isEmpty else {
            return failure(.missingCardData, "the setup link has no carddata parameter holding the code",
                           at: valueRange?.lowerBound ?? queryEnd)
        }

        let value = UnsafeBufferPointer(rebasing: text[valueRange])
        var decodedLength = 0
        var index = 0
        while index < value.count {
            if value[index] == ASCII.percent {
                guard index + 2 < value.count, ASCII.hexValue(value[index + 1]) != nil,
                      ASCII.hexValue(value[index + 2]) != nil else {
                    return failure(.invalidPercentEncoding,
                                   "'%' in carddata is not followed by two hexadecimal digits",
                                   at: valueRange.lowerBound + index)
                }
                index += 3
            } else {
                index += 1
            }
            decodedLength += 1
        }
        // Bytes that are not UTF-8 come out as U+FFFD, which the parser then rejects as
        // non-ASCII at the right place.
        let source = String(unsafeUninitializedCapacity: decodedLength) { buffer in
            var read = 0
            var written = 0
            while read < value.count {
                if value[read] == ASCII.percent, let high = ASCII.hexValue(value[read + 1]),
                   let low = ASCII.hexValue(value[read + 2]) {
                    buffer[written] = high << 4 | low
                    read += 3
                } else {
                    buffer[written] = value[read]
                    read += 1
                }
                written += 1
            }
            return written
        }
        let map = OffsetMap(base: base + valueRange.lowerBound, encoded: value)
        return source.utf8.withContiguousStorageIfAvailable { bytes in
            var parser = ActivationCodeParser(source: source, sourceOffset: 0, bytes: bytes, map: map,
                                              strict: strict, wrapper: link)
            parser.forceDetailedPath = detailedOnly
            return parser.outcome()
        } ?? Array(source.utf8).withUnsafeBufferPointer { bytes in
            var parser = ActivationCodeParser(source: source, sourceOffset: 0, bytes: bytes, map: map,
                                              strict: strict, wrapper: link)
            parser.forceDetailedPath = detailedOnly
            return parser.outcome()
        }
    }
}
