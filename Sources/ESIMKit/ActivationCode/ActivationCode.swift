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
public struct ActivationCode: Sendable {
    /// The only format SGP.22 defines (field 1).
    public static let format = "1"
    /// The longest activation code SGP.22 allows, in characters.
    public static let maximumSpecifiedLength = 255
    /// The longest input the decoder reads at all, in bytes; longer input is rejected
    /// before it is scanned.
    public static let maximumInputLength = 4096

    /// A field's place in ``storage``, as UTF-8 offsets.
    struct Span: Hashable, Sendable {
        var start: UInt32
        var end: UInt32

        static let empty = Span(start: 0, end: 0)
        var isEmpty: Bool { start == end }
        var range: Range<Int> { Int(start)..<Int(end) }

        init(start: UInt32, end: UInt32) {
            self.start = start
            self.end = end
        }

        init(_ range: Range<Int>) {
            self.init(start: UInt32(range.lowerBound), end: UInt32(range.upperBound))
        }
    }

    /// The text the fields were read from: the decoder keeps the caller's string, so a
    /// decoded code costs no copies; a field becomes a `String` when it is asked for.
    var storage: String
    var addressSpan: Span
    var matchingIDSpan: Span
    var oidSpan: Span
    var keyIDSpan: Span
    var seventhSpan: Span

    /// Field 5: the user must type a confirmation code, which the operator hands out
    /// separately; it is never part of the activation code.
    public var confirmationCodeRequired: Bool

    init(storage: String, address: Span, matchingID: Span, oid: Span, confirmationCodeRequired: Bool,
         keyID: Span, seventh: Span) {
        self.storage = storage
        self.addressSpan = address
        self.matchingIDSpan = matchingID
        self.oidSpan = oid
        self.confirmationCodeRequired = confirmationCodeRequired
        self.keyIDSpan = keyID
        self.seventhSpan = seventh
    }

    /// A code from its fields. Nothing is checked here; ``validated(strict:)`` applies
    /// the decoder's rules. An empty optional field is the same as an absent one.
    public init(smdpAddress: String, matchingID: String, smdpOID: String? = nil,
                confirmationCodeRequired: Bool = false, ciPublicKeyID: String? = nil,
                deleteNotificationForDeviceChange: String? = nil) {
        var storage = ""
        var spans: [Span] = []
        for field in [smdpAddress, matchingID, smdpOID ?? "", ciPublicKeyID ?? "", deleteNotificationForDeviceChange ?? ""] {
            let start = storage.utf8.count
            storage += field
            spans.append(Span(start..<storage.utf8.count))
            storage += "$"
        }
        self.init(storage: storage, address: spans[0], matchingID: spans[1], oid: spans[2],
                  confirmationCodeRequired: confirmationCodeRequired, keyID: spans[3], seventh: spans[4])
    }

    private func field(_ span: Span) -> Substring.UTF8View {
        let utf8 = storage.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: Int(span.start))
        let end = utf8.index(start, offsetBy: Int(span.end - span.start))
        return utf8[start..<end]
    }

    func string(_ span: Span) -> String {
        guard !span.isEmpty else { return "" }
        return storage.utf8.withContiguousStorageIfAvailable { bytes in
            String(decoding: UnsafeBufferPointer(rebasing: bytes[span.range]), as: UTF8.self)
        } ?? String(Substring(field(span)))
    }

    private func optionalString(_ span: Span) -> String? {
        span.isEmpty ? nil : string(span)
    }

    /// Field 2: the SM-DP+ server to contact, a host name (or, against the spec, an IP
    /// literal and port).
    public var smdpAddress: String {
        get { string(addressSpan) }
        set { self = replacing(smdpAddress: newValue) }
    }

    /// Field 3: the token that identifies this download at the SM-DP+ (`AC_Token`).
    /// Empty when the code carries none.
    public var matchingID: String {
        get { string(matchingIDSpan) }
        set { self = replacing(matchingID: newValue) }
    }

    /// Field 4: the SM-DP+ object identifier, dotted decimal.
    public var smdpOID: String? {
        get { optionalString(oidSpan) }
        set { self = replacing(smdpOID: .some(newValue)) }
    }

    /// Field 6 (SGP.22 v3): which CI public key the SM-DP+ certificate chains to,
    /// as hexadecimal.
    public var ciPublicKeyID: String? {
        get { optionalString(keyIDSpan) }
        set { self = replacing(ciPublicKeyID: .some(newValue)) }
    }

    /// Field 7 (SGP.22 v3), kept verbatim.
    public var deleteNotificationForDeviceChange: String? {
        get { optionalString(seventhSpan) }
        set { self = replacing(deleteNotificationForDeviceChange: .some(newValue)) }
    }

    private func replacing(smdpAddress: String? = nil, matchingID: String? = nil, smdpOID: String?? = nil,
                           ciPublicKeyID: String?? = nil,
                           deleteNotificationForDeviceChange: String?? = nil) -> ActivationCode {
        ActivationCode(smdpAddress: smdpAddress ?? self.smdpAddress, matchingID: matchingID ?? self.matchingID,
                       smdpOID: smdpOID ?? self.smdpOID, confirmationCodeRequired: confirmationCodeRequired,
                       ciPublicKeyID: ciPublicKeyID ?? self.ciPublicKeyID,
                       deleteNotificationForDeviceChange: deleteNotificationForDeviceChange
                           ?? self.deleteNotificationForDeviceChange)
    }

    /// The five text fields, in order, as views into ``storage``.
    private var fields: [Substring.UTF8View] {
        [field(addressSpan), field(matchingIDSpan), field(oidSpan), field(keyIDSpan), field(seventhSpan)]
    }
}

extension ActivationCode: Hashable {
    /// Equal when every field is equal, whatever text each was decoded from.
    public static func == (lhs: ActivationCode, rhs: ActivationCode) -> Bool {
        guard lhs.confirmationCodeRequired == rhs.confirmationCodeRequired else { return false }
        for (left, right) in zip(lhs.fields, rhs.fields) where !left.elementsEqual(right) {
            return false
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(confirmationCodeRequired)
        for field in fields {
            hasher.combine(field.count)
            for byte in field { hasher.combine(byte) }
        }
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
            ActivationCodeParser.decode(bytes, of: text, strict: strict)
        } ?? Array(text.utf8).withUnsafeBufferPointer { bytes in
            ActivationCodeParser.decode(bytes, of: text, strict: strict)
        }
        return try result.get()
    }

    /// Decodes with the one-pass common-shape check switched off, so tests can compare
    /// both paths.
    static func decodeInDetail(_ text: String, strict: Bool) -> Result<DecodedActivationCode, ActivationCodeError> {
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            ActivationCodeParser.decode(bytes, of: text, strict: strict, detailedOnly: true)
        }
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
