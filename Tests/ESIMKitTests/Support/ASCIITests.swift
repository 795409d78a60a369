import Testing
@testable import ESIMKit

@Suite("Byte-level text helpers")
struct ASCIITests {
    @Test("containsBytes finds what String.contains finds, for strings and substrings")
    func containsBytes() {
        #expect("myat&t.com/acctmgmt".containsBytes("att.com") == false)
        #expect("myatt.com/acctmgmt".containsBytes("att.com"))
        #expect("anything".containsBytes(""))
        #expect(!"ab".containsBytes("abc"))
        #expect("prix: 12 €".containsBytes("€"))
        #expect("x total amount due".dropFirst(2).containsBytes("amount due"[...]))
        // No combining marks among the pieces: byte and character comparison agree.
        let pieces = ["a", "b", "ab", "ba", " ", "é", "€", "due", "d", "ue"]
        var state: UInt64 = 0x1234_5678_9ABC_DEF1
        func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        for _ in 0..<2_000 {
            let haystack = (0..<next(8)).map { _ in pieces[next(pieces.count)] }.joined()
            let needle = (0..<next(3)).map { _ in pieces[next(pieces.count)] }.joined()
            #expect(haystack.containsBytes(needle) == (needle.isEmpty || haystack.contains(needle)), "\(haystack) / \(needle)")
        }
    }
}
