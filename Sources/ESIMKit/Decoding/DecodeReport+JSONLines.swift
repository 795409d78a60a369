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
            json.raw(",\"error\":{\"code\":")
            json.string(failure.code)
            json.raw(",\"message\":")
            json.string(failure.message)
            json.raw(",\"offset\":")
            json.int(failure.offset)
            json.raw("}")
        } else {
            writeFields(to: &json)
        }
        if let carriers {
            json.raw(",\"carriers\":[")
            for (index, mention) in carriers.enumerated() {
                json.raw(index == 0 ? "{\"id\":" : ",{\"id\":")
                json.string(mention.id)
                json.raw(",\"name\":")
                json.string(mention.name)
                json.raw(",\"reason\":")
                json.string(mention.reason)
                json.raw("}")
            }
            json.raw("]")
        }
        json.raw("}")
    }

    private func writeFields(to json: inout JSONBytes) {
        switch self {
        case .activationCode(.success(let decoded)):
            let code = decoded.code
            json.raw(",\"format\":\"1\",\"smdpAddress\":")
            code.writeField(code.addressSpan, to: &json)
            json.raw(",\"matchingId\":")
            code.writeField(code.matchingIDSpan, to: &json)
            json.raw(",\"oid\":")
            code.writeOptionalField(code.oidSpan, to: &json)
            json.raw(",\"confirmationCodeRequired\":")
            json.bool(code.confirmationCodeRequired)
            json.raw(",\"ciPublicKeyId\":")
            code.writeOptionalField(code.keyIDSpan, to: &json)
            switch decoded.wrapper {
            case nil: json.raw(",\"wrapper\":null")
            case .apple?: json.raw(",\"wrapper\":\"apple\"")
            case .android?: json.raw(",\"wrapper\":\"android\"")
            }
            if decoded.warnings.isEmpty {
                json.raw(",\"warnings\":[]")
            } else {
                Self.writeWarnings(decoded.warnings.map { ($0.code.rawValue, $0.message) }, to: &json)
            }
            json.raw(",\"canonical\":")
            code.writeCanonicalText(to: &json)
        case .iccid(.success(let decoded)):
            let iccid = decoded.iccid
            json.raw(",\"iccid\":")
            json.string(iccid.digits)
            json.raw(",\"encoding\":")
            json.string(decoded.encoding.rawValue)
            json.raw(",\"countryCode\":")
            if let code = iccid.countryCode { json.int(code) } else { json.null() }
            json.raw(",\"countryCodeDigits\":")
            json.string(iccid.countryCodeDigits)
            json.raw(",\"regions\":")
            json.strings(iccid.regions)
            json.raw(",\"checkDigit\":")
            json.int(iccid.checkDigit)
            Self.writeWarnings(warnings, to: &json)
        case .eid(.success(let eid)):
            json.raw(",\"eid\":")
            json.string(eid.digits)
            let layout = eid.layout
            json.raw(layout == nil ? ",\"numbering\":\"SGP.29\"" : ",\"numbering\":\"SGP.02\"")
            json.raw(",\"countryCode\":")
            json.string(layout?.countryCode)
            json.raw(",\"regions\":")
            json.strings(eid.regions)
            json.raw(",\"issuerIdentifier\":")
            json.string(layout?.issuerIdentifier)
            json.raw(",\"platformAndOSVersion\":")
            json.string(layout?.platformAndOSVersion)
            json.raw(",\"additionalIssuerInformation\":")
            json.string(layout?.additionalIssuerInformation)
            json.raw(",\"individualIdentificationNumber\":")
            json.string(layout?.individualIdentificationNumber)
            json.raw(",\"checkDigits\":")
            json.string(eid.checkDigits)
            Self.writeWarnings(warnings, to: &json)
        case .imsi(.success(let decoded)):
            let imsi = decoded.imsi
            json.raw(",\"imsi\":")
            json.string(imsi.digits)
            json.raw(",\"mcc\":")
            json.string(imsi.mcc)
            json.raw(",\"mnc\":")
            json.string(imsi.mnc)
            json.raw(",\"msin\":")
            json.string(imsi.msin)
            json.raw(",\"mncLength\":")
            if case .known(let length) = imsi.mncLength { json.int(length) } else { json.raw("\"ambiguous\"") }
            json.raw(",\"readings\":[")
            for (index, reading) in imsi.readings.enumerated() {
                json.raw(index == 0 ? "{\"mnc\":" : ",{\"mnc\":")
                json.string(reading.mnc)
                json.raw(",\"msin\":")
                json.string(reading.msin)
                json.raw("}")
            }
            json.raw("],\"regions\":")
            json.strings(imsi.regions)
            Self.writeWarnings(warnings, to: &json)
        default:
            break
        }
    }

    private static func writeWarnings(_ warnings: [(code: String, message: String)], to json: inout JSONBytes) {
        json.raw(",\"warnings\":[")
        for (index, warning) in warnings.enumerated() {
            json.raw(index == 0 ? "{\"code\":" : ",{\"code\":")
            json.string(warning.code)
            json.raw(",\"message\":")
            json.string(warning.message)
            json.raw("}")
        }
        json.raw("]")
    }
}

extension ActivationCode {
    /// Calls `body` with the field's UTF-8 bytes, read in place from the decoded text.
    fileprivate func withField<Result>(_ span: Span, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = storage.utf8.withContiguousStorageIfAvailable({ body(UnsafeBufferPointer(rebasing: $0[span.range])) }) {
            return result
        }
        var copy = string(span)
        return copy.withUTF8(body)
    }

    fileprivate func writeField(_ span: Span, to json: inout JSONBytes) {
        withField(span) { json.string(utf8: $0) }
    }

    fileprivate func writeOptionalField(_ span: Span, to json: inout JSONBytes) {
        if span.isEmpty { json.null() } else { writeField(span, to: &json) }
    }

    /// ``canonicalText`` as a JSON string, written field by field.
    fileprivate func writeCanonicalText(to json: inout JSONBytes) {
        json.raw("\"")
        writeCanonicalText(to: &json, escaped: true)
        json.raw("\"")
    }

    /// ``canonicalText`` written field by field, JSON-escaped or as it is (for text output).
    package func writeCanonicalText(to json: inout JSONBytes, escaped: Bool) {
        func field(_ span: Span) {
            withField(span) { escaped ? json.escaped(utf8: $0) : json.append($0) }
        }
        json.raw("LPA:1$")
        field(addressSpan)
        json.raw("$")
        field(matchingIDSpan)
        // Fields 4–7 up to the last one present, as canonicalText writes them.
        let last = !seventhSpan.isEmpty ? 3 : !keyIDSpan.isEmpty ? 2 : confirmationCodeRequired ? 1 : !oidSpan.isEmpty ? 0 : -1
        if last >= 0 {
            json.raw("$")
            field(oidSpan)
        }
        if last >= 1 { json.raw(confirmationCodeRequired ? "$1" : "$") }
        if last >= 2 {
            json.raw("$")
            field(keyIDSpan)
        }
        if last >= 3 {
            json.raw("$")
            field(seventhSpan)
        }
    }
}
