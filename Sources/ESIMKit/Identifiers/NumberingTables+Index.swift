import ESIMSupport

/// Lookups into the numbering tables without hashing, for decoding in bulk.
extension NumberingTables {
    /// ``callingCodes`` by code: E.164 calling codes have at most three digits.
    private static let callingCodeIndex: [[String]?] = {
        var table = [[String]?](repeating: nil, count: 1000)
        for (code, regions) in callingCodes where (0..<1000).contains(code) { table[code] = regions }
        return table
    }()

    /// The regions of an E.164 calling code, `nil` when it is not assigned.
    static func regions(callingCode code: Int) -> [String]? {
        (0..<1000).contains(code) ? callingCodeIndex[code] : nil
    }

    /// Each assigned calling code's regions as a JSON array (`["RU","KZ"]`), as
    /// ``JSONBytes/strings(_:)`` writes it; empty for an unassigned code.
    static let regionsJSON: [[UInt8]] = callingCodeIndex.map { regions in
        guard let regions else { return [] }
        var json = JSONBytes()
        json.strings(regions)
        return json.bytes
    }
}
