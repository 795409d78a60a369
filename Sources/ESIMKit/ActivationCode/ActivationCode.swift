/// An eSIM activation code: what an eSIM QR code holds (GSMA SGP.22 §4.1).
///
/// Text form, `$`-delimited, the `LPA:` scheme optional:
/// ```
/// LPA:1$<SM-DP+ address>$<matching ID>[$<SM-DP+ OID>[$<confirmation code required flag>
///      [$<CI public key indicator>[$<delete notification for device change>]]]]
/// ```
/// Fields 6 and 7 were added in SGP.22 v3. This type is the semantic value; how a
/// particular text deviated from the spec is reported by ``decode(_:strict:)`` as
/// warnings beside it, and ``canonicalText`` is the one spelling without deviations.
public struct ActivationCode: Hashable, Sendable {
    /// The only format SGP.22 defines (field 1).
    public static let format = "1"
    /// The longest activation code SGP.22 allows, in characters.
    public static let maximumSpecifiedLength = 255
    /// The longest input the decoder reads at all, in bytes; longer input is rejected
    /// before it is scanned.
    public static let maximumInputLength = 4096

    /// Field 2: the SM-DP+ server to contact, a host name (or, against the spec, an IP
    /// literal and port).
    public var smdpAddress: String
    /// Field 3: the token that identifies this download at the SM-DP+ (`AC_Token`).
    /// Empty when the code carries none.
    public var matchingID: String
    /// Field 4: the SM-DP+ object identifier, dotted decimal.
    public var smdpOID: String?
    /// Field 5: the user must type a confirmation code, which the operator hands out
    /// separately; it is never part of the activation code.
    public var confirmationCodeRequired: Bool
    /// Field 6 (SGP.22 v3): which CI public key the SM-DP+ certificate chains to,
    /// as hexadecimal.
    public var ciPublicKeyID: String?
    /// Field 7 (SGP.22 v3), kept verbatim.
    public var deleteNotificationForDeviceChange: String?

    public init(smdpAddress: String, matchingID: String, smdpOID: String? = nil,
                confirmationCodeRequired: Bool = false, ciPublicKeyID: String? = nil,
                deleteNotificationForDeviceChange: String? = nil) {
        self.smdpAddress = smdpAddress
        self.matchingID = matchingID
        self.smdpOID = smdpOID
        self.confirmationCodeRequired = confirmationCodeRequired
        self.ciPublicKeyID = ciPublicKeyID
        self.deleteNotificationForDeviceChange = deleteNotificationForDeviceChange
    }
}

/// An activation code as it was decoded from text: the value, the setup link it came
/// wrapped in (if any), and every deviation from SGP.22 that was tolerated.
public struct DecodedActivationCode: Hashable, Sendable {
    public var code: ActivationCode
    public var wrapper: SetupLink?
    public var warnings: [ActivationCodeWarning]

    public init(code: ActivationCode, wrapper: SetupLink? = nil, warnings: [ActivationCodeWarning] = []) {
        self.code = code
        self.wrapper = wrapper
        self.warnings = warnings
    }
}

extension ActivationCode {
    /// Decodes activation-code text, dropping warnings; see ``decode(_:strict:)``.
    public init(_ text: String, strict: Bool = false) throws(ActivationCodeError) {
        self = try Self.decode(text, strict: strict).code
    }

    /// Decodes activation-code text: `LPA:1$…`, `1$…`, or an Apple or Android eSIM setup
    /// link whose `carddata` holds one.
    ///
    /// Leading and trailing whitespace is ignored. Deviations real devices accept are
    /// returned as warnings, or thrown when `strict` is true; anything else throws.
    public static func decode(_ text: String, strict: Bool = false) throws(ActivationCodeError) -> DecodedActivationCode {
        let result = text.utf8.withContiguousStorageIfAvailable { bytes in
            ActivationCodeParser.decode(bytes, strict: strict)
        } ?? Array(text.utf8).withUnsafeBufferPointer { bytes in
            ActivationCodeParser.decode(bytes, strict: strict)
        }
        return try result.get()
    }

    /// The code in its canonical spelling: `LPA:` prefix, and no trailing empty fields
    /// beyond the matching ID. Decoding it gives back an equal value.
    public var canonicalText: String {
        var text = "LPA:1$" + smdpAddress + "$" + matchingID
        let tail = [smdpOID ?? "", confirmationCodeRequired ? "1" : "",
                    ciPublicKeyID ?? "", deleteNotificationForDeviceChange ?? ""]
        guard let last = tail.lastIndex(where: { !$0.isEmpty }) else { return text }
        for field in tail[...last] {
            text += "$" + field
        }
        return text
    }

    /// The eSIM setup link for this code: opening it on the phone starts the install.
    public func setupLinkText(_ link: SetupLink) -> String {
        link.urlPrefix + SetupLink.percentEncode(canonicalText)
    }

    /// Checks a code built from fields (for ``encode``-style use): the result is what
    /// decoding its canonical text reports.
    ///
    /// - Throws: ``ActivationCodeError`` when a field would not survive the text form
    ///   (`delimiterInField`) or breaks a rule; under `strict`, for warnings too.
    public func validated(strict: Bool = false) throws(ActivationCodeError) -> DecodedActivationCode {
        let fields: [(String, String?)] = [
            ("SM-DP+ address", smdpAddress), ("matching ID", matchingID), ("SM-DP+ OID", smdpOID),
            ("CI public key ID", ciPublicKeyID),
            ("delete notification for device change", deleteNotificationForDeviceChange),
        ]
        for case let (name, value?) in fields {
            if let index = value.utf8.firstIndex(of: ASCII.dollar) {
                let offset = value.utf8.distance(from: value.utf8.startIndex, to: index)
                throw ActivationCodeError(.delimiterInField,
                                          "\(name) contains '$', which separates fields", offset: offset)
            }
            if let first = value.utf8.first, let last = value.utf8.last,
               ASCII.isWhitespace(first) || ASCII.isWhitespace(last) {
                throw ActivationCodeError(.delimiterInField,
                                          "\(name) begins or ends with white space, which the text form drops",
                                          offset: 0)
            }
        }
        return try Self.decode(canonicalText, strict: strict)
    }
}

extension ActivationCode: CustomStringConvertible {
    public var description: String { canonicalText }
}
