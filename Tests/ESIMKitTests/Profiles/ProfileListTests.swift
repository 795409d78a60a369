import ESIMMarkup
import Testing
@testable import ESIMKit
import ESIMSupport

/// Builds DER by hand, independently of the encoder under test.
func tlv(_ tag: [UInt8], _ content: [UInt8]) -> [UInt8] {
    let count = content.count
    let length: [UInt8] = count < 0x80 ? [UInt8(count)] : count < 0x100 ? [0x81, UInt8(count)] : [0x82, UInt8(count >> 8), UInt8(count & 0xFF)]
    return tag + length + content
}

func hexBytes(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8)
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
}

/// Every strict prefix of `bytes` (but the lengths in `whole`) is refused as empty or truncated.
func expectPrefixesFail(_ bytes: [UInt8], except whole: Set<Int> = []) {
    for length in 0..<bytes.count where !whole.contains(length) {
        do {
            _ = try ProfileList(derEncoded: Array(bytes[..<length]))
            Issue.record("prefix \(length) accepted")
        } catch {
            #expect([.empty, .truncatedDER].contains(error.code), "prefix \(length): \(error)")
        }
    }
}

@Suite("Profile list: SGP.22 DER")
struct ProfileDERTests {
    /// ICCID 8901260000000000014 in swapped BCD, F-padded.
    static let iccid = hexBytes("981062000000000010F4")
    static let profile = tlv([0xE3], tlv([0x5A], iccid) + tlv([0x4F], hexBytes("A0000005591010FFFFFFFF8900001000"))
        + tlv([0x9F, 0x70], [1]) + tlv([0x90], Array("Work".utf8)) + tlv([0x91], Array("Example Wireless".utf8))
        + tlv([0x92], Array("Example 5G".utf8)) + tlv([0x93], [1]) + tlv([0x94], [0x89, 0x50, 0x4E, 0x47])
        + tlv([0x95], [0]) + tlv([0xB7], tlv([0x80], [0x13, 0x00, 0x62])) + tlv([0x99], [0x05, 0x60]))
    static let list = tlv([0xBF, 0x2D], tlv([0xA0], profile))
    static let eid = tlv([0xBF, 0x3E], tlv([0x5A], hexBytes("89049032000000000000000000012385")))

    @Test("a profile list and an EID response")
    func decode() throws {
        let decoded = try ProfileList(derEncoded: Self.list + Self.eid)
        #expect(decoded.format == .der)
        #expect(decoded.eid == "89049032000000000000000000012385")
        #expect(decoded.diagnostics.isEmpty)
        let profile = try #require(decoded.profiles.first)
        #expect(profile.iccid == "8901260000000000014")
        #expect(profile.isdpAID == "A0000005591010FFFFFFFF8900001000")
        #expect(profile.state == .enabled)
        #expect(profile.nickname == "Work")
        #expect(profile.serviceProviderName == "Example Wireless")
        #expect(profile.profileName == "Example 5G")
        #expect(profile.iconType == .png)
        #expect(profile.icon == [0x89, 0x50, 0x4E, 0x47])
        #expect(profile.profileClass == .test)
        #expect(profile.owner == ProfileOwner(mcc: "310", mnc: "260"))
        #expect(profile.policyRules?.ruleNames == ["ppr1", "ppr2"])
    }

    @Test("an absent class is operational (SGP.22 DEFAULT); unknown values are unknown(N)")
    func defaultsAndUnknowns() throws {
        let body = tlv([0x5A], Self.iccid) + tlv([0x9F, 0x70], [7]) + tlv([0x93], [9])
        let decoded = try ProfileList(derEncoded: tlv([0xBF, 0x2D], tlv([0xA0], tlv([0xE3], body))))
        let profile = try #require(decoded.profiles.first)
        #expect(profile.profileClass == .operational)
        #expect(profile.state == .unknown("unknown(7)"))
        #expect(profile.iconType == .unknown("unknown(9)"))
        let withClass = try ProfileList(derEncoded: tlv([0xBF, 0x2D], tlv([0xA0], tlv([0xE3], tlv([0x95], [4])))))
        #expect(withClass.profiles.first?.profileClass == .unknown("unknown(4)"))
    }

    @Test("an empty list, and a two-digit MNC owner")
    func emptyAndOwner() throws {
        #expect(try ProfileList(derEncoded: tlv([0xBF, 0x2D], tlv([0xA0], []))).profiles.isEmpty)
        let owner = tlv([0xE3], tlv([0xB7], tlv([0x80], [0x32, 0xF4, 0x01]) + tlv([0x82], [0x01, 0x02])))
        let decoded = try ProfileList(derEncoded: tlv([0xBF, 0x2D], tlv([0xA0], owner)))
        #expect(decoded.profiles.first?.owner == ProfileOwner(mcc: "234", mnc: "10", gid2: "0102"))
    }

    @Test("a failing check digit is kept and reported")
    func checkDigits() throws {
        let bad = tlv([0xE3], tlv([0x5A], hexBytes("981062000000000010F5")))
        let decoded = try ProfileList(derEncoded: tlv([0xBF, 0x2D], tlv([0xA0], bad)))
        #expect(decoded.profiles.first?.iccid == "8901260000000000015")
        #expect(decoded.diagnostics.map(\.code) == [.checkDigits])
        #expect(decoded.hasProblems)
    }

    @Test("rejects", arguments: [
        ([], ProfileError.Code.empty),
        ([0x30, 0x00], .unexpectedTag),
        ([0xBF, 0x2D, 0x03, 0x81, 0x01, 0x01], .euiccError),
        ([0xBF, 0x2D, 0x00], .unexpectedTag),
        ([0xBF, 0x2D, 0x03, 0xA0, 0x10, 0xE3] + [UInt8](repeating: 0, count: 20), .invalidLength),
        ([0xBF, 0x2D, 0x09, 0xA0, 0x07], .truncatedDER),
        ([0xBF, 0x2D, 0x80, 0xA0, 0x00, 0x00, 0x00], .invalidLength),
        ([0xBF, 0x2D, 0x06, 0xA0, 0x04, 0xE3, 0x02, 0x5A, 0x00], .invalidValue),
        ([0xBF, 0x2D, 0x08, 0xA0, 0x06, 0xE3, 0x04, 0x90, 0x02, 0xC3, 0x28], .invalidValue),
        ([0xBF, 0x2D, 0x09, 0xA0, 0x07, 0xE3, 0x05, 0x9F, 0x70, 0x02, 0x00, 0x01], .invalidValue),
        ([0xBF, 0x2D, 0x0A, 0xA0, 0x08, 0xE3, 0x06, 0x90, 0x00, 0x90, 0x00, 0x91, 0x00], .unexpectedTag),
        ([0xBF, 0x2D, 0x04, 0xA0, 0x02, 0x30, 0x00], .unexpectedTag),
        ([0xBF, 0x3E, 0x04, 0x5A, 0x02, 0x89, 0x04], .invalidValue),
        ([0xBF, 0x2D, 0x02, 0xA0, 0x00, 0x00], .truncatedDER),
    ] as [([UInt8], ProfileError.Code)])
    func rejects(_ bytes: [UInt8], _ code: ProfileError.Code) {
        do {
            let list = try ProfileList(derEncoded: bytes)
            Issue.record("accepted: \(list)")
        } catch {
            #expect(error.code == code, "\(bytes): \(error)")
        }
    }

    @Test("every strict prefix fails cleanly")
    func dripFeed() {
        // The list alone is a whole response.
        expectPrefixesFail(Self.list + Self.eid, except: [Self.list.count])
    }

    /// What broken DER is refused as: never a JSON, XML or format error.
    static let derRefusals: Set<ProfileError.Code> = [.empty, .truncatedDER, .invalidLength, .invalidDER, .unexpectedTag, .invalidValue, .euiccError]

    @Test("random byte changes, insertions and deletions: a list or a named error, never a crash")
    func mutations() {
        var generator = SplitMix64(seed: 0xD3A)
        let original = Self.list + Self.eid
        var accepted = 0
        for _ in 0..<5_000 {
            let bytes = generator.mutated(original)
            do {
                let list = try ProfileList(derEncoded: bytes)
                accepted += 1
                for profile in list.profiles { _ = profile.iccid; _ = profile.state.map { "\($0)" } }
            } catch {
                #expect(Self.derRefusals.contains(error.code), "\(error)")
                #expect(!error.message.isEmpty)
            }
        }
        // Changes inside string and number values leave valid DER: some must read.
        #expect(accepted > 0)
    }

    @Test("encoding reads back as the same list")
    func roundTrip() throws {
        let decoded = try ProfileList(derEncoded: Self.list + Self.eid)
        let encoded = try decoded.derEncoded()
        #expect(try ProfileList(derEncoded: encoded) == decoded)
        // The hand-built input is canonical DER except its explicit class: re-encoding keeps the rest byte for byte.
        let lpac = try ProfileList(reading: Array(Self.lpacLine.utf8))
        var again = try ProfileList(derEncoded: try lpac.derEncoded())
        again.format = .lpac
        #expect(again.profiles == lpac.profiles)
    }

    static let lpacLine = #"{"type":"lpa","payload":{"code":0,"message":"success","data":[{"iccid":"8901260000000000014","isdpAid":"a0000005591010ffffffff8900001000","profileState":"enabled","profileNickname":null,"serviceProviderName":"Example","profileName":"P","iconType":null,"icon":null,"profileClass":"provisioning"}]}}"#

    @Test("hex and base64 forms of the same DER")
    func textForms() throws {
        let hex = (Self.list + Self.eid).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let spaced = stride(from: 0, to: hex.count, by: 32).map { start in
            String(hex.dropFirst(start).prefix(32))
        }.joined(separator: "\n")
        let fromHex = try ProfileList(reading: Array(spaced.utf8))
        #expect(fromHex == (try ProfileList(derEncoded: Self.list + Self.eid)))
        let base64 = Base64.encode(Self.list)
        #expect(try ProfileList(reading: Array(base64.utf8)).profiles.count == 1)
        do {
            _ = try ProfileList(reading: Array("BF2D0".utf8))
            Issue.record("odd hex accepted")
        } catch {
            #expect(error.code == .invalidDER)
        }
    }
}

@Suite("Profile list: lpac JSON")
struct ProfileLPACTests {
    @Test("emitted and documented spellings read the same")
    func spellings() throws {
        let emitted = #"{"type":"lpa","payload":{"code":0,"message":"success","data":[{"iccid":"8901260000000000014","profileState":"enabled","iconType":"jpeg","profileClass":"operational"},{"iccid":"89440000000000000028","profileState":"disabled","iconType":null,"profileClass":"test"}]}}"#
        let documented = """
        {
          "type": "lpa",
          "payload": {
            "code": 0, "message": "success",
            "data": [
              {"iccid": "8901260000000000014", "profileState": "Enabled", "iconType": "jpg", "profileClass": "operational"},
              {"iccid": "89440000000000000028", "profileState": "Disabled", "iconType": "none", "profileClass": "test"}
            ]
          }
        }
        """
        let a = try ProfileList(reading: Array(emitted.utf8))
        let b = try ProfileList(reading: Array(documented.utf8))
        #expect(a.profiles == b.profiles)
        #expect(a.profiles.map(\.state) == [.enabled, .disabled])
        #expect(a.profiles.map(\.iconType) == [.jpeg, nil])
        #expect(a.diagnostics.isEmpty)
    }

    @Test("null anywhere is tolerated")
    func nulls() throws {
        for text in [
            #"{"type":"lpa","payload":null}"#,
            #"{"type":"lpa","payload":{"code":null,"message":null,"data":null}}"#,
            #"{"type":"lpa","payload":{"code":0,"message":"success","data":[null,{"iccid":null,"profileState":null,"iconType":null,"profileClass":null}]}}"#,
            #"{"type":"progress","payload":{"code":0,"message":"es10c_get_profiles_info","data":null}}"#,
        ] {
            let list = try ProfileList(reading: Array(text.utf8))
            #expect(list.format == .lpac)
            #expect(!list.diagnostics.contains { $0.code == .invalidJSONLine }, "\(text)")
        }
    }

    @Test("malformed lines are reported by number and the rest are read")
    func brokenLines() throws {
        let text = """
        {"type":"progress","payload":{"code":0,"message":"es10c_get_profiles_info","data":null}}
        {"type":"lpa","payload":{"code":0,
        {"type":"lpa","payload":{"code":0,"message":"success","data":[{"iccid":"8901260000000000014","profileState":"enabled"}]}}
        not json at all
        {"type":"lpa","payload":{"code":-1,"message":"es10c_get_profiles_info","data":"6A88"}}
        """
        let list = try ProfileList(reading: Array(text.utf8))
        #expect(list.profiles.count == 1)
        #expect(list.diagnostics.map(\.line) == [2, 4, 5])
        #expect(list.diagnostics.map(\.code) == [.invalidJSONLine, .invalidJSONLine, .lpaError])
        #expect(list.hasProblems)
    }

    @Test("chip info: the EID and addresses")
    func chipInfo() throws {
        let text = #"{"type":"lpa","payload":{"code":0,"message":"success","data":{"eidValue":"89049032000000000000000000012385","EuiccConfiguredAddresses":{"defaultDpAddress":null,"rootDsAddress":"smds.example.com"}}}}"#
        let list = try ProfileList(reading: Array(text.utf8))
        #expect(list.eid == "89049032000000000000000000012385")
        #expect(list.rootSMDSAddress == "smds.example.com")
        #expect(list.defaultSMDPAddress == nil)
    }

    @Test("chip info: EUICCInfo2 with nulls, numbers and lpac's spellings")
    func euiccInfo() throws {
        let text = #"{"type":"lpa","payload":{"code":0,"message":"success","data":{"eidValue":"89049032000000000000000000012385","EuiccConfiguredAddresses":null,"EUICCInfo2":{"profileVersion":"2.1.0","svn":"2.2.0","euiccFirmwareVer":null,"extCardResource":{"installedApplication":0,"freeNonVolatileMemory":291666,"freeVolatileMemory":null},"uiccCapability":null,"rspCapability":["additionalProfile",null],"euiccCiPKIdListForVerification":["81370f5125d0b1d408d4c3b232e6d25e795bebfb"],"euiccCategory":"basicEuicc","sasAcreditationNumber":"EX-1"}}}}"#
        let list = try ProfileList(reading: Array(text.utf8))
        let chip = try #require(list.chip)
        #expect(chip.specificationVersion == "2.2.0" && chip.profileVersion == "2.1.0")
        #expect(chip.firmwareVersion == nil)
        #expect(chip.freeNonVolatileMemory == 291_666 && chip.freeVolatileMemory == nil && chip.installedApplications == 0)
        #expect(chip.uiccCapabilities.isEmpty && chip.rspCapabilities == ["additionalProfile"])
        #expect(chip.ciKeyIDsForVerification == ["81370F5125D0B1D408D4C3B232E6D25E795BEBFB"])
        #expect(chip.category == "basicEuicc" && chip.sasAccreditationNumber == "EX-1")
        #expect(!list.listsProfiles)
        // A profile list, even an empty one, is a list; chip info alone is not.
        let empty = try ProfileList(reading: Array(#"{"type":"lpa","payload":{"code":0,"message":"success","data":[]}}"#.utf8))
        #expect(empty.listsProfiles && empty.chip == nil)
    }

    @Test("rejects", arguments: [
        ("", ProfileError.Code.empty),
        ("   \n", .empty),
        ("{\"type\":", .invalidJSON),
        ("{\"hello\": 1}", .notEntitlement),
        ("hello world", .unrecognisedFormat),
        ("<html><body>x</body></html>", .notEntitlement),
        ("<?xml version=\"1.0\"?><wap-provisioningdoc>", .notEntitlement),
    ])
    func rejects(_ text: String, _ code: ProfileError.Code) {
        do {
            _ = try ProfileList(reading: Array(text.utf8))
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == code, "\(text): \(error)")
        }
    }

    @Test("every strict prefix of lpac output fails cleanly or reads what is complete")
    func dripFeed() {
        let text = Array(ProfileDERTests.lpacLine.utf8)
        for length in 0..<text.count {
            do {
                let list = try ProfileList(reading: Array(text[..<length]))
                #expect(list.hasProblems || list.profiles.isEmpty, "prefix \(length)")
            } catch {
                #expect([.empty, .invalidJSON, .unrecognisedFormat].contains(error.code), "prefix \(length): \(error)")
            }
        }
    }
}

@Suite("Entitlement response (TS.43)")
struct EntitlementResponseTests {
    static let code = "LPA:1$smdp.example.com$EXAMPLE-0001"

    @Test("XML: results, DownloadInfo with a base64 activation code, no token kept")
    func xml() throws {
        let xml = """
        <?xml version="1.0"?>
        <wap-provisioningdoc version="1.1">
          <characteristic type="VERS"><parm name="version" value="3"/><parm name="validity" value="3600"/></characteristic>
          <characteristic type="TOKEN"><parm name="token" value="SECRET"/></characteristic>
          <characteristic type="APPLICATION">
            <parm name="AppID" value="ap2009"/>
            <parm name="OperationResult" value="1"/>
            <parm name="SubscriptionResult" value="4"/>
            <characteristic type="downloadinfo">
              <parm name="profileactivationcode" value="\(Base64.encode(Array(Self.code.utf8)))"/>
              <parm name="ProfileSmdpAddress" value="smdp.example.com"/>
            </characteristic>
          </characteristic>
        </wap-provisioningdoc>
        """
        let list = try ProfileList(reading: Array(xml.utf8))
        let response = try #require(list.entitlement)
        #expect(response.version == "3")
        #expect(response.validitySeconds == 3600)
        let application = try #require(response.applications.first)
        #expect(application.appID == "ap2009")
        #expect(application.operationResult?.meaning == "success")
        #expect(application.subscriptionResult?.meaning == "download later")
        let download = try #require(application.downloads.first)
        #expect(download.activationCodeWasBase64)
        #expect(download.activationCode?.code.matchingID == "EXAMPLE-0001")
        #expect(download.smdpAddress == "smdp.example.com")
        #expect(!application.parameters.contains { $0.value == "SECRET" })
        #expect(!response.hasError)
    }

    @Test("JSON form: apNNNN objects, nested configuration")
    func json() throws {
        let text = #"{"Vers":{"version":"1","validity":"0"},"Token":{"token":"SECRET"},"ap2009":{"OperationResult":"101","PrimaryConfiguration":{"ServiceStatus":"3","DownloadInfo":{"ProfileActivationCode":"LPA:1$bad host$X"}}}}"#
        let response = try #require(try ProfileList(reading: Array(text.utf8)).entitlement)
        let application = try #require(response.applications.first)
        #expect(application.operationResult?.meaning == "invalid operation")
        #expect(application.serviceStatus?.meaning == "deactivated")
        #expect(response.hasError)
        #expect(application.downloads.first?.activationCode == nil)
        #expect(application.downloads.first?.activationCodeProblem != nil)
    }

    @Test("every prefix of an XML and a JSON response reads or fails with a named error, never a crash",
          arguments: ["entitlement-download.xml", "entitlement-configuration.json"])
    func dripFeed(_ name: String) throws {
        let bytes = try FileReader.read(PageSamples.root.path + "/Samples/Profiles/" + name)
        let allowed: Set<ProfileError.Code> = [.empty, .invalidJSON, .notEntitlement, .unrecognisedFormat]
        // The document without its trailing line break is whole; anything shorter is not.
        var end = bytes.count
        while end > 0, [0x0A, 0x0D, 0x20].contains(bytes[end - 1]) { end -= 1 }
        var read = 0
        for length in 0..<end {
            do throws(ProfileError) {
                let list = try ProfileList(reading: Array(bytes[..<length]))
                #expect(list.format == ProfileList.Format.entitlement, "prefix \(length)")
                read += 1
            } catch {
                #expect(allowed.contains(error.code), "prefix \(length): \(error)")
            }
        }
        // XML is parsed in recovery mode: a document cut after its root opened still reads.
        if name.hasSuffix(".json") { #expect(read == 0) }
    }

    @Test("random changes to lpac output and entitlement XML: a list or a named error, never a crash",
          arguments: ["lpac-profile-list.jsonl", "entitlement-download.xml", "entitlement-configuration.json"])
    func mutations(_ name: String) throws {
        let original = try FileReader.read(PageSamples.root.path + "/Samples/Profiles/" + name)
        // Bytes that matter to the syntax, so mutations break structure as well as values.
        let alphabet = Array("{}[]\":,<>/=\\ \n0aZ\u{00}\u{FF}".utf8)
        var generator = SplitMix64(seed: UInt64(name.utf8.count))
        for _ in 0..<1_500 {
            let bytes = generator.mutated(original, alphabet: alphabet)
            do throws(ProfileError) {
                _ = try ProfileList(reading: bytes)
            } catch {
                // Mutated text is refused as text (JSON, not an entitlement document, no known
                // form), or — once a NUL or 0xFF makes it binary — as the DER it is then read as.
                let text: Set<ProfileError.Code> = [.empty, .invalidJSON, .notEntitlement, .unrecognisedFormat]
                #expect(text.union(ProfileDERTests.derRefusals).contains(error.code), "\(error)")
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test("unknown result codes are unknown(N), not failures")
    func unknownCodes() throws {
        let text = #"{"ap2009":{"OperationResult":"42","SubscriptionResult":"99"}}"#
        let application = try #require(try ProfileList(reading: Array(text.utf8)).entitlement?.applications.first)
        #expect(application.operationResult?.meaning == "unknown(42)")
        #expect(application.subscriptionResult?.meaning == "unknown(99)")
    }
}

@Suite("Profile list: EUICCInfo2 DER")
struct EUICCInfoDERTests {
    static let keyID = hexBytes("F54172BDF98A95D65CBEB88A38A1C11D800A85C3")
    static func info(_ extra: [UInt8] = [], resource: [UInt8] = hexBytes("8101088204000186A083022EE0"),
                     version: [UInt8] = [2, 2, 2]) -> [UInt8] {
        tlv([0xBF, 0x22], tlv([0x81], [2, 1, 0]) + tlv([0x82], version) + tlv([0x83], [4, 3, 1]) + tlv([0x84], resource)
            + tlv([0x85], [0x01, 0x68, 0x02]) + tlv([0x87], [2, 3, 1]) + tlv([0x88], [0x04, 0x90])
            + tlv([0xA9], tlv([0x04], keyID)) + tlv([0xAA], tlv([0x04], keyID)) + tlv([0x8B], [2]) + tlv([0x99], [0x06, 0x40])
            + tlv([0x04], [1, 2, 0]) + tlv([0x0C], Array("EX-SAS-0001".utf8))
            + tlv([0xAC], tlv([0x80], Array("EX-PLATFORM-01".utf8)) + tlv([0x81], Array("https://dloa.example.com".utf8))) + extra)
    }

    @Test("every kept field, from hand-built DER")
    func decode() throws {
        let list = try ProfileList(derEncoded: Self.info())
        let chip = try #require(list.chip)
        #expect(chip.profileVersion == "2.1.0" && chip.specificationVersion == "2.2.2" && chip.firmwareVersion == "4.3.1")
        #expect(chip.installedApplications == 8 && chip.freeNonVolatileMemory == 100_000 && chip.freeVolatileMemory == 12_000)
        #expect(chip.uiccCapabilities == ["usimSupport", "isimSupport", "akaMilenage", "javacard"])
        #expect(chip.rspCapabilities == ["additionalProfile", "testProfileSupport"])
        #expect(chip.globalPlatformVersion == "2.3.1" && chip.javaCardVersion == nil)
        #expect(chip.ciKeyIDsForVerification == ["F54172BDF98A95D65CBEB88A38A1C11D800A85C3"])
        #expect(chip.ciKeyIDsForSigning == chip.ciKeyIDsForVerification)
        #expect(chip.category == "mediumEuicc" && chip.ppVersion == "1.2.0" && chip.sasAccreditationNumber == "EX-SAS-0001")
        #expect(chip.forbiddenPolicyRules == ["ppr1"])
        #expect(chip.platformLabel == "EX-PLATFORM-01" && chip.discoveryBaseURL == "https://dloa.example.com")
        #expect(!list.listsProfiles && list.profiles.isEmpty && list.diagnostics.isEmpty)
        // Beside a profile list and an EID, in any order.
        let all = try ProfileList(derEncoded: Self.info() + ProfileDERTests.list + ProfileDERTests.eid)
        #expect(all.chip == chip && all.profiles.count == 1 && all.eid != nil)
    }

    @Test("unknown elements are skipped with a warning; unknown bits and categories are kept by number")
    func unknowns() throws {
        let list = try ProfileList(derEncoded: Self.info(tlv([0x9F, 0x20], [1])))
        #expect(list.diagnostics.map(\.code) == [.unknownElement])
        let bits = try ProfileList(derEncoded: tlv([0xBF, 0x22], tlv([0x88], [0x02, 0x00, 0x04]) + tlv([0x8B], [7])))
        #expect(bits.chip?.rspCapabilities == ["bit(13)"])
        #expect(try ProfileList(derEncoded: try bits.derEncoded()) == bits)
        #expect(bits.chip?.category == "unknown(7)")
        // Forbidden rules past the named ones, and a certification object with one string and
        // an unknown element: kept, skipped with a warning, and written back the same.
        let partial = try ProfileList(derEncoded: tlv([0xBF, 0x22], tlv([0x99], [0x04, 0x30]) + tlv([0xAC], tlv([0x81], Array("u".utf8)) + tlv([0x82], [1]))))
        #expect(partial.chip?.forbiddenPolicyRules == ["ppr2", "bit(3)"])
        #expect(partial.chip?.platformLabel == nil && partial.chip?.discoveryBaseURL == "u")
        #expect(partial.diagnostics.map(\.code) == [.unknownElement])
        #expect(try ProfileList(derEncoded: try partial.derEncoded()).chip == partial.chip)
    }

    @Test("malformed fields are refused by code at their offset", arguments: [
        (info(version: [2, 2]), ProfileError.Code.invalidValue),
        (info(resource: [0x81]), .truncatedDER),
        (info(resource: [0x82, 0x04, 0x01]), .invalidLength),
        (info(resource: [0x82, 0x09] + [UInt8](repeating: 1, count: 9)), .invalidLength),
        (tlv([0xBF, 0x22], tlv([0xA9], tlv([0x0C], [0x41]))), .unexpectedTag),
        (tlv([0xBF, 0x22], tlv([0xA9], [])) + [0x00], .truncatedDER),
        ([0xBF, 0x22, 0x81, 0x02, 0xA9, 0x00], .invalidLength),
        (tlv([0xBF, 0x22], tlv([0x82], [2, 2, 2]) + tlv([0x0C], [0xFF])), .invalidValue),
        (tlv([0xBF, 0x22], tlv([0x8C], Array("label".utf8))), .unexpectedTag),
        (tlv([0xBF, 0x22], tlv([0xAC], tlv([0x80], [0xC3]))), .invalidValue),
        (tlv([0xBF, 0x22], tlv([0x99], [0x08, 0x40])), .invalidDER),
    ] as [([UInt8], ProfileError.Code)])
    func rejects(_ bytes: [UInt8], _ code: ProfileError.Code) {
        do {
            _ = try ProfileList(derEncoded: bytes)
            Issue.record("accepted")
        } catch {
            #expect(error.code == code, "\(error)")
            #expect(error.offset != nil)
        }
    }

    @Test("every strict prefix fails cleanly")
    func dripFeed() {
        expectPrefixesFail(Self.info())
    }

    @Test("random edits: chip information or a named error, never a crash")
    func mutations() {
        var generator = SplitMix64(seed: 0xB22)
        var accepted = 0
        for _ in 0..<3_000 {
            do {
                let list = try ProfileList(derEncoded: generator.mutated(Self.info()))
                accepted += 1
                _ = list.chip?.uiccCapabilities
            } catch {
                #expect(ProfileDERTests.derRefusals.contains(error.code), "\(error)")
                #expect(!error.message.isEmpty)
            }
        }
        #expect(accepted > 0)
    }

    @Test("trusted issuers are named; a card trusting only SGP.26 test CIs is told apart")
    func issuers() throws {
        let test = try #require(try ProfileList(derEncoded: Self.info()).chip)
        #expect(test.trustedIssuers.map { $0?.name } == ["GSMA test CI (SGP.26, NIST)"])
        #expect(test.trustsOnlyTestIssuers)
        var mixed = test
        mixed.ciKeyIDsForVerification = ["81370f5125d0b1d408d4c3b232e6d25e795bebfb", "F54172BDF98A95D65CBEB88A38A1C11D800A85C3"]
        #expect(mixed.trustedIssuers.map { $0?.isProduction } == [true, false])
        #expect(!mixed.trustsOnlyTestIssuers)
        mixed.ciKeyIDsForVerification = ["00112233445566778899AABBCCDDEEFF00112233"]
        #expect(mixed.trustedIssuers == [nil] && !mixed.trustsOnlyTestIssuers)
        mixed.ciKeyIDsForVerification = []
        #expect(!mixed.trustsOnlyTestIssuers)
    }

    @Test("lpac's later ts102241Version spelling reads as the [6] version; forbidden rules and certification data are read")
    func lpacSpelling() throws {
        let text = #"{"type":"lpa","payload":{"code":0,"message":"success","data":{"EUICCInfo2":{"ts102241Version":"9.2.0","svn":"2.2.2","forbiddenProfilePolicyRules":["ppr2"],"certificationDataObject":{"platformLabel":"EX-PLATFORM-02","discoveryBaseURL":"https://dloa.example.org"}}}}}"#
        let chip = try #require(try ProfileList(reading: Array(text.utf8)).chip)
        #expect(chip.javaCardVersion == "9.2.0" && chip.specificationVersion == "2.2.2")
        #expect(chip.forbiddenPolicyRules == ["ppr2"])
        #expect(chip.platformLabel == "EX-PLATFORM-02" && chip.discoveryBaseURL == "https://dloa.example.org")
    }

    @Test("encoding reads back as the same information, from DER and from lpac's JSON")
    func roundTrip() throws {
        let decoded = try ProfileList(derEncoded: Self.info())
        let again = try ProfileList(derEncoded: try decoded.derEncoded())
        #expect(again == decoded)
        let lpac = try ProfileList(reading: try FileReader.read(PageSamples.root.path + "/Samples/Profiles/lpac-chip-info.json"))
        let fromLPAC = try ProfileList(derEncoded: try lpac.derEncoded())
        #expect(fromLPAC.chip == lpac.chip)
        #expect(fromLPAC.eid == lpac.eid)
    }
}

@Suite("SGP22Enumeration")
struct SGP22EnumerationTests {
    func check<T: SGP22Enumeration>(_ type: T.Type, text: (String) -> T?) {
        for (known, value, spellings) in T.definitions {
            #expect(T(value: value) == known && known.label == spellings[0] && known.derValue == value && known.unknownText == nil)
            for spelling in spellings { #expect(text(spelling.uppercased()) == known, "\(spelling)") }
        }
        let other = T(value: 9)
        #expect(other.label == "unknown(9)" && other.derValue == 9 && other == .unknown("unknown(9)"))
        #expect(text("Sideways")?.label == "Sideways" && text("Sideways")?.derValue == nil)
    }

    @Test("values, labels and spellings of the three enumerations, and what they do not define")
    func enumerations() {
        check(ProfileState.self, text: ProfileState.init(text:))
        check(ProfileClass.self, text: ProfileClass.init(text:))
        check(IconType.self, text: IconType.init(text:))
        #expect(IconType(text: "none") == nil && IconType(text: "") == nil)
    }
}
