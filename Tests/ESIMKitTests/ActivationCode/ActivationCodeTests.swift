import Testing
@testable import ESIMKit
import ESIMSupport

@Suite("ActivationCode")
struct ActivationCodeTests {
    // MARK: Spec examples (GSMA SGP.22 §4.1)

    struct Expected: Sendable, CustomTestStringConvertible {
        var text: String
        var address: String
        var matchingID: String
        var oid: String? = nil
        var confirmation = false
        var testDescription: String { text }
    }

    /// The examples given in SGP.22 §4.1 (v2.2.2 onwards), and the same with the QR scheme.
    static let specExamples: [Expected] = [
        .init(text: "1$SMDP.EXAMPLE.COM$04386-AGYFT-A74Y8-3F815",
              address: "SMDP.EXAMPLE.COM", matchingID: "04386-AGYFT-A74Y8-3F815"),
        .init(text: "1$SMDP.EXAMPLE.COM$04386-AGYFT-A74Y8-3F815$$1",
              address: "SMDP.EXAMPLE.COM", matchingID: "04386-AGYFT-A74Y8-3F815", confirmation: true),
        .init(text: "1$SMDP.EXAMPLE.COM$04386-AGYFT-A74Y8-3F815$1.3.6.1.4.1.31746$1",
              address: "SMDP.EXAMPLE.COM", matchingID: "04386-AGYFT-A74Y8-3F815",
              oid: "1.3.6.1.4.1.31746", confirmation: true),
        .init(text: "1$SMDP.EXAMPLE.COM$04386-AGYFT-A74Y8-3F815$1.3.6.1.4.1.31746",
              address: "SMDP.EXAMPLE.COM", matchingID: "04386-AGYFT-A74Y8-3F815", oid: "1.3.6.1.4.1.31746"),
        .init(text: "1$SMDP.EXAMPLE.COM$$1.3.6.1.4.1.31746",
              address: "SMDP.EXAMPLE.COM", matchingID: "", oid: "1.3.6.1.4.1.31746"),
        .init(text: "LPA:1$SMDP.EXAMPLE.COM$04386-AGYFT-A74Y8-3F815",
              address: "SMDP.EXAMPLE.COM", matchingID: "04386-AGYFT-A74Y8-3F815"),
    ]

    @Test("SGP.22 §4.1 examples decode without warnings", arguments: specExamples)
    func specExample(_ expected: Expected) throws {
        let decoded = try ActivationCode.decode(expected.text, strict: true)
        #expect(decoded.code.smdpAddress == expected.address)
        #expect(decoded.code.matchingID == expected.matchingID)
        #expect(decoded.code.smdpOID == expected.oid)
        #expect(decoded.code.confirmationCodeRequired == expected.confirmation)
        #expect(decoded.code.ciPublicKeyID == nil)
        #expect(decoded.wrapper == nil)
        #expect(decoded.warnings.isEmpty)
    }

    @Test("SGP.22 v3 fields 6 and 7 are read")
    func version3Fields() throws {
        let decoded = try ActivationCode.decode("LPA:1$smdp.example.com$ABC$$1$F54172BDF98A95D65CBEB88A38A1C11D800A85C3$1", strict: true)
        #expect(decoded.code.confirmationCodeRequired)
        #expect(decoded.code.ciPublicKeyID == "F54172BDF98A95D65CBEB88A38A1C11D800A85C3")
        #expect(decoded.code.deleteNotificationForDeviceChange == "1")
    }

    // MARK: Accepted silently

    static let acceptedSilently: [(String, String)] = [
        ("lpa:1$smdp.example.com$ABC", "LPA: in lower case"),
        ("Lpa:1$smdp.example.com$ABC", "LPA: in mixed case"),
        ("1$smdp.example.com$ABC", "no LPA: prefix"),
        ("  LPA:1$smdp.example.com$ABC\t\n", "surrounding white space"),
        ("\r\nLPA:1$smdp.example.com$ABC\r\n", "CRLF around the code"),
        ("LPA:1$smdp.example.com$", "empty matching ID"),
        ("LPA:1$smdp.example.com$ABC$$1", "empty OID keeping the flag in place"),
        ("LPA:1$smdp.example.com$ABC$", "trailing empty field 4"),
        ("LPA:1$smdp.example.com$ABC$$", "trailing empty fields 4-5"),
        ("LPA:1$smdp.example.com$ABC$$$", "trailing empty fields 4-6"),
        ("LPA:1$smdp.example.com$ABC$$$$", "trailing empty fields 4-7"),
        ("LPA:1$smdp.example.com$ABC$$1$$", "flag followed by empty fields 6-7"),
        ("LPA:1$SM-DP.Example-1.com$aBc-09-Z", "mixed case and hyphens"),
        ("LPA:1$xn--bcher-kva.example$ABC", "punycode label"),
        ("LPA:1$smdp.example.com$ABC$2.999.1", "OID under joint-iso-itu-t with a large arc"),
        ("LPA:1$smdp.example.com$ABC$0.39", "OID with second arc 39 under arc 0"),
        ("LPA:1$smdp.example.com$ABC$$$0A1b", "hex CI key id in field 6 without flag"),
    ]

    @Test("accepted without warnings", arguments: acceptedSilently)
    func silent(_ input: String, _ why: String) throws {
        let decoded = try ActivationCode.decode(input, strict: true)
        #expect(decoded.warnings.isEmpty, "\(why)")
    }

    // MARK: Warnings (errors under strict)

    static let warnings: [(String, ActivationCodeWarning.Code, Int)] = [
        ("1$smdp.example.com", .missingMatchingID, 18),
        ("LPA:1$smdp.example.com:443$ABC", .portInAddress, 22),
        ("LPA:1$192.0.2.1$ABC", .ipAddressLiteral, 6),
        ("LPA:1$[2001:db8::1]$ABC", .ipAddressLiteral, 6),
        ("LPA:1$smdp.example.com$ABC$$0", .confirmationFlagZero, 28),
        ("LPA:1$smdp.example.com$" + String(repeating: "A", count: 240), .tooLong, 255),
        ("LPA:1$smdp.example.com$ABC$$1$xyz", .invalidCIPublicKeyID, 30),
        ("LPA:1$smdp.example.com$ABC$$1$ABC", .invalidCIPublicKeyID, 30),
        ("LPA:1$smdp.example.com$ABC$$1$$$", .extraFields, 31),
        ("LPA:1$smdp.example.com$ABC$$1$$$x", .extraFields, 31),
        ("LPA:1$smdp.example.com$ABC$$$$$$$$$$", .extraFields, 30),
    ]

    @Test("deviations phones accept are warnings", arguments: warnings)
    func warning(_ input: String, _ code: ActivationCodeWarning.Code, _ offset: Int) throws {
        let decoded = try ActivationCode.decode(input)
        #expect(decoded.warnings.map(\.code) == [code])
        #expect(decoded.warnings.first?.offset == offset)
    }

    @Test("strict decoding turns each warning into an error with the same code", arguments: warnings)
    func strictWarning(_ input: String, _ code: ActivationCodeWarning.Code, _ offset: Int) {
        let error = #expect(throws: ActivationCodeError.self) { try ActivationCode.decode(input, strict: true) }
        #expect(error?.code == code)
        #expect(error?.offset == offset)
    }

    @Test("port and IP literal together give both warnings in order")
    func twoWarnings() throws {
        let decoded = try ActivationCode.decode("1$[2001:db8::1]:8443$ABC$$0")
        #expect(decoded.warnings.map(\.code) == [.ipAddressLiteral, .portInAddress, .confirmationFlagZero])
    }

    // MARK: Errors

    static let errors: [(String, ActivationCodeError.Code, Int)] = [
        ("", .empty, 0),
        ("   \t\n", .empty, 0),
        ("LPA:", .missingDelimiter, 4),
        ("LPA:1", .missingDelimiter, 4),
        ("smdp.example.com", .missingDelimiter, 0),
        ("2$smdp.example.com$ABC", .unsupportedFormat, 0),
        ("LPA:$smdp.example.com$ABC", .unsupportedFormat, 4),
        ("LPA$smdp.example.com$ABC", .unsupportedFormat, 0),
        ("LPA:11$smdp.example.com$ABC", .unsupportedFormat, 4),
        ("LPA:LPA:1$smdp.example.com$ABC", .duplicatePrefix, 4),
        ("lpa:LPA:1$smdp.example.com$ABC", .duplicatePrefix, 4),
        ("LPA:1%24smdp.example.com%24ABC", .percentEncodedDelimiter, 5),
        ("LPA:1$smdp.example.com$ABC%24", .percentEncodedDelimiter, 26),
        ("LPA:1$smdp.example.com$AB\u{7}C", .controlCharacter, 25),
        ("LPA:1$smdp.example.com$AB\tC", .controlCharacter, 25),
        ("LPA:1$smdp.example.com\n$ABC", .controlCharacter, 22),
        ("LPA:1$smdp.example.com$AB\u{0}C", .controlCharacter, 25),
        ("LPA:1$smdp.example.com$AB\u{7F}C", .controlCharacter, 25),
        ("LPA:1$smdp.exämple.com$ABC", .nonASCIICharacter, 13),
        ("\u{200B}LPA:1$smdp.example.com$ABC", .nonASCIICharacter, 0),
        ("LPA:1$smdp.example.com$ABC\u{A0}", .nonASCIICharacter, 26),
        ("LPA:1$$ABC", .emptyAddress, 6),
        ("LPA:1$", .emptyAddress, 6),
        ("LPA:1$:443$ABC", .emptyAddress, 6),
        ("LPA:1$https://smdp.example.com$ABC", .addressHasScheme, 6),
        ("LPA:1$smdp.example.com/gsma/rsp2$ABC", .addressHasPath, 22),
        ("LPA:1$smdp.example.com?x=1$ABC", .addressHasPath, 22),
        ("LPA:1$smdp_1.example.com$ABC", .invalidAddressCharacter, 10),
        ("LPA:1$smdp example.com$ABC", .invalidAddressCharacter, 10),
        ("LPA:1$smdp.exa*mple.com$ABC", .invalidAddressCharacter, 14),
        ("LPA:1$smdp..example.com$ABC", .emptyAddressLabel, 11),
        ("LPA:1$.smdp.example.com$ABC", .emptyAddressLabel, 6),
        ("LPA:1$smdp.example.com.$ABC", .emptyAddressLabel, 22),
        ("LPA:1$localhost$ABC", .singleLabelAddress, 6),
        ("LPA:1$smdp$ABC", .singleLabelAddress, 6),
        ("LPA:1$" + String(repeating: "a", count: 64) + ".com$ABC", .addressLabelTooLong, 69),
        ("LPA:1$-smdp.example.com$ABC", .addressLabelHyphen, 6),
        ("LPA:1$smdp-.example.com$ABC", .addressLabelHyphen, 10),
        ("LPA:1$" + String(repeating: "abcdefghi.", count: 26) + "com$ABC", .addressTooLong, 259),
        ("LPA:1$smdp.example.123$ABC", .numericTopLevelLabel, 19),
        ("LPA:1$1.2.3$ABC", .invalidIPAddress, 6),
        ("LPA:1$256.1.1.1$ABC", .invalidIPAddress, 6),
        ("LPA:1$01.1.1.1$ABC", .invalidIPAddress, 6),
        ("LPA:1$2001:db8::1$ABC", .invalidIPAddress, 14),
        ("LPA:1$[2001:db8::1$ABC", .invalidIPAddress, 6),
        ("LPA:1$[2001:db8:::1]$ABC", .invalidIPAddress, 17),
        ("LPA:1$[smdp.example.com]$ABC", .invalidIPAddress, 7),
        ("LPA:1$[::1]x$ABC", .invalidAddressCharacter, 11),
        ("LPA:1$smdp.example.com:$ABC", .invalidPort, 22),
        ("LPA:1$smdp.example.com:0$ABC", .invalidPort, 22),
        ("LPA:1$smdp.example.com:65536$ABC", .invalidPort, 22),
        ("LPA:1$smdp.example.com:https$ABC", .invalidPort, 23),
        ("LPA:1$smdp.example.com$ABC_DEF", .invalidMatchingIDCharacter, 26),
        ("LPA:1$smdp.example.com$ABC DEF", .invalidMatchingIDCharacter, 26),
        ("LPA:1$smdp.example.com$ABC+DEF", .invalidMatchingIDCharacter, 26),
        ("LPA:1$smdp.example.com$ABC.DEF", .invalidMatchingIDCharacter, 26),
        ("LPA:1$smdp.example.com$ABC$1", .oidLooksLikeConfirmationCode, 27),
        ("LPA:1$smdp.example.com$ABC$0", .oidLooksLikeConfirmationCode, 27),
        ("LPA:1$smdp.example.com$ABC$482913", .oidLooksLikeConfirmationCode, 27),
        ("LPA:1$smdp.example.com$ABC$K7Q2", .oidLooksLikeConfirmationCode, 27),
        ("LPA:1$smdp.example.com$ABC$3.6.1", .invalidOID, 27),
        ("LPA:1$smdp.example.com$ABC$1.03.6", .invalidOID, 29),
        ("LPA:1$smdp.example.com$ABC$1..6", .invalidOID, 29),
        ("LPA:1$smdp.example.com$ABC$1.3.", .invalidOID, 31),
        ("LPA:1$smdp.example.com$ABC$.1.3", .invalidOID, 27),
        ("LPA:1$smdp.example.com$ABC$1.40", .invalidOID, 29),
        ("LPA:1$smdp.example.com$ABC$1.3.x", .invalidOID, 31),
        ("LPA:1$smdp.example.com$ABC$1-3-6", .invalidOID, 28),
        ("LPA:1$smdp.example.com$ABC$$2", .invalidConfirmationFlag, 28),
        ("LPA:1$smdp.example.com$ABC$$yes", .invalidConfirmationFlag, 28),
        ("LPA:1$smdp.example.com$ABC$$11", .invalidConfirmationFlag, 28),
        ("LPA:1$smdp.example.com$ABC$$4829", .invalidConfirmationFlag, 28),
        ("LPA:1$smdp.example.com$ABC$$$1", .misplacedConfirmationFlag, 29),
        ("LPA:1$smdp.example.com$ABC$1.3.6$$1", .misplacedConfirmationFlag, 34),
        // Found by fuzzing: '$0$1' decoded, and its canonical text '$$$1' did not.
        ("LPA:1$smdp.example.com$1B$$0$1$F07582BD", .misplacedConfirmationFlag, 29),
        // Found by fuzzing: field 6 of only a space read back without it.
        ("1$1.L$$$$ $", .whiteSpaceInField, 9),
        ("LPA:1$smdp.example.com$ABC$$$AB $", .whiteSpaceInField, 31),
        ("LPA:1$smdp.example.com$ABC$$$ AB", .whiteSpaceInField, 29),
        ("LPA:1$smdp.example.com$ABC$$$AB$ x", .whiteSpaceInField, 32),
        ("LPA:1$smdp.example.com$ABC$$$AB$x $", .whiteSpaceInField, 33),
        (String(repeating: "A", count: 4097), .inputTooLong, 4096),
        ("https://example.com/esim?carddata=LPA:1$smdp.example.com$ABC", .unrecognizedLink, 8),
        ("http://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA:1$smdp.example.com$ABC", .unrecognizedLink, 0),
        ("https://esimsetup.apple.com/other?carddata=LPA:1$smdp.example.com$ABC", .unrecognizedLink, 27),
        ("https://esimsetup.apple.com/esim_qrcode_provisioning?card=LPA:1$smdp.example.com$ABC", .missingCardData, 84),
        ("https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=", .missingCardData, 62),
        ("https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA%3A1%2", .invalidPercentEncoding, 69),
        ("https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA%G1", .invalidPercentEncoding, 65),
    ]

    @Test("rejected with the named error code and offset", arguments: errors)
    func rejected(_ input: String, _ code: ActivationCodeError.Code, _ offset: Int) {
        let error = #expect(throws: ActivationCodeError.self) { try ActivationCode.decode(input) }
        #expect(error?.code == code)
        #expect(error?.offset == offset)
    }

    @Test("every error code has a rejection test or is a promoted warning")
    func everyCodeCovered() {
        let tested = Set(Self.errors.map(\.1))
        let promoted = Set(ActivationCodeError.Code.allCases.filter(\.isDeviation))
        #expect(Set(Self.warnings.map(\.1)) == promoted, "every deviation has a warning test, and only deviations warn")
        let buildOnly: Set<ActivationCodeError.Code> = [.delimiterInField] // see ActivationCodeEncodingTests
        #expect(tested.union(promoted).union(buildOnly) == Set(ActivationCodeError.Code.allCases))
    }

    @Test("messages name the problem without echoing a confirmation code")
    func confirmationCodeNotEchoed() {
        for input in ["LPA:1$smdp.example.com$ABC$482913", "LPA:1$smdp.example.com$ABC$$482913"] {
            do {
                _ = try ActivationCode.decode(input)
                Issue.record("\(input) was accepted")
            } catch {
                #expect(!error.message.contains("482913"))
                #expect(error.message.contains("confirmation code"))
            }
        }
    }

    @Test("the first problem in reading order wins")
    func precedence() {
        // A non-ASCII character is reported even when an earlier field is also wrong.
        #expect(throws: ActivationCodeError.self) { try ActivationCode.decode("2$smdp.example.com$é") }
        do {
            _ = try ActivationCode.decode("2$smdp.example.com$é")
        } catch {
            #expect(error.code == .nonASCIICharacter)
        }
        do {
            _ = try ActivationCode.decode("LPA:1$smdp_x.example.com$A_B")
        } catch {
            #expect(error.code == .invalidAddressCharacter)
        }
    }

    // MARK: Drip-feed

    static let dripFeedCodes = [
        "LPA:1$SMDP.EXAMPLE.COM$04386-AGYFT-A74Y8-3F815$1.3.6.1.4.1.31746$1",
        "LPA:1$smdp.example.com$ABC$$1$F54172BDF98A95D65CBEB88A38A1C11D800A85C3$1",
        "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA%3A1%24smdp.example.com%24K2-3F-AB",
        "1$[2001:db8::1]:8443$ABC$$0",
    ]

    @Test("every strict prefix of a valid code fails or decodes cleanly", arguments: dripFeedCodes)
    func dripFeed(_ full: String) throws {
        let scalars = Array(full.unicodeScalars)
        for length in 0..<scalars.count {
            var prefix = ""
            prefix.unicodeScalars.append(contentsOf: scalars[..<length])
            do {
                let decoded = try ActivationCode.decode(prefix)
                // A prefix that decodes must round-trip through its canonical form.
                let again = try ActivationCode.decode(decoded.code.canonicalText, strict: false)
                #expect(again.code == decoded.code, "prefix \(length)")
                // Until the matching-ID separator, a prefix is never silently complete.
                let separators = prefix.unicodeScalars.filter { $0 == "$" }.count
                if decoded.wrapper == nil && separators < 2 {
                    #expect(decoded.warnings.map(\.code).contains(.missingMatchingID), "prefix \(length)")
                }
            } catch {
                #expect((error.offset ?? -1) >= 0 && (error.offset ?? -1) <= length, "prefix \(length): offset \(String(describing: error.offset))")
                // Lenient decoding reports deviations as warnings: only errors throw.
                #expect(!error.code.isDeviation, "prefix \(length): \(error)")
                #expect(!error.message.isEmpty)
            }
        }
    }

    // MARK: Round trips

    @Test("fields 6 and 7 of spaces, letters and digits: refused for an edge space, or read back equal from the canonical text")
    func edgeSpacesRoundTrip() throws {
        let pieces = ["", " ", "A", "b", "1", "  ", " A", "A ", "A B", "AB"]
        var refused = 0
        for sixth in pieces {
            for seventh in pieces {
                for suffix in ["", "$", " "] {
                    let text = "1$h.example.com$M$$$" + sixth + "$" + seventh + suffix
                    let decoded: DecodedActivationCode
                    do { decoded = try ActivationCode.decode(text) } catch {
                        // A lone '1' in field 6 is the flag one field too late (unless field 7 is refused first).
                        let expected: Set<ActivationCodeError.Code> = sixth == "1" ? [.misplacedConfirmationFlag, .whiteSpaceInField] : [.whiteSpaceInField]
                        #expect(expected.contains(error.code), "\(text.debugDescription): \(error)")
                        if error.code == .whiteSpaceInField { refused += 1 }
                        continue
                    }
                    let again = try ActivationCode.decode(decoded.code.canonicalText)
                    #expect(again.code == decoded.code, "\(text.debugDescription) → \(decoded.code.canonicalText.debugDescription)")
                }
            }
        }
        #expect(refused > 0)
    }

    @Test("decoding the canonical text gives an equal value", arguments: specExamples.map(\.text) + acceptedSilently.map(\.0))
    func canonicalRoundTrip(_ text: String) throws {
        let code = try ActivationCode(text)
        let canonical = code.canonicalText
        #expect(canonical.hasPrefix("LPA:1$"))
        #expect(!canonical.hasSuffix("$$"))
        let again = try ActivationCode.decode(canonical, strict: true)
        #expect(again.code == code)
        #expect(again.warnings.isEmpty)
        #expect(again.code.canonicalText == canonical)
    }

    @Test("canonical form drops needless trailing fields and a zero flag")
    func canonicalForms() throws {
        #expect(try ActivationCode("1$smdp.example.com$ABC$$$$").canonicalText == "LPA:1$smdp.example.com$ABC")
        #expect(try ActivationCode("1$smdp.example.com$ABC$$0").canonicalText == "LPA:1$smdp.example.com$ABC")
        #expect(try ActivationCode("1$smdp.example.com").canonicalText == "LPA:1$smdp.example.com$")
        #expect(try ActivationCode("lpa:1$smdp.example.com$A$$$$").canonicalText == "LPA:1$smdp.example.com$A")
        #expect(try ActivationCode("1$h.example.com$A$$$ab12$7").canonicalText == "LPA:1$h.example.com$A$$$ab12$7")
    }

    @Test("randomised valid codes round-trip through text and both setup links")
    func randomRoundTrip() throws {
        var generator = SplitMix64(seed: 0x5EED_2026)
        for _ in 0..<2000 {
            let code = ActivationCode.random(using: &generator)
            let decoded = try ActivationCode.decode(code.canonicalText, strict: true)
            #expect(decoded.code == code, "\(code.canonicalText)")
            for link in SetupLink.allCases {
                let viaLink = try ActivationCode.decode(code.setupLinkText(link), strict: true)
                #expect(viaLink.code == code)
                #expect(viaLink.wrapper == link)
            }
        }
    }
}

/// The shared deterministic generator (ESIMSupport), with random edits for the tests.
extension SplitMix64 {
    /// `bytes` with one to four random edits: a byte replaced, inserted or removed, new
    /// bytes drawn from `alphabet` (any byte when it is empty).
    mutating func mutated(_ bytes: [UInt8], alphabet: [UInt8] = []) -> [UInt8] {
        var bytes = bytes
        for _ in 0...(next() % 3) {
            let position = Int(next() % UInt64(bytes.count))
            let byte = alphabet.isEmpty ? UInt8(truncatingIfNeeded: next()) : alphabet[Int(next() % UInt64(alphabet.count))]
            switch next() % 3 {
            case 0: bytes[position] = byte
            case 1: bytes.insert(byte, at: position)
            default: if bytes.count > 1 { bytes.remove(at: position) }
            }
        }
        return bytes
    }
}

extension ActivationCode {
    /// A random code that obeys every SGP.22 rule.
    static func random(using generator: inout SplitMix64) -> ActivationCode {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        func label() -> String {
            let length = Int.random(in: 1...12, using: &generator)
            var text = String((0..<length).map { _ in letters.randomElement(using: &generator)! })
            if length > 2 && Bool.random(using: &generator) {
                let index = text.index(text.startIndex, offsetBy: length / 2)
                text.replaceSubrange(index...index, with: "-")
            }
            return text
        }
        let tld = ["com", "net", "org", "io", "example"].randomElement(using: &generator)!
        let host = (0..<Int.random(in: 1...3, using: &generator)).map { _ in label() }.joined(separator: ".") + "." + tld
        let idAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")
        let matchingID = String((0..<Int.random(in: 0...40, using: &generator)).map { _ in idAlphabet.randomElement(using: &generator)! })
        let oid: String? = Bool.random(using: &generator)
            ? "\(Int.random(in: 0...2, using: &generator)).\(Int.random(in: 0...39, using: &generator))."
                + (0..<Int.random(in: 0...5, using: &generator)).map { _ in String(Int.random(in: 1...99999, using: &generator)) }.joined(separator: ".")
            : nil
        let cleanedOID = oid.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
        let keyID: String? = Int.random(in: 0..<4, using: &generator) == 0
            ? String((0..<40).map { _ in Array("0123456789ABCDEF").randomElement(using: &generator)! })
            : nil
        return ActivationCode(smdpAddress: host, matchingID: matchingID, smdpOID: cleanedOID,
                              confirmationCodeRequired: Bool.random(using: &generator), ciPublicKeyID: keyID)
    }
}

/// The decoder takes a one-pass route for the common shape and the full rule-by-rule
/// route otherwise; they must agree on every input.
@Suite("ActivationCode fast and detailed paths")
struct ActivationCodePathTests {
    static func bothPaths(_ input: String) {
        for strict in [false, true] {
            let fast = Result { () throws(ActivationCodeError) in try ActivationCode.decode(input, strict: strict) }
            let detailed = ActivationCode.decodeInDetail(input, strict: strict)
            #expect(fast == detailed, "\(input) strict=\(strict)")
        }
    }

    @Test("every table input gives the same result on both paths")
    func tables() {
        let inputs = ActivationCodeTests.errors.map(\.0) + ActivationCodeTests.warnings.map(\.0)
            + ActivationCodeTests.acceptedSilently.map(\.0) + ActivationCodeTests.specExamples.map(\.text)
            + ActivationCodeTests.dripFeedCodes
        for input in inputs { Self.bothPaths(input) }
    }

    /// Found by fuzzing: the one-pass route gave the port warning (an error under strict)
    /// before it had seen the rest of the code, while the detailed route reports a bad
    /// character anywhere first.
    @Test("with a port, a bad character after the address is the error on both paths, strict or not", arguments: [
        "1$smdp.example.com:8443$TE\u{FFFD}-0001", "1$smdp.example.com:8443$TEST$1.3.6\u{7}", "LPA:1$smdp.example.com:443$A$$1$\u{E9}",
    ])
    func portThenBadCharacter(_ input: String) {
        Self.bothPaths(input)
        let error = #expect(throws: ActivationCodeError.self) { try ActivationCode.decode(input, strict: true) }
        #expect(error?.code == .nonASCIICharacter || error?.code == .controlCharacter)
    }

    @Test("random single-character edits of valid codes give the same result on both paths")
    func mutations() throws {
        var generator = SplitMix64(seed: 0xD1FF)
        let alphabet: [Character] = Array("aZ09-._$:%24/ @\u{7}é1$$.-") + ["\u{0}", "\t"]
        for _ in 0..<3000 {
            var characters = Array(ActivationCode.random(using: &generator).canonicalText)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: 0...characters.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: characters.insert(alphabet.randomElement(using: &generator)!, at: position)
                case 1 where position < characters.count: characters.remove(at: position)
                default:
                    if position < characters.count {
                        characters[position] = alphabet.randomElement(using: &generator)!
                    }
                }
            }
            Self.bothPaths(String(characters))
        }
    }
}

@Suite("ActivationCode fields")
struct ActivationCodeFieldTests {
    @Test("a code built from fields keeps them, and setters rebuild it")
    func memberwise() throws {
        var code = ActivationCode(smdpAddress: "smdp.example.com", matchingID: "ABC", smdpOID: "",
                                  confirmationCodeRequired: true)
        #expect(code.smdpOID == nil) // empty and absent are the same field
        #expect(code.canonicalText == "LPA:1$smdp.example.com$ABC$$1")
        code.matchingID = "XYZ-9"
        code.smdpOID = "1.3.6.1.4.1.31746"
        code.smdpAddress = "rsp.example.net"
        #expect(code.canonicalText == "LPA:1$rsp.example.net$XYZ-9$1.3.6.1.4.1.31746$1")
        #expect(try ActivationCode(code.canonicalText) == code)
    }

    @Test("equality and hashing follow the fields, not the text they came from")
    func equality() throws {
        let a = try ActivationCode("  lpa:1$smdp.example.com$ABC$$1$$ ")
        let b = ActivationCode(smdpAddress: "smdp.example.com", matchingID: "ABC", confirmationCodeRequired: true)
        let c = try ActivationCode("LPA:1$smdp.example.com$ABD$$1")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
    }

    @Test("very long fields given to the memberwise initialiser are kept whole and then rejected")
    func longFields() {
        let long = String(repeating: "a", count: 70_000)
        let code = ActivationCode(smdpAddress: "smdp.example.com", matchingID: long)
        #expect(code.matchingID.count == 70_000)
        #expect(throws: ActivationCodeError.self) { try code.validated() }
    }
}
