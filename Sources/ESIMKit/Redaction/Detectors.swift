/// The detectors, in priority order: where two overlap, the earlier one wins (an e-mail
/// address inside a `userName` field is an e-mail address, not a name).
enum Detectors {
    typealias Detector = @Sendable (ScanText, Redactor) -> [Candidate]

    static let all: [Detector] = [
        activationCodes, tokens, emails, iccids, eids, deviceIdentifiers, accountNumbers, phoneNumbers,
        cardNumbers, names, addresses, ipAddresses, percentEncoded,
    ]

    // MARK: Matching

    /// Runs `pattern` over the parts of `text` near its triggers; `body` gets each match
    /// and returns a candidate for it. Swift's regular expressions have no look-behind:
    /// `notAfter` lists characters that must not come right before a match.
    ///
    /// With `anchoredAt`, a match may only start at a trigger's place plus one of those
    /// offsets (`[0]`: where the trigger fired), and is tried there alone rather than at
    /// every byte of the window: for patterns whose first characters are what fires the
    /// trigger, the same matches at a fraction of the cost.
    static func scan(_ pattern: String, _ text: ScanText, near trigger: Trigger, notAfter: Set<Character> = [],
                     anchoredAt offsets: [Int]? = nil,
                     _ body: (Regex<AnyRegexOutput>.Match) -> Candidate?) -> [Candidate] {
        guard let regex = compiledRegex(pattern) else { return [] }
        if let offsets {
            return scanAnchored(regex, text, near: trigger, at: offsets, notAfter: notAfter, boundary: pattern.contains(#"\b"#), body)
        }
        var result: [Candidate] = []
        let string = text.string
        for window in text.windows(trigger) {
            for found in string[window].matches(of: regex) {
                let match = uncut(found, regex, in: string, windowEnd: window.upperBound)
                if !notAfter.isEmpty, match.range.lowerBound > string.startIndex,
                   notAfter.contains(string[string.index(before: match.range.lowerBound)]) {
                    continue
                }
                if let candidate = body(match) { result.append(candidate) }
            }
        }
        return result
    }

    private static func scanAnchored(_ regex: Regex<AnyRegexOutput>, _ text: ScanText, near trigger: Trigger, at offsets: [Int],
                                     notAfter: Set<Character>, boundary: Bool,
                                     _ body: (Regex<AnyRegexOutput>.Match) -> Candidate?) -> [Candidate] {
        // A match tried on a substring sees a word boundary at its start, whatever stands
        // before it; a window would not. Where the pattern asks for `\b`, a start between two
        // word characters (`ga_sid`, `x1`) is not tried.
        func isWord(_ byte: UInt8) -> Bool { ASCII.isAlphanumeric(byte) || byte == UInt8(ascii: "_") }
        var result: [Candidate] = []
        let string = text.string
        let count = text.bytes.count
        let after = trigger.reach.after
        // Matches do not overlap: a place inside the last match is not tried.
        var covered = 0
        for place in text.places(trigger) {
            for offset in offsets {
                let start = place.offset + offset
                guard start >= covered, start >= 0, start < count, text.bytes[start] & 0xC0 != 0x80 else { continue }
                if boundary, start > 0, isWord(text.bytes[start]), isWord(text.bytes[start - 1]) { continue }
                let lower = text.index(at: start, roundingUp: false)
                let upper = text.index(at: min(count, place.offset + place.length + after), roundingUp: true)
                guard lower < upper, let found = try? regex.prefixMatch(in: string[lower..<upper]) else { continue }
                let match = uncut(found, regex, in: string, windowEnd: upper)
                if !notAfter.isEmpty, lower > string.startIndex, notAfter.contains(string[string.index(before: lower)]) { continue }
                if !match.range.isEmpty { covered = string.utf8.distance(from: string.startIndex, to: match.range.upperBound) }
                if let candidate = body(match) { result.append(candidate) }
                break
            }
        }
        return result
    }

    /// A match the window cut short (it ends at the window's end), matched again from its
    /// start without that end (up to 16 KB more).
    private static func uncut(_ match: Regex<AnyRegexOutput>.Match, _ regex: Regex<AnyRegexOutput>, in string: String,
                              windowEnd: String.Index) -> Regex<AnyRegexOutput>.Match {
        guard match.range.upperBound == windowEnd, windowEnd < string.endIndex else { return match }
        let end = string.utf8.index(windowEnd, offsetBy: min(16_384, string.utf8.distance(from: windowEnd, to: string.endIndex)))
        return (try? regex.prefixMatch(in: string[match.range.lowerBound..<end])) ?? match
    }

    /// Patterns compiled once per thread (compiled expressions are not shared across
    /// threads).
    static func compiledRegex(_ pattern: String) -> Regex<AnyRegexOutput>? {
        compiledForThread.value(for: pattern) {
            guard let compiled = try? Regex(pattern) else {
                assertionFailure("detector pattern does not compile: \(pattern)")
                return nil
            }
            // Scalar by scalar rather than by grapheme cluster: the patterns are about ASCII
            // digits, letters and punctuation, and grapheme breaking is the slow part.
            return compiled.matchingSemantics(.unicodeScalar)
        }
    }

    private static let compiledForThread = ThreadCache<String, Regex<AnyRegexOutput>?>()

    static let alphanumeric = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// A value under one of `keys`, wherever a page keeps it: a JSON member
    /// (`"ctn": "2145550142"`), an attribute (`data-mtn="2145550142"`) or a query or
    /// cookie parameter (`?msisdn=2145550142`). The value is capture group 1.
    static func keyed(_ keys: String, _ value: String) -> String {
        #"(?:"(?i:\#(keys))"\s*:\s*"?|(?i:\b(?:data-)?(?:\#(keys)))\s*=\s*["']?)(\#(value))"#
    }

    /// The range and text of capture group `group`.
    static func group(_ match: Regex<AnyRegexOutput>.Match, _ group: Int) -> (Range<String.Index>, Substring)? {
        guard group < match.output.count, let range = match.output[group].range,
              let text = match.output[group].substring else { return nil }
        return (range, text)
    }

    static func candidate(_ kind: PersonalDataKind, _ match: Regex<AnyRegexOutput>.Match, group number: Int,
                          _ replace: (Substring) -> String?) -> Candidate? {
        guard let (range, text) = group(match, number), let replacement = replace(text), replacement != String(text) else { return nil }
        return Candidate(kind: kind, range: range, original: String(text), replacement: replacement)
    }

    static func digitsOnly(_ text: Substring) -> String { String(text.filter { $0.isASCII && $0.isNumber }) }

    // MARK: Activation codes

    /// The matching ID of an activation code, plain or percent-encoded; the SM-DP+
    /// address names the operator, not the person, and stays.
    static func activationCodes(_ text: ScanText, _ redactor: Redactor) -> [Candidate] {
        let patterns = [#"(?i:LPA):1\$([A-Za-z0-9.-]+)(?::[0-9]+)?\$([A-Za-z0-9-]+)"#,
                        #"(?i:LPA)%3[Aa]1%24([A-Za-z0-9.-]+)(?:%3[Aa][0-9]+)?%24([A-Za-z0-9-]+)"#]
        return patterns.flatMap { pattern in
            scan(pattern, text, near: .words(["lpa"], before: 0, after: 400), anchoredAt: [0]) { match in
                // A code for a reserved example host or documentation address is made up.
                guard let (_, host) = group(match, 1), !isExampleHost(host) else { return nil }
                return candidate(.activationCode, match, group: 2) { id in
                    if id.hasPrefix("ZZ") { return nil }  // a placeholder already
                    let fresh = redactor.alphanumerics(String(id), .activationCode, count: id.count).map { Character($0.uppercased()) }
                    var index = 0
                    let body = String(id.map { character -> Character in
                        defer { index += 1 }
                        return character == "-" ? "-" : fresh[index]
                    })
                    return id.count >= 4 ? "ZZ" + body.dropFirst(2) : String(repeating: "Z", count: id.count)
                }
            }
        }
    }

    /// RFC 2606 / RFC 6761 example names and RFC 5737 documentation addresses.
    static func isExampleHost(_ host: Substring) -> Bool {
        let lowered = host.lowercased()
        return ["example.com", "example.net", "example.org"].contains { lowered == $0 || lowered.hasSuffix("." + $0) }
            || [".example", ".test", ".invalid"].contains(where: lowered.hasSuffix)
            || ["192.0.2.", "198.51.100.", "203.0.113."].contains(where: lowered.hasPrefix)
    }

    // MARK: Tokens

    static let tokenKeys = #"(?i:(?:csrf|xsrf)[_-]?token|_csrf|authenticity_token|__requestverificationtoken|session[_-]?(?:id|token|key)|sessionid|jsessionid|phpsessid|session|sid|access[_-]?token|refresh[_-]?token|id[_-]?token|auth[_-]?token|bearer[_-]?token|api[_-]?key|apikey|client[_-]?secret|secret|password|passwd|otp|token|auth|ticket|jwt|nonce|signature)"#

    static func tokenPlaceholder(_ value: Substring, _ redactor: Redactor) -> String? {
        if value.hasPrefix("redacted") || value.allSatisfy({ $0 == "x" || $0 == "X" }) { return nil }
        let fresh = redactor.alphanumerics(String(value), .token, count: value.count)
        var index = 0
        // Separators stay; `@` and `%` do not: kept, they let the placeholder read as an
        // e-mail address (`…@n54x.t5d`) or a percent-escaped one, which the next pass would
        // replace, and the token after it, without end.
        let body = String(value.map { character -> Character in
            defer { index += 1 }
            return character.isLetter || character.isNumber || character == "@" || character == "%" ? fresh[index] : character
        })
        return value.count >= 12 ? "redacted" + body.dropFirst(8) : String(repeating: "x", count: value.count)
    }

    /// JWTs, bearer tokens, CSRF and session tokens, API keys and secrets, wherever they sit.
    static func tokens(_ text: ScanText, _ redactor: Redactor) -> [Candidate] {
        var result: [Candidate] = []
        let whole = [
            #"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"#,   // JWT
            #"AKIA[0-9A-Z]{16}"#, #"AIza[0-9A-Za-z_-]{35}"#,                       // cloud API keys
            #"(?:sk|pk|rk)_(?:live|test)_[0-9A-Za-z]{16,}"#, #"gh[pousr]_[A-Za-z0-9]{30,}"#,
            #"xox[abprs]-[A-Za-z0-9-]{10,}"#,
        ]
        let wholeTrigger = Trigger.words(["eyj", "akia", "aiza", "sk_", "pk_", "rk_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "xox"],
                                         before: 0, after: 120)
        for pattern in whole {
            result += scan(pattern, text, near: wholeTrigger, anchoredAt: [0]) { match in
                candidate(.token, match, group: 0) { tokenPlaceholder($0, redactor) }
            }
        }
        let valued = [
            #"(?i:bearer)\s+([A-Za-z0-9._~+/=-]{16,})"#,
            keyed(tokenKeys, #"[^"'\\\s&<;]{8,}"#),
            #"[?&;\s]\#(tokenKeys)=([^&"'\s<;]{8,})"#,
            #"(?i)name=["'](?:csrf-token|csrf_token|_csrf|xsrf-token|authenticity_token|__requestverificationtoken)["'][^>]*?(?:content|value)=["']([^"']{8,})["']"#,
            #"(?i)(?:content|value)=["']([^"']{8,})["'][^>]*?name=["'](?:csrf-token|csrf_token|_csrf|xsrf-token|authenticity_token|__requestverificationtoken)["']"#,
        ]
        // Each keyed pattern starts at its key (a quote or `data-` before it, or `?`/`&`
        // for a query parameter): it is tried there only. The meta-tag forms, rare, are
        // matched in windows around their names.
        let keyStarts = Trigger.words(["bearer", "csrf", "xsrf", "_csrf", "authenticity", "__request", "session", "jsession", "phpsess",
                                       "sid", "access", "refresh", "id_token", "id-token", "idtoken", "auth", "api", "client", "secret",
                                       "password", "passwd", "otp", "token", "ticket", "jwt", "nonce", "signature"],
                                      before: 40, after: 160, then: Trigger.followedWithin(60, by: Array(":= ".utf8)))
        let metaNames = Trigger.words(["csrf-token", "csrf_token", "_csrf", "xsrf-token", "authenticity_token", "__requestverificationtoken"],
                                      before: 200, after: 200)
        let plans: [(Trigger, [Int]?)] = [(keyStarts, [0]), (keyStarts, [-1, 0, -5]), (keyStarts, [-1]), (metaNames, nil), (metaNames, nil)]
        for (pattern, (trigger, anchors)) in zip(valued, plans) {
            result += scan(pattern, text, near: trigger, anchoredAt: anchors) { match in
                candidate(.token, match, group: 1) { tokenPlaceholder($0, redactor) }
            }
        }
        // A query parameter of 32 or more hex digits, whatever its name (`?crt=2d660e41…`
        // on a booking link): a session's or a signed request's token, not a page's content.
        result += scan(#"[?&;][A-Za-z_][A-Za-z0-9_-]{0,31}=([0-9A-Fa-f]{32,})(?![0-9A-Za-z])"#, text,
                       near: .bytes(before: 34, after: 160) { bytes, index in
                           guard bytes[index] == UInt8(ascii: "="), index + 32 < bytes.count else { return false }
                           for offset in 1...32 where !ASCII.isHexDigit(bytes[index + offset]) { return false }
                           return true
                       }) { match in
            candidate(.token, match, group: 1) { tokenPlaceholder($0, redactor) }
        }
        return result
    }

    // MARK: E-mail

    static let reservedMailDomains = ["example.com", "example.net", "example.org"]
    static let fileExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js", "ico", "avif", "woff", "woff2"]

    /// Scanned by hand around each `@` (or `%40`): `@` is common in styles and scripts,
    /// and a regular expression retried at every byte before it is slow.
    static func emails(_ text: ScanText, _ redactor: Redactor) -> [Candidate] {
        let bytes = text.bytes
        func isLocal(_ byte: UInt8) -> Bool {
            ASCII.isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "%")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        }
        func isDomain(_ byte: UInt8) -> Bool { ASCII.isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") }
        var result: [Candidate] = []
        var index = 0
        while index < bytes.count {
            let separatorLength: Int
            if bytes[index] == UInt8(ascii: "@") {
                separatorLength = 1
            } else if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "4"), bytes[index + 2] == UInt8(ascii: "0") {
                separatorLength = 3
            } else {
                index += 1
                continue
            }
            var start = index
            while start > 0, isLocal(bytes[start - 1]), index - start < 64 { start -= 1 }
            var end = index + separatorLength
            while end < bytes.count, isDomain(bytes[end]), end - index < 255 { end += 1 }
            // The domain ends with a dot and a top-level name of letters.
            while end > index + separatorLength, bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
            let domain = bytes[(index + separatorLength)..<end]
            guard start < index, let dot = domain.lastIndex(of: UInt8(ascii: ".")), dot > domain.startIndex,
                  end - dot - 1 >= 2, bytes[(dot + 1)..<end].allSatisfy(ASCII.isLetter) else {
                index += separatorLength
                continue
            }
            let domainText = String(decoding: domain, as: UTF8.self).lowercased()
            let tld = String(decoding: bytes[(dot + 1)..<end], as: UTF8.self).lowercased()
            let whole = String(decoding: bytes[start..<end], as: UTF8.self)
            let reserved = reservedMailDomains.contains(domainText)
                || [".example", ".test", ".invalid", ".localhost"].contains(where: domainText.hasSuffix)
            if !reserved && !fileExtensions.contains(tld) {
                let separator = separatorLength == 1 ? "@" : String(decoding: bytes[index..<(index + 3)], as: UTF8.self)
                let user = "user-" + String(redactor.alphanumerics(domainText + whole, .email, count: 6))
                let lower = text.string.utf8.index(text.string.utf8.startIndex, offsetBy: start)
                let upper = text.string.utf8.index(lower, offsetBy: end - start)
                result.append(Candidate(kind: .email, range: lower..<upper, original: whole, replacement: user + separator + "example.com"))
            }
            index = end
        }
        return result
    }
}


extension Detectors {
    // MARK: Percent-encoded text

    /// URL-encoded runs (`who=%2B44%2020%207946%200123`): decoded, redacted like any
    /// text, and encoded again.
    static func percentEncoded(_ text: ScanText, _ redactor: Redactor) -> [Candidate] {
        var runs: [(range: Range<String.Index>, decoded: String)] = []
        _ = scan(#"[A-Za-z0-9._~!*'()+-]*(?:%[0-9A-Fa-f]{2}[A-Za-z0-9._~!*'()+-]*)+"#, text,
             near: .bytes(before: 0, after: 800) { bytes, index in
                 // The start of a run of unreserved characters and escapes that holds an escape.
                 func isEscape(_ at: Int) -> Bool {
                     bytes[at] == UInt8(ascii: "%") && at + 2 < bytes.count && ASCII.isHexDigit(bytes[at + 1]) && ASCII.isHexDigit(bytes[at + 2])
                 }
                 guard isUnreserved(bytes[index]) || isEscape(index), index == 0 || !isUnreserved(bytes[index - 1]) else { return false }
                 var cursor = index
                 while cursor < bytes.count, cursor - index < 800 {
                     if isEscape(cursor) { return true }
                     guard isUnreserved(bytes[cursor]) else { return false }
                     cursor += 1
                 }
                 return false
             }, anchoredAt: [0]) { match in
            if let (range, run) = group(match, 0), let decoded = percentDecoded(run), decoded != String(run) { runs.append((range, decoded)) }
            return nil
        }
        guard !runs.isEmpty else { return [] }
        // All runs redacted as one text, a line apart (no detector reads across a line
        // break and a control byte), then split again; a redaction that took a separator
        // away falls back to one run at a time.
        let separator = "\n\u{1}\n"
        var starts: [Int] = []
        var joined = ""
        for (index, run) in runs.enumerated() {
            if index > 0 { joined += separator }
            starts.append(joined.utf8.count)
            joined += run.decoded
        }
        let inner = runs.contains(where: { $0.decoded.utf8.contains(1) }) ? nil : redactor.redact(joined)
        let pieces = inner.map { $0.text.split(separator: separator, omittingEmptySubsequences: false) }
        guard let inner, let pieces, pieces.count == runs.count else {
            return runs.compactMap { run in
                let inner = redactor.redact(run.decoded)
                guard let first = inner.findings.first else { return nil }
                return Candidate(kind: first.kind, range: run.range, original: run.decoded, replacement: percentEncoded(inner.text))
            }
        }
        var result: [Candidate] = []
        for (index, run) in runs.enumerated() where pieces[index] != Substring(run.decoded) {
            let end = starts[index] + run.decoded.utf8.count
            let kind = inner.findings.first { $0.start >= starts[index] && $0.start < end }?.kind ?? inner.findings.first?.kind ?? .token
            result.append(Candidate(kind: kind, range: run.range, original: run.decoded, replacement: percentEncoded(String(pieces[index]))))
        }
        return result
    }

    /// The characters the percent-encoded run pattern takes between escapes.
    static func isUnreserved(_ byte: UInt8) -> Bool { unreservedTable[Int(byte)] }

    private static let unreservedTable: [Bool] = (0..<256).map { byte in
        ASCII.isAlphanumeric(UInt8(byte)) || "._~!*'()+-".utf8.contains(UInt8(byte))
    }

    static func percentDecoded(_ run: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(run.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
               let high = ASCII.hexValue(iterator[iterator.startIndex]), let low = ASCII.hexValue(iterator[iterator.startIndex + 1]) {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Everything but the unreserved characters (RFC 3986) encoded.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var result = ""
        for byte in text.utf8 {
            if ASCII.isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~") {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return result
    }
}
