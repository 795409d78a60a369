import Foundation
import Testing
import ESIMMarkup
@testable import ESIMKit

@Suite("Redaction over the shared corpus",
       .enabled(if: !SharedCorpus.files.isEmpty, "the shared page corpus (../shared/bench-corpus/html) is not beside this clone"))
struct RedactionCorpusTests {
    static let planted = [
        "Hi, Bartholomew", "(469) 867-5309", "bartholomew.quince@gmail.com", "Account number: 2873-4512-9981",
        "SIM 8901410321111851072", "IMEI 356938035643809", "1418 Elmwood Avenue, Dallas, TX 75201",
        "LPA:1$rsp.truphone.com$QRF-BETTERROAMING-PMRDGIR2EARDEIT5", "client 73.15.201.44",
    ]

    /// Real pages of every size class, with personal data planted at the start, in the
    /// middle of the markup and inside a script near the end.
    @Test("planted data never survives in real pages, and the pages parse the same afterwards")
    func plantedInRealPages() throws {
        let redactor = Redactor(key: Array("corpus test key".utf8))
        let names = SharedCorpus.files.enumerated().filter { $0.offset % 25 == 0 }.map(\.element)  // 8 pages
        for name in names {
            var page = String(decoding: try Data(contentsOf: URL(fileURLWithPath: SharedCorpus.directory + "/" + name)), as: UTF8.self)
            let block = Self.planted.map { "<p>\($0)</p>" }.joined()
            let script = "<script>var user = {\"msisdn\":\"4698675309\",\"firstName\":\"Bartholomew\"};</script>"
            let middle = page.index(page.startIndex, offsetBy: page.count / 2)
            let insertAt = page[middle...].firstIndex(of: "<") ?? middle
            page.insert(contentsOf: block, at: insertAt)
            page = block + page + script
            let before = try HTMLDocument(string: page)
            let (redacted, findings) = redactor.redact(page)
            #expect(findings.count >= Self.planted.count * 2, "\(name)")
            for value in ["Bartholomew", "867-5309", "gmail.com", "2873-4512-9981", "8901410321111851072", "356938035643809",
                          "Elmwood", "75201", "PMRDGIR2EARDEIT5", "73.15.201.44", "4698675309"] {
                #expect(!redacted.contains(value), "\(name): \(value) survived")
            }
            let after = try HTMLDocument(string: redacted)
            #expect(try after.evaluate(xpath: "count(//*)").stringValue == (try before.evaluate(xpath: "count(//*)").stringValue), "\(name)")
        }
    }
}
