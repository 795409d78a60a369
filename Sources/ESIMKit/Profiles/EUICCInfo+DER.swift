import SwiftASN1

/// SGP.22 ES10b `GetEuiccInfo2` response in DER (the fields `EUICCInfo` keeps; tags
/// after SGP.22 v2.2.2 §5.7.8 and lpac's decoder, `euicc/es10c_ex.c`):
///
/// ```
/// EUICCInfo2 ::= [34] SEQUENCE {                           -- BF22
///     profileVersion [1] VersionType,                      -- 81, 3 bytes: major.minor.revision
///     svn [2] VersionType,                                 -- 82, the SGP.22 version
///     euiccFirmwareVer [3] VersionType,                    -- 83
///     extCardResource [4] OCTET STRING,                    -- 84, TS 102 226 TLVs: 81 installed
///                                                          --     applications, 82 free non-volatile
///                                                          --     memory, 83 free volatile memory
///     uiccCapability [5] UICCCapability,                   -- 85, BIT STRING
///     ts102241Version [6] VersionType OPTIONAL,            -- 86 (lpac: javacardVersion)
///     globalplatformVersion [7] VersionType OPTIONAL,      -- 87
///     rspCapability [8] RspCapability,                     -- 88, BIT STRING
///     euiccCiPKIdListForVerification [9] SEQUENCE OF SubjectKeyIdentifier,   -- A9, OCTET STRINGs
///     euiccCiPKIdListForSigning [10] SEQUENCE OF SubjectKeyIdentifier,       -- AA
///     euiccCategory [11] INTEGER {other(0), basicEuicc(1), mediumEuicc(2),
///                                 contactlessEuicc(3)} OPTIONAL,            -- 8B
///     forbiddenProfilePolicyRules [25] PprIds OPTIONAL,    -- 99, BIT STRING
///     ppVersion VersionType,                               -- 04
///     sasAcreditationNumber UTF8String (SIZE(0..64)),      -- 0C
///     certificationDataObject [12] CertificationDataObject OPTIONAL,   -- AC
///     … }
/// CertificationDataObject ::= SEQUENCE {                   -- automatic tags
///     platformLabel UTF8String,                            -- 80, GlobalPlatform DLOA
///     discoveryBaseURL UTF8String }                        -- 81
/// ```
extension EUICCInfo {
    /// `UICCCapability` bit names, in bit order (lpac's spelling, as `lpac chip info` prints them).
    static let uiccCapabilityNames = [
        "contactlessSupport", "usimSupport", "isimSupport", "csimSupport", "akaMilenage", "akaCave", "akaTuak128",
        "akaTuak256", "rfu1", "rfu2", "gbaAuthenUsim", "gbaAuthenISim", "mbmsAuthenUsim", "eapClient", "javacard",
        "multos", "multipleUsimSupport", "multipleIsimSupport", "multipleCsimSupport",
    ]
    /// `RspCapability` bit names, in bit order.
    static let rspCapabilityNames = ["additionalProfile", "crlSupport", "rpmSupport", "testProfileSupport"]
    /// `euiccCategory` values.
    static let categoryNames = ["other", "basicEuicc", "mediumEuicc", "contactlessEuicc"]

    /// Reads the elements of an `EUICCInfo2` (BF22) response.
    static func read(_ children: ASN1NodeCollection, diagnostics: inout [ProfileDiagnostic]) throws(ProfileError) -> EUICCInfo {
        var info = EUICCInfo()
        for child in children {
            let position = child.encodedBytes.startIndex
            switch (child.identifier.tagClass, child.identifier.tagNumber) {
            case (.contextSpecific, 1): info.profileVersion = try version(child, field: "profileVersion")
            case (.contextSpecific, 2): info.specificationVersion = try version(child, field: "svn")
            case (.contextSpecific, 3): info.firmwareVersion = try version(child, field: "euiccFirmwareVer")
            case (.contextSpecific, 4): try readCardResource(child, into: &info)
            case (.contextSpecific, 5): info.uiccCapabilities = try NamedBits.names(ProfileList.bits(child, field: "uiccCapability"), uiccCapabilityNames)
            case (.contextSpecific, 6): info.javaCardVersion = try version(child, field: "ts102241Version")
            case (.contextSpecific, 7): info.globalPlatformVersion = try version(child, field: "globalplatformVersion")
            case (.contextSpecific, 8): info.rspCapabilities = try NamedBits.names(ProfileList.bits(child, field: "rspCapability"), rspCapabilityNames)
            case (.contextSpecific, 9): info.ciKeyIDsForVerification = try keyIDs(child, field: "euiccCiPKIdListForVerification")
            case (.contextSpecific, 10): info.ciKeyIDsForSigning = try keyIDs(child, field: "euiccCiPKIdListForSigning")
            case (.contextSpecific, 11):
                let value = try ProfileList.integer(child, field: "euiccCategory")
                info.category = categoryNames.indices.contains(value) ? categoryNames[value] : "unknown(\(value))"
            case (.contextSpecific, 25):
                info.forbiddenPolicyRules = PolicyRules(bits: try ProfileList.bits(child, field: "forbiddenProfilePolicyRules")).ruleNames
            case (.contextSpecific, 12):
                try readCertification(child, into: &info, diagnostics: &diagnostics)
            case (.universal, 4): info.ppVersion = try version(child, field: "ppVersion")
            case (.universal, 12): info.sasAccreditationNumber = try ProfileList.utf8(child, field: "sasAcreditationNumber")
            default:
                diagnostics.append(ProfileDiagnostic(.unknownElement, .warning, "unknown EUICCInfo2 element skipped", offset: position))
            }
        }
        return info
    }

    /// `VersionType ::= OCTET STRING (SIZE(3))`: `2.2.0`.
    static func version(_ node: ASN1Node, field: String) throws(ProfileError) -> String {
        let bytes = try ProfileList.primitive(node, field: field)
        guard bytes.count == 3 else {
            throw ProfileError(.invalidValue, "\(field) is 3 bytes (major, minor, revision); found \(bytes.count)",
                               offset: node.encodedBytes.startIndex)
        }
        return bytes.map(String.init).joined(separator: ".")
    }

    static func keyIDs(_ node: ASN1Node, field: String) throws(ProfileError) -> [String] {
        guard case .constructed(let items) = node.content else {
            throw ProfileError(.unexpectedTag, "\(field) must be a SEQUENCE OF key identifiers", offset: node.encodedBytes.startIndex)
        }
        var result: [String] = []
        for item in items {
            guard item.identifier == .octetString else {
                throw ProfileError(.unexpectedTag, "\(field) holds an element that is not an OCTET STRING", offset: item.encodedBytes.startIndex)
            }
            result.append(ProfileList.hex(try ProfileList.primitive(item, field: field)))
        }
        return result
    }

    /// `certificationDataObject`: its two strings, each optional here (a card that leaves
    /// one out still says the other); anything else inside is skipped with a warning.
    static func readCertification(_ node: ASN1Node, into info: inout EUICCInfo, diagnostics: inout [ProfileDiagnostic]) throws(ProfileError) {
        guard case .constructed(let items) = node.content else {
            throw ProfileError(.unexpectedTag, "certificationDataObject must be a SEQUENCE", offset: node.encodedBytes.startIndex)
        }
        for item in items {
            switch (item.identifier.tagClass, item.identifier.tagNumber) {
            case (.contextSpecific, 0): info.platformLabel = try ProfileList.utf8(item, field: "platformLabel")
            case (.contextSpecific, 1): info.discoveryBaseURL = try ProfileList.utf8(item, field: "discoveryBaseURL")
            default:
                diagnostics.append(ProfileDiagnostic(.unknownElement, .warning, "unknown certificationDataObject element skipped",
                                                     offset: item.encodedBytes.startIndex))
            }
        }
    }

    /// ETSI TS 102 226 extended card resource information: tag, one-byte length, a
    /// big-endian count.
    static func readCardResource(_ node: ASN1Node, into info: inout EUICCInfo) throws(ProfileError) {
        let bytes = try ProfileList.primitive(node, field: "extCardResource")
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let position = index
            guard index + 1 < bytes.endIndex else {
                throw ProfileError(.truncatedDER, "extCardResource ends inside an element", offset: position)
            }
            let tag = bytes[index]
            let length = Int(bytes[index + 1])
            let start = index + 2
            guard length <= 8, start + length <= bytes.endIndex else {
                throw ProfileError(.invalidLength, "extCardResource: element \(String(tag, radix: 16, uppercase: true)) of \(length) bytes does not fit",
                                   offset: position)
            }
            // An unsigned count: eight bytes with the top bit set are beyond what is read.
            guard length < 8 || bytes[start] < 0x80 else {
                throw ProfileError(.invalidValue, "extCardResource: element \(String(tag, radix: 16, uppercase: true)) holds a count past 2^63 - 1",
                                   offset: position)
            }
            let value = bytes[start..<(start + length)].reduce(0) { $0 << 8 | Int($1) }
            switch tag {
            case 0x81: info.installedApplications = value
            case 0x82: info.freeNonVolatileMemory = value
            case 0x83: info.freeVolatileMemory = value
            default: break
            }
            index = start + length
        }
    }

    // MARK: Encoding

    /// The info as an `EUICCInfo2` (BF22) response; reads back as the same info (bit
    /// names must be among the known ones or `bit(N)`, or are left out).
    func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 34, tagClass: .contextSpecific)) { fields in
            func version(_ number: UInt, _ tagClass: ASN1Identifier.TagClass, _ text: String?) throws {
                guard let text else { return }
                let parts = text.split(separator: ".").compactMap { UInt8($0) }
                guard parts.count == 3 else { throw ProfileError(.invalidValue, "'\(text)' is not a version like 2.2.0") }
                fields.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: number, tagClass: tagClass)) { $0.append(contentsOf: parts) }
            }
            func bits(_ number: UInt, _ set: [String], _ names: [String]) throws {
                let indices = set.compactMap { NamedBits.index(of: $0, in: names) }
                try ProfileList.bitString(indices, count: (indices.max() ?? -1) + 1)
                    .serialize(into: &fields, withIdentifier: ASN1Identifier(tagWithNumber: number, tagClass: .contextSpecific))
            }
            func keys(_ number: UInt, _ ids: [String]) throws {
                try fields.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: number, tagClass: .contextSpecific)) { list in
                    for id in ids {
                        let bytes = try ProfileList.hexBytes(id)
                        list.appendPrimitiveNode(identifier: .octetString) { $0.append(contentsOf: bytes) }
                    }
                }
            }
            try version(1, .contextSpecific, profileVersion)
            try version(2, .contextSpecific, specificationVersion)
            try version(3, .contextSpecific, firmwareVersion)
            var resource: [UInt8] = []
            for (tag, value) in [(UInt8(0x81), installedApplications), (0x82, freeNonVolatileMemory), (0x83, freeVolatileMemory)] {
                guard let value else { continue }
                guard value >= 0 else {
                    throw ProfileError(.invalidValue, "extCardResource: \(value) is not a count (element \(String(tag, radix: 16, uppercase: true)))")
                }
                var digits: [UInt8] = []
                var rest = value
                repeat {
                    digits.insert(UInt8(rest & 0xFF), at: 0)
                    rest >>= 8
                } while rest > 0
                resource += [tag, UInt8(digits.count)] + digits
            }
            if !resource.isEmpty {
                fields.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: 4, tagClass: .contextSpecific)) { $0.append(contentsOf: resource) }
            }
            try bits(5, uiccCapabilities, Self.uiccCapabilityNames)
            try version(6, .contextSpecific, javaCardVersion)
            try version(7, .contextSpecific, globalPlatformVersion)
            try bits(8, rspCapabilities, Self.rspCapabilityNames)
            try keys(9, ciKeyIDsForVerification)
            try keys(10, ciKeyIDsForSigning)
            if let category, let value = Self.categoryNames.firstIndex(of: category) ?? ProfileInfo.unknownValue(category) {
                try value.serialize(into: &fields, withIdentifier: ASN1Identifier(tagWithNumber: 11, tagClass: .contextSpecific))
            }
            if !forbiddenPolicyRules.isEmpty { try bits(25, forbiddenPolicyRules, PolicyRules.names) }
            try version(4, .universal, ppVersion)
            if let sasAccreditationNumber {
                fields.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: 12, tagClass: .universal)) { $0.append(contentsOf: Array(sasAccreditationNumber.utf8)) }
            }
            if platformLabel != nil || discoveryBaseURL != nil {
                try fields.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 12, tagClass: .contextSpecific)) { object in
                    for (number, text) in [(UInt(0), platformLabel), (1, discoveryBaseURL)] {
                        guard let text else { continue }
                        object.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: number, tagClass: .contextSpecific)) { $0.append(contentsOf: Array(text.utf8)) }
                    }
                }
            }
        }
    }
}
