// Detectors for numbers: ICCIDs and EIDs, IMEIs and IMSIs, account, phone and card numbers.
extension Detectors {
    // MARK: ICCID and EID

    static func luhnValid(_ digits: String) -> Bool {
        let bytes = Array(digits.utf8)
        guard bytes.count >= 2 else { return false }
        return Int(CheckDigits.luhn(bytes.dropLast())) == Int(bytes.last! - 0x30)
    }

    static func iccids(_ text: ScanText, _ redactor: Redactor) -> [Candidate] {
        scan(#"89(?:[ -]?[0-9]){16,18}(?![0-9])"#, text, near: .digitRuns(count: 18, span: 26, before: 1, after: 28),
             notAfter: alphanumeric, anchoredAt: [0]) { match in
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
             notAfter: alphanumeric, anchoredAt: [0]) { match in
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
        return zip(patterns, [[0], [-1, 0, -5]]).flatMap { pattern, anchors in
            scan(pattern, text, near: .words(["imei", "meid", "imsi", "deviceimei", "subscriberimsi"], before: 40, after: 300),
                 anchoredAt: anchors) { match in
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
        let trigger = Trigger.words(["account", "acct", "ban", "customer", "billing account", "wireless account", "billingaccount"],
                                    before: 40, after: 1200)
        return zip(patterns, [[0], [-1, 0, -5]]).flatMap { pattern, anchors in
            scan(pattern, text, near: trigger, anchoredAt: anchors) { match in
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
        // A North American area code starts with 2–9: `000…` is another detector's
        // placeholder (an account number's), and replacing it again would undo that one.
        guard national.count == 10, let areaStart = national.utf8.first, areaStart >= UInt8(ascii: "2") else { return nil }
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
                       near: .digitRuns(count: 10, span: 18, before: 6, after: 20), notAfter: alphanumeric.union(".$-"),
                       anchoredAt: [-1, 0]) { match in
            candidate(.phoneNumber, match, group: 0) { value in usPlaceholder(value, digits: digitsOnly(value), redactor) }
        }
        // Bare digits where a key or a tel: link says it is a number.
        let keyed = [
            keyed("ctn|mtn|mdn|msisdn|phone|phoneNumber|phone_number|phone-number|mobile|mobileNumber|mobile_number|lineNumber|line_number|line-number|subscriberNumber|telephone|tel|contactNumber|callbackNumber|primaryPhone", #"\+?1?[0-9]{10}"#) + "(?![0-9])",
            #"tel:(\+?1?[0-9]{10})(?![0-9])"#,
        ]
        let keyTrigger = Trigger.words(["ctn", "mtn", "mdn", "msisdn", "phone", "mobile", "line", "subscriber", "tel", "contact",
                                        "callback", "primaryphone"], before: 40, after: 80)
        for (pattern, anchors) in zip(keyed, [[-1, 0, -5], [0]]) {
            result += scan(pattern, text, near: keyTrigger, anchoredAt: anchors) { match in
                candidate(.phoneNumber, match, group: 1) { value in usPlaceholder(value, digits: digitsOnly(value), redactor) }
            }
        }
        // International: +44 20 7946 0958 keeps its country code; the last seven digits
        // become 55501xx.
        result += scan(#"\+([2-9][0-9]{0,2})((?:[ .-]?\(?[0-9]{1,5}\)?){2,5})(?![0-9])"#, text,
                       near: .words(["+"], before: 0, after: 40), notAfter: alphanumeric, anchoredAt: [0]) { match in
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
                          before: 0, after: 400), anchoredAt: [0]) { match in
            candidate(.cardNumber, match, group: 1) { value in
                guard !value.hasPrefix("00") else { return nil }
                return "00" + String(redactor.digits(String(value), .cardNumber, count: 2))
            }
        }
    }
}
