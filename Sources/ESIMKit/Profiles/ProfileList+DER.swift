import SwiftASN1

/// SGP.22 ES10c responses in DER, decoded with swift-asn1:
///
/// ```
/// ProfileInfoListResponse ::= [45] CHOICE {              -- BF2D
///     profileInfoListOk   SEQUENCE OF ProfileInfo,        -- A0
///     profileInfoListError ProfileInfoListError }         -- 81
/// ProfileInfo ::= [PRIVATE 3] SEQUENCE {                  -- E3
///     iccid Iccid OPTIONAL,                               -- 5A, 10 bytes swapped BCD
///     isdpAid [APPLICATION 15] OctetTo16 OPTIONAL,        -- 4F
///     profileState [112] ProfileState OPTIONAL,           -- 9F70
///     profileNickname [16] UTF8String OPTIONAL,           -- 90
///     serviceProviderName [17] UTF8String OPTIONAL,       -- 91
///     profileName [18] UTF8String OPTIONAL,               -- 92
///     iconType [19] IconType OPTIONAL,                    -- 93
///     icon [20] OCTET STRING OPTIONAL,                    -- 94
///     profileClass [21] ProfileClass DEFAULT operational, -- 95
///     notificationConfigurationInfo [22] … OPTIONAL,      -- B6 (skipped)
///     profileOwner [23] OperatorId OPTIONAL,              -- B7
///     dpProprietaryData [24] … OPTIONAL,                  -- B8 (skipped)
///     profilePolicyRules [25] PprIds OPTIONAL }           -- 99
/// GetEuiccDataResponse ::= [62] SEQUENCE { eidValue [APPLICATION 26] Octet16 }  -- BF3E
/// ```
///
/// and the ES10b `EUICCInfo2` response (BF22), read into ``chip`` (see ``EUICCInfo``).
extension ProfileList {
    /// The largest DER input read.
    package static let maximumDERLength = 1 << 20
    /// The deepest nesting accepted (SGP.22 responses nest four levels).
    static let maximumDepth = 16

    /// Decodes one or more responses one after another: a profile list (BF2D), an EID
    /// response (BF3E), eUICC information (BF22).
    package init(derEncoded bytes: [UInt8]) throws(ProfileError) {
        guard !bytes.isEmpty else { throw ProfileError(.empty, "no DER bytes") }
        guard bytes.count <= Self.maximumDERLength else {
            throw ProfileError(.tooLarge, "\(bytes.count) bytes of DER; at most \(Self.maximumDERLength) are read")
        }
        var list = ProfileList(format: .der)
        var offset = 0
        while offset < bytes.count {
            let end = try DERStructure.check(bytes, at: offset, depth: 0)
            let node: ASN1Node
            do {
                node = try DER.parse(bytes[offset..<end])
            } catch {
                throw Self.mapped(error, offset: offset)
            }
            switch (node.identifier.tagClass, node.identifier.tagNumber, node.content) {
            case (.contextSpecific, 45, .constructed(let children)):
                try list.readProfileList(children, at: offset)
            case (.contextSpecific, 62, .constructed(let children)):
                try list.readEID(children, at: offset)
            case (.contextSpecific, 34, .constructed(let children)):
                list.chip = try EUICCInfo.read(children, diagnostics: &list.diagnostics)
            default:
                throw ProfileError(.unexpectedTag,
                                   "tag \(DERStructure.tagText(bytes, at: offset)) is not a profile list (BF2D), an EID response (BF3E) or eUICC information (BF22)",
                                   offset: offset)
            }
            offset = end
        }
        self = list
    }

    private mutating func readProfileList(_ children: ASN1NodeCollection, at offset: Int) throws(ProfileError) {
        listsProfiles = true
        var sawChoice = false
        for child in children {
            let position = child.encodedBytes.startIndex
            switch (child.identifier.tagClass, child.identifier.tagNumber, child.content) {
            case (.contextSpecific, 0, .constructed(let items)):
                guard !sawChoice else { throw ProfileError(.unexpectedTag, "the profile list holds two answers", offset: position) }
                sawChoice = true
                for item in items {
                    profiles.append(try Self.readProfile(item, diagnostics: &diagnostics))
                }
            case (.contextSpecific, 1, .primitive):
                let value = try Self.integer(child, field: "profileInfoListError")
                let meaning = value == 1 ? "incorrect input values" : value == 127 ? "undefined error" : "error \(value)"
                throw ProfileError(.euiccError, "the eUICC answered profileInfoListError: \(meaning)", offset: position)
            case (.private, 3, .constructed):
                // Some eUICCs put the profiles straight inside BF2D, without the A0 wrapper.
                sawChoice = true
                diagnostics.append(ProfileDiagnostic(.unexpectedValue, .warning,
                                                     "profile outside profileInfoListOk (A0); read anyway", offset: position))
                profiles.append(try Self.readProfile(child, diagnostics: &diagnostics))
            default:
                throw ProfileError(.unexpectedTag, "unexpected element in the profile list", offset: position)
            }
        }
        guard sawChoice else { throw ProfileError(.unexpectedTag, "the profile list response is empty (no A0 or 81)", offset: offset) }
    }

    private mutating func readEID(_ children: ASN1NodeCollection, at offset: Int) throws(ProfileError) {
        for child in children {
            let position = child.encodedBytes.startIndex
            guard child.identifier.tagClass == .application, child.identifier.tagNumber == 26, case .primitive(let value) = child.content else {
                diagnostics.append(ProfileDiagnostic(.unknownElement, .warning, "element skipped in the EID response", offset: position))
                continue
            }
            guard value.count == 16 else {
                throw ProfileError(.invalidValue, "an EID is 16 bytes; found \(value.count)", offset: position)
            }
            let digits = Self.hex(value)
            eid = digits
            do {
                _ = try EID(digits)
            } catch {
                diagnostics.append(ProfileDiagnostic(.checkDigits, .error, "EID \(digits): \(error.message)", offset: position))
            }
            return
        }
        throw ProfileError(.unexpectedTag, "the EID response holds no EID (5A)", offset: offset)
    }

    static func readProfile(_ node: ASN1Node, diagnostics: inout [ProfileDiagnostic]) throws(ProfileError) -> ProfileInfo {
        let offset = node.encodedBytes.startIndex
        guard node.identifier.tagClass == .private, node.identifier.tagNumber == 3, case .constructed(let fields) = node.content else {
            throw ProfileError(.unexpectedTag, "expected a ProfileInfo (E3)", offset: offset)
        }
        var profile = ProfileInfo()
        var seen: Set<UInt> = []
        var classGiven = false
        for field in fields {
            let position = field.encodedBytes.startIndex
            let key = (field.identifier.tagClass == .application ? 1000 : field.identifier.tagClass == .contextSpecific ? 2000 : 3000)
                + field.identifier.tagNumber
            guard seen.insert(key).inserted else {
                throw ProfileError(.unexpectedTag, "a ProfileInfo field appears twice", offset: position)
            }
            switch (field.identifier.tagClass, field.identifier.tagNumber) {
            case (.application, 26):
                let bytes = try primitive(field, field: "iccid")
                guard bytes.count == 10 else {
                    throw ProfileError(.invalidValue, "an ICCID is 10 bytes; found \(bytes.count)", offset: position)
                }
                let digits = try swappedBCD(bytes, at: position)
                profile.iccid = digits
                do {
                    _ = try ICCID(digits)
                } catch {
                    diagnostics.append(ProfileDiagnostic(.checkDigits, .error, "ICCID \(digits): \(error.message)", offset: position))
                }
            case (.application, 15):
                let bytes = try primitive(field, field: "isdpAid")
                guard (5...16).contains(bytes.count) else {
                    throw ProfileError(.invalidValue, "an ISD-P AID is 5 to 16 bytes; found \(bytes.count)", offset: position)
                }
                profile.isdpAID = hex(bytes)
            case (.contextSpecific, 112):
                profile.state = ProfileState(value: try integer(field, field: "profileState"))
            case (.contextSpecific, 16):
                profile.nickname = try utf8(field, field: "profileNickname")
            case (.contextSpecific, 17):
                profile.serviceProviderName = try utf8(field, field: "serviceProviderName")
            case (.contextSpecific, 18):
                profile.profileName = try utf8(field, field: "profileName")
            case (.contextSpecific, 19):
                profile.iconType = IconType(value: try integer(field, field: "iconType"))
            case (.contextSpecific, 20):
                profile.icon = Array(try primitive(field, field: "icon"))
            case (.contextSpecific, 21):
                profile.profileClass = ProfileClass(value: try integer(field, field: "profileClass"))
                classGiven = true
            case (.contextSpecific, 22), (.contextSpecific, 24):
                continue
            case (.contextSpecific, 23):
                profile.owner = try owner(field)
            case (.contextSpecific, 25):
                profile.policyRules = PolicyRules(bits: try bits(field, field: "profilePolicyRules"))
            default:
                diagnostics.append(ProfileDiagnostic(.unknownElement, .warning,
                                                     "unknown ProfileInfo element skipped", offset: position))
            }
        }
        // SGP.22: profileClass DEFAULT operational, so DER leaves an operational class out.
        if !classGiven { profile.profileClass = .operational }
        return profile
    }

    private static func owner(_ node: ASN1Node) throws(ProfileError) -> ProfileOwner {
        let offset = node.encodedBytes.startIndex
        guard case .constructed(let parts) = node.content else {
            throw ProfileError(.unexpectedTag, "profileOwner must be constructed", offset: offset)
        }
        var plmn: ArraySlice<UInt8>?
        var gid1: String?
        var gid2: String?
        for part in parts {
            switch (part.identifier.tagClass, part.identifier.tagNumber) {
            case (.contextSpecific, 0): plmn = try primitive(part, field: "mccMnc")
            case (.contextSpecific, 1): gid1 = hex(try primitive(part, field: "gid1"))
            case (.contextSpecific, 2): gid2 = hex(try primitive(part, field: "gid2"))
            default: throw ProfileError(.unexpectedTag, "unexpected element in profileOwner", offset: part.encodedBytes.startIndex)
            }
        }
        guard let plmn, plmn.count == 3 else {
            throw ProfileError(.invalidValue, "profileOwner's mccMnc must be 3 bytes", offset: offset)
        }
        // 3GPP TS 24.008 PLMN: MCC2 MCC1 | MNC3 MCC3 | MNC2 MNC1, F for a two-digit MNC.
        let nibbles = plmn.flatMap { [$0 & 0x0F, $0 >> 4] }
        let mccDigits = [nibbles[0], nibbles[1], nibbles[2]]
        var mncDigits = [nibbles[4], nibbles[5]]
        if nibbles[3] != 0x0F { mncDigits.append(nibbles[3]) }
        guard (mccDigits + mncDigits).allSatisfy({ $0 <= 9 }) else {
            throw ProfileError(.invalidValue, "profileOwner's mccMnc is not BCD digits", offset: offset)
        }
        return ProfileOwner(mcc: mccDigits.map(String.init).joined(), mnc: mncDigits.map(String.init).joined(), gid1: gid1, gid2: gid2)
    }

    // MARK: Primitive values

    static func primitive(_ node: ASN1Node, field: String) throws(ProfileError) -> ArraySlice<UInt8> {
        guard case .primitive(let bytes) = node.content else {
            throw ProfileError(.unexpectedTag, "\(field) must be a primitive element", offset: node.encodedBytes.startIndex)
        }
        return bytes
    }

    static func integer(_ node: ASN1Node, field: String) throws(ProfileError) -> Int {
        do {
            return try Int(derEncoded: node, withIdentifier: node.identifier)
        } catch {
            throw mapped(error, offset: node.encodedBytes.startIndex, field: field)
        }
    }

    /// A named bit list's bits, first bit first.
    static func bits(_ node: ASN1Node, field: String) throws(ProfileError) -> [Bool] {
        let bits: ASN1BitString
        do {
            bits = try ASN1BitString(derEncoded: node, withIdentifier: node.identifier)
        } catch {
            throw mapped(error, offset: node.encodedBytes.startIndex, field: field)
        }
        var flags: [Bool] = []
        for (index, byte) in bits.bytes.enumerated() {
            let usable = index == bits.bytes.count - 1 ? 8 - bits.paddingBits : 8
            for bit in 0..<usable { flags.append(byte & (0x80 >> bit) != 0) }
        }
        return flags
    }

    /// A named bit list with the bits at `indices` set, `count` bits long (DER drops
    /// trailing zero bits of a named bit list, X.690 §11.2.2, so callers pass the last
    /// set bit + 1).
    static func bitString(_ indices: [Int], count: Int) throws -> ASN1BitString {
        var bytes = [UInt8](repeating: 0, count: (count + 7) / 8)
        for index in indices { bytes[index / 8] |= 0x80 >> (index % 8) }
        return try ASN1BitString(bytes: bytes[...], paddingBits: bytes.count * 8 - count)
    }

    static func utf8(_ node: ASN1Node, field: String) throws(ProfileError) -> String {
        let bytes = try primitive(node, field: field)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ProfileError(.invalidValue, "\(field) is not UTF-8", offset: node.encodedBytes.startIndex)
        }
        return text
    }

    /// ICCID digits from SGP.22's nibble-swapped BCD, trailing `F` padding removed.
    static func swappedBCD(_ bytes: ArraySlice<UInt8>, at offset: Int) throws(ProfileError) -> String {
        var digits: [UInt8] = []
        var padded = false
        for byte in bytes {
            for nibble in [byte & 0x0F, byte >> 4] {
                if nibble == 0x0F {
                    padded = true
                } else if padded || nibble > 9 {
                    throw ProfileError(.invalidValue, "the ICCID holds a nibble that is not a digit", offset: offset)
                } else {
                    digits.append(0x30 + nibble)
                }
            }
        }
        return String(decoding: digits, as: UTF8.self)
    }

    static func hex(_ bytes: some Collection<UInt8>) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func mapped(_ error: any Error, offset: Int, field: String? = nil) -> ProfileError {
        let prefix = field.map { "\($0): " } ?? ""
        guard let asn1 = error as? ASN1Error else {
            return ProfileError(.invalidDER, prefix + "not valid DER", offset: offset)
        }
        switch asn1.code {
        case .truncatedASN1Field:
            return ProfileError(.truncatedDER, prefix + "the DER ends inside an element", offset: offset)
        case .unsupportedFieldLength:
            return ProfileError(.invalidLength, prefix + "a length is not valid DER", offset: offset)
        case .unexpectedFieldType:
            return ProfileError(.unexpectedTag, prefix + "unexpected element type", offset: offset)
        case .invalidASN1IntegerEncoding:
            return ProfileError(.invalidValue, prefix + "the integer is not minimally encoded", offset: offset)
        default:
            return ProfileError(.invalidDER, prefix + "not valid DER (\(asn1.code))", offset: offset)
        }
    }
}

/// Walks tag-length-value headers before swift-asn1 parses them, so that a truncated
/// element or a length past its container is reported with where it is.
enum DERStructure {
    /// The end of the element at `offset`, checking every element inside it.
    static func check(_ bytes: [UInt8], at offset: Int, depth: Int, limit: Int? = nil) throws(ProfileError) -> Int {
        let limit = limit ?? bytes.count
        guard depth <= ProfileList.maximumDepth else {
            throw ProfileError(.invalidDER, "elements nest deeper than \(ProfileList.maximumDepth) levels", offset: offset)
        }
        var index = offset
        guard index < limit else { throw ProfileError(.truncatedDER, "the DER ends before an element", offset: offset) }
        let first = bytes[index]
        let constructed = first & 0x20 != 0
        index += 1
        if first & 0x1F == 0x1F {
            // High tag number: base-128 bytes, the last without its top bit.
            var count = 0
            repeat {
                guard index < limit else { throw ProfileError(.truncatedDER, "the DER ends inside a tag", offset: offset) }
                count += 1
                guard count <= 4 else { throw ProfileError(.invalidDER, "a tag number is too long", offset: offset) }
                index += 1
            } while bytes[index - 1] & 0x80 != 0
        }
        guard index < limit else { throw ProfileError(.truncatedDER, "the DER ends before the length of tag \(tagText(bytes, at: offset))", offset: offset) }
        let lengthByte = bytes[index]
        index += 1
        var length = 0
        if lengthByte < 0x80 {
            length = Int(lengthByte)
        } else if lengthByte == 0x80 {
            throw ProfileError(.invalidLength, "tag \(tagText(bytes, at: offset)) has an indefinite length, which DER forbids", offset: offset)
        } else {
            let count = Int(lengthByte & 0x7F)
            guard count <= 4 else { throw ProfileError(.invalidLength, "tag \(tagText(bytes, at: offset)) has a \(count)-byte length", offset: offset) }
            guard index + count <= limit else {
                throw ProfileError(.truncatedDER, "the DER ends inside the length of tag \(tagText(bytes, at: offset))", offset: offset)
            }
            for _ in 0..<count {
                length = length << 8 | Int(bytes[index])
                index += 1
            }
        }
        let end = index + length
        guard end <= limit else {
            let code: ProfileError.Code = limit == bytes.count ? .truncatedDER : .invalidLength
            let place = limit == bytes.count ? "the input" : "its container"
            throw ProfileError(code, "tag \(tagText(bytes, at: offset)) claims \(length) bytes; \(place) has \(limit - index) left", offset: offset)
        }
        if constructed {
            var child = index
            while child < end {
                child = try check(bytes, at: child, depth: depth + 1, limit: end)
            }
        }
        return end
    }

    /// `BF2D`, `5A`: the tag bytes in hex.
    static func tagText(_ bytes: [UInt8], at offset: Int) -> String {
        var end = offset + 1
        if bytes[offset] & 0x1F == 0x1F {
            while end < bytes.count, bytes[end] & 0x80 != 0 { end += 1 }
            end = min(end + 1, bytes.count)
        }
        return ProfileList.hex(bytes[offset..<end])
    }
}

extension ProfileList {
    /// The list as DER: a `ProfileInfoListResponse` (BF2D) when it lists profiles, a
    /// `GetEuiccDataResponse` (BF3E) when the EID is known, an `EUICCInfo2` (BF22) when
    /// the chip's information is. Reads back as the same list.
    package func derEncoded() throws -> [UInt8] {
        var serializer = DER.Serializer()
        if listsProfiles || !profiles.isEmpty {
            try serializer.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 45, tagClass: .contextSpecific)) { list in
                try list.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { sequence in
                    for profile in profiles { try profile.serialize(into: &sequence) }
                }
            }
        }
        if let eid {
            let bytes = try Self.hexBytes(eid)
            serializer.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 62, tagClass: .contextSpecific)) { response in
                response.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: 26, tagClass: .application)) { $0.append(contentsOf: bytes) }
            }
        }
        if let chip { try chip.serialize(into: &serializer) }
        return serializer.serializedBytes
    }

    static func hexBytes(_ text: String) throws(ProfileError) -> [UInt8] {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { throw ProfileError(.invalidValue, "odd number of hex digits") }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = ASCII.hexValue(digits[index]), let low = ASCII.hexValue(digits[index + 1]) else {
                throw ProfileError(.invalidValue, "'\(text)' is not hex", offset: index)
            }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}

extension ProfileInfo {
    func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 3, tagClass: .private)) { fields in
            func primitive(_ number: UInt, _ tagClass: ASN1Identifier.TagClass, _ bytes: [UInt8]) {
                fields.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: number, tagClass: tagClass)) { $0.append(contentsOf: bytes) }
            }
            func integer(_ number: UInt, _ value: Int?) throws {
                guard let value else { return }
                try value.serialize(into: &fields, withIdentifier: ASN1Identifier(tagWithNumber: number, tagClass: .contextSpecific))
            }
            if let iccid {
                var nibbles = Array(iccid.utf8).map { $0 - 0x30 }
                while nibbles.count < 20 { nibbles.append(0x0F) }
                primitive(26, .application, stride(from: 0, to: 20, by: 2).map { nibbles[$0] | nibbles[$0 + 1] << 4 })
            }
            if let isdpAID { primitive(15, .application, try ProfileList.hexBytes(isdpAID)) }
            try integer(112, state?.derValue)
            if let nickname { primitive(16, .contextSpecific, Array(nickname.utf8)) }
            if let serviceProviderName { primitive(17, .contextSpecific, Array(serviceProviderName.utf8)) }
            if let profileName { primitive(18, .contextSpecific, Array(profileName.utf8)) }
            try integer(19, iconType?.derValue)
            if let icon { primitive(20, .contextSpecific, icon) }
            if let profileClass, profileClass != .operational { try integer(21, profileClass.derValue) }
            if let owner {
                try fields.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 23, tagClass: .contextSpecific)) { parts in
                    let mnc = Array(owner.mnc.utf8).map { $0 - 0x30 }
                    let mcc = Array(owner.mcc.utf8).map { $0 - 0x30 }
                    let plmn: [UInt8] = [mcc[1] << 4 | mcc[0], (mnc.count == 3 ? mnc[2] : 0x0F) << 4 | mcc[2], mnc[1] << 4 | mnc[0]]
                    parts.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { $0.append(contentsOf: plmn) }
                    if let gid1 = owner.gid1 {
                        let bytes = try ProfileList.hexBytes(gid1)
                        parts.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)) { $0.append(contentsOf: bytes) }
                    }
                    if let gid2 = owner.gid2 {
                        let bytes = try ProfileList.hexBytes(gid2)
                        parts.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific)) { $0.append(contentsOf: bytes) }
                    }
                }
            }
            if let policyRules {
                try ProfileList.bitString(policyRules.bits.indices.filter { policyRules.bits[$0] }, count: policyRules.bits.count)
                    .serialize(into: &fields, withIdentifier: ASN1Identifier(tagWithNumber: 25, tagClass: .contextSpecific))
            }
        }
    }
}
