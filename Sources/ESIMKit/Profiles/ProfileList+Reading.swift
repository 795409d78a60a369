import ESIMMarkup

extension ProfileList {
    /// The largest input read.
    package static let maximumInputLength = 8 << 20

    /// Reads a profile list in whichever form it comes: SGP.22 DER as binary, hex or
    /// base64; lpac's JSON output (one object per line, or one pretty-printed object);
    /// or a TS.43 entitlement response (XML or JSON).
    package init(reading bytes: [UInt8]) throws(ProfileError) {
        guard bytes.count <= Self.maximumInputLength else {
            throw ProfileError(.tooLarge, "\(bytes.count) bytes; at most \(Self.maximumInputLength) are read")
        }
        let start = FileText.contentStart(bytes)
        guard start < bytes.count else { throw ProfileError(.empty, bytes.isEmpty ? "the input is empty" : "the input holds only white space") }
        let first = bytes[start]
        // Binary DER: a constructed context-specific tag (BF2D, BF3E) is not text.
        if first == 0xBF || (first >= 0x80 && !Self.isText(bytes)) || bytes.contains(0) {
            self = try ProfileList(derEncoded: Array(bytes[start...]))
            return
        }
        guard let text = String(validating: bytes[start...], as: UTF8.self) else {
            throw ProfileError(.unrecognisedFormat, "neither DER (BF2D, BF3E) nor UTF-8 text")
        }
        switch first {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            self = try Self.readJSON(text, startOffset: start)
        case UInt8(ascii: "<"):
            self = ProfileList(format: .entitlement, entitlement: try EntitlementResponse(xml: Array(bytes[start...])))
        default:
            let compact = Array(text.utf8.filter { !ASCII.isWhitespace($0) })
            if !compact.isEmpty, compact.allSatisfy(ASCII.isHexDigit) {
                guard compact.count % 2 == 0 else {
                    throw ProfileError(.invalidDER, "hex DER has an odd number of digits (\(compact.count))")
                }
                var der: [UInt8] = []
                der.reserveCapacity(compact.count / 2)
                for index in stride(from: 0, to: compact.count, by: 2) {
                    der.append(ASCII.hexValue(compact[index])! << 4 | ASCII.hexValue(compact[index + 1])!)
                }
                self = try ProfileList(derEncoded: der)
            } else if let der = Base64.decode(String(decoding: compact, as: UTF8.self)), let head = der.first, head == 0xBF {
                self = try ProfileList(derEncoded: der)
            } else {
                throw ProfileError(.unrecognisedFormat,
                                   "not DER (binary, hex or base64 starting BF2D/BF3E), lpac JSON, or a TS.43 entitlement response")
            }
        }
    }

    private static func isText(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes.prefix(4096), as: UTF8.self) != nil || bytes.count > 4096
    }

    // MARK: JSON: lpac output or a TS.43 JSON response

    static func readJSON(_ text: String, startOffset: Int) throws(ProfileError) -> ProfileList {
        // One document (pretty-printed lpac output, a TS.43 response), else JSON Lines.
        let whole: Result<JSONValue, JSONError>
        do { whole = .success(try JSONValue(parsing: text)) } catch { whole = .failure(error) }
        if case .success(let value) = whole {
            if isLPAOutput(value) || isProfileArray(value) {
                var list = ProfileList(format: .lpac)
                list.readLPA(value, line: nil)
                return list
            }
            return ProfileList(format: .entitlement, entitlement: try EntitlementResponse(json: value))
        }
        var list = ProfileList(format: .lpac)
        var readAny = false
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let trimmed = line.trimmingSpaces
            guard !trimmed.isEmpty else { continue }
            do {
                let value = try JSONValue(parsing: trimmed)
                guard isLPAOutput(value) || isProfileArray(value) else {
                    list.diagnostics.append(ProfileDiagnostic(.invalidJSONLine, .error, "not an lpac message (no type and payload)", line: number))
                    continue
                }
                readAny = true
                list.readLPA(value, line: number)
            } catch {
                list.diagnostics.append(ProfileDiagnostic(.invalidJSONLine, .error,
                                                          "not JSON: \(error.message)", line: number, offset: error.offset))
            }
        }
        guard readAny else {
            if case .failure(let error) = whole {
                throw ProfileError(.invalidJSON, "not JSON: \(error.message)", offset: error.offset.map { $0 + startOffset })
            }
            throw ProfileError(.invalidJSON, "no line of lpac output")
        }
        return list
    }

    static func isLPAOutput(_ value: JSONValue) -> Bool {
        guard case .object = value else { return false }
        return value["type"] != nil && value["payload"] != nil
    }

    /// A bare list of profiles (`lpac profile list | jq .payload.data`).
    static func isProfileArray(_ value: JSONValue) -> Bool {
        guard case .array(let items) = value, !items.isEmpty else { return false }
        return items.allSatisfy { item in
            if item == .null { return true }
            return item["iccid"] != nil || item["isdpAid"] != nil || item["profileState"] != nil
        }
    }

    /// One lpac message: `{"type": "lpa", "payload": {"code": 0, "message": "success", "data": …}}`.
    /// Progress messages are skipped; a non-zero code is an error the LPA reported.
    mutating func readLPA(_ value: JSONValue, line: Int?) {
        if case .array = value {
            readProfiles(value, line: line)
            return
        }
        let type = value["type"]?.scalarText ?? ""
        guard type == "lpa" else { return }
        guard let payload = value["payload"], case .object = payload else {
            diagnostics.append(ProfileDiagnostic(.unexpectedValue, .error, "lpac message without a payload", line: line))
            return
        }
        let code = payload["code"]?.scalarText.flatMap { Int($0) } ?? 0
        if code != 0 {
            let message = payload["message"]?.scalarText ?? "error"
            var detail = ""
            if let data = payload["data"]?.scalarText, !data.isEmpty { detail = " (\(data))" }
            diagnostics.append(ProfileDiagnostic(.lpaError, .error, "lpac reported error \(code): \(message)\(detail)", line: line))
            return
        }
        guard let data = payload["data"] else { return }
        switch data {
        case .array:
            readProfiles(data, line: line)
        case .object:
            if let eid = data["eidValue"]?.scalarText {
                self.eid = eid
                if (try? EID(eid)) == nil, eid.count == 32 {
                    diagnostics.append(ProfileDiagnostic(.checkDigits, .error, "EID \(eid): check digits do not match", line: line))
                }
            }
            if let addresses = data["EuiccConfiguredAddresses"] ?? data["euiccConfiguredAddresses"] {
                defaultSMDPAddress = addresses["defaultDpAddress"]?.scalarText
                rootSMDSAddress = addresses["rootDsAddress"]?.scalarText
            }
            if let info = data["EUICCInfo2"] ?? data["euiccInfo2"], case .object = info {
                chip = Self.euiccInfo(info)
            }
        default:
            return
        }
    }

    /// lpac's `EUICCInfo2` object (its key names, `sasAcreditationNumber` spelling included).
    static func euiccInfo(_ info: JSONValue) -> EUICCInfo {
        func text(_ value: JSONValue?) -> String? {
            guard let value, value != .null, let text = value.scalarText, !text.isEmpty else { return nil }
            return text
        }
        // A count below zero is no count.
        func number(_ value: JSONValue?) -> Int? { text(value).flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil } }
        func list(_ key: String) -> [String] {
            guard case .array(let items)? = info[key] else { return [] }
            return items.compactMap { text($0) }
        }
        let resource = info["extCardResource"]
        return EUICCInfo(
            specificationVersion: text(info["svn"]), profileVersion: text(info["profileVersion"]),
            firmwareVersion: text(info["euiccFirmwareVer"]),
            freeNonVolatileMemory: number(resource?["freeNonVolatileMemory"]),
            freeVolatileMemory: number(resource?["freeVolatileMemory"]),
            installedApplications: number(resource?["installedApplication"]),
            globalPlatformVersion: text(info["globalplatformVersion"]), javaCardVersion: text(info["javacardVersion"]) ?? text(info["ts102241Version"]),
            ppVersion: text(info["ppVersion"]),
            sasAccreditationNumber: text(info["sasAcreditationNumber"]) ?? text(info["sasAccreditationNumber"]),
            category: text(info["euiccCategory"]), uiccCapabilities: list("uiccCapability"),
            rspCapabilities: list("rspCapability"),
            ciKeyIDsForVerification: list("euiccCiPKIdListForVerification").map { $0.uppercased() },
            ciKeyIDsForSigning: list("euiccCiPKIdListForSigning").map { $0.uppercased() },
            forbiddenPolicyRules: list("forbiddenProfilePolicyRules"),
            platformLabel: text(info["certificationDataObject"]?["platformLabel"]),
            discoveryBaseURL: text(info["certificationDataObject"]?["discoveryBaseURL"]))
    }

    private mutating func readProfiles(_ data: JSONValue, line: Int?) {
        guard case .array(let items) = data else { return }
        listsProfiles = true
        for (index, item) in items.enumerated() {
            guard case .object = item else {
                if item != .null {
                    diagnostics.append(ProfileDiagnostic(.unexpectedValue, .warning, "profile \(index) is not an object; skipped", line: line))
                }
                continue
            }
            func text(_ key: String) -> String? {
                guard let value = item[key], value != .null else { return nil }
                return value.scalarText
            }
            var profile = ProfileInfo()
            profile.iccid = text("iccid")
            profile.isdpAID = text("isdpAid")?.uppercased()
            profile.state = text("profileState").map(ProfileState.init(text:))
            profile.nickname = text("profileNickname")
            profile.serviceProviderName = text("serviceProviderName")
            profile.profileName = text("profileName")
            profile.iconType = text("iconType").flatMap(IconType.init(text:))
            profile.icon = text("icon").flatMap(Base64.decode)
            profile.profileClass = text("profileClass").map(ProfileClass.init(text:))
            if case .array(let rules)? = item["profilePolicyRules"] {
                profile.policyRules = PolicyRules(names: rules.compactMap(\.scalarText))
            }
            if let iccid = profile.iccid {
                do {
                    _ = try ICCID(iccid)
                } catch {
                    diagnostics.append(ProfileDiagnostic(.checkDigits, .error, "ICCID \(iccid): \(error.message)", line: line))
                }
            }
            profiles.append(profile)
        }
    }
}
