/// A named bit list's set bits as names, and back: a bit past the names is `bit(N)`.
enum NamedBits {
    static func names(_ bits: [Bool], _ names: [String]) -> [String] {
        bits.indices.filter { bits[$0] }.map { $0 < names.count ? names[$0] : "bit(\($0))" }
    }

    /// The bit a name stands for: its place among `names`, or N for `bit(N)`.
    static func index(of name: String, in names: [String]) -> Int? {
        names.firstIndex(of: name) ?? (name.hasPrefix("bit(") && name.hasSuffix(")") ? Int(name.dropFirst(4).dropLast()) : nil)
    }
}
