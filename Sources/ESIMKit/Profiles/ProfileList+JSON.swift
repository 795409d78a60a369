/// The JSON of `esimtool profiles --json` (schema in the README).
extension ProfileList: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(format.rawValue, forKey: "format")
        try container.encode(eid, forKey: "eid")
        try container.encode(defaultSMDPAddress, forKey: "defaultSmdpAddress")
        try container.encode(rootSMDSAddress, forKey: "rootSmdsAddress")
        try container.encode(chip, forKey: "chip")
        try container.encode(profiles, forKey: "profiles")
        try container.encode(entitlement, forKey: "entitlement")
        try container.encode(diagnostics, forKey: "diagnostics")
    }
}

extension EUICCInfo: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(specificationVersion, forKey: "specificationVersion")
        try container.encode(profileVersion, forKey: "profileVersion")
        try container.encode(firmwareVersion, forKey: "firmwareVersion")
        try container.encode(freeNonVolatileMemory, forKey: "freeNonVolatileMemory")
        try container.encode(freeVolatileMemory, forKey: "freeVolatileMemory")
        try container.encode(installedApplications, forKey: "installedApplications")
        try container.encode(globalPlatformVersion, forKey: "globalPlatformVersion")
        try container.encode(javaCardVersion, forKey: "javaCardVersion")
        try container.encode(ppVersion, forKey: "ppVersion")
        try container.encode(sasAccreditationNumber, forKey: "sasAccreditationNumber")
        try container.encode(category, forKey: "category")
        try container.encode(uiccCapabilities, forKey: "uiccCapabilities")
        try container.encode(rspCapabilities, forKey: "rspCapabilities")
        try container.encode(ciKeyIDsForVerification, forKey: "ciKeyIdsForVerification")
        try container.encode(ciKeyIDsForSigning, forKey: "ciKeyIdsForSigning")
        try container.encode(forbiddenPolicyRules, forKey: "forbiddenPolicyRules")
        try container.encode(platformLabel, forKey: "platformLabel")
        try container.encode(discoveryBaseURL, forKey: "discoveryBaseUrl")
    }
}

extension ProfileInfo: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(iccid, forKey: "iccid")
        try container.encode(isdpAID, forKey: "isdpAid")
        try container.encode(state?.label, forKey: "state")
        try container.encode(nickname, forKey: "nickname")
        try container.encode(serviceProviderName, forKey: "serviceProviderName")
        try container.encode(profileName, forKey: "profileName")
        try container.encode(profileClass?.label, forKey: "profileClass")
        try container.encode(iconType?.label, forKey: "iconType")
        try container.encode(icon.map { Base64.encode($0) }, forKey: "icon")
        try container.encode(policyRules?.ruleNames, forKey: "policyRules")
        try container.encode(owner, forKey: "owner")
    }
}

extension ProfileOwner: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(mcc, forKey: "mcc")
        try container.encode(mnc, forKey: "mnc")
        try container.encode(gid1, forKey: "gid1")
        try container.encode(gid2, forKey: "gid2")
    }
}

extension ProfileDiagnostic: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(code.rawValue, forKey: "code")
        try container.encode(severity.rawValue, forKey: "severity")
        try container.encode(message, forKey: "message")
        try container.encode(line, forKey: "line")
        try container.encode(offset, forKey: "offset")
    }
}

extension EntitlementResponse: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(version, forKey: "version")
        try container.encode(validitySeconds, forKey: "validitySeconds")
        try container.encode(applications, forKey: "applications")
    }
}

extension EntitlementApplication: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(appID, forKey: "appId")
        try container.encode(appName, forKey: "appName")
        try container.encode(operationResult, forKey: "operationResult")
        try container.encode(subscriptionResult, forKey: "subscriptionResult")
        try container.encode(serviceStatus, forKey: "serviceStatus")
        try container.encode(entitlementStatus, forKey: "entitlementStatus")
        try container.encode(downloads, forKey: "downloads")
        try container.encode(parameters, forKey: "parameters")
    }
}

extension EntitlementCode: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(raw, forKey: "value")
        try container.encode(meaning, forKey: "meaning")
        try container.encode(isError, forKey: "error")
    }
}

extension EntitlementDownload: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(activationCodeText, forKey: "activationCode")
        try container.encode(activationCodeWasBase64, forKey: "base64")
        try container.encode(activationCode?.code.smdpAddress, forKey: "codeSmdpAddress")
        try container.encode(activationCode?.code.matchingID, forKey: "codeMatchingId")
        try container.encode(activationCode?.code.confirmationCodeRequired, forKey: "confirmationCodeRequired")
        try container.encode(activationCode?.warnings.map(\.message), forKey: "codeWarnings")
        try container.encode(activationCodeProblem, forKey: "codeProblem")
        try container.encode(iccid, forKey: "iccid")
        try container.encode(smdpAddress, forKey: "smdpAddress")
    }
}

extension EntitlementParameter: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(path, forKey: "path")
        try container.encode(name, forKey: "name")
        try container.encode(value, forKey: "value")
    }
}
