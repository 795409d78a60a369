import ESIMMarkup

/// Why a provider database could not be read.
package enum ProviderDatabaseErrorCode: String, ErrorCode, Codable {
    case unreadableFile
    case malformedXML
    case wrongFormat
}

/// A provider database that could not be read: `serviceproviders.xml:29: message`.
package typealias ProviderDatabaseError = CodedError<ProviderDatabaseErrorCode>

/// mobile-broadband-provider-info's `serviceproviders.xml`: countries, providers, their
/// network codes, balance checks, top-up codes, voicemail numbers and APNs.
package struct ProviderDatabase: Sendable {
    /// Where ModemManager and NetworkManager read it on Linux.
    package static let systemPath = "/usr/share/mobile-broadband-provider-info/serviceproviders.xml"
    /// The Android APN list the same package installs beside it.
    package static let systemAPNPath = "/usr/share/mobile-broadband-provider-info/apns-conf.xml"

    package var path: String
    /// Every provider, as carrier entries citing ``FactSource/providerDatabase``.
    package var carriers: [Carrier]
    /// Voicemail numbers by carrier id, as the database lists them.
    package var voicemail: [String: [String]]
    /// Elements this reader does not know, kept as `(line, element path)` so nothing is
    /// dropped silently.
    package var unknownElements: [(line: Int, element: String)]

    /// Reads the database at `path`.
    package init(contentsOfFile path: String = ProviderDatabase.systemPath) throws(ProviderDatabaseError) {
        try self.init(root: try DatabaseXML.root(.file(path), named: "serviceproviders", path: path), path: path)
    }

    /// Reads the database from XML text; `path` names it in errors.
    package init(xml: String, path: String) throws(ProviderDatabaseError) {
        try self.init(root: try DatabaseXML.root(.text(xml), named: "serviceproviders", path: path), path: path)
    }

    init(root: MarkupNode, path: String) throws(ProviderDatabaseError) {
        self.path = path
        carriers = []
        voicemail = [:]
        unknownElements = []
        var usedIDs: Set<String> = []
        for country in root.elementChildren {
            guard country.hasName("country") else {
                unknownElements.append((country.line, "serviceproviders/\(country.name)"))
                continue
            }
            let code = (country.attribute("code") ?? "").lowercased()
            for provider in country.elementChildren where !provider.hasName("name") {
                guard provider.hasName("provider") else {
                    unknownElements.append((provider.line, "country/\(provider.name)"))
                    continue
                }
                var carrier = readProvider(provider, country: code)
                // Ids stay unique even when a country lists two providers of one name.
                var id = carrier.id
                var suffix = 2
                while !usedIDs.insert(id).inserted {
                    id = carrier.id + "-\(suffix)"
                    suffix += 1
                }
                carrier.id = id
                carriers.append(carrier)
            }
        }
    }

    private mutating func readProvider(_ provider: MarkupNode, country: String) -> Carrier {
        let names = provider.elementChildren.filter { $0.hasName("name") }.map(\.normalizedText)
        let name = names.first ?? "unnamed provider"
        let source = FactSource.providerDatabase.id
        var carrier = Carrier(id: "\(country)-\(Self.slug(name))", name: name, aliases: Array(names.dropFirst()),
                              country: country, sources: [source: .providerDatabase],
                              origin: .providerDatabase(path: path, line: provider.line))
        for section in provider.elementChildren where !section.hasName("name") {
            if section.hasName("gsm") {
                readGSM(section, into: &carrier)
            } else if !section.hasName("cdma") {
                // CDMA entries carry names, credentials and SIDs; only names matter here.
                unknownElements.append((section.line, "provider/\(section.name)"))
            }
        }
        return carrier
    }

    private mutating func readGSM(_ gsm: MarkupNode, into carrier: inout Carrier) {
        let source = FactSource.providerDatabase.id
        for item in gsm.elementChildren {
            switch item.name {
            case "network-id":
                if let mcc = item.attribute("mcc"), let mnc = item.attribute("mnc"),
                   !carrier.networkCodes.contains(where: { $0.mcc == mcc && $0.mnc == mnc }) {
                    carrier.networkCodes.append(NetworkCode(mcc: mcc, mnc: mnc, source: source))
                }
            case "balance-check", "balance-top-up":
                let topUp = item.name == "balance-top-up"
                for method in item.elementChildren {
                    let code = method.normalizedText
                    switch method.name {
                    case "ussd":
                        carrier.balanceChecks.append(BalanceCheck(method: .dial, code: code, isTopUp: topUp, source: source))
                    case "sms":
                        carrier.balanceChecks.append(BalanceCheck(method: .sms, code: code, text: method.attribute("text"),
                                                                  isTopUp: topUp, source: source))
                    case "dtmf":
                        carrier.balanceChecks.append(BalanceCheck(method: .call, code: code, isTopUp: topUp, source: source))
                    case "ussd-response":
                        carrier.balanceChecks.append(BalanceCheck(method: .ussdMenu, code: code, isTopUp: topUp, source: source))
                    default:
                        unknownElements.append((method.line, "\(item.name)/\(method.name)"))
                    }
                }
            case "voicemail":
                voicemail[carrier.id, default: []].append(item.normalizedText)
            case "apn":
                carrier.apns.append(readAPN(item))
            case "msisdn-query", "visual-voicemail":
                continue
            default:
                unknownElements.append((item.line, "gsm/\(item.name)"))
            }
        }
    }

    private func readAPN(_ apn: MarkupNode) -> AccessPointName {
        var result = AccessPointName(apn: apn.attribute("value") ?? "", source: FactSource.providerDatabase.id)
        for field in apn.elementChildren {
            let text = field.normalizedText
            switch field.name {
            case "name": result.name = result.name ?? text
            case "plan": if let type = field.attribute("type") { result.plans.append(type) }
            case "usage":
                let type = field.attribute("type") ?? ""
                result.usage.append(type.hasPrefix("mms") ? .mms : AccessPointName.Usage(rawValue: type) ?? .other)
            case "username": result.username = text
            case "password": result.password = text
            case "authentication": result.authentication = field.attribute("method")
            case "mmsc": result.mmsc = text
            case "mmsproxy": result.mmsProxy = text
            default: break
            }
        }
        return result
    }

    /// `AT&T Mobility` → `at-t-mobility`.
    static func slug(_ name: String) -> String {
        var result = ""
        var lastWasDash = true
        for scalar in name.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                result.append("-")
                lastWasDash = true
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? "provider" : result
    }
}

/// Opens a database file and checks it is well-formed XML with the expected root.
enum DatabaseXML {
    enum Input {
        case file(String)
        case text(String)
    }

    static func root(_ input: Input, named name: String, path: String) throws(ProviderDatabaseError) -> MarkupNode {
        let document: XMLDocument
        do {
            switch input {
            case .file(let file): document = try XMLDocument(contentsOfFile: file)
            case .text(let text): document = try XMLDocument(string: text)
            }
        } catch {
            let code: ProviderDatabaseErrorCode
            if case .file = input { code = .unreadableFile } else { code = .malformedXML }
            throw ProviderDatabaseError(code, error.message, file: path, line: error.line.flatMap { $0 > 0 ? $0 : nil })
        }
        guard document.isWellFormed else {
            let first = document.diagnostics.first { $0.kind == .parser }
            throw ProviderDatabaseError(.malformedXML, first?.message ?? "the XML is not well-formed",
                                        file: path, line: first.flatMap { $0.line > 0 ? $0.line : nil })
        }
        guard let root = document.root, root.name == name else {
            throw ProviderDatabaseError(.wrongFormat, "the root element is <\(document.root?.name ?? "")>, not <\(name)>",
                                        file: path, line: document.root.flatMap { $0.line > 0 ? $0.line : nil })
        }
        return root
    }
}
