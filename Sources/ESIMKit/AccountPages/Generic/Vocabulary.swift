import ESIMMarkup
import Synchronization

/// What a word on an account page, or in a JSON key, can stand for.
enum Concept: String, CaseIterable, Sendable {
    // Labels of fields.
    case balance, amountDue, dueDate, expires, cycle, cycleStart, cycleEnd, daysLeft
    case used, remaining, allowance, plan, number, account
    // What a figure is about.
    case data, hotspot, roaming, premium, voice, messages
    // Words that say a figure is not the account's: an offer, a price, a forecast.
    case offer, exclude
    // Values and connectors.
    case unlimited, of, placeholder

    /// Concepts that label a field.
    var isLabel: Bool {
        switch self {
        case .balance, .amountDue, .dueDate, .expires, .cycle, .cycleStart, .cycleEnd, .daysLeft, .used, .remaining,
             .allowance, .plan, .number, .account:
            return true
        default:
            return false
        }
    }
}

/// The order of day, month and year in numeric dates.
enum DateOrder: String, Sendable {
    case dmy, mdy, ymd
}

/// One language's words for reading account pages, from a file in `Languages/`
/// (one file a language: adding a language is adding a file and listing it in
/// ``Vocabulary/files``).
struct Vocabulary: Sendable {
    let code: String
    let name: String
    /// Countries (ISO 3166-1 alpha-2) where the language is the usual one on carriers' pages.
    let countries: [String]
    let dateOrder: DateOrder
    let dateOrderByCountry: [String: DateOrder]
    /// `,` or `.`: what a lone separator before three digits is (`7,657`).
    let decimalSeparator: UInt8
    let decimalSeparatorByCountry: [String: UInt8]
    /// Month names and abbreviations, lower-cased, by month (0 = January).
    let months: [[String]]
    /// Unit words beside the usual symbols (`go` → GB, `megas` → MB).
    let units: [String: DataAmount.DataUnit]
    /// Phrases by concept, lower-cased, each as its words.
    let phrases: [Concept: [[String]]]

    func dateOrder(country: String?) -> DateOrder {
        country.flatMap { dateOrderByCountry[$0] } ?? dateOrder
    }

    func decimalSeparator(country: String?) -> UInt8 {
        country.flatMap { decimalSeparatorByCountry[$0] } ?? decimalSeparator
    }
}

extension Vocabulary {
    /// The language files compiled into the binary.
    static let files: [(name: String, bytes: [UInt8])] = [
        ("en.json", PackageResources.en_json), ("es.json", PackageResources.es_json), ("fr.json", PackageResources.fr_json),
        ("de.json", PackageResources.de_json), ("it.json", PackageResources.it_json), ("pt.json", PackageResources.pt_json),
        ("nl.json", PackageResources.nl_json), ("pl.json", PackageResources.pl_json), ("hu.json", PackageResources.hu_json),
        ("ru.json", PackageResources.ru_json),
    ]

    /// Every language (`en` first); each file is read once, on first use.
    static var all: [Vocabulary] {
        files.compactMap { language(String($0.name.dropLast(5))) }
    }

    /// The language with that code, read from its file on first use; `nil` when there is none.
    static func language(_ code: String) -> Vocabulary? {
        if let cached = loaded.withLock({ $0[code] }) { return cached }
        guard let file = files.first(where: { $0.name == code + ".json" }) else { return nil }
        // The files are part of the build; a broken one is a build defect the tests catch.
        let vocabulary = try? Vocabulary(json: String(decoding: file.bytes, as: UTF8.self))
        loaded.withLock { $0[code] = vocabulary }
        return vocabulary
    }

    private static let loaded = Mutex<[String: Vocabulary?]>([:])

    /// Why a language file does not read.
    struct FileError: Error, CustomStringConvertible {
        var description: String
    }

    init(json: String) throws {
        let value: JSONValue
        do { value = try JSONValue(parsing: json) } catch { throw FileError(description: "not JSON: \(error.detail)") }
        func string(_ key: String) throws -> String {
            guard case .string(let text)? = value[key] else { throw FileError(description: "'\(key)' is missing or not a string") }
            return text
        }
        func strings(_ value: JSONValue?) -> [String] {
            guard case .array(let items)? = value else { return [] }
            return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
        }
        func byCountry<T>(_ key: String, _ read: (String) -> T?) -> [String: T] {
            guard case .object(let members)? = value[key] else { return [:] }
            var result: [String: T] = [:]
            for member in members where member.key != "default" {
                if case .string(let text) = member.value, let read = read(text) { result[member.key] = read }
            }
            return result
        }
        code = try string("code")
        name = try string("name")
        countries = strings(value["countries"])
        guard case .string(let defaultOrder)? = value["dateOrder"]?["default"], let order = DateOrder(rawValue: defaultOrder) else {
            throw FileError(description: "'dateOrder.default' is missing or not dmy, mdy or ymd")
        }
        dateOrder = order
        dateOrderByCountry = byCountry("dateOrder") { DateOrder(rawValue: $0) }
        let separator = try string("decimalSeparator")
        guard separator == "," || separator == "." else { throw FileError(description: "'decimalSeparator' must be ',' or '.'") }
        decimalSeparator = separator.utf8.first!
        decimalSeparatorByCountry = byCountry("decimalSeparatorByCountry") { $0 == "," || $0 == "." ? $0.utf8.first : nil }
        let monthLines = strings(value["months"])
        guard monthLines.count == 12 else { throw FileError(description: "'months' must list 12 months") }
        months = monthLines.map { $0.lowercased().split(separator: " ").map(String.init) }
        var units: [String: DataAmount.DataUnit] = [:]
        if case .object(let members)? = value["units"] {
            for member in members {
                guard let unit = DataAmount.DataUnit(rawValue: member.key) else {
                    throw FileError(description: "'units.\(member.key)' is not a data unit (B, KB, MB, GB, TB)")
                }
                for word in strings(member.value) { units[word.lowercased()] = unit }
            }
        }
        self.units = units
        var phrases: [Concept: [[String]]] = [:]
        guard case .object(let members)? = value["words"] else { throw FileError(description: "'words' is missing") }
        for member in members {
            guard let concept = Concept(rawValue: member.key) else { throw FileError(description: "'words.\(member.key)' is not a concept") }
            phrases[concept] = strings(member.value).map { PhraseIndex.words(of: $0) }.filter { !$0.isEmpty }
        }
        self.phrases = phrases
    }
}

/// The phrases of some languages, looked up by their first word.
struct PhraseIndex: Sendable {
    struct Entry: Sendable {
        var words: [String]
        var concept: Concept
        var language: String
    }

    private var byFirstWord: [String: [Entry]] = [:]

    init(_ vocabularies: [Vocabulary]) {
        for vocabulary in vocabularies {
            for (concept, list) in vocabulary.phrases {
                for words in list {
                    byFirstWord[words[0], default: []].append(Entry(words: words, concept: concept, language: vocabulary.code))
                }
            }
        }
        // Longest phrases first, so that `balance due` wins over `balance`.
        for key in byFirstWord.keys { byFirstWord[key]?.sort { $0.words.count > $1.words.count } }
    }

    /// Phrases starting at word `index` of `words` (lower-cased), longest first.
    func matches(in words: [String], at index: Int) -> [Entry] {
        guard let candidates = byFirstWord[words[index]] else { return [] }
        return candidates.filter { Self.entry($0, matches: words, at: index) }
    }

    /// The longest phrase starting at word `index`, without collecting the others.
    func firstMatch(in words: [String], at index: Int) -> Entry? {
        byFirstWord[words[index]]?.first { Self.entry($0, matches: words, at: index) }
    }

    private static func entry(_ entry: Entry, matches words: [String], at index: Int) -> Bool {
        guard index + entry.words.count <= words.count else { return false }
        // The first word is the key it was found by.
        var offset = 1
        while offset < entry.words.count {
            guard entry.words[offset] == words[index + offset] else { return false }
            offset += 1
        }
        return true
    }

    /// A phrase's words as the scanner splits a text into words: lower-cased letters and
    /// digits, with `/` and other symbols as words of their own.
    static func words(of phrase: String) -> [String] {
        TextScan(phrase).tokens.map(\.folded)
    }
}
