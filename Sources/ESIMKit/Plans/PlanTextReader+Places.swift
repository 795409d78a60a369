// Places: country and region names, counts of countries, and whether a clause speaks of
// coverage at home or roaming abroad.
extension PlanTextReader {
    /// `140+ countries`, `30 destinations`.
    mutating func matchCountryCount(_ index: Int) -> Int? {
        guard let (place, position) = countryCount(at: index) else { return nil }
        add(place, at: index, end: position)
        take(index..<position)
        return position
    }

    /// `140+ countries`, `35 European countries` at `index`, and the index past it.
    func countryCount(at index: Int) -> (Place, Int)? {
        guard tokens[index].kind == .number, let value = tokens[index].number, value.scale == 0, value.units > 0, value.units < 1_000
        else { return nil }
        var position = index + 1
        if symbol(position, "+") { position += 1 }
        if let word = word(position), ["european", "asian", "african", "american"].contains(word) { position += 1 }
        guard let word = word(position), ["countries", "country", "destinations", "regions"].contains(word) else { return nil }
        return (.countries(Int(value.units)), position + 1)
    }

    static let roamingWords: Set<String> = [
        "roaming", "roam", "travel", "traveling", "travelling", "abroad", "overseas", "international", "internationally",
    ]

    /// A country or region name (`Mexico`, `United States`, `USA`, `Europe`).
    mutating func matchPlaces(_ index: Int) -> Int? {
        guard let (place, end) = PlaceMatcher.shared.match(tokens, scalars, at: index) else { return nil }
        add(place, at: index, end: end)
        take(index..<end)
        return end
    }

    mutating func add(_ place: Place, at index: Int, end: Int) {
        if isRoaming(index, end: end) {
            if !roaming.contains(place) { roaming.append(place) }
        } else if !coverage.contains(place) {
            coverage.append(place)
        }
    }

    /// The places after `in` that follow a data amount (`15GB high-speed data in Mexico &
    /// Canada`): empty when the amount is not followed so.
    func placesIntroduced(after start: Int) -> [Place] {
        var position = start
        while let word = word(position), ["of", "high", "highspeed", "speed", "data", "premium", "4g", "5g", "lte"].contains(word)
                || symbol(position, "-") {
            position += 1
        }
        guard word(position) == "in" else { return [] }
        position += 1
        var places: [Place] = []
        while position < tokens.count {
            if let (place, next) = PlaceMatcher.shared.match(tokens, scalars, at: position) {
                places.append(place)
                position = next
            } else if tokens[position].kind == .number, let (place, next) = countryCount(at: position) {
                places.append(place)
                position = next
            } else if symbol(position, "&") || symbol(position, ",") || word(position) == "and" {
                position += 1
            } else {
                break
            }
        }
        return places
    }

    /// Roaming when the clause says so (`roaming`, `travel`, a `Roaming:` label), the
    /// places are followed by `included`, or by the services used there (`Mexico & Canada
    /// talk/text/data`).
    func isRoaming(_ index: Int, end: Int) -> Bool {
        switch label(at: index) {
        case .roaming: return true
        case .coverage: return false
        default: break
        }
        if end > index, clause[end - 1] == clause[index] {
            // The place sits in one clause: whether that clause names roaming, looked up.
            if roamingClauses.contains(clause[index]) { return true }
        } else {
            var position = index
            while position > 0, clause[position - 1] == clause[index] { position -= 1 }
            var clauseEnd = end
            while clauseEnd < tokens.count, clause[clauseEnd] == clause[index] { clauseEnd += 1 }
            for position in position..<clauseEnd {
                if let word = word(position), Self.roamingWords.contains(word) { return true }
            }
        }
        // `Mexico & Canada included`, `Mexico, Canada included`: look past the run of places.
        var after = end
        while after < tokens.count {
            if let word = word(after), ["included", "incl", "inclusive"].contains(word) { return true }
            if let word = word(after), ["talk", "text", "texting", "calls", "calling", "minutes", "sms"].contains(word) {
                return true
            }
            if tokens[after].kind == .symbol, ["&", ",", "+", "/"].contains(tokens[after].text) || word(after) == "and" {
                after += 1
                continue
            }
            if let (_, next) = PlaceMatcher.shared.match(tokens, scalars, at: after) {
                after = next
                continue
            }
            break
        }
        return false
    }
}
