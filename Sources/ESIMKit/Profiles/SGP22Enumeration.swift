/// An SGP.22 INTEGER enumeration: the defined values with their names, and anything
/// else kept as `unknown(…)` — `unknown(5)` from DER, the text as given from JSON — so a
/// value the standard does not define is shown, not refused.
package protocol SGP22Enumeration: Hashable, Sendable {
    /// Each defined case, its DER value, and the spellings read from text (lower case;
    /// the first is its label).
    static var definitions: [(known: Self, value: Int, spellings: [String])] { get }
    static func unknown(_ text: String) -> Self
    /// The text of `unknown(…)`; `nil` for a defined case.
    var unknownText: String? { get }
}

extension SGP22Enumeration {
    /// The case for a DER value; `unknown(N)` for one the standard does not define.
    package init(value: Int) {
        self = Self.definitions.first { $0.value == value }?.known ?? .unknown("unknown(\(value))")
    }

    /// The defined case spelled so (any letter case), else `nil`.
    static func defined(spelling text: String) -> Self? {
        let lower = text.lowercased()
        return definitions.first { $0.spellings.contains(lower) }?.known
    }

    /// `enabled`, `operational`, `png`; the text as given for `unknown(…)`.
    package var label: String {
        unknownText ?? Self.definitions.first { $0.known == self }?.spellings.first ?? ""
    }

    var derValue: Int? {
        if let text = unknownText { return ProfileInfo.unknownValue(text) }
        return Self.definitions.first { $0.known == self }?.value
    }
}

/// SGP.22 `ProfileState ::= INTEGER {disabled(0), enabled(1)}`.
package enum ProfileState: SGP22Enumeration {
    case disabled
    case enabled
    /// A value the spec does not define: `unknown(5)` from DER, the text as given from JSON.
    case unknown(String)

    /// `enabled`, `Enabled` (lpac's documentation), `disabled`, `1`, `0`.
    package static let definitions: [(known: ProfileState, value: Int, spellings: [String])] = [
        (.disabled, 0, ["disabled", "0"]), (.enabled, 1, ["enabled", "1"]),
    ]

    /// Anything not defined is kept as given.
    package init(text: String) { self = Self.defined(spelling: text) ?? .unknown(text) }

    package var unknownText: String? {
        if case .unknown(let text) = self { return text }
        return nil
    }
}

/// SGP.22 `ProfileClass ::= INTEGER {test(0), provisioning(1), operational(2)}`.
package enum ProfileClass: SGP22Enumeration {
    case test
    case provisioning
    case operational
    case unknown(String)

    package static let definitions: [(known: ProfileClass, value: Int, spellings: [String])] = [
        (.test, 0, ["test", "0"]), (.provisioning, 1, ["provisioning", "1"]), (.operational, 2, ["operational", "2"]),
    ]

    package init(text: String) { self = Self.defined(spelling: text) ?? .unknown(text) }

    package var unknownText: String? {
        if case .unknown(let text) = self { return text }
        return nil
    }
}

/// SGP.22 `IconType ::= INTEGER {jpg(0), png(1)}`. lpac documents `jpg`, `png` and `none`
/// but emits `jpeg`, `png`, `unknown` or null; all are read.
package enum IconType: SGP22Enumeration {
    case jpeg
    case png
    case unknown(String)

    package static let definitions: [(known: IconType, value: Int, spellings: [String])] = [
        (.jpeg, 0, ["jpeg", "jpg", "0"]), (.png, 1, ["png", "1"]),
    ]

    /// `nil` for `none` (no icon).
    package init?(text: String) {
        if ["none", ""].contains(text.lowercased()) { return nil }
        self = Self.defined(spelling: text) ?? .unknown(text)
    }

    package var unknownText: String? {
        if case .unknown(let text) = self { return text }
        return nil
    }
}
