import Testing
@testable import ESIMKit

@Suite("InputDecoder")
struct InputDecoderTests {
    @Test("kind detection", arguments: [
        ("LPA:1$smdp.example.com$ABC", InputKind.activationCode),
        ("1$smdp.example.com$ABC", .activationCode),
        ("https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=x", .activationCode),
        ("LPA:1%24x", .activationCode),
        ("hello", .activationCode),
        ("", .activationCode),
        ("89014100000000000129", .iccid),
        ("8901260000000000048F", .iccid),
        ("98101400000000001092", .iccid),
        ("981062000000000040F8", .iccid),
        ("8901 4100 0000 0000 0129", .iccid),
        ("89044011112233441122334411223321", .eid),
        ("8904 4011 1122 3344 1122 3344 1122 3321", .eid),
        ("310260000000001", .imsi),
        ("31026000001", .imsi),
    ])
    func detect(_ input: String, _ kind: InputKind) {
        #expect(InputDecoder.detectKind(input) == kind)
    }

    @Test("a forced kind overrides detection")
    func forced() {
        let result = InputDecoder.decode("310260000000001", as: .iccid)
        #expect(result.kind == .iccid)
        #expect(!result.isValid)
    }

    @Test("strict makes identifier warnings errors")
    func strictIdentifiers() {
        #expect(InputDecoder.decode("31026000001").isValid)
        let strict = InputDecoder.decode("31026000001", strict: true)
        #expect(!strict.isValid)
        #expect(strict.failure?.code == "shortIMSI")
        #expect(strict.failedOnlyUnderStrict)
    }

    // MARK: JSON schema

    func json(_ text: String, as kind: InputKind? = nil, strict: Bool = false) throws -> String {
        try OrderedJSONEncoder().encode(InputDecoder.decode(text, as: kind, strict: strict))
    }

    @Test("activation code JSON has exactly the documented keys, in order")
    func activationCodeJSON() throws {
        #expect(try json("LPA:1$smdp.example.com$ABC-1$1.3.6.1.4.1.31746$1") == #"""
        {"kind":"activationCode","valid":true,"format":"1","smdpAddress":"smdp.example.com","matchingId":"ABC-1","oid":"1.3.6.1.4.1.31746","confirmationCodeRequired":true,"ciPublicKeyId":null,"wrapper":null,"warnings":[],"canonical":"LPA:1$smdp.example.com$ABC-1$1.3.6.1.4.1.31746$1"}
        """#)
        #expect(try json("https://esimsetup.android.com/esim_qrcode_provisioning?carddata=1$smdp.example.com:443$A") == #"""
        {"kind":"activationCode","valid":true,"format":"1","smdpAddress":"smdp.example.com:443","matchingId":"A","oid":null,"confirmationCodeRequired":false,"ciPublicKeyId":null,"wrapper":"android","warnings":[{"code":"portInAddress","message":"the SM-DP+ address has a port; SGP.22 expects a bare host name (port 443 is implied)"}],"canonical":"LPA:1$smdp.example.com:443$A"}
        """#)
    }

    @Test("invalid input still gives JSON with the error")
    func invalidJSON() throws {
        #expect(try json("LPA:1$$ABC") == #"""
        {"kind":"activationCode","valid":false,"error":{"code":"emptyAddress","message":"the SM-DP+ address is empty","offset":6}}
        """#)
        #expect(try json("LPA:1$smdp.example.com:443$A", strict: true).hasPrefix(#"{"kind":"activationCode","valid":false,"error":{"code":"portInAddress""#))
        #expect(try json("89014100000000000128") == #"""
        {"kind":"iccid","valid":false,"error":{"code":"checkDigitMismatch","message":"check digit is 8, Luhn gives 9","offset":19}}
        """#)
    }

    @Test("identifier JSON")
    func identifierJSON() throws {
        #expect(try json("8901260000000000048F") == #"""
        {"kind":"iccid","valid":true,"iccid":"8901260000000000048","encoding":"decimal","countryCode":1,"countryCodeDigits":"01","regions":["US","AG","AI","AS","BB","BM","BS","CA","DM","DO","GD","GU","JM","KN","KY","LC","MP","MS","PR","SX","TC","TT","VC","VG","VI"],"checkDigit":8,"warnings":[]}
        """#)
        #expect(try json("310260000000001") == #"""
        {"kind":"imsi","valid":true,"imsi":"310260000000001","mcc":"310","mnc":"260","msin":"000000001","mncLength":3,"readings":[{"mnc":"260","msin":"000000001"}],"regions":["US","GU","PR","BM"],"warnings":[]}
        """#)
        #expect(try json("89044011112233441122334411223321").hasPrefix(#"{"kind":"eid","valid":true,"eid":"89044011112233441122334411223321","numbering":"SGP.02","countryCode":"044","regions":["GB""#))
    }
}
