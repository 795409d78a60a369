import ESIMMarkup
import ESIMSupport

/// Which provider database a registry reads.
package enum ProviderChoice: Hashable, Sendable {
    /// None: the curated specs only.
    case off
    /// The built-in copy, or the system's `serviceproviders.xml` when that is newer.
    case automatic
    /// This file: upstream's XML or a compiled table.
    case file(String)
}

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

    /// Reads the database at `path`: upstream's XML, or a table `esimtool carrier
    /// compile-providers` wrote (told apart by the table's header).
    package init(contentsOfFile path: String = ProviderDatabase.systemPath) throws(ProviderDatabaseError) {
        let head = FileReader.head(path, count: Self.tableMagic.utf8.count)
        if head == Array(Self.tableMagic.utf8) {
            let bytes: [UInt8]
            do { bytes = try FileReader.read(path) } catch {
                throw ProviderDatabaseError(.unreadableFile, error.message, file: path)
            }
            try self.init(table: String(decoding: bytes, as: UTF8.self), path: path)
            return
        }
        try self.init(root: try DatabaseXML.root(.file(path), named: "serviceproviders", path: path), path: path)
    }

    /// The table compiled into the binary (`Scripts/generate-provider-table` makes it from
    /// an upstream snapshot), read on first use.
    package static let embeddedTableText = String(decoding: PackageResources.serviceproviders_table, as: UTF8.self)

    /// What the built-in table was made from.
    package static let embeddedHeader: TableHeader = tableHeader(embeddedTableText) ?? TableHeader(date: 0, source: "")

    /// The built-in database (`nil` only if the build embedded a broken table, which a test
    /// rules out).
    package static let embedded: ProviderDatabase? = try? ProviderDatabase(
        table: embeddedTableText, path: "mobile-broadband-provider-info \(embeddedHeader.date) (built in)")

    /// A file's date as `YYYYMMDD` (UTC), from its modification time: a packaged database
    /// keeps the date the package gave it. `nil` when there is no such file.
    package static func fileDate(_ path: String) -> Int? {
        guard FileStatus.isReadable(path), let seconds = FileStatus.modificationTime(path) else { return nil }
        let date = CalendarDate(dayNumber: Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400))
        return date.year * 10_000 + date.month * 100 + date.day
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
