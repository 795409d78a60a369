import ESIMSupport

/// The JSON of a decode result written straight into bytes, for bulk decoding: the same
/// text as ``OrderedJSONEncoder`` makes of the ``Encodable`` conformance (a test holds the
/// two equal over every kind, valid and invalid, with warnings and carriers), without the
/// intermediate tree and without a `String` per field.
extension DecodeReport {
    /// Appends the object; with `line`, a first member `"line":N` (the input's 1-based
    /// line number, as `decode --file --json` prints).
    package func writeJSON(to json: inout JSONBytes, line: Int? = nil) {
        result.writeJSON(carriers: carriers, to: &json, line: line)
    }
}

extension DecodeResult {
    /// ``DecodeReport/writeJSON(to:line:)`` without building the report.
    package func writeJSON(carriers: [CarrierMentions.Mention]?, to json: inout JSONBytes, line: Int? = nil) {
        writeMembers(to: &json, line: line)
        if let carriers { Self.writeCarriers(carriers, to: &json) }
        json.append(UInt8(ascii: "}"))
    }

    /// The same, with the `,"carriers":[…]` member already written
    /// (``CarrierMentions/carriersJSON(for:)``).
    package func writeJSON(carriersJSON: [UInt8]?, to json: inout JSONBytes, line: Int? = nil) {
        writeMembers(to: &json, line: line)
        carriersJSON?.withUnsafeBufferPointer { json.append($0) }
        json.append(UInt8(ascii: "}"))
    }

    /// `,"carriers":[{"id":…,"name":…,"reason":…},…]`.
    static func writeCarriers(_ carriers: [CarrierMentions.Mention], to json: inout JSONBytes) {
        writeStringObjects(opening: ",\"carriers\":[", carriers, to: &json) { mention, json in
            json.member("\"id\":", mention.id)
            json.member(",\"name\":", mention.name)
            json.member(",\"reason\":", mention.reason)
        }
    }

    /// `opening` (`,"name":[`), then `{…}` for each item with the members `members`
    /// writes, `,` between, and `]`: carriers and warnings.
    private static func writeStringObjects<Item>(opening: StaticString, _ items: [Item], to json: inout JSONBytes,
                                                 members: (Item, inout JSONBytes) -> Void) {
        json.raw(opening)
        for (index, item) in items.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(UInt8(ascii: "{"))
            members(item, &json)
            json.append(UInt8(ascii: "}"))
        }
        json.append(UInt8(ascii: "]"))
    }

    /// The object's members up to the carriers, after its opening brace.
    private func writeMembers(to json: inout JSONBytes, line: Int?) {
        if let line {
            json.raw("{\"line\":")
            json.int(line)
            json.raw(",\"kind\":")
        } else {
            json.raw("{\"kind\":")
        }
        switch kind {
        case .activationCode: json.raw("\"activationCode\"")
        case .iccid: json.raw("\"iccid\"")
        case .eid: json.raw("\"eid\"")
        case .imsi: json.raw("\"imsi\"")
        }
        json.raw(isValid ? ",\"valid\":true" : ",\"valid\":false")
        if let failure {
            json.member(",\"error\":{\"code\":", failure.code)
            json.member(",\"message\":", failure.message)
            json.raw(",\"offset\":")
            json.int(failure.offset)
            json.append(UInt8(ascii: "}"))
        } else {
            writeFields(to: &json)
        }
    }

    private func writeFields(to json: inout JSONBytes) {
        switch self {
        case .activationCode(.success(let decoded)):
            let code = decoded.code
            code.withUTF8 { bytes in
                // The address, matching ID and OID of a decoded code hold only characters no
                // JSON string escapes (host-name characters, `A–Z a–z 0–9 -`, digits and
                // dots): anything else is a decoding error.
                json.raw(",\"format\":\"1\",\"smdpAddress\":")
                json.unescapedString(utf8: code.field(code.addressSpan, of: bytes))
                json.raw(",\"matchingId\":")
                json.unescapedString(utf8: code.field(code.matchingIDSpan, of: bytes))
                json.raw(",\"oid\":")
                if code.oidSpan.isEmpty { json.null() } else { json.unescapedString(utf8: code.field(code.oidSpan, of: bytes)) }
                json.raw(code.confirmationCodeRequired ? ",\"confirmationCodeRequired\":true,\"ciPublicKeyId\":"
                                                       : ",\"confirmationCodeRequired\":false,\"ciPublicKeyId\":")
                if code.keyIDSpan.isEmpty { json.null() } else { json.string(utf8: code.field(code.keyIDSpan, of: bytes)) }
                switch decoded.wrapper {
                case nil: json.raw(",\"wrapper\":null")
                case .apple?: json.raw(",\"wrapper\":\"apple\"")
                case .android?: json.raw(",\"wrapper\":\"android\"")
                }
                if decoded.warnings.isEmpty {
                    json.raw(",\"warnings\":[],\"canonical\":\"")
                } else {
                    Self.writeWarnings(decoded.warnings.map { ($0.code.rawValue, $0.message) }, to: &json)
                    json.raw(",\"canonical\":\"")
                }
                code.writeCanonicalText(of: bytes, to: &json, escaped: true)
                json.append(0x22)
            }
        case .iccid(.success(let decoded)):
            let iccid = decoded.iccid
            // Digits need no escape.
            json.raw(",\"iccid\":\"")
            json.text(iccid.digits)
            switch decoded.encoding {
            case .decimal: json.raw("\",\"encoding\":\"decimal\",\"countryCode\":")
            case .swappedBCD: json.raw("\",\"encoding\":\"swappedBCD\",\"countryCode\":")
            }
            if let code = iccid.countryCode { json.int(code) } else { json.null() }
            json.raw(",\"countryCodeDigits\":")
            if let digits = iccid.countryCodeDigits {
                json.append(0x22)
                json.text(digits)
                json.append(0x22)
            } else {
                json.null()
            }
            json.raw(",\"regions\":")
            // An ICCID's regions are those of its calling code (``ICCID/init(validDigits:checkDigitIndex:)``):
            // their JSON is written once per code.
            if let code = iccid.countryCode, (0..<1000).contains(code) {
                NumberingTables.regionsJSON[code].withUnsafeBufferPointer { json.append($0) }
            } else {
                json.strings(iccid.regions)
            }
            json.raw(",\"checkDigit\":")
            json.int(iccid.checkDigit)
            Self.writeWarnings(warnings, to: &json)
        case .eid(.success(let eid)):
            json.member(",\"eid\":", eid.digits)
            let layout = eid.layout
            json.raw(layout == nil ? ",\"numbering\":\"SGP.29\"" : ",\"numbering\":\"SGP.02\"")
            json.member(",\"countryCode\":", layout?.countryCode)
            json.raw(",\"regions\":")
            json.strings(eid.regions)
            json.member(",\"issuerIdentifier\":", layout?.issuerIdentifier)
            json.member(",\"platformAndOSVersion\":", layout?.platformAndOSVersion)
            json.member(",\"additionalIssuerInformation\":", layout?.additionalIssuerInformation)
            json.member(",\"individualIdentificationNumber\":", layout?.individualIdentificationNumber)
            json.member(",\"checkDigits\":", eid.checkDigits)
            Self.writeWarnings(warnings, to: &json)
        case .imsi(.success(let decoded)):
            let imsi = decoded.imsi
            json.member(",\"imsi\":", imsi.digits)
            json.member(",\"mcc\":", imsi.mcc)
            json.member(",\"mnc\":", imsi.mnc)
            json.member(",\"msin\":", imsi.msin)
            json.raw(",\"mncLength\":")
            if case .known(let length) = imsi.mncLength { json.int(length) } else { json.raw("\"ambiguous\"") }
            json.raw(",\"readings\":[")
            for (index, reading) in imsi.readings.enumerated() {
                json.raw(index == 0 ? "{\"mnc\":" : ",{\"mnc\":")
                json.string(reading.mnc)
                json.member(",\"msin\":", reading.msin)
                json.append(UInt8(ascii: "}"))
            }
            json.raw("],\"regions\":")
            json.strings(imsi.regions)
            Self.writeWarnings(warnings, to: &json)
        default:
            break
        }
    }

    private static func writeWarnings(_ warnings: [(code: String, message: String)], to json: inout JSONBytes) {
        writeStringObjects(opening: ",\"warnings\":[", warnings, to: &json) { warning, json in
            json.member("\"code\":", warning.code)
            json.member(",\"message\":", warning.message)
        }
    }
}

extension ActivationCode {
    /// Calls `body` with the code's text as UTF-8, in place when it can be.
    fileprivate func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = storage.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = storage
        return copy.withUTF8(body)
    }

    /// A field's bytes within the code's text.
    @inline(__always)
    fileprivate func field(_ span: Span, of bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[span.range])
    }

    /// ``canonicalText`` written field by field, JSON-escaped or as it is (for text output).
    package func writeCanonicalText(to json: inout JSONBytes, escaped: Bool) {
        withUTF8 { writeCanonicalText(of: $0, to: &json, escaped: escaped) }
    }

    /// ``canonicalText`` from the code's text `bytes`. The address, matching ID and OID
    /// need no escape (see ``DecodeResult/writeFields(to:)``); fields 6 and 7 may.
    fileprivate func writeCanonicalText(of bytes: UnsafeBufferPointer<UInt8>, to json: inout JSONBytes, escaped: Bool) {
        func field(_ span: Span) {
            let text = self.field(span, of: bytes)
            if escaped { json.escaped(utf8: text) } else { json.append(text) }
        }
        json.raw("LPA:1$")
        json.append(self.field(addressSpan, of: bytes))
        json.append(UInt8(ascii: "$"))
        json.append(self.field(matchingIDSpan, of: bytes))
        // Fields 4–7 up to the last one present, as canonicalText writes them.
        let last = !seventhSpan.isEmpty ? 3 : !keyIDSpan.isEmpty ? 2 : confirmationCodeRequired ? 1 : !oidSpan.isEmpty ? 0 : -1
        if last >= 0 {
            json.append(UInt8(ascii: "$"))
            json.append(self.field(oidSpan, of: bytes))
        }
        if last >= 1 { json.raw(confirmationCodeRequired ? "$1" : "$") }
        if last >= 2 {
            json.append(UInt8(ascii: "$"))
            field(keyIDSpan)
        }
        if last >= 3 {
            json.append(UInt8(ascii: "$"))
            field(seventhSpan)
        }
    }
}
