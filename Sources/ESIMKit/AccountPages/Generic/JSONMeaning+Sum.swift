/// Several buckets of data that are one list's items and end on the same day: what is
/// left is their sum (a prepaid account's add-ons, bundles and top-up data, as
/// `addonBalance: [{balance, expiryDate, serviceBundle: {type: data, unit: kB}}, …]`).
extension JSONMeaning {
    /// The sum of what is left in `list` (bucket indices of one line), or `nil` where a sum
    /// would not be the line's data left:
    /// - the buckets are not the items of one array (`$.addonBalance[0]`, `[1]`, …);
    /// - a bucket names an allowance or a total of its own (`Total data`), or one bucket's
    ///   figure is the sum of the others' (a total beside its parts);
    /// - a bucket has no figure of what is left, or more than one, or an unlimited one.
    /// The caller has checked that they all end on `end`.
    func summedRemaining(_ list: [Int], line: Int?, end: CalendarDate) -> GenericReader.Candidate? {
        guard list.count >= 2, let parent = Self.arrayParent(buckets[list[0]].path),
              list.allSatisfy({ Self.arrayParent(buckets[$0].path) == parent }) else { return nil }
        var amounts: [(ExactDecimal, DataAmount.DataUnit)] = []
        for bucket in list {
            guard buckets[bucket].context.isDisjoint(with: [.allowance]) else { return nil }
            let left = observations.filter { observation in
                observation.bucket == bucket && !observation.concepts.contains(.used)
                    && !(observation.concepts.isDisjoint(with: [.remaining, .balance]))
            }.compactMap(dataAmount)
            guard left.count == 1, case .amount(let number, let unit) = left[0] else { return nil }
            amounts.append((number, unit))
        }
        let unit = amounts.map(\.1).max { $0.multiplier < $1.multiplier }!
        let total: ExactDecimal
        if amounts.allSatisfy({ $0.1 == unit }) {
            guard let sum = amounts.dropFirst().reduce(Optional(amounts[0].0), { $0?.adding($1.0) }) else { return nil }
            total = sum
        } else {
            let bytes = amounts.reduce(0.0) { $0 + $1.0.approximateDouble * Double($1.1.multiplier) }
            total = ExactDecimal(units: Int64((bytes / Double(unit.multiplier) * 100).rounded()), scale: 2)
        }
        // A total beside its parts: one figure that is (about) the sum of the rest.
        let values = amounts.map { $0.0.approximateDouble * Double($0.1.multiplier) }
        let sum = values.reduce(0, +)
        if values.contains(where: { abs($0 - (sum - $0)) <= 0.005 * max($0, 1) }) { return nil }
        return GenericReader.Candidate(field: .dataRemaining, value: .data(.amount(total, unit)),
                                       raw: "\(total) \(unit.rawValue)",
                                       evidence: "the sum of \(list.count) buckets of data in \(parent), all ending \(end)",
                                       line: 0, lineIndex: line)
    }

    /// `$.addonBalance[3]` → `$.addonBalance`; `nil` for a path that is not an array item.
    static func arrayParent(_ path: String) -> Substring? {
        guard path.hasSuffix("]"), let open = path.lastIndex(of: "[") else { return nil }
        return path[..<open]
    }
}
