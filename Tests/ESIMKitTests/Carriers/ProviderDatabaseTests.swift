import Foundation
import Testing
@testable import ESIMKit

@Suite("ProviderDatabase")
struct ProviderDatabaseTests {
    /// The upstream format (serviceproviders.2.dtd), written for the test.
    static let database = """
    <?xml version="1.0" encoding="utf-8"?>
    <!DOCTYPE serviceproviders SYSTEM "serviceproviders.2.dtd">
    <serviceproviders format="2.0">
    <country code="us">
      <name>United States</name>
      <provider>
        <name>T-Mobile</name>
        <gsm>
          <network-id mcc="310" mnc="260"/>
          <network-id mcc="310" mnc="160"/>
          <apn value="fast.t-mobile.com">
            <plan type="postpaid"/>
            <usage type="internet"/>
            <name>T-Mobile LTE</name>
          </apn>
        </gsm>
      </provider>
      <provider>
        <name>Example Talk</name>
        <gsm>
          <network-id mcc="310" mnc="260"/>
          <voicemail>*86</voicemail>
        </gsm>
      </provider>
    </country>
    <country code="xx">
      <name>Testland</name>
      <provider primary="true">
        <name>Testcom</name>
        <gsm>
          <network-id mcc="999" mnc="01"/>
          <balance-check>
            <ussd>*100#</ussd>
            <sms text="BAL">123</sms>
            <dtmf>+999123</dtmf>
          </balance-check>
          <balance-top-up>
            <ussd replacement="CODE">*101*CODE#</ussd>
          </balance-top-up>
          <future-element/>
        </gsm>
      </provider>
    </country>
    </serviceproviders>
    """

    @Test("reads countries, providers, codes, balance checks, top-ups, voicemail and APNs")
    func reads() throws {
        let database = try ProviderDatabase(xml: Self.database, path: "fixture.xml")
        #expect(database.carriers.map(\.id) == ["us-t-mobile", "us-example-talk", "xx-testcom"])
        let tmobile = database.carriers[0]
        #expect(tmobile.networkCodes.map(\.plmn) == ["310260", "310160"])
        #expect(tmobile.apns.first?.apn == "fast.t-mobile.com")
        #expect(tmobile.apns.first?.plans == ["postpaid"])
        #expect(tmobile.apns.first?.usage == [.internet])
        let testcom = database.carriers[2]
        #expect(testcom.balanceChecks.map(\.method) == [.dial, .sms, .call, .dial])
        #expect(testcom.balanceChecks[1].text == "BAL")
        #expect(testcom.balanceChecks.last?.isTopUp == true)
        #expect(database.voicemail["us-example-talk"] == ["*86"])
        // Unknown elements are reported with their line, not dropped silently.
        #expect(database.unknownElements.map(\.element) == ["gsm/future-element"])
        #expect(database.unknownElements.first?.line == 40)  // line 40 of the fixture string
    }

    @Test("malformed XML is an error with its line")
    func malformed() {
        let broken = Self.database.replacingOccurrences(of: "<name>Testcom</name>", with: "<name>Testcom</nam>")
        let error = #expect(throws: ProviderDatabaseError.self) { try ProviderDatabase(xml: broken, path: "broken.xml") }
        #expect(error?.code == .malformedXML)
        #expect(error?.line == 29)
        #expect(error?.description.hasPrefix("broken.xml:29:") == true)
    }

    @Test("another XML format is refused by its root element")
    func wrongRoot() {
        let error = #expect(throws: ProviderDatabaseError.self) { try ProviderDatabase(xml: "<apns><apn/></apns>", path: "apns.xml") }
        #expect(error?.code == .wrongFormat)
    }

    @Test("a missing file is an error naming it")
    func missing() {
        let error = #expect(throws: ProviderDatabaseError.self) { try ProviderDatabase(contentsOfFile: "/nonexistent/serviceproviders.xml") }
        #expect(error?.code == .unreadableFile)
    }

    @Test("curated facts win and database facts are added with their source")
    func merge() throws {
        let database = try ProviderDatabase(xml: Self.database, path: "fixture.xml")
        let curated = try CarrierSpec.parse(BuiltInSpecs.files.first { $0.name == "tmobile.yaml" }!.text, file: "tmobile.yaml")
        let registry = CarrierRegistry(curated: [curated], database: database)
        let tmobile = try #require(registry.carrier(id: "tmobile"))
        #expect(tmobile.name == "T-Mobile")
        #expect(tmobile.apns.first?.source == FactSource.providerDatabase.id)
        #expect(registry.carrier(id: "us-t-mobile") == nil)  // merged, not listed twice
        // The database's other provider on 310-260 is listed beside T-Mobile, as an MVNO.
        let shared = registry.carriers(mcc: "310", mnc: "260").map(\.carrier)
        #expect(shared.map(\.id) == ["tmobile", "us-example-talk"])
        #expect(shared.last?.kind == .mvno)
    }
}

@Suite("AndroidAPNList")
struct AndroidAPNListTests {
    static let list = """
    <?xml version="1.0"?>
    <apns version="8">
      <apn carrier="Example LTE" mcc="310" mnc="260" apn="fast.example.com" type="default,supl,mms" mmsc="http://mms.example.com" />
      <apn carrier="Example MVNO" mcc="310" mnc="260" apn="mvno.example" type="default" mvno_type="gid" mvno_match_data="6D38"/>
      <apn carrier="No code" apn="x"/>
    </apns>
    """

    @Test("reads entries with their MVNO match data")
    func reads() throws {
        let list = try AndroidAPNList(xml: Self.list, path: "apns.xml")
        #expect(list.entries.count == 2)
        #expect(list.entries[0].apn.usage == [.internet, .mms])
        #expect(list.entries[0].apn.mmsc == "http://mms.example.com")
        #expect(list.entries[1].discriminator == "GID1 6D38")
    }

    @Test("malformed lists are errors with their line")
    func malformed() {
        let error = #expect(throws: ProviderDatabaseError.self) {
            try AndroidAPNList(xml: "<apns>\n<apn carrier='x' mcc='1' mnc='2'>\n</apns>", path: "apns.xml")
        }
        #expect(error?.code == .malformedXML)
        #expect(error?.line == 3)
    }
}

@Suite("System provider database", .enabled(if: FileManager.default.fileExists(atPath: ProviderDatabase.systemPath),
                                            "mobile-broadband-provider-info is not installed (apt-get install mobile-broadband-provider-info)"))
struct SystemProviderDatabaseTests {
    @Test("the installed database reads whole and merges with the curated specs")
    func system() throws {
        let database = try ProviderDatabase()
        #expect(database.carriers.count > 500)
        #expect(Set(database.carriers.map(\.country)).count > 100)
        let registry = try CarrierRegistry.load()
        #expect(registry.carriers.count > 500)
        // Curated carriers absorbed their database twins instead of appearing twice.
        #expect(registry.carriers(named: "T-Mobile").filter { $0.country == "us" }.map(\.id) == ["tmobile"])
        #expect(registry.carriers(named: "T-Mobile").count > 1)  // other countries' T-Mobiles stay apart
        #expect(registry.carrier(id: "tmobile")?.networkCodes.count ?? 0 >= 15)
        // And the world is there: a Lycamobile USSD balance check, for one.
        #expect(registry.carriers.contains { $0.balanceChecks.contains { $0.method == .dial } })
    }

    @Test("the installed Android APN list reads")
    func apns() throws {
        if FileManager.default.fileExists(atPath: ProviderDatabase.systemAPNPath) {
            let list = try AndroidAPNList()
            #expect(list.entries.count > 100)
        }
    }
}
