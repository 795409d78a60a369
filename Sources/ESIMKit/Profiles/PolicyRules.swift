/// SGP.22 `PprIds ::= BIT STRING {pprUpdateControl(0), ppr1(1), ppr2(2)}`.
package struct PolicyRules: Hashable, Sendable {
    /// Bit 0 is the first (most significant) bit of the BIT STRING.
    package var bits: [Bool]

    /// Trailing clear bits are dropped, as DER does for a named bit list.
    package init(bits: [Bool]) {
        var bits = bits
        while bits.last == false { bits.removeLast() }
        self.bits = bits
    }

    /// From rule names, `bit(N)` included; other names are left out.
    package init(names: [String]) {
        var bits: [Bool] = []
        for name in names {
            guard let index = NamedBits.index(of: name, in: Self.names), (0..<256).contains(index) else { continue }
            while bits.count <= index { bits.append(false) }
            bits[index] = true
        }
        self.init(bits: bits)
    }

    static let names = ["pprUpdateControl", "ppr1", "ppr2"]

    /// The rules set: `ppr1` (disabling not allowed), `ppr2` (deletion not allowed),
    /// `pprUpdateControl`; other bits as `bit(N)`.
    package var ruleNames: [String] { NamedBits.names(bits, Self.names) }

    /// What the set rules mean for the user.
    package var meanings: [String] {
        ruleNames.map { rule in
            switch rule {
            case "pprUpdateControl": "the operator controls updates to these rules"
            case "ppr1": "disabling this profile is not allowed"
            case "ppr2": "deleting this profile is not allowed"
            default: rule
            }
        }
    }
}
