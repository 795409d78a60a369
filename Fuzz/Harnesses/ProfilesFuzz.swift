import ESIMKit
import ESIMSupport

extension FuzzTarget {
    /// `profiles FILE`: the form detected (binary, hex or base64 DER; lpac JSON; TS.43
    /// XML or JSON) and read.
    static let profiles = FuzzTarget("profiles", "ProfileList(reading:): DER, hex, base64, lpac JSON, TS.43 XML and JSON",
                                    samples: ["Samples/Profiles/*.der", "Samples/Profiles/*.txt", "Samples/Profiles/*.xml",
                                              "Samples/Profiles/*.jsonl", "Samples/Profiles/*.json"]) { input in
        guard let list = try? ProfileList(reading: Fuzz.bytes(input)) else { return }
        _ = try? OrderedJSONEncoder().encode(list)
        _ = list.hasProblems
    }

    /// SGP.22 DER (ProfileInfoListResponse, EID response, EUICCInfo2): a list read back
    /// from its own encoding is the same list.
    static let profilesDER = FuzzTarget("profiles-der", "ProfileList(derEncoded:): SGP.22 DER, and its encoding reads back",
                                       samples: ["Samples/Profiles/*.der"], seeds: { ProfileSeeds.der }) { input in
        guard let list = try? ProfileList(derEncoded: Fuzz.bytes(input)) else { return }
        guard let encoded = try? list.derEncoded() else { return }
        let again = try? ProfileList(derEncoded: encoded)
        Fuzz.require(again?.profiles == list.profiles, "the profiles do not read back from their DER")
        Fuzz.require(again?.eid == list.eid, "the EID does not read back from its DER")
        Fuzz.require(again?.chip == list.chip, "the eUICC information does not read back from its DER")
    }
}

enum ProfileSeeds {
    /// The DER the samples hold as hex and base64, as bytes; and each sample list encoded.
    static var der: [[UInt8]] {
        var result: [[UInt8]] = []
        for pattern in ["Samples/Profiles/*.der", "Samples/Profiles/*.txt", "Samples/Profiles/*.json", "Samples/Profiles/*.jsonl",
                        "Samples/Profiles/*.xml"] {
            for path in Seeds.files(matching: pattern) where !path.hasSuffix(".expected.json") {
                guard let bytes = try? FileReader.read(path), let list = try? ProfileList(reading: bytes),
                      let der = try? list.derEncoded() else { continue }
                result.append(der)
            }
        }
        return result
    }
}
