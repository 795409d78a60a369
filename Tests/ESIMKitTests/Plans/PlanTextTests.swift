import Testing
@testable import ESIMKit
import ESIMSupport

@Suite("Plan text")
struct PlanTextTests {
    static func gb(_ value: Int64) -> DataAmount { .amount(ExactDecimal(value), .gigabytes) }
    static func usd(_ text: String) -> Money { Money(ExactDecimal(text)!, currency: "USD") }

    @Test("a postpaid plan: premium data, speed after, hotspot, roaming")
    func postpaid() throws {
        let plan = try Plan(text: "Unlimited Premium, $85.99/mo, 50GB premium data then 3 Mbps, 30GB hotspot, Mexico & Canada included")
        #expect(plan.name == "Unlimited Premium")
        #expect(plan.price == PlanPrice(amount: Self.usd("85.99"), period: .month))
        #expect(plan.data == .unlimited)
        #expect(plan.premiumData == Self.gb(50))
        #expect(plan.speedAfterAllowance == DataRate(ExactDecimal(3), .Mbps))
        #expect(plan.hotspot == .total(Self.gb(30)))
        #expect(plan.roaming == [.country("MX"), .country("CA")])
        #expect(plan.coverage.isEmpty)
        #expect(plan.unparsed.isEmpty)
    }

    @Test("a travel package: country, amount, validity, total price")
    func travel() throws {
        let plan = try Plan(text: "USA 5GB 30 days $11")
        #expect(plan.name == nil)
        #expect(plan.coverage == [.country("US")])
        #expect(plan.data == .total(Self.gb(5)))
        #expect(plan.validityDays == 30)
        #expect(plan.price == PlanPrice(amount: Self.usd("11"), period: .once))
        #expect(plan.unparsed.isEmpty)
        let economics = PlanEconomics(plan)
        #expect(economics.pricePerGB == 2.2)
        #expect(economics.pricePerDay == 0.3667)
    }

    @Test("data per day, then a reduced speed")
    func perDay() throws {
        let plan = try Plan(text: "1 GB/day for 7 days, then 512 kbps")
        #expect(plan.data == .perDay(Self.gb(1)))
        #expect(plan.validityDays == 7)
        #expect(plan.speedAfterAllowance == DataRate(ExactDecimal(512), .kbps))
        #expect(plan.speedAfterAllowance?.kilobitsPerSecond == ExactDecimal(512))
        #expect(PlanEconomics(plan).totalGB == 7)
        #expect(plan.unparsed.isEmpty)
    }

    @Test("a carrier's full description")
    func carrierDescription() throws {
        let plan = try Plan(text: "Go5G Plus: $90/mo per line w/ AutoPay, unlimited talk, text & 5G data, 100GB premium data, "
                                + "50GB high-speed hotspot, 5G UC, taxes & fees included, Netflix on Us")
        #expect(plan.name == "Go5G Plus")
        #expect(plan.price?.perLine == true)
        #expect(plan.price?.period == .month)
        #expect(plan.price?.conditions == ["autopay"])
        #expect(plan.price?.taxesIncluded == true)
        #expect(plan.data == .unlimited)
        #expect(plan.premiumData == Self.gb(100))
        #expect(plan.hotspot == .total(Self.gb(50)))
        #expect(plan.fiveG == true)
        #expect(plan.talk == .unlimited)
        #expect(plan.text == .unlimited)
        // What is not understood is kept, with its position.
        #expect(plan.unparsed == [PlanSpan(text: "Netflix on Us", offset: 146, length: 13)])
    }

    @Test("labelled listings")
    func labelled() throws {
        let plan = try Plan(text: "Plan: Global Traveler; Data: 20 GB; Validity: 180 days; Price: 99 USD; Coverage: 140+ countries; Talk: 100; SMS: unlimited")
        #expect(plan.name == "Global Traveler")
        #expect(plan.data == .total(Self.gb(20)))
        #expect(plan.validityDays == 180)
        #expect(plan.price?.amount == Self.usd("99"))
        #expect(plan.coverage == [.countries(140)])
        #expect(plan.talk == .limited(100))
        #expect(plan.text == .unlimited)
        #expect(plan.unparsed.isEmpty)
    }

    @Test("plan names from carrier pages", arguments: [
        ("AT&T Unlimited Extra®", DataAllowance.unlimited),
        ("AT&T Value Plus 15GB", DataAllowance.total(gb(15))),
        ("Verizon 5GB Plan", DataAllowance.total(gb(5))),
        ("Unlimited Plus", DataAllowance.unlimited),
        ("T-Mobile Prepaid 10GB", DataAllowance.total(gb(10))),
    ])
    func pageNames(_ text: String, _ data: DataAllowance) throws {
        let plan = try Plan(text: text)
        #expect(plan.name == text)
        #expect(plan.data == data)
        #expect(plan.unparsed.isEmpty)
    }

    @Test("hotspot, talk and text stated without amounts or excluded")
    func servicesWithoutAmounts() throws {
        let none = try Plan(text: "$140/mo for 4 lines, unlimited data, SD video, hotspot not included, plus taxes & fees")
        #expect(none.hotspot == DataAllowance.none)
        #expect(none.lines == 4)
        #expect(none.video == "SD")
        #expect(none.price?.taxesIncluded == false)
        let talkOnly = try Plan(text: "Talk & text only, $10/mo")
        #expect(talkOnly.talk == .included)
        #expect(talkOnly.text == .included)
        #expect(talkOnly.data == DataAllowance.none)
        let counted = try Plan(text: "500 minutes, 1000 texts, 2GB")
        #expect(counted.talk == .limited(500))
        #expect(counted.text == .limited(1000))
    }

    @Test("currencies, speeds and regions", arguments: [
        ("Europe 10GB 30 days €17.50", "EUR", "17.50", Place.region(.europe)),
        ("Japan 3GB/7 days - US$8", "USD", "8", Place.country("JP")),
        ("United Kingdom 1GB 7 days GBP 5", "GBP", "5", Place.country("GB")),
        ("South Korea 5 GB, 15 days, 12 USD", "USD", "12", Place.country("KR")),
    ])
    func currencies(_ text: String, _ currency: String, _ amount: String, _ place: Place) throws {
        let plan = try Plan(text: text)
        #expect(plan.price?.amount == Money(ExactDecimal(amount)!, currency: currency))
        #expect(plan.coverage.first == place)
    }

    @Test("a pronoun is not a country; capitals are")
    func pronoun() throws {
        #expect(try Plan(text: "5GB, call us for details").coverage.isEmpty)
        #expect(try Plan(text: "5GB in the US").coverage == [.country("US")])
    }

    @Test("a second amount of the same kind is kept as not understood")
    func secondAmount() throws {
        let plan = try Plan(text: "5GB, 30 days, $10, 10GB bonus")
        #expect(plan.data == .total(Self.gb(5)))
        #expect(plan.unparsed.map(\.text) == ["10GB", "bonus"] || plan.unparsed.map(\.text) == ["10GB bonus"])
    }

    @Test("rejects", arguments: [
        ("", PlanError.Code.empty),
        ("   \n  ", PlanError.Code.empty),
        (String(repeating: "5GB ", count: 1_100), PlanError.Code.tooLong),
        ("12345 --- 678", PlanError.Code.nothingRecognised),
        ("$ / %", PlanError.Code.nothingRecognised),
    ])
    func rejects(_ text: String, _ code: PlanError.Code) {
        #expect(throws: PlanError.self) { try Plan(text: text) }
        do { _ = try Plan(text: text) } catch { #expect(error.code == code) }
    }

    static let descriptions = [
        "Unlimited Premium, $85.99/mo, 50GB premium data then 3 Mbps, 30GB hotspot, Mexico & Canada included",
        "USA 5GB 30 days $11",
        "1 GB/day for 7 days, then 512 kbps",
        "Mint Unlimited: $30/mo, unlimited talk & text, 40GB premium data then 256kbps, 5GB hotspot",
        "Plan: Global Traveler; Data: 20 GB; Validity: 180 days; Price: 99 USD; Coverage: 140+ countries",
        "Europe 10GB 30 days €17.50, 5G, 35 countries",
        "Talk & text only, 500 minutes, $10/mo",
        "$140/mo for 4 lines, unlimited data at up to 5 Mbps, hotspot not included, 480p video",
        "Unlimited Data - 15 days - 67 €",
        "Unlimited Premium PL: $85.99/mo, unlimited premium data, 60GB hotspot, 4K UHD streaming, Mexico & Canada talk/text/data",
        "Go5G Next $100/mo: unlimited data, 100GB premium data, 15GB high-speed data in Mexico & Canada, 5GB in 215+ countries",
        "Flexible: $20/mo plus $10/GB, unlimited talk & text",
        "Mint Unlimited: $30/mo, 3 months $90 upfront, 5G",
    ]

    @Test("every prefix reads without a crash", arguments: descriptions)
    func dripFeed(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        for length in 0..<scalars.count {
            var prefix = ""
            prefix.unicodeScalars.append(contentsOf: scalars[..<length])
            do {
                let plan = try Plan(text: prefix)
                for span in plan.unparsed {
                    #expect(span.offset >= 0 && span.offset + span.length <= length)
                }
            } catch {
                #expect([.empty, .nothingRecognised].contains(error.code), "prefix \(length) of \(text): \(error)")
            }
        }
    }

    @Test("number-like runs the number scanner refuses still make progress", arguments: [
        ".03.0", "2019.03.02", "..5", ".5.", "1.2.3.4", "$.5.", "3..", "0.0.0.0GB", ". . .1",
    ])
    func numberLikeRuns(_ text: String) throws {
        let scalars = PlanTokenizer.scalars(text)
        let tokens = PlanTokenizer(scalars: scalars).tokens()
        #expect(tokens.count <= scalars.count)
        var previousEnd = 0
        for token in tokens {
            #expect(token.start >= previousEnd && token.end > token.start, "\(text): \(token.text)")
            previousEnd = token.end
        }
        do { _ = try Plan(text: text) } catch { #expect(error.code == .nothingRecognised) }
    }

    @Test("random digits, dots and units tokenize with every token advancing")
    func randomNumberLikeText() {
        var generator = SplitMix64(seed: 0x5EED)
        let alphabet = Array("0123456789.,$€ GBMmbps/-")
        for _ in 0..<2_000 {
            let length = Int(generator.next() % 24)
            let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            let scalars = PlanTokenizer.scalars(text)
            let tokens = PlanTokenizer(scalars: scalars).tokens()
            #expect(tokens.allSatisfy { $0.end > $0.start } && tokens.count <= scalars.count, "\(text)")
            _ = try? Plan(text: text)
        }
    }

    @Test("a monthly plan's allowances abroad are roaming, not its own data or coverage")
    func allowancesAbroad() throws {
        let plan = try Plan(text: "Go5G Next $100/mo: unlimited data, 100GB premium data, 15GB high-speed data in Mexico & Canada, 5GB in 215+ countries")
        #expect(plan.data == .unlimited)
        #expect(plan.premiumData == Self.gb(100))
        #expect(plan.coverage.isEmpty)
        #expect(plan.roaming == [.country("MX"), .country("CA"), .countries(215)])
        #expect(plan.roamingData == [RoamingData(allowance: .total(Self.gb(15)), places: [.country("MX"), .country("CA")]),
                                     RoamingData(allowance: .total(Self.gb(5)), places: [.countries(215)])])
        #expect(plan.unparsed.isEmpty)
        // A package sold once covers the places it names.
        let package = try Plan(text: "5GB in Japan, 30 days, $15")
        #expect(package.coverage == [.country("JP")] && package.data == .total(Self.gb(5)) && package.roamingData.isEmpty)
        // Called roaming data, it is roaming data whatever the price.
        let labelled = try Plan(text: "Japan 5GB 30 days $15, roaming data: 1 GB in Korea")
        #expect(labelled.data == .total(Self.gb(5)) && labelled.coverage == [.country("JP")])
        #expect(labelled.roamingData == [RoamingData(allowance: .total(Self.gb(1)), places: [.country("KR")])])
        #expect(try Plan(text: "$50/mo, 2GB roaming data in Europe").roamingData.first?.places == [.region(.europe)])
    }

    @Test("pay-as-you-go data and amounts paid up front")
    func perGBAndUpfront() throws {
        let payg = try Plan(text: "Pay as you go: $10 per GB, unlimited talk and text")
        #expect(payg.price == nil && payg.dataPrice == Money(ExactDecimal(10), currency: "USD"))
        #expect(PlanEconomics(payg).pricePerGB == 10 && payg.unparsed.isEmpty)
        let flexible = try Plan(text: "Flexible: $20/mo plus $10/GB")
        #expect(flexible.price?.amount == Money(ExactDecimal(20), currency: "USD") && flexible.price?.period == .month)
        #expect(flexible.dataPrice == Money(ExactDecimal(10), currency: "USD"))
        let mint = try Plan(text: "Mint Unlimited: $30/mo, 3 months $90 upfront")
        #expect(mint.price?.amount == Money(ExactDecimal(30), currency: "USD") && mint.price?.upfront == Money(ExactDecimal(90), currency: "USD"))
        #expect(mint.validityDays == 90 && mint.unparsed.isEmpty)
        #expect(mint.price?.description == "$30/mo, $90 upfront")
        let only = try Plan(text: "12 months, $180 paid up front")
        #expect(only.price == PlanPrice(amount: Money(ExactDecimal(180), currency: "USD"), period: .once))
        #expect(try Plan(text: "$90 up-front for 3 months").price?.amount == Money(ExactDecimal(90), currency: "USD"))
    }

    @Test("places followed by the services used there are roaming")
    func servicesAbroad() throws {
        let plan = try Plan(text: "Unlimited Welcome: $65/mo, unlimited data, Mexico & Canada talk/text/data")
        #expect(plan.roaming == [.country("MX"), .country("CA")])
        #expect(plan.coverage.isEmpty)
    }

    @Test("taxes and fees phrases, 5G UW")
    func taxesAndNetwork() throws {
        let extra = try Plan(text: "Simply Unlimited: $50/mo per line, unlimited data, taxes & fees extra")
        #expect(extra.price?.taxesIncluded == false && extra.unparsed.isEmpty)
        let included = try Plan(text: "$90/mo, unlimited data, taxes and fees included")
        #expect(included.price?.taxesIncluded == true && included.unparsed.isEmpty)
        let uw = try Plan(text: "Unlimited Plus, $45/mo, 5G UW, 50 GB premium")
        #expect(uw.fiveG == true && uw.unparsed.isEmpty)
    }

    @Test("a currency symbol after the amount, and 4K video")
    func symbolAfterAndVideo() throws {
        let euro = try Plan(text: "Unlimited Data - 15 days - 67 €")
        #expect(euro.price?.amount == Money(ExactDecimal(67), currency: "EUR"))
        #expect(euro.unparsed.isEmpty)
        let comma = try Plan(text: "Europe 10GB 30 days 17,50 €")
        #expect(comma.price?.amount == Money(ExactDecimal("17.50")!, currency: "EUR"))
        let video = try Plan(text: "Unlimited Premium, $85.99/mo, 4K UHD streaming")
        #expect(video.video == "4K" && video.unparsed.isEmpty)
    }

    @Test("a recurring price renews the data each billing period")
    func recurringEconomics() throws {
        let yearly = PlanEconomics(try Plan(text: "5GB plan $15/mo, 12-month plan"))
        #expect(yearly.periodDays == 360)
        #expect(yearly.totalGB == 60)
        #expect(yearly.pricePerGB == 3)
        // A one-off price covers the whole validity, data included.
        let travel = PlanEconomics(try Plan(text: "Japan 3GB 8 days $12"))
        #expect(travel.totalGB == 3 && travel.pricePerGB == 4)
    }

    @Test("a name alone is a plan, without facts")
    func nameAlone() throws {
        let plan = try Plan(text: "Magenta MAX")
        #expect(plan.name == "Magenta MAX" && !plan.hasFacts)
    }

    @Test("'World' names a region only in capitals")
    func world() throws {
        #expect(try Plan(text: "World 5GB 30 days $25").coverage == [.region(.global)])
        #expect(try Plan(text: "see the world, hello world").coverage == [])
    }

    @Test("a package without a name is summarised by coverage, data and validity")
    func displayName() throws {
        #expect(try Plan(text: "USA 5GB 30 days $11").displayName == "United States · 5 GB · 30 days")
        #expect(try Plan(text: "1 GB/day for 7 days, then 512 kbps").displayName == "1 GB/day · 7 days")
        #expect(try Plan(text: "Go5G Plus: $90/mo, unlimited data").displayName == "Go5G Plus")
        #expect(Plan(price: PlanPrice(amount: Money(ExactDecimal(5), currency: "USD"), period: .month)).displayName == nil)
    }

    @Test("the canonical text reads back as the same plan", arguments: descriptions)
    func roundTrip(_ text: String) throws {
        var plan = try Plan(text: text)
        plan.unparsed = []
        let again = try Plan(text: plan.canonicalText)
        #expect(again.unparsed.isEmpty, "\(plan.canonicalText)")
        var comparable = again
        comparable.unparsed = []
        #expect(comparable == plan, "\(plan.canonicalText)")
    }

    @Test("unparsed offsets point at the text they quote")
    func offsets() throws {
        let text = "Essentials Saver, 5GB, free Disney+ for 6 months, smartwatch line €5"
        let plan = try Plan(text: text)
        let scalars = Array(text.unicodeScalars)
        for span in plan.unparsed {
            var quoted = ""
            quoted.unicodeScalars.append(contentsOf: scalars[span.offset..<(span.offset + span.length)])
            #expect(quoted == span.text)
        }
        #expect(!plan.unparsed.isEmpty)
    }
}
