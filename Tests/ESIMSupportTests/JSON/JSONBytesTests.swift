import Testing
@testable import ESIMSupport

@Suite("JSONBytes")
struct JSONBytesTests {
    /// Strings that exercise every escape and the multi-byte sequences around U+2028/2029.
    static let samples: [String] = [
        "", "plain", "quote \" and backslash \\", "line\nfeed\rreturn\ttab", "\u{0}\u{1}\u{1F}\u{7F}",
        "\u{2028}\u{2029}", "a\u{2028}b\u{2029}c", "\u{2027}\u{202A}\u{20AC}€", "é ü 日本 🇺🇸", "\u{E000}\u{FFFD}",
        "ends with \\", "\"", "\u{7F}x", "x\u{1B}[31m",
    ]

    @Test("strings are the bytes JSONWriter writes, for every escape")
    func stringsMatchTheWriter() {
        for text in Self.samples {
            var json = JSONBytes()
            json.string(text)
            #expect(String(decoding: json.bytes, as: UTF8.self) == JSONWriter.quoted(text), "\(text.debugDescription)")
        }
    }

    @Test("random strings over a hostile alphabet match JSONWriter")
    func randomStringsMatchTheWriter() {
        let alphabet: [Unicode.Scalar] = ["a", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}",
                                          "\u{2028}", "\u{2029}", "\u{2020}", "\u{E2}", "é", "😀", " "]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for _ in 0..<Int(state >> 60) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            let string = String(text)
            var json = JSONBytes()
            json.string(string)
            #expect(String(decoding: json.bytes, as: UTF8.self) == JSONWriter.quoted(string), "\(string.debugDescription)")
        }
    }

    @Test("the fast path of JSONWriter is taken only when nothing needs an escape")
    func noEscapeDetection() {
        #expect(JSONBytes.needsNoEscape("smdp.example.com"))
        #expect(JSONBytes.needsNoEscape("é 日本"))
        for text in ["\"", "\\", "\n", "\u{7F}", "\u{2028}", "\u{2029}", "\u{0}"] {
            #expect(!JSONBytes.needsNoEscape("a" + text), "\(text.debugDescription)")
        }
    }

    @Test("integers, booleans, null, arrays", arguments: [0, 7, -7, 9, 10, 99, 100, 101, 12_345, 999_999, 1_000_000, -1_000_001, Int.max, Int.min])
    func integers(_ value: Int) {
        var json = JSONBytes()
        json.int(value)
        #expect(String(decoding: json.bytes, as: UTF8.self) == String(value))
    }

    @Test("literals and string arrays")
    func literals() {
        var json = JSONBytes()
        json.raw("[")
        json.bool(true)
        json.raw(",")
        json.bool(false)
        json.raw(",")
        json.null()
        json.raw(",")
        json.string(nil as String?)
        json.raw(",")
        json.strings(["US", "C\"A"])
        json.raw(",")
        json.strings([])
        json.raw("]")
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"[true,false,null,null,["US","C\"A"],[]]"#)
    }
}
