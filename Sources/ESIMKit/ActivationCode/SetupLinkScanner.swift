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

    static func decode(_ text: UnsafeBufferPointer<UInt8>, base: Int, schemeEnd: Int,
                       strict: Bool) -> ActivationCodeParser.Outcome {
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
        guard schemeEnd == 8, ASCII.hasPrefix(text, at: 0, lowercased: "https://") else {
            return failure(.unrecognizedLink,
                           "only https eSIM setup links are recognised (esimsetup.apple.com or esimsetup.android.com)",
                           at: 0)
        }
        var hostEnd = schemeEnd
        while hostEnd < text.count, text[hostEnd] != ASCII.slash, text[hostEnd] != 0x3F, text[hostEnd] != 0x23 {
            hostEnd += 1
        }
        let link = SetupLink.allCases.first { candidate in
            hostEnd - schemeEnd == candidate.host.utf8.count
                && candidate.host.utf8.withContiguousStorageIfAvailable { host in
                    (0..<host.count).allSatisfy { text[schemeEnd + $0] | 0x20 == host[$0] }
                } == true
        }
        guard let link else {
            return failure(.unrecognizedLink,
                           "a link, but not an eSIM setup link (esimsetup.apple.com or esimsetup.android.com)",
                           at: schemeEnd)
        }
        var pathEnd = hostEnd
        while pathEnd < text.count, text[pathEnd] != 0x3F, text[pathEnd] != 0x23 { pathEnd += 1 }
        let path = SetupLink.path.utf8
        guard pathEnd - hostEnd == path.count,
              zip(hostEnd..<pathEnd, path).allSatisfy({ text[$0.0] == $0.1 }) else {
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
            if ASCII.hasPrefix(UnsafeBufferPointer(rebasing: text[..<end]), at: parameter, lowercased: "carddata=") {
                valueRange = parameter + 9..<end
                break
            }
            parameter = end + 1
        }
        guard let valueRange, !valueRange.isEmpty else {
            return failure(.missingCardData, "the setup link has no carddata parameter holding the code",
                           at: valueRange?.lowerBound ?? queryEnd)
        }

        var decoded: [UInt8] = []
        var table: [Int] = []
        decoded.reserveCapacity(valueRange.count)
        table.reserveCapacity(valueRange.count + 1)
        var index = valueRange.lowerBound
        while index < valueRange.upperBound {
            if text[index] == ASCII.percent {
                guard index + 2 < valueRange.upperBound,
                      let high = ASCII.hexValue(text[index + 1]), let low = ASCII.hexValue(text[index + 2]) else {
                    return failure(.invalidPercentEncoding,
                                   "'%' in carddata is not followed by two hexadecimal digits", at: index)
                }
                decoded.append(high << 4 | low)
                table.append(base + index)
                index += 3
            } else {
                decoded.append(text[index])
                table.append(base + index)
                index += 1
            }
        }
        table.append(base + valueRange.upperBound)
        return decoded.withUnsafeBufferPointer { bytes in
            var parser = ActivationCodeParser(bytes: bytes, map: OffsetMap(base: base, table: table),
                                              strict: strict, wrapper: link)
            return parser.outcome()
        }
    }
}
