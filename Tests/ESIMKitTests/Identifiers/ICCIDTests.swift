import Testing
import ESIMSupport
@testable import ESIMKit

/// The vectors are synthetic: bodies of zeros with a few digits, completed with a Luhn
/// digit computed independently (Python), so no real card number is involved.
@Suite("ICCID")
struct ICCIDTests {
    static let valid: [(String, String, Int?, String?)] = [
        ("89014100000000000129", "89014100000000000129", 1, "01"),      // 20 digits, North America
        ("8901260000000000048", "8901260000000000048", 1, "01"),        // 19 digits
        ("8901260000000000048F", "8901260000000000048", 1, "01"),       // F padding
        ("8901260000000000048f", "8901260000000000048", 1, "01"),
        ("89148000000000000779", "89148000000000000779", 1, "1"),       // country code 1 unpadded
        ("8944110000000001238", "8944110000000001238", 44, "44"),       // UK
        ("89331500000000004562", "89331500000000004562", 33, "33"),     // France
        ("89701010000000007893", "89701010000000007893", 7, "7"),       // Russia/Kazakhstan
        ("8901 4100 0000 0000 0129", "89014100000000000129", 1, "01"),  // spaces
        ("8901-4100-0000-0000-0129", "89014100000000000129", 1, "01"),  // hyphens
        ("  89014100000000000129\n", "89014100000000000129", 1, "01"),
    ]

    @Test("valid ICCIDs decode with their country code", arguments: valid)
    func decodes(_ input: String, _ digits: String, _ country: Int?, _ written: String?) throws {
        let decoded = try ICCID.decode(input)
        #expect(decoded.iccid.digits == digits)
        #expect(decoded.iccid.countryCode == country)
        #expect(decoded.iccid.countryCodeDigits == written)
        #expect(decoded.encoding == .decimal)
        #expect(decoded.warnings.isEmpty)
        #expect(decoded.iccid.checkDigit == Int(String(digits.last!)))
    }

    @Test("regions for country code 1 start with the US")
    func regions() throws {
        #expect(try ICCID("89014100000000000129").regions.first == "US")
        #expect(try ICCID("8944110000000001238").regions.first == "GB")
    }

    @Test("card (nibble-swapped BCD) form", arguments: [
        ("98101400000000001092", "89014100000000000129"),
        ("981062000000000040F8", "8901260000000000048"),
        ("98 10 62 00 00 00 00 00 40 F8", "8901260000000000048"),
    ])
    func swapped(_ input: String, _ digits: String) throws {
        let decoded = try ICCID.decode(input)
        #expect(decoded.iccid.digits == digits)
        #expect(decoded.encoding == .swappedBCD)
        #expect(try ICCID(cardBCD: input).digits == digits)
    }

    @Test("a 20-digit ICCID checked over its first 19 digits is valid with a warning")
    func checkDigitNineteenth() throws {
        let decoded = try ICCID.decode("89012600123456789097")
        #expect(decoded.warnings.map(\.code) == [.checkDigitNotLast])
        #expect(decoded.iccid.checkDigit == 9)
    }

    @Test("rejections by code and offset", arguments: [
        ("", IdentifierError.Code.empty, 0),
        ("   ", .empty, 0),
        ("8901410000000000012X", .invalidCharacter, 19),
        ("8901.4100.0000.0000.0129", .invalidCharacter, 4),
        ("8901410000000000012é", .invalidCharacter, 19),
        ("89014100000000012", .invalidLength, 17),
        ("890141000000000001290", .invalidLength, 20),
        ("12014100000000000129", .invalidIndustryPrefix, 0),
        ("89014100000000000128", .checkDigitMismatch, 19),
        ("8901 4100 0000 0000 0128", .checkDigitMismatch, 23),
        ("98101400000000F01092", .invalidBCD, 14),
        ("8901F10000000000012", .invalidCharacter, 4),
    ])
    func rejects(_ input: String, _ code: IdentifierError.Code, _ offset: Int) {
        let error = #expect(throws: IdentifierError.self) { try ICCID.decode(input) }
        #expect(error?.code == code)
        #expect(error?.offset == offset)
    }

    @Test("an unassigned country code is a warning")
    func unknownCountry() throws {
        // 89 + 0 + "28x": no E.164 code starts 28 (280-289 are spare).
        let body = "890280000000000000"
        let digit = try #require(CheckDigits.luhnDigit(for: body))
        let decoded = try ICCID.decode(body + String(digit))
        #expect(decoded.warnings.map(\.code) == [.unknownCountryCode])
        #expect(decoded.iccid.countryCode == nil)
    }

    @Test("completing a body gives the Luhn digit, and the result round-trips")
    func complete() throws {
        #expect(try ICCID.complete("8901410000000000012").digits == "89014100000000000129")
        #expect(try ICCID.complete("8901 2600 0000 0000 04").digits == "8901260000000000048")
        #expect(throws: IdentifierError.self) { try ICCID.complete("8901") }
    }

    @Test("every strict prefix of a valid ICCID fails cleanly")
    func dripFeed() {
        let full = "89014100000000000129"
        for length in 0..<full.count {
            let prefix = String(full.prefix(length))
            #expect(throws: IdentifierError.self, "prefix \(length)") { try ICCID.decode(prefix) }
        }
    }
}

@Suite("EID")
struct EIDTests {
    /// Example EIDs published with GSMA SGP.02 Annex J tooling documentation.
    static let valid = [
        "89034011560010000000000000000121",
        "89001012012341234012345678901224",
        "89001567010203040506070809101152",
        "89044011112233441122334411223321",
        "8904 4011 1122 3344 1122 3344 1122 3321",
    ]

    @Test("valid EIDs", arguments: valid)
    func decodes(_ input: String) throws {
        let eid = try EID(input)
        #expect(eid.digits.count == 32)
        #expect(eid.layout != nil)
    }

    @Test("SGP.02 layout fields")
    func layout() throws {
        let eid = try EID("89044011112233441122334411223321")
        let layout = try #require(eid.layout)
        #expect(layout.countryCode == "044")
        #expect(eid.regions.first == "GB")
        #expect(layout.issuerIdentifier == "011")
        #expect(layout.platformAndOSVersion == "11223")
        #expect(layout.additionalIssuerInformation == "34411")
        #expect(layout.individualIdentificationNumber == "223344112233")
        #expect(eid.checkDigits == "21")
    }

    @Test("an EID not starting with 89 uses SGP.29 numbering and is not split")
    func sgp29() throws {
        let eid = try EID.complete("350000000000000000000000000000")
        #expect(eid.layout == nil)
        #expect(eid.regions.isEmpty)
    }

    @Test("completion computes MOD 97-10 check digits", arguments: [
        ("890340115600100000000000000001", "89034011560010000000000000000121"),
        ("890440111122334411223344112233", "89044011112233441122334411223321"),
        ("890490320040088826000415732834", "89049032004008882600041573283426"),
    ])
    func complete(_ body: String, _ full: String) throws {
        #expect(try EID.complete(body).digits == full)
    }

    @Test("rejections", arguments: [
        ("89034011560010000000000000000122", IdentifierError.Code.checkDigitMismatch, 30),
        ("8903401156001000000000000000012", .invalidLength, 31),
        ("890340115600100000000000000001211", .invalidLength, 32),
        ("8903401156001000000000000000012A", .invalidCharacter, 31),
        ("", .empty, 0),
    ])
    func rejects(_ input: String, _ code: IdentifierError.Code, _ offset: Int) {
        let error = #expect(throws: IdentifierError.self) { try EID(input) }
        #expect(error?.code == code)
        #expect(error?.offset == offset)
    }

    @Test("every strict prefix fails cleanly")
    func dripFeed() {
        let full = "89044011112233441122334411223321"
        for length in 0..<full.count {
            #expect(throws: IdentifierError.self) { try EID(String(full.prefix(length))) }
        }
    }
}

@Suite("IMSI")
struct IMSITests {
    @Test("MNC length from the table", arguments: [
        ("310260000000001", "310", "260", "000000001"),   // US: three-digit MNCs
        ("311480000000001", "311", "480", "000000001"),
        ("302720000000001", "302", "720", "000000001"),   // Canada
        ("234150000000001", "234", "15", "0000000001"),   // UK: two-digit MNCs
        ("405025000000001", "405", "025", "000000001"),   // India: three-digit exception
        ("405010000000001", "405", "01", "0000000001"),   // India: two-digit
        ("262010000000001", "262", "01", "0000000001"),   // Germany
    ])
    func known(_ input: String, _ mcc: String, _ mnc: String, _ msin: String) throws {
        let decoded = try IMSI.decode(input)
        #expect(decoded.imsi.mcc == mcc)
        #expect(decoded.imsi.mnc == mnc)
        #expect(decoded.imsi.msin == msin)
        #expect(decoded.imsi.readings.count == 1)
        #expect(decoded.warnings.isEmpty)
    }

    @Test("an unknown MCC is ambiguous, with both readings and a warning")
    func ambiguous() throws {
        let decoded = try IMSI.decode("999990000000001")
        #expect(decoded.imsi.mncLength == .ambiguous)
        #expect(decoded.imsi.mnc == nil)
        #expect(decoded.imsi.readings.map(\.mnc) == ["99", "990"])
        #expect(decoded.warnings.map(\.code) == [.unknownMobileCountryCode])
    }

    @Test("short IMSIs warn; out-of-range lengths fail")
    func lengths() throws {
        #expect(try IMSI.decode("31026000001").warnings.map(\.code) == [.shortIMSI])
        #expect(throws: IdentifierError.self) { try IMSI("31026") }
        #expect(throws: IdentifierError.self) { try IMSI("3102600000000012") }
    }

    @Test("the Luhn digit in place equals the textbook computation, for bodies of every length")
    func luhnAgainstTextbook() {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<2_000 {
            let length = Int(generator.next() % 24)
            let body = (0..<length).map { _ in UInt8(0x30 + generator.next() % 10) }
            var sum = 0
            for (position, byte) in body.reversed().enumerated() {
                var value = Int(byte - 0x30)
                if position % 2 == 0 { value *= 2; if value > 9 { value -= 9 } }
                sum += value
            }
            #expect(CheckDigits.luhn(body) == UInt8((10 - sum % 10) % 10), "\(body)")
            #expect(CheckDigits.luhn(body[...]) == CheckDigits.luhn(body))
        }
    }
}
