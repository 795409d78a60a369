import Testing
@testable import ESIMSupport

@Suite("CodedError")
struct CodedErrorTests {
    @Test("equal by code; one description for every location shape")
    func shape() {
        let a = JSONError(.invalidJSON, "one", offset: 3)
        let b = JSONError(.invalidJSON, "two", offset: 9)
        #expect(a == b)
        #expect(a != JSONError(.invalidJSONPath, "one", offset: 3))
        #expect(a.description == "one (offset 3)")
        #expect(FileError(.cannotOpen, "No such file or directory", file: "a.txt").description == "a.txt: cannot open (No such file or directory)")
        let located = JSONError(.invalidJSON, "m", at: SourceLocation(file: "f.yaml", line: 2, column: 5, keyPath: "a.b"))
        #expect(located.description == "f.yaml:2:5: a.b: m")
        #expect(JSONError(.invalidJSON, "m", at: SourceLocation(line: 4, offset: 7)).description == "m (line 4) (offset 7)")
        #expect(JSONError(.invalidJSON, "m").offset == nil)
    }
}
