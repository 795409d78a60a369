/// Finds country and region names in plan tokens, longest name first.
final class PlaceMatcher: Sendable {
    static let shared = PlaceMatcher()

    /// Lower-case word sequences → place.
    private let names: [String: Place]
    private let longestName: Int
    /// Case-sensitive abbreviations (`US`, `UK`, `EU`), as scalars.
    private let upperCase: [([Unicode.Scalar], Place)]

    private init() {
        var names: [String: Place] = [:]
        var longest = 1
        func add(_ name: String, _ place: Place) {
            let words = Self.words(name)
            guard !words.isEmpty else { return }
            longest = max(longest, words.count)
            let key = words.joined(separator: " ")
            if names[key] == nil { names[key] = place }
        }
        for (code, name) in Places.countries {
            add(name, .country(code))
            if let open = name.firstIndex(of: "(") { add(String(name[..<open]), .country(code)) }
            if name.hasPrefix("St. ") { add("Saint " + name.dropFirst(4), .country(code)) }
        }
        for (name, code) in Places.aliases { add(name, .country(code)) }
        for (name, region) in Places.regions { add(name, .region(region)) }
        self.names = names
        longestName = longest
        upperCase = (Places.upperCaseAliases.map { (Array($0.0.unicodeScalars), Place.country($0.1)) }
            + Places.upperCaseRegions.map { (Array($0.0.unicodeScalars), Place.region($0.1)) })
            .sorted { $0.0.count > $1.0.count }
    }

    /// Lower-case words of a name: `&` reads as `and`, parenthesised parts and dots dropped.
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var depth = 0
        for character in name.lowercased() {
            if character == "(" { depth += 1; continue }
            if character == ")" { depth = max(0, depth - 1); continue }
            guard depth == 0 else { continue }
            if character == "&" {
                if !current.isEmpty { words.append(current); current = "" }
                words.append("and")
            } else if character.isLetter {
                current.append(character)
            } else if character == "'" || character == "\u{2019}" || character == "." {
                continue
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    func match(_ tokens: [PlanToken], _ scalars: [Unicode.Scalar], at index: Int) -> (Place, Int)? {
        let token = tokens[index]
        // `US`, `U.S.`, `UK`, `EU` in capitals only.
        if token.kind == .word, token.text.first?.isUppercase == true {
            for (pattern, place) in upperCase where token.start + pattern.count <= scalars.count {
                guard scalars[token.start..<(token.start + pattern.count)].elementsEqual(pattern) else { continue }
                let end = token.start + pattern.count
                if end < scalars.count, ValueText.isLetter(scalars[end]) || NumberScanner.isDigit(scalars[end]) { continue }
                var next = index
                while next < tokens.count, tokens[next].start < end { next += 1 }
                return (place, next)
            }
        }
        guard token.kind == .word else { return nil }
        // Longest run of words (with `&` as `and`, dots and hyphens skipped) that is a name.
        var words: [String] = []
        var ends: [Int] = []
        var position = index
        while position < tokens.count, words.count < longestName {
            let current = tokens[position]
            if current.kind == .word {
                words.append(current.lower.filter { $0 != "'" && $0 != "\u{2019}" })
                ends.append(position + 1)
            } else if current.kind == .symbol, current.text == "&" {
                words.append("and")
                ends.append(-1)
            } else if current.kind == .symbol, current.text == "." || current.text == "-" {
                position += 1
                continue
            } else {
                break
            }
            position += 1
        }
        for count in stride(from: words.count, through: 1, by: -1) where ends[count - 1] > 0 {
            let key = words[0..<count].joined(separator: " ")
            // "World 5GB" is a package; "hello world" is not.
            if key == "world", token.text.first?.isUppercase != true { continue }
            if let place = names[key] {
                return (place, ends[count - 1])
            }
        }
        return nil
    }
}
