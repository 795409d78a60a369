import Foundation
import Testing
@testable import ESIMKit

/// The inputs libFuzzer found (Tests/FuzzRegressions/TARGET/, replayed through their
/// harnesses by `Scripts/fuzz replay`), fed here to the same entry points: each must give
/// a clean result or the named error. This file covers the ESIMKit targets.
@Suite("Fuzz regressions (ESIMKit)")
struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzRegressions")
    static let targets = ["activation-code", "identifiers", "rule-regex", "plan-text", "plan-feed", "profiles",
                          "profiles-der", "spec-yaml", "providers", "redact", "page-spec", "page-recognize",
                          "heuristic", "values"]

    /// The input as the harnesses read text: UTF-8, invalid sequences replaced.
    static func text(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: root.appendingPathComponent(name)), as: UTF8.self)
    }

    /// An activation code the fuzzer found and the error it now gets, and under strict.
    static let codes: [(file: String, code: ActivationCodeError.Code, strict: ActivationCodeError.Code)] = [
        // Read back without its field 6 of one space (fixed before the harnesses were committed).
        ("activation-code/space-key-id", .whiteSpaceInField, .whiteSpaceInField),
        // The one-pass route reported the port (strict) before the bad character after it.
        ("activation-code/port-then-invalid-utf8", .nonASCIICharacter, .nonASCIICharacter),
        // `$0$1` decoded; its canonical text `$$$1` was refused as a misplaced flag.
        // (Under strict, the flag `0` is the error first.)
        ("activation-code/flag-zero-then-key-one", .misplacedConfirmationFlag, .confirmationFlagZero),
    ]

    @Test("activation codes are refused with the named error on both decoder paths", arguments: codes)
    func activationCode(_ file: String, _ code: ActivationCodeError.Code, _ strictCode: ActivationCodeError.Code) throws {
        let text = try Self.text(file)
        for strict in [false, true] {
            let error = #expect(throws: ActivationCodeError.self) { try ActivationCode.decode(text, strict: strict) }
            #expect(error?.code == (strict ? strictCode : code), "strict: \(strict)")
            if let error { #expect(ActivationCode.decodeInDetail(text, strict: strict) == .failure(error)) }
        }
    }

    @Test("a rule regex whose loop can match nothing answers at once (fixed before the harnesses were committed)")
    func emptyLoop() throws {
        let text = try Self.text("rule-regex/empty-loop")
        let newline = try #require(text.firstIndex(of: "\n"))
        let regex = try RuleRegex(String(text[..<newline]))
        #expect(try regex.capture(in: String(text[text.index(after: newline)...])) == nil)
    }

    /// A declaration whose encoding name is bytes that are not UTF-8: read through the
    /// legacy-charset path, whose encoding handler leaked.
    @Test("a provider database with a garbage encoding declaration is malformed XML")
    func garbageEncoding() throws {
        let text = try Self.text("providers/garbage-encoding-declaration")
        let error = #expect(throws: ProviderDatabaseError.self) { try ProviderDatabase(xml: text, path: "p.xml") }
        #expect(error?.code == .malformedXML)
    }

    /// Texts where two detectors' matches overlapped: one pass replaced the first match
    /// only, and a second pass found the other on its own. In the last, an account label
    /// (`"acctmgmt"`) and a phone key (`a-mtn=`) took turns on one number without end: the
    /// account placeholder `000…` was read as a phone number.
    static let redactions = ["redact/email-in-short-matching-id", "redact/email-then-at", "redact/token-over-placeholders",
                             "redact/account-and-phone-key-oscillate"]

    @Test("redacting twice changes nothing where detectors' matches overlap; nothing of a token survives", arguments: redactions)
    func overlappingRedactions(_ file: String) throws {
        // Decoded as `redact` decodes a file (and as the harness does): UTF-8, else one byte a
        // character.
        let text = FileText.decode(Array(try Data(contentsOf: Self.root.appendingPathComponent(file)))).text
        let redactor = Redactor(key: Array("fuzz-redaction-key".utf8), allowed: ["5550100001"])
        let (once, findings) = redactor.redact(text)
        #expect(redactor.findings(in: once).isEmpty)
        #expect(redactor.redact(once).text == once)
        for finding in findings {
            #expect(0 <= finding.start && finding.start <= finding.end && finding.end <= text.utf8.count)
        }
        // Another key, the same promise.
        let other = Redactor(key: Array(repeating: 7, count: 32))
        #expect(other.redact(other.redact(text).text).text == other.redact(text).text)
        if file.hasSuffix("token-over-placeholders") {
            // The token's value held an activation code and an e-mail address: all of it goes.
            #expect(!once.contains("890440111190210223") && !once.contains("esim_qrcode"), "\(once.prefix(120))")
        }
    }

    /// An EUICCInfo2 whose extended card resource gives the free memory in eight bytes with
    /// the top bit set: read as a negative count, written back as its last byte.
    @Test("a card resource count past 2^63 - 1 is refused, naming the element; a negative count is never written")
    func cardResourceCount() throws {
        let bytes = Array(try Data(contentsOf: Self.root.appendingPathComponent("profiles-der/card-resource-count-past-int")))
        let error = #expect(throws: ProfileError.self) { try ProfileList(derEncoded: bytes) }
        #expect(error?.code == .invalidValue)
        #expect(error?.message.contains("extCardResource: element 82") == true, "\(error?.message ?? "")")
        var list = ProfileList(format: .der, chip: EUICCInfo(freeNonVolatileMemory: -5))
        #expect(throws: ProfileError.self) { try list.derEncoded() }
        list.chip = EUICCInfo(freeNonVolatileMemory: 0x7FFF_FFFF_FFFF_FFFF)
        #expect(try ProfileList(derEncoded: try list.derEncoded()).chip?.freeNonVolatileMemory == 0x7FFF_FFFF_FFFF_FFFF)
    }

    /// `used17%used Unlimited left`: an unlimited allowance with a share left, written
    /// `Unlimited (17%)`, which reads back as a share used.
    @Test("a usage statement of an unlimited allowance and a share left reads back from its text")
    func unlimitedShareLeft() throws {
        let statement = try UsageStatement(try Self.text("values/unlimited-with-share-left"))
        #expect(statement.allowance == .unlimited && statement.percentRemaining != nil && statement.percentUsed == nil)
        #expect(statement.description == "Unlimited 17% left")
        #expect(try UsageStatement(statement.description) == statement)
        // A share used beside an allowance keeps its brackets.
        let used = UsageStatement(allowance: .unlimited, percentUsed: try Percentage("17%"))
        #expect(used.description == "Unlimited (17%)")
        #expect(try UsageStatement(used.description) == used)
    }

    @Test("every regression input of these targets is checked here")
    func complete() throws {
        let checked = Set(Self.codes.map(\.file) + Self.redactions + ["rule-regex/empty-loop", "providers/garbage-encoding-declaration",
                                                                        "profiles-der/card-resource-count-past-int",
                                                                        "values/unlimited-with-share-left"])
        for target in Self.targets {
            let directory = Self.root.appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names where !name.hasPrefix(".") {
                #expect(checked.contains(target + "/" + name), "\(target)/\(name) has no test")
            }
        }
    }
}
