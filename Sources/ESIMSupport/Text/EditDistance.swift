/// How far apart two words are, for "did you mean" (carrier names, subcommands).
package enum EditDistance {
    /// Edit distance between two words, a swap of neighbours counting as one edit (optimal
    /// string alignment: `mnit` is one from `mint`), or `limit + 1` once it is sure to
    /// exceed `limit`.
    package static func between(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return min(previous[b.count], limit + 1)
    }

    /// The candidates within `limit` edits of `word` (1 for words of four letters or
    /// fewer, else 2 by default), closest first, at most `count`.
    package static func nearest(_ word: String, in candidates: [String], limit: Int? = nil, count: Int = 3) -> [String] {
        let limit = limit ?? (word.count <= 4 ? 1 : 2)
        return candidates.map { ($0, between(word, $0, limit: limit)) }
            .filter { $0.1 <= limit }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(count).map(\.0)
    }
}
