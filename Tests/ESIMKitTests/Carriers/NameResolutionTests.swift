import Testing
@testable import ESIMKit

@Suite("Carrier name resolution")
struct NameResolutionTests {
    /// Curated specs and the built-in provider table: the same on every machine.
    static let registry: CarrierRegistry = {
        var registry = try! CarrierRegistry.load(providers: .off, apns: nil)
        registry = CarrierRegistry(curated: registry.carriers, database: ProviderDatabase.embedded)
        return registry
    }()

    @Test("the common spellings of a curated carrier land on it, whatever the database holds",
          arguments: ["tmobile", "T-Mobile", "t mobile", "TMOBILE", "tmo"])
    func curatedWins(_ query: String) {
        let found = Self.registry.resolve(name: query).carriers.map(\.id)
        #expect(found == ["tmobile"], "\(query)")
    }

    @Test("a name shared across countries lists them, and every id listed resolves to exactly that carrier")
    func everyListedIDResolves() {
        let listed = Self.registry.resolve(name: "Vodafone").carriers
        #expect(listed.count > 5)
        #expect(Set(listed.map(\.country)).count == listed.count)
        for carrier in listed {
            #expect(Self.registry.resolve(name: carrier.id).carriers.map(\.id) == [carrier.id])
        }
        // Ids of other listings too: every T-Mobile and every database carrier named T-Mobile.
        for carrier in Self.registry.carriers where carrier.name == "T-Mobile" {
            #expect(Self.registry.resolve(name: carrier.id).carriers.map(\.id) == [carrier.id])
        }
    }

    @Test("--country picks the country's carrier; the locale's country wins a shared name when it has one")
    func countries() {
        #expect(Self.registry.resolve(name: "Vodafone", country: "IT").carriers.map(\.id) == ["it-vodafone"])
        let local = Self.registry.resolve(name: "Vodafone", localeCountry: "de")
        #expect(local.carriers.map(\.id) == ["de-vodafone"])
        #expect(local.reasons.first?.contains("locale") == true)
        // An explicit country beats the locale; a country with no such carrier finds none.
        #expect(Self.registry.resolve(name: "Vodafone", country: "it", localeCountry: "de").carriers.map(\.id) == ["it-vodafone"])
        #expect(Self.registry.resolve(name: "Vodafone", country: "us").carriers.isEmpty)
        // A locale without the carrier changes nothing.
        #expect(Self.registry.resolve(name: "Vodafone", localeCountry: "jp").carriers.count > 5)
    }

    @Test("near misses are suggested, closest first; nothing is suggested for nonsense",
          arguments: [("verison", "verizon"), ("vrizon", "verizon"), ("cirket", "cricket"), ("mnit", "mint")])
    func didYouMean(_ query: String, _ expected: String) {
        let resolution = Self.registry.resolve(name: query)
        #expect(resolution.carriers.isEmpty)
        #expect(resolution.suggestions.first?.id == expected, "\(query)")
        #expect(resolution.suggestions.count <= 3)
    }

    @Test("nonsense has no suggestions")
    func nothingNear() {
        #expect(Self.registry.resolve(name: "qqqqzzzzxxxx").suggestions.isEmpty)
        #expect(Self.registry.resolve(name: "").carriers.isEmpty)
    }

    @Test("edit distance", arguments: [("verizon", "verison", 1), ("abc", "abc", 0), ("", "ab", 2), ("kitten", "sitting", 3),
                                       ("mint", "mnit", 1), ("ab", "ba", 1)])
    func distance(_ a: String, _ b: String, _ expected: Int) {
        #expect(CarrierRegistry.editDistance(a, b, limit: 5) == expected)
        #expect(CarrierRegistry.editDistance(a, b, limit: 0) == (expected == 0 ? 0 : 1))
    }
}
