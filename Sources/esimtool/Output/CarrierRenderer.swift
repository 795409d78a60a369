import ESIMKit

/// What a carrier query found, ready for text or JSON.
struct CarrierReport: Encodable {
    var query: String
    var kind: String
    /// One line on how the match was made (`310-260 is claimed by 3 carriers`).
    var summary: String
    var carriers: [Carrier]
    /// Per carrier, why it matched (`network code, source …`, `ICCID prefix 8901260, medium`).
    var reasons: [String]

    enum Key: String, CodingKey { case query, kind, summary, matches }

    struct Match: Encodable {
        var reason: String
        var carrier: Carrier
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(query, forKey: .query)
        try container.encode(kind, forKey: .kind)
        try container.encode(summary, forKey: .summary)
        try container.encode(zip(reasons, carriers).map { Match(reason: $0.0, carrier: $0.1) }, forKey: .matches)
    }

    static func build(_ query: CarrierQuery, registry: CarrierRegistry) -> CarrierReport {
        func hostName(_ id: String) -> String { registry.carrier(id: id)?.name ?? id }
        switch query {
        case .name(let name):
            let found = registry.carriers(named: name)
            return CarrierReport(query: name, kind: "name",
                                 summary: found.count == 1 ? "" : "\(found.count) carriers match '\(name)'",
                                 carriers: found, reasons: found.map { _ in "name" })
        case .network(let mcc, let mnc):
            let matches = registry.carriers(mcc: mcc, mnc: mnc)
            return network(matches, label: "\(mcc)-\(mnc)", query: "\(mcc)-\(mnc)", kind: "network", hostName: hostName)
        case .imsi(let imsi):
            let matches = registry.carriers(imsi: imsi)
            let label = imsi.mnc.map { "\(imsi.mcc)-\($0)" } ?? "\(imsi.mcc) (MNC length unknown: both readings tried)"
            return network(matches, label: "IMSI \(imsi.digits) → \(label)", query: imsi.digits, kind: "imsi", hostName: hostName)
        case .iccid(let iccid):
            let matches = registry.carriers(iccid: iccid)
            return CarrierReport(query: iccid.digits, kind: "iccid",
                                 summary: matches.isEmpty ? "no curated ICCID prefix matches \(iccid.digits)"
                                     : "ICCID \(iccid.digits) starts with a prefix of \(matches.count == 1 ? "one carrier" : "\(matches.count) carriers")",
                                 carriers: matches.map(\.carrier),
                                 reasons: matches.map { "ICCID prefix \($0.prefix.prefix) (confidence \($0.prefix.confidence.rawValue), source \($0.prefix.source))" })
        }
    }

    static func network(_ matches: [CarrierRegistry.NetworkMatch], label: String, query: String, kind: String,
                        hostName: (String) -> String) -> CarrierReport {
        let summary: String
        switch matches.count {
        case 0: summary = "\(label): no carrier known"
        case 1: summary = "\(label): one carrier"
        default:
            let told = matches.contains { $0.code.discriminator != nil }
            summary = "\(label) is used by \(matches.count) carriers; "
                + (told ? "the SIM's GID1 or SPN tells them apart (see 'match')"
                        : "the SIM's GID1 or SPN tells them apart, which no source here records")
        }
        return CarrierReport(query: query, kind: kind, summary: summary, carriers: matches.map(\.carrier),
                             reasons: matches.map { match in
                                 var reason = match.host.map { "MVNO on \(hostName($0))'s code" } ?? "network code, source \(match.code.source)"
                                 if let discriminator = match.code.discriminator { reason += ", match \(discriminator)" }
                                 return reason
                             })
    }
}

/// Text for `esimtool carrier`: the answer to "how do I check my balance", then who the
/// carrier is, with numbered sources.
enum CarrierRenderer {
    static func render(_ report: CarrierReport, registry: CarrierRegistry, showAPNs: Bool) -> [String] {
        var lines: [String] = []
        if report.carriers.isEmpty { return [] }  // the command says so on stderr
        if !report.summary.isEmpty { lines.append(report.summary) }
        if report.carriers.count > 1 {
            lines += DecodeRenderer.table(zip(report.carriers, report.reasons).map { carrier, reason in
                (carrier.id, "\(carrier.name) · \(carrier.kind.label) · \(carrier.country.uppercased()) · \(reason)")
            })
            if report.carriers.count > 3 {
                lines.append("Run 'esimtool carrier <id>' for one of them.")
                return lines
            }
            lines.append("")
        }
        for (index, carrier) in report.carriers.enumerated() {
            if index > 0 { lines.append("") }
            lines += details(carrier, registry: registry, showAPNs: showAPNs)
        }
        return lines
    }

    static func details(_ carrier: Carrier, registry: CarrierRegistry, showAPNs: Bool) -> [String] {
        var citations: [String] = []
        func cite(_ source: String) -> String {
            if let index = citations.firstIndex(of: source) { return "[\(index + 1)]" }
            citations.append(source)
            return "[\(citations.count)]"
        }
        let origin: String
        switch carrier.origin {
        case .spec(let file): origin = file
        case .providerDatabase(let path, let line): origin = "\(path):\(line)"
        }
        var lines = ["\(carrier.name) — \(carrier.id) · \(carrier.kind.label) · \(carrier.country.uppercased()) · from \(origin)"]
        if !carrier.hostNetworks.isEmpty {
            lines.append("  Runs on " + carrier.hostNetworks.map { registry.carrier(id: $0)?.name ?? $0 }.joined(separator: ", "))
        }

        var howTo: [(String, String)] = []
        for check in carrier.balanceChecks where !check.isTopUp {
            let what = check.shows ?? "balance"
            switch check.method {
            case .dial: howTo.append(("dial \(check.code)", "\(what) \(cite(check.source))"))
            case .sms: howTo.append(("text \(check.text ?? "") to \(check.code)", "\(what) \(cite(check.source))"))
            case .call: howTo.append(("call \(check.code)", "\(what) \(cite(check.source))"))
            case .ussdMenu: howTo.append(("dial \(check.code)", "then pick from the menu: \(what) \(cite(check.source))"))
            }
        }
        for app in carrier.apps {
            let stores = [app.appStoreID.map { "App Store \($0)" }, app.playStoreID.map { "Google Play \($0)" }]
                .compactMap { $0 }.joined(separator: " · ")
            howTo.append(("app \(app.name)", (stores.isEmpty ? "" : stores + " ") + cite(app.source)))
        }
        if let account = carrier.account { howTo.append(("web \(account.text)", cite(account.source))) }
        lines.append("How to check your balance and usage")
        lines += howTo.isEmpty ? ["  (no method recorded; see customer service below)"] : DecodeRenderer.table(howTo)

        let topUps = carrier.balanceChecks.filter(\.isTopUp)
        if !topUps.isEmpty {
            lines.append("Top up")
            lines += DecodeRenderer.table(topUps.map { ("\($0.method == .sms ? "text \($0.text ?? "") to" : "dial") \($0.code)", cite($0.source)) })
        }
        if !carrier.support.isEmpty {
            lines.append("Customer service")
            lines += DecodeRenderer.table(carrier.support.map { contact in
                let kind: String
                switch contact.kind {
                case .shortCode: kind = "short code"
                case .tollFree: kind = "toll-free"
                case .fromAbroad: kind = "from abroad"
                case .chat: kind = "chat"
                case .web: kind = "online"
                }
                return (contact.contact, "\(kind)\(contact.note.map { ", \($0)" } ?? "") \(cite(contact.source))")
            })
        }
        if !carrier.networkCodes.isEmpty {
            let codes = carrier.networkCodes.map { "\($0.mcc)-\($0.mnc)" + ($0.discriminator.map { " (\($0))" } ?? "") }
            let sources = Set(carrier.networkCodes.map(\.source)).sorted().map(cite).joined()
            lines.append("Network codes (MCC-MNC)  " + codes.joined(separator: " ") + " " + sources)
        }
        if !carrier.iccidPrefixes.isEmpty {
            let prefixes = carrier.iccidPrefixes.map { "\($0.prefix) (\($0.confidence.rawValue))" }
            let sources = Set(carrier.iccidPrefixes.map(\.source)).sorted().map(cite).joined()
            lines.append("ICCID prefixes  " + prefixes.joined(separator: " ") + " " + sources)
        }
        if !carrier.notes.isEmpty {
            lines.append("Notes")
            lines += carrier.notes.map { "  \($0.text) \(cite($0.source))" }
        }
        if showAPNs {
            let android = registry.androidAPNs(for: carrier)
            lines.append("Access point names")
            if carrier.apns.isEmpty && android.isEmpty { lines.append("  (none recorded)") }
            for apn in carrier.apns {
                let usage = apn.usage.map(\.rawValue).joined(separator: ",")
                lines.append("  \(apn.apn)\(apn.name.map { "  \($0)" } ?? "")\(usage.isEmpty ? "" : "  [\(usage)]") \(cite(apn.source))")
            }
            for entry in android {
                let usage = entry.apn.usage.map(\.rawValue).joined(separator: ",")
                lines.append("  \(entry.apn.apn)  \(entry.carrier) \(entry.mcc)-\(entry.mnc)\(usage.isEmpty ? "" : "  [\(usage)]") \(cite(entry.apn.source))")
            }
        }
        lines.append("Sources")
        for (index, id) in citations.enumerated() {
            let source = carrier.sources[id] ?? FactSource(id: id, title: id)
            lines.append("  [\(index + 1)] \(source.title)" + (source.url.map { " <\($0)>" } ?? ""))
        }
        return lines
    }
}

extension Carrier.Kind {
    /// How the kind reads in text output.
    var label: String {
        switch self {
        case .network: "network"
        case .mvno: "MVNO"
        }
    }
}
