@testable import ESIMKit

extension FuzzTarget {
    /// `decode` of an activation code or setup link: both decoder paths agree, and a code
    /// read back from its canonical text and from its setup links is equal to it.
    static let activationCode = FuzzTarget("activation-code", "ActivationCode.decode: LPA: codes and eSIM setup links",
                                          samples: ["Samples/ActivationCodes/*.txt"],
                                          seeds: { Seeds.lines("Samples/Batches/*.lines") }) { input in
        let text = Fuzz.text(input)
        for strict in [false, true] {
            let fast = Result { () throws(ActivationCodeError) in try ActivationCode.decode(text, strict: strict) }
            let detailed = ActivationCode.decodeInDetail(text, strict: strict)
            Fuzz.require(fast == detailed, "fast and detailed paths disagree (strict: \(strict))")
            guard case .success(let decoded) = fast else { continue }
            let code = decoded.code
            let again = try? ActivationCode.decode(code.canonicalText)
            Fuzz.require(again?.code == code, "canonical text '\(code.canonicalText)' does not read back as the code")
            for link in SetupLink.allCases {
                let linked = try? ActivationCode.decode(code.setupLinkText(link))
                Fuzz.require(linked?.code == code, "the \(link) setup link does not read back as the code")
            }
            _ = try? code.validated(strict: strict)
        }
    }
}
