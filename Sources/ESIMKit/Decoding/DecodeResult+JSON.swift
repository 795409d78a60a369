/// The JSON form of a decode result: the stable schema `esimtool decode --json` prints
/// (documented in the README). Keys are written in the order below.
///
/// Valid activation code:
/// `{"kind":"activationCode","valid":true,"format":"1","smdpAddress":…,"matchingId":…,
/// "oid":…|null,"confirmationCodeRequired":…,"ciPublicKeyId":…|null,
/// "wrapper":null|"apple"|"android","warnings":[{"code":…,"message":…}],"canonical":…}`
///
/// Any invalid input: `{"kind":…,"valid":false,"error":{"code":…,"message":…,"offset":N}}`
extension DecodeResult: Encodable {
    enum Key: String, CodingKey {
        case kind, valid, error, warnings
        // activation code
        case format, smdpAddress, matchingId, oid, confirmationCodeRequired, ciPublicKeyId, wrapper, canonical
        // identifiers
        case iccid, eid, imsi, encoding, countryCode, countryCodeDigits, regions, checkDigit, checkDigits
        case numbering, issuerIdentifier, platformAndOSVersion, additionalIssuerInformation
        case individualIdentificationNumber
        case mcc, mnc, msin, mncLength, readings
    }

    private struct Problem: Encodable {
        var code: String
        var message: String
        var offset: Int?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key2.self)
            try container.encode(code, forKey: .code)
            try container.encode(message, forKey: .message)
            if let offset { try container.encode(offset, forKey: .offset) }
        }

        enum Key2: String, CodingKey { case code, message, offset }
    }

    private struct Reading: Encodable {
        var mnc: String
        var msin: String
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(isValid, forKey: .valid)
        if let failure {
            try container.encode(Problem(code: failure.code, message: failure.message, offset: failure.offset),
                                 forKey: .error)
            return
        }
        let warnings = self.warnings.map { Problem(code: $0.code, message: $0.message) }
        switch self {
        case .activationCode(.success(let decoded)):
            let code = decoded.code
            try container.encode(ActivationCode.format, forKey: .format)
            try container.encode(code.smdpAddress, forKey: .smdpAddress)
            try container.encode(code.matchingID, forKey: .matchingId)
            try container.encode(code.smdpOID, forKey: .oid)
            try container.encode(code.confirmationCodeRequired, forKey: .confirmationCodeRequired)
            try container.encode(code.ciPublicKeyID, forKey: .ciPublicKeyId)
            try container.encode(decoded.wrapper?.rawValue, forKey: .wrapper)
            try container.encode(warnings, forKey: .warnings)
            try container.encode(code.canonicalText, forKey: .canonical)
        case .iccid(.success(let decoded)):
            let iccid = decoded.iccid
            try container.encode(iccid.digits, forKey: .iccid)
            try container.encode(decoded.encoding.rawValue, forKey: .encoding)
            try container.encode(iccid.countryCode, forKey: .countryCode)
            try container.encode(iccid.countryCodeDigits, forKey: .countryCodeDigits)
            try container.encode(iccid.regions, forKey: .regions)
            try container.encode(iccid.checkDigit, forKey: .checkDigit)
            try container.encode(warnings, forKey: .warnings)
        case .eid(.success(let eid)):
            try container.encode(eid.digits, forKey: .eid)
            let layout = eid.layout
            try container.encode(layout == nil ? "SGP.29" : "SGP.02", forKey: .numbering)
            try container.encode(layout?.countryCode, forKey: .countryCode)
            try container.encode(eid.regions, forKey: .regions)
            try container.encode(layout?.issuerIdentifier, forKey: .issuerIdentifier)
            try container.encode(layout?.platformAndOSVersion, forKey: .platformAndOSVersion)
            try container.encode(layout?.additionalIssuerInformation, forKey: .additionalIssuerInformation)
            try container.encode(layout?.individualIdentificationNumber, forKey: .individualIdentificationNumber)
            try container.encode(eid.checkDigits, forKey: .checkDigits)
            try container.encode(warnings, forKey: .warnings)
        case .imsi(.success(let decoded)):
            let imsi = decoded.imsi
            try container.encode(imsi.digits, forKey: .imsi)
            try container.encode(imsi.mcc, forKey: .mcc)
            try container.encode(imsi.mnc, forKey: .mnc)
            try container.encode(imsi.msin, forKey: .msin)
            if case .known(let length) = imsi.mncLength {
                try container.encode(length, forKey: .mncLength)
            } else {
                try container.encode("ambiguous", forKey: .mncLength)
            }
            try container.encode(imsi.readings.map { Reading(mnc: $0.mnc, msin: $0.msin) }, forKey: .readings)
            try container.encode(imsi.regions, forKey: .regions)
            try container.encode(warnings, forKey: .warnings)
        default:
            break
        }
    }
}

/// What `decode --json` prints for one input: the result, and for a valid ICCID or IMSI a
/// final `carriers` key listing the carriers it points to.
package struct DecodeReport: Encodable {
    package var result: DecodeResult
    package var carriers: [CarrierMentions.Mention]?

    package init(_ result: DecodeResult, carriers: [CarrierMentions.Mention]? = nil) {
        self.result = result
        self.carriers = carriers
    }

    enum Key: String, CodingKey { case carriers }

    package func encode(to encoder: any Encoder) throws {
        try result.encode(to: encoder)
        if let carriers {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(carriers, forKey: .carriers)
        }
    }
}

/// What `encode --json` prints: `{"text","appleSetupLink","androidSetupLink","warnings"}`.
package struct EncodeReport: Encodable {
    package struct Warning: Encodable {
        var code: String
        var message: String
    }

    package var text: String
    package var appleSetupLink: String
    package var androidSetupLink: String
    package var warnings: [Warning]

    package init(_ decoded: DecodedActivationCode) {
        text = decoded.code.canonicalText
        appleSetupLink = decoded.code.setupLinkText(.apple)
        androidSetupLink = decoded.code.setupLinkText(.android)
        warnings = decoded.warnings.map { Warning(code: $0.code.rawValue, message: $0.message) }
    }
}
