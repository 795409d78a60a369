import Foundation
import Testing
@testable import ESIMKit

@Suite("Vocabulary")
struct VocabularyTests {
    static let folder = PageSamples.root.appendingPathComponent("Sources/ESIMKit/AccountPages/Generic/Languages").path

    @Test("every language file in the folder is compiled in, and every one reads")
    func files() throws {
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".json") }.sorted()
        #expect(Vocabulary.files.map(\.name).sorted() == onDisk)
        for file in Vocabulary.files {
            let vocabulary = try Vocabulary(json: String(decoding: file.bytes, as: UTF8.self))
            #expect(vocabulary.code + ".json" == file.name)
        }
        #expect(Vocabulary.all.count == onDisk.count)
    }

    @Test("each language names every field's labels, twelve months, and its connectors", arguments: Vocabulary.files.map(\.name))
    func complete(name: String) throws {
        let vocabulary = try #require(Vocabulary.language(String(name.dropLast(5))))
        for concept in [Concept.balance, .amountDue, .dueDate, .expires, .used, .remaining, .allowance, .data, .plan, .number,
                        .roaming, .offer, .exclude, .unlimited, .of] {
            #expect(!(vocabulary.phrases[concept] ?? []).isEmpty, "\(name): no words for \(concept)")
        }
        #expect(vocabulary.months.count == 12 && vocabulary.months.allSatisfy { !$0.isEmpty })
        #expect(!vocabulary.countries.isEmpty)
    }

    @Test("broken language files are refused with the reason", arguments: [
        ("{", "not JSON"), (#"{"code": "xx"}"#, "'name'"),
        (#"{"code": "xx", "name": "X", "dateOrder": {"default": "ydm"}}"#, "dateOrder"),
        (#"{"code": "xx", "name": "X", "dateOrder": {"default": "dmy"}, "decimalSeparator": ";"}"#, "decimalSeparator"),
        (#"{"code": "xx", "name": "X", "dateOrder": {"default": "dmy"}, "decimalSeparator": ",", "months": ["a"]}"#, "12 months"),
        (#"{"code": "xx", "name": "X", "dateOrder": {"default": "dmy"}, "decimalSeparator": ",", "months": ["a","b","c","d","e","f","g","h","i","j","k","l"], "units": {"XB": ["x"]}, "words": {}}"#, "XB"),
        (#"{"code": "xx", "name": "X", "dateOrder": {"default": "dmy"}, "decimalSeparator": ",", "months": ["a","b","c","d","e","f","g","h","i","j","k","l"], "words": {"nonsense": ["x"]}}"#, "nonsense"),
    ])
    func broken(json: String, named: String) {
        do {
            _ = try Vocabulary(json: json)
            Issue.record("accepted \(json)")
        } catch {
            #expect(String(describing: error).contains(named), "\(error)")
        }
    }

    @Test("JSON keys split into the words they are made of", arguments: [
        ("initialVolumeBytes", ["initial", "volume", "bytes"]), ("data_balance", ["data", "balance"]), ("usedMB", ["used", "mb"]),
        ("FU_Data_Altan-RN_CT", ["fu", "data", "altan", "rn", "ct"]), ("MDNNumber", ["mdn", "number"]), ("msisdn", ["msisdn"]),
        ("billPeriodEnd", ["bill", "period", "end"]), ("volume2G", ["volume", "2", "g"]),
    ])
    func keyWords(key: String, words: [String]) {
        #expect(JSONMeaning.words(ofKey: key) == words)
    }

    @Test("numbers are read with the page's decimal mark where a separator could be either")
    func numbers() throws {
        func read(_ text: String, _ language: String, country: String? = nil) -> String? {
            let locale = ReadingLocale(Vocabulary.language(language)!, country: country)
            return ValueFinder(scan: TextScan(text), locale: locale, reference: nil).number(text).map { "\($0.0)" }
        }
        #expect(read("7,657", "en") == "7657")
        #expect(read("7,657", "it") == "7.657")
        #expect(read("67,18", "en") == "67.18")
        #expect(read("14.79", "hu") == "14.79")
        #expect(read("3,950,000", "en") == "3950000")
        #expect(read("1.234,56", "de") == "1234.56")
        #expect(read("1,234.56", "de") == "1234.56")
        #expect(read("0,500", "en") == "0.500")
        #expect(read("1'234", "de", country: "CH") == "1234")
        #expect(read("2026.06.06", "hu") == nil)
        #expect(read("12,34,56", "en") == nil)
    }
}
