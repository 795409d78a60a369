import ESIMKit
import ESIMSupport

extension FuzzTarget {
    /// `decode`, `iccid`, `eid` and `imsi`: the input decoded as detected and as each kind,
    /// `--complete`, and the JSON `--json` prints; a valid identifier's digits decode again
    /// to the same identifier.
    static let identifiers = FuzzTarget("identifiers", "InputDecoder.decode, ICCID/EID/IMSI, --complete, card BCD",
                                       samples: ["Samples/Identifiers/*.txt"],
                                       seeds: { Seeds.lines("Samples/Batches/*.lines") }) { input in
        let text = Fuzz.text(input)
        let kinds: [(InputKind?, Bool)] = [(nil, false), (nil, true)] + InputKind.allCases.map { ($0, false) }
        for (kind, strict) in kinds {
            let result = InputDecoder.decode(text, as: kind, strict: strict)
            _ = try? OrderedJSONEncoder().encode(result)
            switch result {
            case .iccid(.success(let decoded)):
                let again = try? ICCID.decode(decoded.iccid.digits)
                Fuzz.require(again?.iccid.digits == decoded.iccid.digits, "ICCID \(decoded.iccid.digits) does not decode again")
            case .eid(.success(let eid)):
                Fuzz.require((try? EID(eid.digits))?.digits == eid.digits, "EID \(eid.digits) does not decode again")
            case .imsi(.success(let decoded)):
                let again = try? IMSI.decode(decoded.imsi.digits)
                Fuzz.require(again?.imsi.digits == decoded.imsi.digits, "IMSI \(decoded.imsi.digits) does not decode again")
            default:
                break
            }
        }
        if let iccid = try? ICCID.complete(text) {
            Fuzz.require((try? ICCID.decode(iccid.digits)) != nil, "completed ICCID \(iccid.digits) is not valid")
        }
        if let eid = try? EID.complete(text) {
            Fuzz.require((try? EID(eid.digits)) != nil, "completed EID \(eid.digits) is not valid")
        }
        _ = try? ICCID(cardBCD: text)
    }
}
