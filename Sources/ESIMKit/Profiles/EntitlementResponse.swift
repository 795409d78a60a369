import ESIMMarkup

/// A GSMA TS.43 service entitlement response: the XML `wap-provisioningdoc` or its JSON
/// form. What matters for eSIM: each application's results (ODSA `ManageSubscription`,
/// `AcquireConfiguration`) and its `DownloadInfo` (the activation code, ICCID and SM-DP+
/// address of a profile to download).
///
/// Result codes and their meanings follow TS.43 as Android's entitlement library reads
/// them (`Ts43XmlDoc`, `EsimOdsaOperation`). The `TOKEN` characteristic is never kept: it
/// is a credential.
package struct EntitlementResponse: Hashable, Sendable {
    package var version: String?
    /// How long the configuration may be cached (`VERS` `validity`), in seconds.
    package var validitySeconds: Int?
    package var applications: [EntitlementApplication]

    package init(version: String? = nil, validitySeconds: Int? = nil, applications: [EntitlementApplication] = []) {
        self.version = version
        self.validitySeconds = validitySeconds
        self.applications = applications
    }

    /// Every download offered, across applications.
    package var downloads: [EntitlementDownload] { applications.flatMap(\.downloads) }

    /// Any application reports an error result (OperationResult other than success or
    /// not-supported).
    package var hasError: Bool {
        applications.contains { $0.operationResult?.isError == true }
    }
}

/// One `APPLICATION` characteristic (or `apNNNN` object) of a response.
package struct EntitlementApplication: Hashable, Sendable {
    package var appID: String?
    package var operationResult: EntitlementCode?
    package var subscriptionResult: EntitlementCode?
    package var serviceStatus: EntitlementCode?
    package var entitlementStatus: EntitlementCode?
    package var downloads: [EntitlementDownload]
    /// The other parameters, with the path of characteristics they were under.
    package var parameters: [EntitlementParameter]

    package init(appID: String? = nil) {
        self.appID = appID
        downloads = []
        parameters = []
    }

    /// What the application id stands for (TS.43 / Android `Ts43Constants`).
    package var appName: String? {
        switch appID?.lowercased() {
        case "ap2003": "VoLTE"
        case "ap2004": "VoWiFi"
        case "ap2005": "SMS over IP"
        case "ap2006": "ODSA for companion devices"
        case "ap2009": "ODSA for the primary device"
        case "ap2010": "data plan information"
        case "ap2011": "ODSA server-initiated requests"
        case "ap2012": "direct carrier billing"
        case "ap2013": "private user identity"
        case "ap2014": "phone number information"
        case "ap2015": "application authentication"
        case "ap2016": "satellite entitlement"
        case "ap2017": "ODSA for cross-TS.43 devices"
        default: nil
        }
    }
}

/// A numeric result with what it means.
package struct EntitlementCode: Hashable, Sendable {
    /// The value as sent.
    package var raw: String
    package var value: Int?
    package var meaning: String
    package var isError: Bool

    /// `raw` read against a table of meanings; a value the table lacks is `unknown(raw)`.
    private static func reading(_ raw: String, _ meanings: [Int: String], isError: (Int?) -> Bool = { _ in false }) -> EntitlementCode {
        let value = Int(raw)
        return EntitlementCode(raw: raw, value: value, meaning: value.flatMap { meanings[$0] } ?? "unknown(\(raw))",
                               isError: isError(value))
    }

    /// Every operation result but success and the "not supported" warning is an error.
    static func operationResult(_ raw: String) -> EntitlementCode {
        reading(raw, [1: "success", 100: "general error", 101: "invalid operation", 102: "invalid parameter",
                      103: "operation not supported (warning)", 104: "invalid MSG response"],
                isError: { $0 != 1 && $0 != 103 })
    }

    static func subscriptionResult(_ raw: String) -> EntitlementCode {
        reading(raw, [1: "continue to the operator's web sheet", 2: "download the profile", 3: "done", 4: "download later",
                      5: "dismissed", 6: "delete the profile in use", 7: "redownloadable profile is mandatory",
                      8: "requires user input"])
    }

    static func serviceStatus(_ raw: String) -> EntitlementCode {
        reading(raw, [1: "activated", 2: "activating", 3: "deactivated", 4: "deactivated, no reuse"])
    }

    static func entitlementStatus(_ raw: String) -> EntitlementCode {
        reading(raw, [0: "disabled", 1: "enabled", 2: "incompatible", 3: "provisioning"])
    }
}

/// A `DownloadInfo`: what the device should download.
package struct EntitlementDownload: Hashable, Sendable {
    /// The activation code as text (after base64 decoding when it was sent so).
    package var activationCodeText: String?
    /// The code sent base64-encoded.
    package var activationCodeWasBase64: Bool
    /// The activation code, decoded by the same decoder as `esimtool decode`.
    package var activationCode: DecodedActivationCode?
    /// Why the activation code could not be decoded.
    package var activationCodeProblem: String?
    package var iccid: String?
    package var smdpAddress: String?

    package init(activationCodeText: String? = nil, activationCodeWasBase64: Bool = false, iccid: String? = nil, smdpAddress: String? = nil) {
        self.activationCodeText = activationCodeText
        self.activationCodeWasBase64 = activationCodeWasBase64
        self.iccid = iccid
        self.smdpAddress = smdpAddress
        if let activationCodeText {
            do {
                activationCode = try ActivationCode.decode(activationCodeText)
            } catch {
                activationCodeProblem = error.description
            }
        }
    }
}

/// A parameter kept as given: `APPLICATION/PrimaryConfiguration` · `ICCID` = `…`.
package struct EntitlementParameter: Hashable, Sendable {
    package var path: String
    package var name: String
    package var value: String
}

extension EntitlementResponse {
    /// The largest response read.
    package static let maximumLength = 4 << 20

    /// Reads the XML form: `<wap-provisioningdoc>` with `characteristic` and `parm`
    /// elements (names compared without case).
    package init(xml bytes: [UInt8]) throws(ProfileError) {
        guard bytes.count <= Self.maximumLength else {
            throw ProfileError(.tooLarge, "\(bytes.count) bytes; at most \(Self.maximumLength) are read")
        }
        let document: XMLDocument
        do {
            document = try XMLDocument(bytes: bytes)
        } catch {
            throw ProfileError(.notEntitlement, "not XML: \(error.message)", line: error.line)
        }
        guard document.isWellFormed else {
            let line = document.diagnostics.first?.line
            throw ProfileError(.notEntitlement, "the XML is not well-formed: \(document.diagnostics.first?.message ?? "")", line: line)
        }
        guard let root = document.root, root.name.lowercased() == "wap-provisioningdoc" else {
            throw ProfileError(.notEntitlement, "the root element is <\(document.root?.name ?? "")>, not <wap-provisioningdoc>",
                               line: document.root?.line)
        }
        var response = EntitlementResponse()
        for characteristic in root.elementChildren where characteristic.name.lowercased() == "characteristic" {
            let type = characteristic.attribute("type") ?? ""
            switch type.lowercased() {
            case "vers":
                for parm in Self.parms(of: characteristic) {
                    switch parm.name.lowercased() {
                    case "version": response.version = parm.value
                    case "validity": response.validitySeconds = Int(parm.value)
                    default: break
                    }
                }
            case "token":
                continue
            case "application":
                var application = EntitlementApplication()
                Self.collect(characteristic, path: "APPLICATION", into: &application)
                response.applications.append(application)
            default:
                var application = EntitlementApplication(appID: nil)
                Self.collect(characteristic, path: type, into: &application)
                if !application.parameters.isEmpty || !application.downloads.isEmpty { response.applications.append(application) }
            }
        }
        guard response.version != nil || !response.applications.isEmpty else {
            throw ProfileError(.notEntitlement, "the document has no VERS or APPLICATION characteristic", line: root.line)
        }
        self = response
    }

    private static func parms(of node: MarkupNode) -> [(name: String, value: String)] {
        node.elementChildren.compactMap { child in
            guard child.name.lowercased() == "parm", let name = child.attribute("name") else { return nil }
            return (name, child.attribute("value") ?? "")
        }
    }

    private static func collect(_ node: MarkupNode, path: String, into application: inout EntitlementApplication) {
        var download: [String: String] = [:]
        for child in node.elementChildren {
            switch child.name.lowercased() {
            case "parm":
                guard let name = child.attribute("name") else { continue }
                apply(name: name, value: child.attribute("value") ?? "", path: path, into: &application, download: &download)
            case "characteristic":
                let type = child.attribute("type") ?? "?"
                collect(child, path: path + "/" + type, into: &application)
            default:
                continue
            }
        }
        if !download.isEmpty { application.downloads.append(makeDownload(download)) }
    }

    /// Applies one parameter: results are interpreted, `DownloadInfo` parameters gathered,
    /// the rest kept as they are.
    static func apply(name: String, value: String, path: String, into application: inout EntitlementApplication,
                      download: inout [String: String]) {
        let key = name.lowercased()
        if path.lowercased().hasSuffix("downloadinfo") || ["profileactivationcode", "profileiccid", "profilesmdpaddress"].contains(key) {
            download[key] = value
            return
        }
        switch key {
        case "appid": application.appID = value
        case "operationresult": if application.operationResult == nil { application.operationResult = .operationResult(value) }
        case "subscriptionresult": if application.subscriptionResult == nil { application.subscriptionResult = .subscriptionResult(value) }
        case "servicestatus": if application.serviceStatus == nil { application.serviceStatus = .serviceStatus(value) }
        case "entitlementstatus": if application.entitlementStatus == nil { application.entitlementStatus = .entitlementStatus(value) }
        case "token", "temporarytoken", "temptoken": return
        default: application.parameters.append(EntitlementParameter(path: path, name: name, value: value))
        }
    }

    static func makeDownload(_ values: [String: String]) -> EntitlementDownload {
        var text = values["profileactivationcode"].map { $0.trimmingSpaces }
        var wasBase64 = false
        if let code = text, !code.isEmpty, !code.contains("$"), let bytes = Base64.decode(code),
           let decoded = String(validating: bytes, as: UTF8.self), decoded.contains("$") {
            text = decoded.trimmingSpaces
            wasBase64 = true
        }
        if text?.isEmpty == true { text = nil }
        return EntitlementDownload(activationCodeText: text, activationCodeWasBase64: wasBase64,
                                   iccid: values["profileiccid"].flatMap { $0.isEmpty ? nil : $0 },
                                   smdpAddress: values["profilesmdpaddress"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Reads the JSON form: `{"Vers": {…}, "Token": {…}, "ap2009": {…}}`, or applications
    /// under `APPLICATION` (an object or a list) with their `AppID`.
    package init(json value: JSONValue) throws(ProfileError) {
        guard case .object(let members) = value else {
            throw ProfileError(.notEntitlement, "a TS.43 JSON response is an object")
        }
        var response = EntitlementResponse()
        var sawEntitlementKey = false
        for member in members {
            let key = member.key.lowercased()
            switch key {
            case "vers":
                sawEntitlementKey = true
                response.version = PlanFeed.field(member.value, ["version"])?.scalarText
                response.validitySeconds = PlanFeed.field(member.value, ["validity"])?.scalarText.flatMap { Int($0) }
            case "token":
                sawEntitlementKey = true
            case "application":
                sawEntitlementKey = true
                let items: [JSONValue]
                if case .array(let list) = member.value { items = list } else { items = [member.value] }
                for item in items {
                    var application = EntitlementApplication()
                    Self.collect(json: item, path: "APPLICATION", into: &application)
                    response.applications.append(application)
                }
            default:
                guard Self.isAppID(key) else { continue }
                sawEntitlementKey = true
                var application = EntitlementApplication(appID: member.key)
                Self.collect(json: member.value, path: member.key, into: &application)
                response.applications.append(application)
            }
        }
        guard sawEntitlementKey else {
            throw ProfileError(.notEntitlement, "the JSON has no Vers, APPLICATION or apNNNN member: not a TS.43 response")
        }
        self = response
    }

    static func isAppID(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        return bytes.count == 6 && key.hasPrefix("ap") && bytes[2...].allSatisfy(ASCII.isDigit)
    }

    private static func collect(json value: JSONValue, path: String, into application: inout EntitlementApplication) {
        guard case .object(let members) = value else { return }
        var download: [String: String] = [:]
        for member in members {
            switch member.value {
            case .object:
                collect(json: member.value, path: path + "/" + member.key, into: &application)
            case .array(let items):
                for item in items {
                    if case .object = item {
                        collect(json: item, path: path + "/" + member.key, into: &application)
                    } else if let text = item.scalarText {
                        apply(name: member.key, value: text, path: path, into: &application, download: &download)
                    }
                }
            case .null:
                continue
            default:
                apply(name: member.key, value: member.value.scalarText ?? "", path: path, into: &application, download: &download)
            }
        }
        if !download.isEmpty { application.downloads.append(makeDownload(download)) }
    }
}
