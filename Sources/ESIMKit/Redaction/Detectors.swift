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
    static func scan(_ pattern: String, _ text: ScanText, near trigger: Trigger, notAfter: Set<Character> = [],
                     _ body: (Regex<AnyRegexOutput>.Match) -> Candidate?) -> [Candidate] {
        guard let regex = compiledRegex(pattern) else { return [] }
        var result: [Candidate] = []
        let string = text.string
        for window in text.windows(trigger) {
            for found in string[window].matches(of: regex) {
                var match = found
                // A match the window cut short is matched again without the window's end.
                if match.range.upperBound == window.upperBound, window.upperBound < string.endIndex {
                    let end = string.utf8.index(window.upperBound, offsetBy: min(16_384, string.utf8.distance(from: window.upperBound, to: string.endIndex)))
                    if let longer = try? regex.prefixMatch(in: string[match.range.lowerBound..<end]) { match = longer }
                }
                if !notAfter.isEmpty, match.range.lowerBound > string.startIndex,
                   notAfter.contains(string[string.index(before: match.range.lowerBound)]) {
                    continue
                }
                if let candidate = body(match) { result.append(candidate) }
            }
        }
        return result
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
            scan(pattern, text, near: .words(["lpa"], before: 0, after: 400)) { match in
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
        let body = String(value.map { character -> Character in
            defer { index += 1 }
            return character.isLetter || character.isNumber ? fresh[index] : character
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
            result += scan(pattern, text, near: wholeTrigger) { match in
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
        let valuedTrigger = Trigger.words(["bearer", "csrf", "xsrf", "_csrf", "token", "session", "jsession", "phpsess", "sid", "secret",
                                           "auth", "ticket", "jwt", "nonce", "signature",
                                           "password", "passwd", "otp", "api_key", "apikey", "api-key", "authenticity", "__request",
                                           "access_token", "refresh_token", "id_token", "auth_token", "client_secret", "accesstoken",
                                           "refreshtoken", "idtoken", "authtoken", "clientsecret", "bearertoken"],
                                          before: 40, after: 160, then: Trigger.followedWithin(60, by: Array(":= ".utf8)))
        for pattern in valued {
            result += scan(pattern, text, near: valuedTrigger) { match in
                candidate(.token, match, group: 1) { tokenPlaceholder($0, redactor) }
            }
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

    // MARK: ICCID and EID

    static func luhnValid(_ digits: String) -> Bool {
        let bytes = Array(digits.utf8)
        guard bytes.count >= 2 else { return false }
        return Int(CheckDigits.luhn(bytes.dropLast())) == Int(bytes.last! - 0x30)
    }

    static func iccids(_ text: ScanText, _ redactor: Redactor) -> [Candidate] {
        scan(#"89(?:[ -]?[0-9]){16,18}(?![0-9])"#, text, near: .digitRuns(count: 18, span: 26, before: 1, after: 28),
             notAfter: alphanumeric) { match in
            candidate(.iccid, match, group: 0) { value in
                let digits = digitsOnly(value)
                let valid = luhnValid(digits) || (digits.count == 20 && luhnValid(String(digits.prefix(19))))
                guard valid, !digits.hasPrefix("8901000") else { return nil }
                var body = Array("8901000") + redactor.digits(digits, .iccid, count: digits.count - 8)
                body.append(Character(String(CheckDigits.luhnDigit(for: String(body)) ?? 0)))
                return Redactor.replacingDigits(of: value, with: body)
            }
        }
    }

    static func eids(_ text: ScanText, _ redactor: Redactor) -> [Candidate] {
        scan(#"89[0-9]{30}(?![0-9])"#, text, near: .digitRuns(count: 32, span: 32, before: 1, after: 34),
             notAfter: alphanumeric) { match in
            candidate(.eid, match, group: 0) { value in
                let digits = Array(String(value).utf8)
                guard CheckDigits.mod97(digits) == 1, !value.hasPrefix("8900000") else { return nil }
                let body = Array("8900000") + redactor.digits(String(value), .eid, count: 23)
                let bodyBytes = Array(String(body).utf8)
                return String(body) + EID.checkDigits(forBody: bodyBytes[...])
            }
        }
    }

    // MARK: IMEI and IMSI

    /// Only where a label or key says what the number is: 15 digits are too common.
    static func deviceIdentifiers(_ text: ScanText, _ redactor: Redactor) -> [Candidate] {
        let patterns = [
            #"(?i)\b(imei|meid|imsi)\b[^0-9\n<]{0,30}?(?:<[^>]{0,120}>[^0-9\n<]{0,10}){0,3}([0-9](?:[ -]?[0-9]){13,16})(?![0-9])"#,
            #"(?:"(?i:(imei[12]?|deviceImei|imsi|subscriberImsi))"\s*:\s*"?|(?i:\b(?:data-)?(imei[12]?|imsi))\s*=\s*["']?)([0-9](?:[ -]?[0-9]){13,16})(?![0-9])"#,
        ]
        return patterns.flatMap { pattern in
            scan(pattern, text, near: .words(["imei", "meid", "imsi"], before: 40, after: 300)) { match in
                // The label is in the first group that matched; the value is the last group.
                let labels = (1..<(match.output.count - 1)).compactMap { group(match, $0)?.1 }
                guard let label = labels.first else { return nil }
                let isIMSI = label.lowercased().contains("imsi")
                return candidate(isIMSI ? .imsi : .imei, match, group: match.output.count - 1) { value in
                    let digits = digitsOnly(value)
                    if isIMSI {
                        guard !digits.hasPrefix("00101") else { return nil }
                        return Redactor.replacingDigits(of: value, with: Array("00101") + redactor.digits(digits, .imsi, count: digits.count - 5))
                    }
                    guard !digits.hasPrefix("00") else { return nil }
                    var body = Array("00") + redactor.digits(digits, .imei, count: digits.count - 3)
                    body.append(Character(String(CheckDigits.luhnDigit(for: String(body)) ?? 0)))
                    return Redactor.replacingDigits(of: value, with: body)
                }
            }
        }
    }

    // MARK: Account numbers

    static func isDateLike(_ value: Substring) -> Bool {
        value.wholeMatch(of: /[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}-[0-9]{1,2}-[0-9]{2,4}/) != nil
    }

    static func accountNumbers(_ text: ScanText, _ redactor: Redactor) -> [Candidate] {
        let patterns = [
            #"(?i)(?:account\s*(?:number|no\.?|num|#)|acct\.?\s*(?:number|no\.?|#)?|account[-_]number|accountnumber|billing account|wireless account|\bban\b|customer (?:id|number))[^0-9<>\n$]{0,24}(?:<[^>]{0,200}>[^0-9<>\n$]{0,24}){0,4}([0-9][0-9 -]{4,22}[0-9])(?![0-9])"#,
            keyed("accountNumber|account_number|account-number|accountNo|acctNumber|acctNo|ban|billingAccountNumber|billingAccount|accountId|account_id|account-id|customerId|customer_id|customerNumber", "[0-9][0-9 -]{3,24}[0-9]") + "(?![0-9])",
        ]
        return patterns.flatMap { pattern in
            scan(pattern, text, near: .words(["account", "acct", "ban", "customer"], before: 40, after: 1200)) { match in
                candidate(.accountNumber, match, group: 1) { value in
                    let digits = digitsOnly(value)
                    guard digits.count >= 5, !digits.hasPrefix("000"), !isDateLike(value) else { return nil }
                    return Redactor.replacingDigits(of: value, with: Array("000") + redactor.digits(digits, .accountNumber, count: digits.count - 3))
                }
            }
        }
    }

    // MARK: Phone numbers

    static let tollFree: Set<String> = ["800", "833", "844", "855", "866", "877", "888"]

    /// A US number's placeholder: a valid-looking area code, exchange 555, line 01xx.
    static func usPlaceholder(_ value: Substring, digits: String, _ redactor: Redactor) -> String? {
        let national = digits.count == 11 ? String(digits.dropFirst()) : digits
        guard national.count == 10 else { return nil }
        let area = String(national.prefix(3))
        let exchangeAndLine = national.dropFirst(3)
        if tollFree.contains(area) { return nil }                       // a business's number
        if exchangeAndLine.hasPrefix("55501") { return nil }            // fictional already
        let hashed = redactor.digits(national, .phoneNumber, count: 4)
        let first = Character(String(2 + Int(String(hashed[0]))! % 8))  // 2–9
        let second = Character(String(Int(String(hashed[1]))! % 9))    // 0–8: never N11 with a third 1
        let newArea: [Character] = [first, second, second == "1" ? "0" : hashed[2]]
        var replacement = newArea + Array("55501") + [hashed[3], hashed[0]]
        if digits.count == 11 { replacement.insert("1", at: 0) }
        return Redactor.replacingDigits(of: value, with: replacement)
    }

    static func phoneNumbers(_ text: ScanText, _ redactor: Redactor) -> [Candidate] {
        var result: [Candidate] = []
        // Written as a phone number: (214) 555-0142, 214.555.0142, +1 214 555 0142.
        result += scan(#"(?:\+?1[ .-]?)?\(?[2-9][0-9]{2}\)?[ .-]?[2-9][0-9]{2}[ .-][0-9]{4}(?![0-9])"#, text,
                       near: .digitRuns(count: 10, span: 18, before: 6, after: 20), notAfter: alphanumeric.union(".$-")) { match in
            candidate(.phoneNumber, match, group: 0) { value in usPlaceholder(value, digits: digitsOnly(value), redactor) }
        }
        // Bare digits where a key or a tel: link says it is a number.
        let keyed = [
            keyed("ctn|mtn|mdn|msisdn|phone|phoneNumber|phone_number|phone-number|mobile|mobileNumber|mobile_number|lineNumber|line_number|line-number|subscriberNumber|telephone|tel|contactNumber|callbackNumber|primaryPhone", #"\+?1?[0-9]{10}"#) + "(?![0-9])",
            #"tel:(\+?1?[0-9]{10})(?![0-9])"#,
        ]
        let keyTrigger = Trigger.words(["ctn", "mtn", "mdn", "msisdn", "phone", "mobile", "line", "subscriber", "tel", "contact",
                                        "callback"], before: 40, after: 80)
        for pattern in keyed {
            result += scan(pattern, text, near: keyTrigger) { match in
                candidate(.phoneNumber, match, group: 1) { value in usPlaceholder(value, digits: digitsOnly(value), redactor) }
            }
        }
        // International: +44 20 7946 0958 keeps its country code; the last seven digits
        // become 55501xx.
        result += scan(#"\+([2-9][0-9]{0,2})((?:[ .-]?\(?[0-9]{1,5}\)?){2,5})(?![0-9])"#, text,
                       near: .words(["+"], before: 0, after: 40), notAfter: alphanumeric) { match in
            guard let (_, country) = group(match, 1) else { return nil }
            return candidate(.phoneNumber, match, group: 2) { rest in
                let digits = digitsOnly(rest)
                guard (6...13).contains(digits.count), country.count + digits.count >= 8 else { return nil }
                if digits.suffix(7).hasPrefix("55501") { return nil }
                let hashed = redactor.digits(String(country) + digits, .phoneNumber, count: digits.count)
                let kept = max(0, digits.count - 7)
                let fresh = Array(hashed.prefix(kept)) + Array("55501") + Array(hashed.suffix(2))
                return Redactor.replacingDigits(of: rest, with: Array(fresh.suffix(digits.count)))
            }
        }
        return result
    }

    // MARK: Cards

    static func cardNumbers(_ text: ScanText, _ redactor: Redactor) -> [Candidate] {
        scan(#"(?i)(?:visa|mastercard|master card|amex|american express|discover|debit|credit|card)[^0-9<\n]{0,20}?(?:ending(?: in)?|ends in|last (?:four|4)(?: digits)?|[•*xX·]{2,}[ -]?)\s*(?:<[^>]{0,120}>\s*){0,2}([0-9]{4})(?![0-9])"#, text,
             near: .words(["visa", "mastercard", "master card", "amex", "american express", "discover", "debit", "credit", "card"],
                          before: 0, after: 400)) { match in
            candidate(.cardNumber, match, group: 1) { value in
                guard !value.hasPrefix("00") else { return nil }
                return "00" + String(redactor.digits(String(value), .cardNumber, count: 2))
            }
        }
    }

    // MARK: Names

    static let placeholderFirstNames = ["Alex", "Sam", "Riley", "Casey", "Jordan", "Taylor", "Morgan", "Jamie",
                                        "Avery", "Quinn", "Drew", "Robin", "Parker", "Reese", "Rowan", "Skyler"]
    static let placeholderSurnames = ["Example", "Sample", "Specimen", "Placeholder"]
    /// Words that follow a greeting or a possessive without being anyone's name.
    static let notNames: Set<String> = [
        "There", "Back", "Again", "Everyone", "Team", "Guest", "Customer", "User", "Friend", "Valued", "Member",
        "To", "And", "Kid", "Kids", "Mom", "Dad", "Work", "Home", "Family", "Son", "Daughter", "Wife", "Husband",
        "Grandma", "Grandpa", "Office", "Car", "Business", "Personal", "Main", "Old", "New", "Spare", "Backup",
        "Travel", "My", "Your", "The", "Our",
    ]

    static func namePlaceholder(_ value: Substring, _ redactor: Redactor) -> String? {
        let words = value.split(separator: " ")
        guard !words.isEmpty, words.count <= 4 else { return nil }
        if words.allSatisfy({ notNames.contains(String($0)) }) { return nil }
        let isPlaceholder = words.enumerated().allSatisfy { index, word in
            (index == 0 ? placeholderFirstNames : placeholderSurnames + placeholderFirstNames).contains(String(word))
        }
        if isPlaceholder { return nil }
        // Word by word, so "Jane" is the same placeholder alone, in "Jane Roe" and in a
        // firstName field, and "Roe" the same in a lastName field.
        return words.enumerated().map { index, word in
            index == 0 ? redactor.pick(placeholderFirstNames, for: String(word), .name)
                       : redactor.pick(placeholderSurnames, for: String(word), .name)
        }.joined(separator: " ")
    }

    static func names(_ text: ScanText, _ redactor: Redactor) -> [Candidate] {
        let patterns = [
            // Greetings: "Hi, Jordan", "Welcome back, Casey".
            #"\b(?i:hi|hello|hey|welcome back|welcome|good morning|good afternoon|good evening|dear|thanks|thank you),?\s+(?:<[^>]{0,120}>\s*){0,2}([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b"#,
            // Keys that hold a name (surnames below).
            #""(?i:firstName|first_name|givenName|fullName|full_name|displayName|accountHolder|account_holder|accountHolderName|customerName|customer_name|holderName|contactName|nameOnAccount|ownerName)"\s*:\s*"([A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){0,3})""#,
            // Labels on the page: "Account holder: Jordan Smith", "<dt>Name</dt><dd>…".
            #"(?i:full name|first name|last name|account holder|account owner|name on account|customer name|primary account holder|authorized user)\s*:?\s*(?:<[^>]{0,200}>\s*){0,4}([A-Z][A-Za-z'’.-]+(?: [A-Z][A-Za-z'’.-]+){0,3})"#,
            // Devices named after their owner: "Riley's iPhone".
            #"\b([A-Z][a-z]{1,20})(?:'|’)s\s+(?i:iphone|ipad|galaxy|pixel|phone|watch|tablet|line|device|mobile|moto|android|apple watch)"#,
        ]
        // Greetings followed by a capital within a few bytes (tags allowed); labels and
        // keys that hold names; possessives.
        let capitalSoon: @Sendable (borrowing [UInt8], Int) -> Bool = { bytes, end in
            var index = end
            var inTag = false
            while index < min(bytes.count, end + 260) {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<") { inTag = true } else if byte == UInt8(ascii: ">") { inTag = false }
                else if !inTag && byte != 0x20 && byte != UInt8(ascii: ",") && byte != 0x0A && byte != 0x09 { return true }
                index += 1
            }
            return false
        }
        let greetings = Trigger.words(["hi", "hello", "hey", "welcome", "good morning", "good afternoon", "good evening", "dear", "thanks",
                                       "thank you"], before: 0, after: 300, then: capitalSoon)
        let labels = Trigger.words(["full name", "first name", "last name", "account holder", "account owner", "name on account",
                                    "customer name", "primary account", "authorized user", "firstname", "first_name", "givenname",
                                    "fullname", "full_name", "displayname", "accountholder", "account_holder", "customername",
                                    "customer_name", "holdername", "contactname", "nameonaccount", "ownername"], before: 30, after: 500)
        let possessive = Trigger.words(["'s ", "’s "], before: 24, after: 24)
        let triggers = [greetings, labels, labels, possessive]
        var result = zip(patterns, triggers).flatMap { pattern, trigger in
            scan(pattern, text, near: trigger) { match in
                candidate(.name, match, group: 1) { namePlaceholder($0, redactor) }
            }
        }
        result += scan(#""(?i:lastName|last_name|surname|familyName|family_name)"\s*:\s*"([A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){0,2})""#, text,
                         near: .words(["lastname", "last_name", "surname", "familyname", "family_name"], before: 20, after: 100)) { match in
            candidate(.name, match, group: 1) { value in
                if placeholderSurnames.contains(String(value)) { return nil }
                return value.split(separator: " ").map { redactor.pick(placeholderSurnames, for: String($0), .name) }.joined(separator: " ")
            }
        }
        return result
    }

    // MARK: Addresses

    static let states = "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR"

    static func zipPlaceholder(_ value: Substring, _ redactor: Redactor) -> String? {
        guard !value.hasPrefix("000") else { return nil }
        let digits = digitsOnly(value)
        let five = Array("000") + redactor.digits(String(digits.prefix(5)), .zipCode, count: 2)
        return Redactor.replacingDigits(of: value, with: five + Array(repeating: "0", count: max(0, digits.count - 5)))
    }

    static func addresses(_ text: ScanText, _ redactor: Redactor) -> [Candidate] {
        var result: [Candidate] = []
        result += scan(#"\b([0-9]{1,6})\s+((?:[NSEW]\.?\s+)?(?:[A-Z][a-zA-Z]+\s+){1,3})(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Way|Ct|Court|Pl|Place|Pkwy|Parkway|Hwy|Highway|Ter|Terrace|Cir|Circle|Loop|Trl|Trail|Sq|Square)\b\.?(?:,?\s+(?:Apt|Apartment|Suite|Ste|Unit|#)\.?\s*([A-Za-z0-9-]+))?"#, text,
                       near: .bytes(before: 0, after: 160) { bytes, index in
                           // A house number: 1–6 digits, a space, a capital.
                           guard Trigger.isDigit(bytes[index]), index == 0 || !ASCII.isAlphanumeric(bytes[index - 1]) else { return false }
                           var end = index
                           while end < bytes.count, Trigger.isDigit(bytes[end]), end - index < 7 { end += 1 }
                           return end - index <= 6 && end + 1 < bytes.count && bytes[end] == 0x20 && bytes[end + 1] &- 0x41 < 26
                       }) { match in
            guard let (range, whole) = group(match, 0), let (_, number) = group(match, 1), let (_, street) = group(match, 2) else { return nil }
            if String(street).trimmed(of: " ") == "Example" { return nil }
            var replacement = String(redactor.digits(String(whole), .streetAddress, count: number.count))
            if replacement.first == "0" { replacement = "1" + replacement.dropFirst() }
            replacement += " Example "
            let rest = whole[street.endIndex...]
            if let (_, unit) = group(match, 3) {
                let beforeUnit = whole[street.endIndex..<unit.startIndex]
                replacement += beforeUnit + String(redactor.digits(String(unit), .streetAddress, count: unit.count))
                replacement += whole[unit.endIndex...]
            } else {
                replacement += rest
            }
            return Candidate(kind: .streetAddress, range: range, original: String(whole), replacement: replacement)
        }
        let zips = [
            #"\b(?:\#(states)),?\s+(?:<[^>]{0,120}>\s*){0,2}([0-9]{5}(?:-[0-9]{4})?)\b"#,
            keyed("zip|zipCode|zip_code|zip-code|postalCode|postal_code|postal-code|postcode", "[0-9]{5}(?:-[0-9]{4})?") + "(?![0-9])",
        ]
        let zipTrigger = Trigger.words(["zip", "postal", "postcode"], before: 30, after: 80)
        for (index, pattern) in zips.enumerated() {
            // "TX 75201" is found from the ZIP: five digits, the state up to a few tags before.
            let trigger = index == 0 ? Trigger.digitRuns(count: 5, span: 5, before: 300, after: 12) : zipTrigger
            result += scan(pattern, text, near: trigger) { match in
                candidate(.zipCode, match, group: 1) { zipPlaceholder($0, redactor) }
            }
        }
        result += scan(#""(?i:street|street1|street2|streetAddress|addressLine1|addressLine2|address1|address2|line1|line2)"\s*:\s*"([^"]{3,120})""#, text,
                         near: .words(["street", "address", "line1", "line2"], before: 20, after: 160)) { match in
            candidate(.streetAddress, match, group: 1) { value in
                if value.contains("Example") { return nil }
                let digits = digitsOnly(value)
                return digits.isEmpty ? "Example" : String(redactor.digits(String(value), .streetAddress, count: min(digits.count, 5))) + " Example St"
            }
        }
        return result
    }

    // MARK: IP addresses

    static func ipAddresses(_ text: ScanText, _ redactor: Redactor) -> [Candidate] {
        var result = scan(#"(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}(?![0-9.])"#, text,
                          near: .bytes(before: 3, after: 13) { bytes, index in
                              bytes[index] == UInt8(ascii: ".") && index > 0 && index + 1 < bytes.count
                                  && Trigger.isDigit(bytes[index - 1]) && Trigger.isDigit(bytes[index + 1])
                          },
                          notAfter: alphanumeric.union(".")) { match in
            candidate(.ipAddress, match, group: 0) { value in
                if ["192.0.2.", "198.51.100.", "203.0.113.", "127.", "0.0.0.0", "255.255.255.255"].contains(where: value.hasPrefix) {
                    return nil
                }
                let hashed = redactor.digits(String(value), .ipAddress, count: 3).compactMap { Int(String($0)) }
                return "192.0.2.\(1 + (hashed[0] * 100 + hashed[1] * 10 + hashed[2]) % 254)"
            }
        }
        result += scan(#"(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])|(?:[0-9A-Fa-f]{1,4}:){2,6}:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,4}(?![0-9A-Fa-f:])"#, text,
                       near: .bytes(before: 40, after: 40) { bytes, index in
                           bytes[index] == UInt8(ascii: ":") && index + 1 < bytes.count && ASCII.isHexDigit(bytes[index + 1])
                               && index > 0 && (ASCII.isHexDigit(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: ":"))
                       },
                       notAfter: alphanumeric.union(":")) { match in
            candidate(.ipAddress, match, group: 0) { value in
                if value.lowercased().hasPrefix("2001:db8") { return nil }
                let bytes = redactor.hash.mac("ipAddress:\(value.lowercased())")
                let hex = Array("0123456789abcdef")
                return "2001:db8::" + String([hex[Int(bytes[0] >> 4)], hex[Int(bytes[0] & 15)], hex[Int(bytes[1] >> 4)], hex[Int(bytes[1] & 15)]])
            }
        }
        return result
    }
}


extension Detectors {
    // MARK: Percent-encoded text

    /// URL-encoded runs (`who=%2B44%2020%207946%200123`): decoded, redacted like any
    /// text, and encoded again.
    static func percentEncoded(_ text: ScanText, _ redactor: Redactor) -> [Candidate] {
        scan(#"[A-Za-z0-9._~!*'()+-]*(?:%[0-9A-Fa-f]{2}[A-Za-z0-9._~!*'()+-]*)+"#, text,
             near: .bytes(before: 400, after: 400) { bytes, index in
                 bytes[index] == UInt8(ascii: "%") && index + 2 < bytes.count && ASCII.isHexDigit(bytes[index + 1]) && ASCII.isHexDigit(bytes[index + 2])
             }) { match in
            guard let (range, run) = group(match, 0), let decoded = percentDecoded(run), decoded != String(run) else { return nil }
            let inner = redactor.redact(decoded)
            guard let first = inner.findings.first else { return nil }
            return Candidate(kind: first.kind, range: range, original: decoded, replacement: percentEncoded(inner.text))
        }
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
