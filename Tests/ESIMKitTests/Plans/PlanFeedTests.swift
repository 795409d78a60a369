import Foundation
import Testing
@testable import ESIMKit
import ESIMSupport

@Suite("Plan feed")
struct PlanFeedTests {
    static let nested = """
    {"data":[{"country_code":"US","title":"United States","operators":[{"title":"Op","packages":[
      {"id":"a","price":4.5,"amount":1024,"day":7,"is_unlimited":false,"title":"1 GB - 7 Days"},
      {"id":"b","price":49,"amount":0,"day":30,"is_unlimited":true,"title":"Unlimited - 30 Days","voice":100,"text":0}
    ]}]}]}
    """

    @Test("nested packages inherit the coverage around them")
    func nestedFeed() throws {
        let feed = try PlanFeed(json: Self.nested)
        #expect(feed.diagnostics.isEmpty)
        #expect(feed.plans.count == 2)
        let first = feed.plans[0]
        #expect(first.name == "1 GB - 7 Days")
        #expect(first.price?.amount == Money(ExactDecimal("4.50")!, currency: "USD"))
        #expect(first.price?.period == .once)
        #expect(first.data == .total(.amount(ExactDecimal(1), .gigabytes)))
        #expect(first.validityDays == 7)
        #expect(first.coverage == [.country("US")])
        #expect(first.origin == .feed(index: 0))
        let second = feed.plans[1]
        #expect(second.data == .unlimited)
        #expect(second.talk == .limited(100))
        #expect(second.text == Allowance.none)
    }

    @Test("wholesale prices are value × 10,000 and volumes bytes")
    func wholesale() throws {
        let feed = try PlanFeed(json: """
        {"obj":{"packageList":[{"packageCode":"JP-1-7","name":"Japan 1GB 7Days","price":18000,"currencyCode":"USD",
        "volume":1073741824,"duration":7,"durationUnit":"DAY","location":"JP,KR"}]}}
        """)
        let plan = try #require(feed.plans.first)
        #expect(plan.price?.amount == Money(ExactDecimal("1.80")!, currency: "USD"))
        #expect(plan.data == .total(.amount(ExactDecimal(1), .gigabytes)))
        #expect(plan.coverage == [.country("JP"), .country("KR")])
    }

    @Test("a package that cannot be read is reported by index; the rest are read")
    func badPackage() throws {
        let feed = try PlanFeed(json: """
        [{"name":"A","data":"5 GB","validity_days":30,"price":"$10"},
         {"name":"B","data":"lots","validity_days":30,"price":5},
         {"name":"C","data":"1 GB","validity_days":0,"price":5},
         {"name":"D","data":"1 GB","validity_days":7,"price":"five"},
         {"name":"E","data":2,"validity":"14 days","price":{"amount":"7.00","currency":"EUR"}}]
        """)
        #expect(feed.plans.map(\.name) == ["A", "E"])
        #expect(feed.diagnostics.map(\.index) == [1, 2, 3])
        #expect(feed.plans[1].price?.amount.currency == "EUR")
        #expect(feed.plans[1].validityDays == 14)
    }

    @Test("rejects", arguments: [
        ("", PlanError.Code.invalidJSON),
        ("{", PlanError.Code.invalidJSON),
        ("[1, 2,]", PlanError.Code.invalidJSON),
        ("{\"packages\": []}", PlanError.Code.noPackages),
        ("{\"user\": {\"name\": \"x\"}}", PlanError.Code.noPackages),
        ("[\"5GB\", \"10GB\"]", PlanError.Code.noPackages),
    ])
    func rejects(_ text: String, _ code: PlanError.Code) {
        do {
            _ = try PlanFeed(json: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == code, "\(text): \(error)")
        }
    }

    @Test("every strict prefix fails cleanly")
    func dripFeed() {
        let bytes = Array(Self.nested.utf8)
        for length in 0..<bytes.count {
            let prefix = String(decoding: bytes[..<length], as: UTF8.self)
            do {
                _ = try PlanFeed(json: prefix)
                Issue.record("prefix \(length) accepted")
            } catch {
                #expect(error.code == .invalidJSON, "prefix \(length): \(error)")
            }
        }
    }

    @Test("random changes to a feed: plans, per-package notes or a named error, never a crash",
          arguments: ["travel-shop.json", "wholesale-feed.json"])
    func mutations(_ name: String) throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path + "/Samples/Plans/" + name
        let original = Array(try String(contentsOfFile: path, encoding: .utf8).utf8)
        let alphabet = Array("{}[]\":,. -0159eE$€GBn".utf8)
        var generator = SplitMix64(seed: 0xFEED)
        for _ in 0..<1_500 {
            let bytes = generator.mutated(original, alphabet: alphabet)
            do throws(PlanError) {
                let reading = try PlanReading.read(text: String(decoding: bytes, as: UTF8.self))
                _ = PlanComparison(reading.plans)
            } catch {
                // A feed that no longer reads is refused as a feed: broken JSON, no packages,
                // or (once it no longer looks like JSON) text with no plan in it.
                #expect([.invalidJSON, .noPackages, .empty, .nothingRecognised].contains(error.code), "\(error)")
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test("a plan read from a feed encodes and reads back through its canonical text")
    func roundTrip() throws {
        for plan in try PlanFeed(json: Self.nested).plans {
            var again = try Plan(text: plan.canonicalText)
            again.origin = plan.origin
            #expect(again == plan, "\(plan.canonicalText)")
        }
    }

    @Test("comparison: per GB, per day, cheapest, and what only one plan has")
    func comparison() throws {
        let plans = try ["USA 5GB 30 days $11", "USA 10GB 30 days $18", "1 GB/day for 7 days $9, 5G"].map { try Plan(text: $0) }
        let comparison = PlanComparison(plans)
        #expect(comparison.entries.map(\.economics.pricePerGB) == [2.2, 1.8, 1.2857])
        #expect(comparison.cheapestPerGB == 2)
        #expect(comparison.cheapestPerDay == 0)
        #expect(comparison.entries[2].exclusive.map(\.key) == ["5g"])
        #expect(comparison.entries[0].exclusive.isEmpty)
        let mixed = PlanComparison([plans[0], try Plan(text: "Europe 5GB 30 days €10")])
        #expect(mixed.mixedCurrencies)
        #expect(mixed.cheapestPerGB == nil)
        #expect(mixed.entries[1].exclusive.map(\.key) == ["coverage:europe"])
    }
}
