import Testing
@testable import ESIMKit

@Suite("Trimming and masking field text")
struct TextTrimmingTests {
    @Test("trimmed(of:) drops the set's characters at both ends only", arguments: [
        ("", ""), (" ", ""), ("\t\n ", ""), ("abc", "abc"), ("  abc", "abc"), ("abc \n", "abc"),
        (" a b ", "a b"), ("\té €5 ", "é €5"), (" 😀 ", "😀"), ("x\u{00A0}", "x\u{00A0}"),
    ])
    func ascii(_ text: String, _ expected: String) {
        #expect(text.trimmed(of: " \t\n") == expected)
    }

    @Test("a set with non-ASCII characters trims by characters")
    func nonASCII() {
        #expect("··a··".trimmed(of: "·") == "a")
        #expect("é".trimmed(of: "é") == "")
    }

    @Test("numbers keep their last four digits; short ones are left alone", arguments: [
        ("(555) 010-0142", "(***) ***-0142"), ("+1 555-010-0199", "+1 ***-***-0199"), ("0142", "0142"),
        ("Acct 12345", "Acct *2345"), ("none", "none"),
    ])
    func masking(_ text: String, _ expected: String) {
        #expect(NumberMasking.mask(text) == expected)
    }
}
