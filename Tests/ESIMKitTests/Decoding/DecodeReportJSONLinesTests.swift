import ESIMSupport
import Testing
@testable import ESIMKit

@Suite("DecodeReport JSON Lines")
struct DecodeReportJSONLinesTests {
    /// Every kind, valid and invalid, with warnings, wrappers, all seven fields, escapes in
    /// error messages and fields, and (below) carriers.
    static let inputs: [String] = [
        "LPA:1$smdp.example.com$ABC", "1$smdp.example.com$ABC", "lpa:1$SMDP.EXAMPLE.COM$abc-1",
        "LPA:1$smdp.example.com$ABC-1$1.3.6.1.4.1.31746$1", "LPA:1$smdp.example.com$A$$1",
        "LPA:1$smdp.example.com$A$$$F54172BDF98A95D65CBEB88A38A1C11D800A85C3",
        "LPA:1$smdp.example.com$A$1.2.3$0$AB12$x", "LPA:1$smdp.example.com$A$$1$$7th",
        "LPA:1$smdp.example.com:443$A", "LPA:1$smdp.example.com$$", "LPA:1$$ABC", "LPA:1$smdp_x.example$A",
        "LPA:1$smdp.example.com$A$$$1", "LPA:1$smdp.example.com$A$482913", "LPA:2$smdp.example.com$A",
        "  LPA:1$smdp.example.com$A  ", "LPA:1$smdp.example.com$A\"quote", "LPA:1$smdp.example.com$A\\b",
        "LPA:1$smdp.example.com$A\u{7F}", "LPA:1$smdp.example.com$A\u{2028}", "LPA:1$smdp.example.com$é",
        "LPA:1$smdp.example.com$A\u{1}", "LPA:1$smdp.example.com$A\tB",
        "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA%3A1%24smdp.example.com%24ABC",
        "https://esimsetup.android.com/esim_qrcode_provisioning?carddata=LPA:1$smdp.example.com$ABC",
        "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=%ZZ", "LPA:1%24x", "hello", "",
        "89014100000000000129", "8901 4100 0000 0000 0129", "89014100000000000128", "8901260000000000048F",
        "98101400000000001092", "981062000000000040F8", "8944000000000000000", "8999999999999999999",
        "89044011112233441122334411223321", "8904 4011 1122 3344 1122 3344 1122 3321",
        "89044011112233441122334411223322", "89001012012341234012345678901224",
        "310260000000001", "31026000001", "234150000000001", "001010000000001", "99999", "3102600000000012",
    ]

    static func viaEncoder(_ report: DecodeReport) throws -> String {
        try OrderedJSONEncoder().encode(report)
    }

    static func viaBytes(_ report: DecodeReport, line: Int? = nil) -> String {
        var json = JSONBytes()
        report.writeJSON(to: &json, line: line)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    @Test("the byte writer prints what the encoder prints, for every kind, valid or not, strict or not")
    func sameAsEncoder() throws {
        var kinds = Set<InputKind>()
        var validity = Set<Bool>()
        for strict in [false, true] {
            for input in Self.inputs {
                for kind in [nil] + InputKind.allCases {
                    let result = InputDecoder.decode(input, as: kind, strict: strict)
                    kinds.insert(result.kind)
                    validity.insert(result.isValid)
                    let report = DecodeReport(result)
                    #expect(Self.viaBytes(report) == (try Self.viaEncoder(report)), "\(input.debugDescription) as \(String(describing: kind))")
                }
            }
        }
        #expect(kinds == Set(InputKind.allCases))
        #expect(validity == [true, false])
    }

    @Test("carriers are written after the result's keys, as the encoder writes them")
    func carriers() throws {
        let mentions = CarrierMentions()
        var withCarriers = 0
        for input in Self.inputs {
            let result = InputDecoder.decode(input)
            let report = DecodeReport(result, carriers: mentions.mentions(for: result))
            if report.carriers?.isEmpty == false { withCarriers += 1 }
            #expect(Self.viaBytes(report) == (try Self.viaEncoder(report)), "\(input.debugDescription)")
            // The cached member a bulk decode writes is the same bytes, asked for twice.
            for _ in 0..<2 {
                var cached = JSONBytes()
                result.writeJSON(carriersJSON: mentions.carriersJSON(for: result), to: &cached, line: 7)
                var plain = JSONBytes()
                result.writeJSON(carriers: mentions.mentions(for: result), to: &plain, line: 7)
                #expect(cached.bytes == plain.bytes, "\(input.debugDescription)")
            }
        }
        let made = DecodeReport(InputDecoder.decode("89014100000000000129"),
                                carriers: [.init(id: "x\"y", name: "N\u{2028}", reason: "r"), .init(id: "b", name: "B", reason: "s")])
        #expect(Self.viaBytes(made) == (try Self.viaEncoder(made)))
        #expect(withCarriers > 0)
    }

    @Test("with a line number, a first member \"line\" and otherwise the same object")
    func lineNumber() throws {
        for input in Self.inputs {
            let report = DecodeReport(InputDecoder.decode(input))
            let plain = try Self.viaEncoder(report)
            #expect(Self.viaBytes(report, line: 42) == "{\"line\":42," + plain.dropFirst())
        }
    }

    @Test("the canonical text written in place is canonicalText")
    func canonicalInPlace() {
        for input in Self.inputs {
            guard case .activationCode(.success(let decoded)) = InputDecoder.decode(input) else { continue }
            var text = JSONBytes()
            decoded.code.writeCanonicalText(to: &text, escaped: false)
            #expect(String(decoding: text.bytes, as: UTF8.self) == decoded.code.canonicalText)
        }
    }
}
