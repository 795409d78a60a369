// Detectors for people and places: names, street addresses and ZIP codes, IP addresses.
extension Detectors {
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
        let capitalSoon: @Sendable (UnsafeBufferPointer<UInt8>, Int) -> Bool = { bytes, end in
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
        let anchors: [[Int]?] = [[0], [-1], [0], nil]
        var result = zip(zip(patterns, triggers), anchors).flatMap { patternAndTrigger, anchors in
            scan(patternAndTrigger.0, text, near: patternAndTrigger.1, anchoredAt: anchors) { match in
                candidate(.name, match, group: 1) { namePlaceholder($0, redactor) }
            }
        }
        result += scan(#""(?i:lastName|last_name|surname|familyName|family_name)"\s*:\s*"([A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){0,2})""#, text,
                         near: .words(["lastname", "last_name", "surname", "familyname", "family_name"], before: 20, after: 100),
                         anchoredAt: [-1]) { match in
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
                       }, anchoredAt: [0]) { match in
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
        // "TX 75201": a state's code, then (past a comma, spaces and a few tags) five digits.
        let stateTrigger = Trigger.words(states.lowercased().split(separator: "|").map(String.init), before: 0, after: 300) { bytes, end in
            // Not inside a word (`TXT`), and five digits within reach.
            guard end >= bytes.count || !ASCII.isAlphanumeric(bytes[end]) else { return false }
            var index = end, run = 0
            while index < min(bytes.count, end + 300) {
                run = Trigger.isDigit(bytes[index]) ? run + 1 : 0
                if run == 5 { return true }
                index += 1
            }
            return false
        }
        for (index, pattern) in zips.enumerated() {
            let trigger = index == 0 ? stateTrigger : zipTrigger
            result += scan(pattern, text, near: trigger, anchoredAt: index == 0 ? [0] : [-1, 0, -5]) { match in
                candidate(.zipCode, match, group: 1) { zipPlaceholder($0, redactor) }
            }
        }
        result += scan(#""(?i:street|street1|street2|streetAddress|addressLine1|addressLine2|address1|address2|line1|line2)"\s*:\s*"([^"]{3,120})""#, text,
                         near: .words(["street", "address", "line1", "line2"], before: 20, after: 160), anchoredAt: [-1]) { match in
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
                          near: .bytes(before: 0, after: 16) { bytes, index in
                              // The first digit of four groups of one to three digits with dots between.
                              guard Trigger.isDigit(bytes[index]), index == 0 || !Trigger.isDigit(bytes[index - 1]) else { return false }
                              var cursor = index
                              for group in 0..<4 {
                                  let start = cursor
                                  while cursor < bytes.count, cursor - start < 3, Trigger.isDigit(bytes[cursor]) { cursor += 1 }
                                  guard cursor > start else { return false }
                                  if group < 3 {
                                      guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") else { return false }
                                      cursor += 1
                                  }
                              }
                              return true
                          },
                          notAfter: alphanumeric.union("."), anchoredAt: [0]) { match in
            candidate(.ipAddress, match, group: 0) { value in
                if ["192.0.2.", "198.51.100.", "203.0.113.", "127.", "0.0.0.0", "255.255.255.255"].contains(where: value.hasPrefix) {
                    return nil
                }
                let hashed = redactor.digits(String(value), .ipAddress, count: 3).compactMap { Int(String($0)) }
                return "192.0.2.\(1 + (hashed[0] * 100 + hashed[1] * 10 + hashed[2]) % 254)"
            }
        }
        result += scan(#"(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])|(?:[0-9A-Fa-f]{1,4}:){2,6}:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,4}(?![0-9A-Fa-f:])"#, text,
                       near: .bytes(before: 0, after: 48) { bytes, index in
                           // The first hex digit of a group of one to four, then `:`.
                           guard ASCII.isHexDigit(bytes[index]),
                                 index == 0 || !(ASCII.isAlphanumeric(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: ":")) else { return false }
                           // At least three colons among hex groups of one to four (`2001:db8::1`).
                           var cursor = index, colons = 0, run = 0
                           while cursor < bytes.count, cursor - index < 40 {
                               if ASCII.isHexDigit(bytes[cursor]) {
                                   run += 1
                                   guard run <= 4 else { return false }
                               } else if bytes[cursor] == UInt8(ascii: ":") {
                                   colons += 1
                                   run = 0
                               } else {
                                   break
                               }
                               cursor += 1
                           }
                           return colons >= 3
                       },
                       notAfter: alphanumeric.union(":"), anchoredAt: [0]) { match in
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
