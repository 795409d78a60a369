import Testing
@testable import ESIMSupport

@Suite("OrderedJSONEncoder")
struct OrderedJSONEncoderTests {
    struct Sample: Encodable {
        var zulu = "z"
        var alpha: Int? = nil
        var list = [1.5, 2]
        var nested = ["k": true]
        var text = "quote \" backslash \\ newline \n tab \t bell \u{7} é"
    }

    @Test("keys stay in declaration order; strings are escaped; synthesized nil optionals are omitted")
    func encodes() throws {
        let json = try OrderedJSONEncoder().encode(Sample())
        #expect(json == #"{"zulu":"z","list":[1.5,2.0],"nested":{"k":true},"text":"quote \" backslash \\ newline \n tab \t bell \u0007 é"}"#)
    }

    @Test("NaN cannot be encoded")
    func nan() {
        #expect(throws: EncodingError.self) { try OrderedJSONEncoder().encode([Double.nan]) }
    }
}

extension OrderedJSONEncoderTests {
    struct ExplicitNil: Encodable {
        enum CodingKeys: String, CodingKey { case b, a }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(Optional<String>.none, forKey: .b)
            try container.encode("x", forKey: .a)
        }
    }

    @Test("an explicitly encoded nil is null")
    func explicitNil() throws {
        #expect(try OrderedJSONEncoder().encode(ExplicitNil()) == #"{"b":null,"a":"x"}"#)
    }
}

extension OrderedJSONEncoderTests {
    struct Widths: Encodable {
        var big: Int64 = 16_106_127_360
        var small: UInt8 = 7
        var negative: Int32 = -3
        var unsigned: UInt64 = 18_446_744_073_709_551_615
        var single: Float = 0.5
    }

    @Test("every integer width and Float encode as numbers (they used to recurse forever)")
    func integerWidths() throws {
        #expect(try OrderedJSONEncoder().encode(Widths())
                == #"{"big":16106127360,"small":7,"negative":-3,"unsigned":18446744073709551615,"single":0.5}"#)
    }
}
