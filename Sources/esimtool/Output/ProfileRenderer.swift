import ESIMKit

/// Text for `esimtool profiles`.
enum ProfileRenderer {
    static func render(_ list: ProfileList, source: String) -> [String] {
        var lines: [String] = []
        let format: String
        switch list.format {
        case .lpac: format = "lpac output"
        case .der: format = "SGP.22 DER"
        case .entitlement: format = "TS.43 entitlement response"
        }
        var header = "\(source) — \(format)"
        if let eid = list.eid { header += " · EID \(DecodeRenderer.grouped(eid))" }
        lines.append(header)
        var facts: [(String, String)] = []
        if let address = list.defaultSMDPAddress { facts.append(("Default SM-DP+", address)) }
        if let address = list.rootSMDSAddress { facts.append(("Root SM-DS", address)) }
        if let chip = list.chip {
            if let version = chip.specificationVersion { facts.append(("SGP.22", version)) }
            if let version = chip.firmwareVersion { facts.append(("Firmware", version)) }
            if let free = chip.freeNonVolatileMemory { facts.append(("Free memory", Self.kilobytes(free))) }
            if let category = chip.category { facts.append(("Category", category)) }
            if !chip.ciKeyIDsForVerification.isEmpty {
                let names = zip(chip.ciKeyIDsForVerification, chip.trustedIssuers).map { id, issuer in
                    issuer.map { "\($0.name) (\(id.prefix(8))…)" } ?? String(id.prefix(8)) + "…"
                }
                var text = names.joined(separator: ", ")
                if chip.trustsOnlyTestIssuers { text += " — test CIs only: takes test profiles, not a carrier's" }
                facts.append(("Trusted CIs", text))
            }
            if let number = chip.sasAccreditationNumber { facts.append(("SAS", number)) }
            if !chip.forbiddenPolicyRules.isEmpty {
                let rules = PolicyRules(names: chip.forbiddenPolicyRules)
                facts.append(("Forbidden", "no profile may set: " + zip(rules.ruleNames, rules.meanings).map { "\($0) (\($1))" }.joined(separator: "; ")))
            }
            if let label = chip.platformLabel { facts.append(("Platform", label)) }
            if let url = chip.discoveryBaseURL { facts.append(("DLOA registrar", url)) }
        }
        lines += DecodeRenderer.table(facts)
        if list.listsProfiles || !list.profiles.isEmpty {
            lines += table(list.profiles)
        }
        if let entitlement = list.entitlement { lines += render(entitlement) }
        return lines
    }

    /// `291666` → `284.8 KB` (1 KB = 1,024 bytes).
    static func kilobytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 512) / 1024
        return "\(tenths / 10).\(tenths % 10) KB"
    }

    static func table(_ profiles: [ProfileInfo]) -> [String] {
        guard !profiles.isEmpty else { return ["  no profiles"] }
        let header = ["#", "ICCID", "State", "Class", "Provider", "Profile name", "Nickname"]
        var rows: [[String]] = []
        for (index, profile) in profiles.enumerated() {
            rows.append([String(index + 1), profile.iccid ?? "—", profile.state?.label ?? "—", profile.profileClass?.label ?? "—",
                         profile.serviceProviderName ?? "—", profile.profileName ?? "—", profile.nickname ?? "—"])
        }
        var lines = DecodeRenderer.columns(header, rows, indent: "  ")
        // Details that do not fit the table, per profile.
        for (index, profile) in profiles.enumerated() {
            var details: [String] = []
            if let aid = profile.isdpAID { details.append("ISD-P \(aid)") }
            if let icon = profile.icon { details.append("\(profile.iconType?.label ?? "icon") icon, \(icon.count) bytes") }
            if let owner = profile.owner {
                var text = "owner \(owner.mcc)-\(owner.mnc)"
                if let gid1 = owner.gid1 { text += " gid1 \(gid1)" }
                details.append(text)
            }
            if let rules = profile.policyRules, !rules.ruleNames.isEmpty { details.append(rules.meanings.joined(separator: "; ")) }
            if !details.isEmpty { lines.append("  \(index + 1): " + details.joined(separator: " · ")) }
        }
        return lines
    }

    static func render(_ response: EntitlementResponse) -> [String] {
        var lines: [String] = []
        var facts: [(String, String)] = []
        if let version = response.version { facts.append(("Version", version)) }
        if let seconds = response.validitySeconds { facts.append(("Valid for", duration(seconds))) }
        lines += DecodeRenderer.table(facts)
        for application in response.applications {
            lines.append("  " + (application.appID ?? "application") + (application.appName.map { " (\($0))" } ?? ""))
            var rows: [(String, String)] = []
            for (label, code) in [("Operation result", application.operationResult), ("Subscription result", application.subscriptionResult),
                                  ("Service status", application.serviceStatus), ("Entitlement status", application.entitlementStatus)] {
                if let code { rows.append((label, "\(code.raw) · \(code.meaning)")) }
            }
            for download in application.downloads {
                if let text = download.activationCodeText {
                    rows.append(("Activation code", text + (download.activationCodeWasBase64 ? "  (sent base64)" : "")))
                }
                if let code = download.activationCode {
                    rows.append(("  SM-DP+", code.code.smdpAddress))
                    rows.append(("  Matching ID", code.code.matchingID.isEmpty ? "(none)" : code.code.matchingID))
                    if code.code.confirmationCodeRequired { rows.append(("  Confirmation", "a confirmation code is required")) }
                    for warning in code.warnings { rows.append(("  Warning", warning.message)) }
                }
                if let problem = download.activationCodeProblem { rows.append(("  Not valid", problem)) }
                if let iccid = download.iccid { rows.append(("Profile ICCID", iccid)) }
                if let address = download.smdpAddress { rows.append(("Profile SM-DP+", address)) }
            }
            for parameter in application.parameters {
                let place = parameter.path.split(separator: "/").dropFirst().joined(separator: "/")
                rows.append(((place.isEmpty ? "" : place + " · ") + parameter.name, parameter.value))
            }
            lines += DecodeRenderer.table(rows).map { "  " + $0 }
        }
        return lines
    }

    static func duration(_ seconds: Int) -> String {
        if seconds % 86_400 == 0 { return "\(seconds / 86_400) day\(seconds == 86_400 ? "" : "s")" }
        if seconds % 3_600 == 0 { return "\(seconds / 3_600) h" }
        return "\(seconds) s"
    }
}
