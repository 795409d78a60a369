import ESIMMarkup

/// The generic reading of an app's JSON: keys split into words (`usedVolumeBytes` → used,
/// volume, bytes) and read by the concepts those words name; figures grouped into the
/// buckets they sit in (`balances.nationalData`, `passes[0]`), each bucket's unit taken
/// from a key's suffix, a sibling unit field or a text with its unit; arrays of objects
/// that each carry a phone number read as lines.
///
/// A bare number with no unit anywhere is not read (a spec can give the unit); neither
/// are placeholders (`N/A`, `0000-00-00`, `12/31/1969`), keys that name a forecast, a
/// price or a past value (`expectedConsumption`, `pricePerExtraUnit`, `lastExpirationDate`),
/// nor roaming, voice and message buckets. With several data buckets for one line, none
/// is read — which one is the plan's is the carrier's to say — unless they are one list's
/// items that all end on the same day: then what is left is their sum (`+Sum`).
struct JSONMeaning {
    let root: JSONValue
    let reference: CalendarDate?
    /// The unit of bare numbers, when a spec declares one.
    let defaultUnit: DataAmount.DataUnit?
    /// The currency of amounts that name none: the user's country's (`--country`), if given.
    let defaultCurrency: String?
    private(set) var notes: [SnapshotDiagnostic] = []
    private let locale: ReadingLocale
    private let index = PhraseIndex.for(languages: ["en"])

    init(root: JSONValue, reference: CalendarDate?, defaultUnit: DataAmount.DataUnit?, country: String? = nil) {
        self.root = root
        self.reference = reference
        self.defaultUnit = defaultUnit
        locale = ReadingLocale(Vocabulary.language("en")!, country: country)
        defaultCurrency = country.flatMap { ReadingLocale.currencyByCountry[$0] }
    }

    /// A scalar member, with what its key says.
    struct Observation {
        var path: String
        var concepts: Set<Concept>
        var value: Reading
        /// The bucket (object) it belongs to.
        var bucket: Int
        var line: Int?
    }

    /// What a member's value reads as.
    enum Reading {
        case data(DataAmount, raw: String)
        case money(Money, raw: String)
        case date(CalendarDate, raw: String)
        case text(String)
        /// A number with no unit (`7,657`, `0`): a bucket's unit, or the spec's, may apply.
        case bare(ExactDecimal, raw: String)
        case flag(Bool)
        /// Not data (minutes, messages, money limits) by its unit field.
        case otherUnit
    }

    /// An object whose members are figures of one kind: a bucket of data, minutes, money.
    struct Bucket {
        var path: String
        var context: Set<Concept>
        /// The unit named by a sibling field (`unitType: GB`), if any.
        var unit: UnitField?
        var line: Int?
    }

    enum UnitField {
        case data(DataAmount.DataUnit)
        case other(String)
    }

    var observations: [Observation] = []
    var buckets: [Bucket] = []
    private var lineArrays = 0

    mutating func read() -> [GenericReader.Candidate] {
        guard case .object = root else {
            if case .array(let items) = root, !items.isEmpty {
                walk(root, path: "$", words: [], line: nil)
                return candidates()
            }
            notes.append(SnapshotDiagnostic(.missingRequired, "nothing read: the JSON is a single value, not an account response"))
            return []
        }
        walk(root, path: "$", words: [], line: nil)
        return candidates()
    }

    // MARK: Walking

    private mutating func walk(_ value: JSONValue, path: String, words: [String], line: Int?, isItem: Bool = false) {
        switch value {
        case .object(let members):
            // A bucket switched off (`status: INACTIVE`, `active: false`) holds nothing of
            // the account's now, and neither does what is inside it.
            guard !Self.isInactive(members) else { return }
            let bucket = buckets.count
            // Only an item of a list of buckets has a descriptor (`addonBalance[3].serviceBundle`):
            // elsewhere a member with a unit (`settings: {unit: metric}`) is its own object.
            let descriptor = isItem ? descriptorMember(members) : nil
            let described = descriptor.map { members + $0.members } ?? members
            buckets.append(Bucket(path: path, context: context(words: words, members: described),
                                  unit: unitField(members) ?? descriptor.flatMap { unitField($0.members) }, line: line))
            for member in members {
                let memberPath = path + "." + member.key
                let keyWords = Self.words(ofKey: member.key)
                if let descriptor, member.key == descriptor.key {
                    // The figures of a bucket's descriptor are the bucket's own.
                    for inner in descriptor.members {
                        if let reading = read(inner.value, keyWords: Self.words(ofKey: inner.key)) {
                            observe(Self.words(ofKey: inner.key), reading, path: memberPath + "." + inner.key, bucket: bucket, line: line)
                        }
                    }
                    continue
                }
                switch member.value {
                case .object(let inner) where quantity(inner) != nil:
                    observe(keyWords, quantity(inner)!, path: memberPath, bucket: bucket, line: line)
                case .object, .array:
                    walk(member.value, path: memberPath, words: words + keyWords, line: line)
                default:
                    if let reading = read(member.value, keyWords: keyWords) {
                        observe(keyWords, reading, path: memberPath, bucket: bucket, line: line)
                    }
                }
            }
        case .array(let items):
            let isLines = line == nil && items.count >= 1 && items.contains(where: hasPhoneNumber)
                && items.allSatisfy { if case .object = $0 { true } else { false } }
            if isLines { lineArrays += 1 }
            for (position, item) in items.prefix(1_000).enumerated() {
                walk(item, path: path + "[\(position)]", words: words, line: isLines ? position : line, isItem: true)
            }
        default:
            break
        }
    }

    /// A member object that describes the object it sits in rather than holding a bucket
    /// of its own: scalars only, with a unit field and no value of its own
    /// (`{"balance": 958.07, "serviceBundle": {"name": "Top-up data", "unit": "MByte",
    /// "allowance": -1}}`). Only when the object has no unit of its own and one such member.
    private func descriptorMember(_ members: [JSONMember]) -> (key: String, members: [JSONMember])? {
        guard unitField(members) == nil else { return nil }
        var found: (key: String, members: [JSONMember])?
        for member in members {
            guard case .object(let inner) = member.value, unitField(inner) != nil,
                  Self.isFlat(inner),
                  !inner.contains(where: { ["value", "amount", "quantity", "volume"].contains($0.key.lowercased()) }) else { continue }
            if found != nil { return nil }
            found = (member.key, inner)
        }
        return found
    }

    /// Members that are all scalars, nulls or empty objects.
    static func isFlat(_ members: [JSONMember]) -> Bool {
        members.allSatisfy { member in
            switch member.value {
            case .object(let inner): return inner.isEmpty
            case .array(let items): return items.isEmpty
            default: return true
            }
        }
    }

    /// Status words that say a bucket, pass or line is not in force.
    static let inactiveStates: Set<String> = ["inactive", "disabled", "expired", "suspended", "cancelled", "canceled",
                                              "deactivated", "terminated", "not_active", "notactive"]

    /// Whether an object, or the one descriptor it holds, says it is not in force.
    static func isInactive(_ members: [JSONMember], depth: Int = 0) -> Bool {
        for member in members {
            let key = member.key.lowercased()
            switch member.value {
            case .string(let text) where ["status", "state", "bundlestatus", "bundle_status", "subscriptionstatus"].contains(key):
                if inactiveStates.contains(text.lowercased().trimmed(of: " ")) { return true }
            case .bool(false) where ["active", "isactive", "is_active", "enabled", "isenabled", "is_enabled"].contains(key):
                return true
            case .object(let inner) where depth == 0 && isFlat(inner):
                // `serviceBundle: {…, status: INACTIVE}` speaks for the object around it.
                if ["status", "state"].contains(where: { name in inner.contains { $0.key.lowercased() == name } }),
                   isInactive(inner, depth: 1) { return true }
            default:
                break
            }
        }
        return false
    }

    private mutating func observe(_ keyWords: [String], _ reading: Reading, path: String, bucket: Int, line: Int?) {
        // A key of many words describes something else (`plan_page_explore_option_1_get_desc`).
        guard keyWords.count <= Self.maximumKeyWords else { return }
        let concepts = concepts(of: keyWords)
        guard !concepts.contains(.exclude), keyWords.allSatisfy({ !Self.otherUnitWords.contains($0) }) else { return }
        observations.append(Observation(path: path, concepts: concepts, value: reading, bucket: bucket, line: line))
    }

    /// Keys of more words than this name no field.
    static let maximumKeyWords = 4
    /// Words in a key that say its figure is time, a count or a share, not data or money.
    static let otherUnitWords: Set<String> = ["seconds", "secs", "sec", "minutes", "mins", "hours", "days", "time", "percentage",
                                              "percent", "pct", "sms", "count", "duration"]

    /// The concepts a key's words name, longest phrase first.
    func concepts(of words: [String]) -> Set<Concept> {
        var result = Set<Concept>()
        var position = 0
        while position < words.count {
            if let match = index.firstMatch(in: words, at: position) {
                result.insert(match.concept)
                position += match.words.count
            } else {
                position += 1
            }
        }
        return result
    }

    /// What a bucket is about, from the keys leading to it and its name-like members.
    private func context(words: [String], members: [JSONMember]) -> Set<Concept> {
        var all = words
        for member in members where ["name", "passname", "type", "title", "label", "description", "category"].contains(member.key.lowercased()) {
            if case .string(let text) = member.value { all += Self.words(ofKey: text) }
        }
        return concepts(of: all)
    }

    /// A sibling field naming the unit of the object's figures.
    private func unitField(_ members: [JSONMember]) -> UnitField? {
        for member in members {
            let key = member.key.lowercased()
            guard ["unit", "unittype", "uom", "units", "unitofmeasure", "measureunit", "unit_type", "unitname"].contains(key),
                  case .string(let text) = member.value else { continue }
            if let unit = locale.units[text.lowercased()] { return .data(unit) }
            return .other(text)
        }
        return nil
    }

    /// `{"value": 1.0, "unitType": "GB", "unlimited": false}` as data, `{"amount": 4.0,
    /// "currencyCode": "GBP"}` as money; `nil` for other objects.
    private func quantity(_ members: [JSONMember]) -> Reading? {
        func member(_ names: [String]) -> JSONValue? {
            members.first { names.contains($0.key.lowercased()) }?.value
        }
        if case .bool(true)? = member(["unlimited", "isunlimited"]) { return .data(.unlimited, raw: "unlimited") }
        if let amount = member(["amount", "value"]), let currencyValue = member(["currencycode", "currency"]),
           case .string(let currency) = currencyValue, currency.count == 3, let number = number(amount) {
            var value = number
            if members.contains(where: { ["minorunits", "inminorunits", "cents"].contains($0.key.lowercased()) }) {
                value = ExactDecimal(units: number.units, scale: number.scale + 2)
            }
            return .money(Money(value, currency: currency.uppercased()), raw: "\(amount.scalarText ?? "") \(currency)")
        }
        if let valueNode = member(["value", "amount", "quantity", "volume"]), let number = number(valueNode) {
            switch unitField(members) {
            case .data(let unit)?: return .data(.amount(number, unit), raw: "\(valueNode.scalarText ?? "") \(unit.rawValue)")
            case .other?: return .otherUnit
            case nil: return nil
            }
        }
        if case .other? = unitField(members) { return .otherUnit }
        return nil
    }

    private func number(_ value: JSONValue) -> ExactDecimal? {
        switch value {
        case .number(let text): return ExactDecimal(text) ?? Double(text).flatMap { ExactDecimal(String(format6($0))) }
        case .string(let text): return finder(text).number(text.trimmed(of: " ")).map(\.0)
        default: return nil
        }
    }

    private func finder(_ text: String) -> ValueFinder {
        ValueFinder(scan: TextScan(text), locale: locale, reference: reference)
    }

    /// A member's value as a reading, by its key and what it holds; `nil` for placeholders
    /// and what means nothing here.
    private func read(_ value: JSONValue, keyWords: [String]) -> Reading? {
        let unitOfKey = keyWords.last.flatMap { locale.units[$0] }
        let isDateKey = keyWords.contains { ["date", "timestamp", "time", "at", "on", "until", "expiry", "expires", "end", "start"].contains($0) }
        switch value {
        case .bool(let flag):
            return .flag(flag)
        case .number(let text):
            if isDateKey, let date = Self.epochDate(text) { return .date(date, raw: text) }
            // More digits than an exact decimal holds (`14.420000076293945`, a single-precision
            // figure written as a double): to six decimals.
            guard let number = ExactDecimal(text) ?? Double(text).flatMap({ ExactDecimal(format6($0)) }) else { return nil }
            if let unitOfKey { return .data(.amount(number, unitOfKey), raw: text + " (" + unitOfKey.rawValue + ")") }
            return .bare(number, raw: text)
        case .string(let raw):
            let text = raw.trimmed(of: " \t\n")
            guard !text.isEmpty, !Self.isPlaceholder(text) else { return nil }
            if isDateKey, let date = Self.compactDate(text) { return .date(date, raw: text) }
            let scan = TextScan(text)
            let mentions = ValueFinder(scan: scan, locale: locale, reference: reference).mentions()
            if let mention = mentions.first, mentions.count == 1 || Self.isClockTime(scan, from: mention.tokens.upperBound),
               mention.tokens == 0..<scan.tokens.count
                || (mention.tokens.lowerBound == 0 && Self.isTimeOfDay(scan, from: mention.tokens.upperBound)) {
                switch mention.value {
                case .data(let amount): return .data(amount, raw: text)
                case .money(let money): return .money(money, raw: text)
                case .date(let date):
                    // A date that reads either way round with no country to decide is not read.
                    return mention.ambiguousDate ? nil : .date(date, raw: text)
                case .count:
                    guard let (number, _) = finder(text).number(text) else { return nil }
                    if let unitOfKey { return .data(.amount(number, unitOfKey), raw: text) }
                    return .bare(number, raw: text)
                case .text: return .text(text)  // a phone number (masked where it is kept)
                default: return nil
                }
            }
            if scan.tokens.count == 1, scan.tokens[0].kind == .number, let (number, _) = finder(text).number(text) {
                if let unitOfKey { return .data(.amount(number, unitOfKey), raw: text) }
                return .bare(number, raw: text)
            }
            return .text(text)
        default:
            return nil
        }
    }

    /// Whether an object holds a member that names a phone number and reads as one.
    private func hasPhoneNumber(_ value: JSONValue) -> Bool {
        guard case .object(let members) = value else { return false }
        return members.contains { member in
            guard concepts(of: Self.words(ofKey: member.key)).contains(.number), let text = member.value.scalarText else { return false }
            return Self.isPhoneNumber(text)
        }
    }

    // MARK: Readings

    private mutating func candidates() -> [GenericReader.Candidate] {
        var result: [GenericReader.Candidate] = []
        let hasLines = lineArrays > 0
        // Numbers and plans.
        for observation in observations {
            if observation.concepts.contains(.number), case .text(let text) = observation.value, Self.isPhoneNumber(text) {
                result.append(candidate(.number, .text(NumberMasking.mask(text)), raw: NumberMasking.mask(text), observation))
            } else if observation.concepts.contains(.account), !observation.concepts.contains(.number) || observation.concepts.contains(.account),
                      case .text(let text) = observation.value, text.utf8.filter({ $0 &- 0x30 < 10 }).count >= 6 {
                result.append(candidate(.accountNumber, .text(NumberMasking.mask(text)), raw: NumberMasking.mask(text), observation))
            } else if observation.concepts.contains(.plan), case .text(let text) = observation.value, Self.isName(text) {
                let field: SnapshotField = hasLines && observation.line != nil ? .plan : .planName
                result.append(candidate(field, .text(text), raw: text, observation))
            }
        }
        // Money and dates of the account.
        for observation in observations where observation.concepts.isDisjoint(with: [.data, .voice, .messages, .roaming])
            && isAccountBucket(observation.bucket) {
            var value = observation.value
            if case .bare(let number, let raw) = value, let money = bareMoney(number, observation) {
                value = .money(money, raw: raw)
            }
            switch value {
            case .money(let money, let raw):
                if observation.concepts.contains(.amountDue) {
                    result.append(candidate(.amountDue, .money(money), raw: raw, observation))
                } else if observation.concepts.contains(.balance) || observation.concepts.contains(.remaining) {
                    result.append(candidate(.balance, .money(money), raw: raw, observation))
                }
            case .date(let date, let raw) where !isDataBucket(observation.bucket):
                for (concept, field) in [(Concept.dueDate, SnapshotField.dueDate), (.expires, .expires), (.cycleStart, .cycleStart),
                                         (.cycleEnd, .cycleEnd)] where observation.concepts.contains(concept) {
                    result.append(candidate(field, .date(date), raw: raw, observation))
                    break
                }
            default:
                break
            }
        }
        result += dataCandidates()
        return result
    }

    /// A bare number under a key of money (`"mainBalance": 14.42`) in the currency of the
    /// user's country, in a bucket with no unit of its own; to the cent, or not at all
    /// (`14.420000076293945` is a single-precision 14.42; `0.075` is a rate, not a balance).
    private mutating func bareMoney(_ number: ExactDecimal, _ observation: Observation) -> Money? {
        guard !observation.concepts.isDisjoint(with: [.balance, .amountDue]), buckets[observation.bucket].unit == nil,
              !isDataBucket(observation.bucket), !number.isNegative else { return nil }
        guard let currency = defaultCurrency else {
            let why = locale.country.map { "no currency is known here for \($0)" } ?? "--country says whose it is"
            notes.append(SnapshotDiagnostic(.unparseable, "\(observation.path): '\(raw(observation.value))' names no currency; \(why)"))
            return nil
        }
        let cents = (number.approximateDouble * 100).rounded()
        guard abs(number.approximateDouble * 100 - cents) < 0.001, abs(cents) < 1e15 else { return nil }
        return Money(ExactDecimal(units: Int64(cents), scale: 2), currency: currency)
    }

    private func candidate(_ field: SnapshotField, _ value: SnapshotValue, raw: String, _ observation: Observation) -> GenericReader.Candidate {
        GenericReader.Candidate(field: field, value: value, raw: raw, evidence: "key \(observation.path)", line: 0,
                                lineIndex: field.isLineField ? observation.line : nil)
    }

    /// A plan's name: letters, not a code (`E240GSMA`) or a flag.
    static func isName(_ text: String) -> Bool {
        text.unicodeScalars.count <= 60 && text.contains(" ") && text.unicodeScalars.contains { $0.properties.isLowercase }
            && !text.contains("://") && !text.contains("<")
    }

    /// Whether a bucket's money and dates can be the account's: not a bucket of minutes,
    /// messages or roaming (the expiry of a voice bundle is not the plan's).
    private func isAccountBucket(_ bucket: Int) -> Bool {
        if case .other? = buckets[bucket].unit { return false }
        return buckets[bucket].context.isDisjoint(with: [.voice, .messages, .roaming])
    }

    /// Whether the bucket holds data figures.
    private func isDataBucket(_ bucket: Int) -> Bool {
        observations.contains { $0.bucket == bucket && dataAmount($0) != nil }
    }

    /// An observation's amount of data: read with a unit, or bare with the bucket's unit,
    /// a sibling's unit, or the spec's.
    func dataAmount(_ observation: Observation) -> DataAmount? {
        guard !observation.concepts.isDisjoint(with: [.used, .remaining, .allowance, .balance]),
              observation.concepts.isDisjoint(with: [.voice, .messages, .roaming, .premium]) else { return nil }
        switch observation.value {
        case .data(let amount, _):
            if case .amount(let number, _) = amount, number.isNegative { return nil }
            return amount
        case .bare(let number, _):
            // `-1` is a sentinel (no fixed size, or unlimited), never an amount.
            guard !number.isNegative else { return nil }
            if case .data(let unit)? = buckets[observation.bucket].unit { return .amount(number, unit) }
            if case .other? = buckets[observation.bucket].unit { return nil }
            // Zero of anything is zero: it takes a sibling's unit (`usage: 0` beside a
            // balance in GB). Other bare numbers beside a text with a unit may count in
            // bytes or in anything else, so they stay unread.
            if number.isZero, let unit = siblingUnit(observation.bucket) { return .amount(number, unit) }
            if let defaultUnit { return .amount(number, defaultUnit) }
            return nil
        default:
            return nil
        }
    }

    private func siblingUnit(_ bucket: Int) -> DataAmount.DataUnit? {
        for observation in observations where observation.bucket == bucket {
            if case .data(.amount(_, let unit), _) = observation.value { return unit }
        }
        return nil
    }

    /// The figures of the one data bucket of each line (roaming, minutes and messages
    /// left out); none when a line has several.
    private mutating func dataCandidates() -> [GenericReader.Candidate] {
        var byLine: [Int?: [Int]] = [:]
        for (number, bucket) in buckets.enumerated() {
            guard isDataBucket(number), bucket.context.isDisjoint(with: [.roaming, .voice, .messages, .premium, .exclude]) else {
                continue
            }
            if case .other? = bucket.unit { continue }
            byLine[bucket.line, default: []].append(number)
        }
        var result: [GenericReader.Candidate] = []
        for (line, list) in byLine {
            guard list.count == 1, let bucket = list.first else {
                // When every one of them ends on the same day, that day is still the cycle's end.
                let ends = list.map { bucket in
                    observations.compactMap { observation -> (CalendarDate, Observation)? in
                        guard observation.bucket == bucket, case .date(let date, _) = observation.value,
                              observation.concepts.contains(.expires) || observation.concepts.contains(.cycleEnd) else { return nil }
                        return (date, observation)
                    }
                }
                var sameEnd: CalendarDate?
                if ends.allSatisfy({ $0.count == 1 }), let (date, first) = ends.first?.first, ends.allSatisfy({ $0[0].0 == date }) {
                    sameEnd = date
                    result.append(GenericReader.Candidate(field: .cycleEnd, value: .date(date), raw: raw(first.value),
                                                          evidence: "key \(first.path) and the same day in every bucket", line: 0))
                }
                if let sameEnd, let sum = summedRemaining(list, line: line, end: sameEnd) {
                    result.append(sum)
                } else {
                    let paths = list.map { buckets[$0].path }.joined(separator: ", ")
                    notes.append(SnapshotDiagnostic(.conflictingValues, "\(list.count) buckets of data (\(paths)); which one is the plan's is for a spec to say, so none is read"))
                }
                continue
            }
            let hotspot = buckets[bucket].context.contains(.hotspot)
            for observation in observations where observation.bucket == bucket {
                if let amount = dataAmount(observation) {
                    let field: SnapshotField?
                    if observation.concepts.contains(.used) {
                        field = hotspot ? .hotspotUsed : .dataUsed
                    } else if observation.concepts.contains(.remaining) || observation.concepts.contains(.balance) {
                        field = hotspot ? nil : .dataRemaining
                    } else if observation.concepts.contains(.allowance) {
                        field = hotspot ? .hotspotAllowance : .dataAllowance
                    } else {
                        field = nil
                    }
                    if let field {
                        result.append(GenericReader.Candidate(field: field, value: .data(amount), raw: raw(observation.value),
                                                              evidence: "key \(observation.path)", line: 0, lineIndex: line))
                    }
                } else if case .flag(true) = observation.value, observation.concepts.contains(.unlimited) {
                    result.append(GenericReader.Candidate(field: hotspot ? .hotspotAllowance : .dataAllowance, value: .data(.unlimited),
                                                          raw: "unlimited", evidence: "key \(observation.path)", line: 0, lineIndex: line))
                } else if case .date(let date, let raw) = observation.value,
                          observation.concepts.contains(.expires) || observation.concepts.contains(.cycleEnd) {
                    // When a bucket of data ends is when the cycle ends.
                    result.append(GenericReader.Candidate(field: .cycleEnd, value: .date(date), raw: raw, evidence: "key \(observation.path)",
                                                          line: 0))
                }
            }
        }
        // Bare numbers with no unit anywhere: say what a spec could read.
        for observation in observations {
            if case .bare(_, let raw) = observation.value, !observation.concepts.isDisjoint(with: [.used, .remaining, .allowance, .balance]),
               observation.concepts.contains(.data) || !observation.concepts.isDisjoint(with: [.remaining, .used]), dataAmount(observation) == nil,
               observation.concepts.isDisjoint(with: [.voice, .messages, .roaming]) {
                notes.append(SnapshotDiagnostic(.unparseable, "\(observation.path): '\(raw)' has no unit; a spec can say which (unit: MB)"))
            }
        }
        return result
    }

    private func raw(_ reading: Reading) -> String {
        switch reading {
        case .data(_, let raw), .money(_, let raw), .date(_, let raw), .bare(_, let raw): return raw
        case .text(let text): return text
        case .flag(let flag): return flag ? "true" : "false"
        case .otherUnit: return ""
        }
    }
}

/// A JSON double written with up to six decimals, for numbers `ExactDecimal` cannot read
/// as written (`1e3`).
private func format6(_ value: Double) -> String {
    let scaled = (value * 1_000_000).rounded()
    guard abs(scaled) < 9e15 else { return String(Int64(value)) }
    let units = Int64(scaled)
    let sign = units < 0 ? "-" : ""
    let magnitude = units.magnitude
    let whole = magnitude / 1_000_000
    var fraction = String(magnitude % 1_000_000)
    while fraction.count < 6 { fraction = "0" + fraction }
    return sign + String(whole) + "." + fraction
}
