import ESIMMarkup

/// Android's `apns-conf.xml`: one `<apn>` element per access point, keyed by MCC/MNC and
/// optionally narrowed to an MVNO by `mvno_type` (`gid`, `spn`, `imsi`) and
/// `mvno_match_data`.
package struct AndroidAPNList: Sendable {
    package struct Entry: Hashable, Sendable {
        package var carrier: String
        package var mcc: String
        package var mnc: String
        package var apn: AccessPointName
        /// What tells this MVNO apart on a shared code, e.g. `GID1 6D38`.
        package var discriminator: String?
        package var line: Int
    }

    package var path: String
    package var entries: [Entry]

    package init(contentsOfFile path: String = ProviderDatabase.systemAPNPath) throws(ProviderDatabaseError) {
        try self.init(root: try DatabaseXML.root(.file(path), named: "apns", path: path), path: path)
    }

    /// Reads the list from XML text; `path` names it in errors.
    package init(xml: String, path: String) throws(ProviderDatabaseError) {
        try self.init(root: try DatabaseXML.root(.text(xml), named: "apns", path: path), path: path)
    }

    init(root: MarkupNode, path: String) throws(ProviderDatabaseError) {
        self.path = path
        entries = []
        for element in root.elementChildren where element.hasName("apn") {
            guard let mcc = element.attribute("mcc"), let mnc = element.attribute("mnc") else { continue }
            let types = (element.attribute("type") ?? "").split(separator: ",").map(String.init)
            var usage: [AccessPointName.Usage] = []
            if types.contains("default") { usage.append(.internet) }
            if types.contains("mms") { usage.append(.mms) }
            if types.contains("ia") { usage.append(.ia) }
            let apn = AccessPointName(apn: element.attribute("apn") ?? "", name: element.attribute("carrier"),
                                      usage: usage, username: element.attribute("user"),
                                      password: element.attribute("password"),
                                      authentication: element.attribute("authtype"),
                                      mmsc: element.attribute("mmsc").flatMap { $0.isEmpty ? nil : $0 },
                                      mmsProxy: element.attribute("mmsproxy").flatMap { $0.isEmpty ? nil : $0 },
                                      source: FactSource.androidAPNs.id)
            var discriminator: String?
            if let type = element.attribute("mvno_type"), let data = element.attribute("mvno_match_data") {
                let label = type == "gid" ? "GID1" : type.uppercased()
                discriminator = "\(label) \(data)"
            }
            entries.append(Entry(carrier: element.attribute("carrier") ?? "", mcc: mcc, mnc: mnc, apn: apn,
                                 discriminator: discriminator, line: element.line))
        }
    }
}
