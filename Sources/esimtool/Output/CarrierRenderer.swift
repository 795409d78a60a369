import ESIMKit

/// Text for `esimtool carrier`: the answer to "how do I check my balance", then who the
/// carrier is, with numbered sources.
enum CarrierRenderer {
    /// `carrier list`: one row a carrier, `att  AT&T · network · US · curated · 310-410 310-150 310-280 …`.
    static func list(_ carriers: [Carrier]) -> [String] {
        let rows = carriers.map { carrier -> (String, String) in
            let origin: String
            switch carrier.origin {
            case .spec: origin = "curated"
            case .providerDatabase: origin = "provider database"
            }
            let codes = carrier.networkCodes.prefix(3).map { "\($0.mcc)-\($0.mnc)" }.joined(separator: " ")
            return (carrier.id, "\(carrier.name) · \(carrier.kind.label) · \(carrier.country.uppercased()) · \(origin)"
                + (codes.isEmpty ? "" : " · " + codes + (carrier.networkCodes.count > 3 ? " …" : "")))
        }
        return DecodeRenderer.table(rows).map { String($0.dropFirst(2)) }
    }

    static func render(_ report: CarrierReport, registry: CarrierRegistry, showAPNs: Bool) -> [String] {
        var lines: [String] = []
        if report.carriers.isEmpty { return [] }  // the command says so on stderr
        if !report.summary.isEmpty { lines.append(report.summary) }
        if report.carriers.count > 1 {
            lines += DecodeRenderer.table(zip(report.carriers, report.reasons).map { carrier, reason in
                (carrier.id, "\(carrier.name) · \(carrier.kind.label) · \(carrier.country.uppercased()) · \(reason)")
            })
            if report.carriers.count > 3 {
                let countries = Set(report.carriers.map(\.country)).count
                lines.append("Run 'esimtool carrier <id>' for one of them" + (report.kind == "name" && countries > 1 ? ", or add --country <code>." : "."))
                return lines
            }
            lines.append("")
        }
        for (index, carrier) in report.carriers.enumerated() {
            if index > 0 { lines.append("") }
            lines += details(carrier, registry: registry, showAPNs: showAPNs, pages: report.pageFields[carrier.id] ?? [])
        }
        return lines
    }

    /// `overview  amount due*, due date*, …  lines: data used*, …  not shown: balance`: per
    /// page kind, what `inspect` reads (`*`: required, so `validate` fails without it).
    static func pages(_ fields: [FieldMatrix.PageField]) -> [String] {
        var kinds: [PageKind] = []
        for field in fields where !kinds.contains(field.page) { kinds.append(field.page) }
        let rows = kinds.map { kind -> (String, String) in
            let here = fields.filter { $0.page == kind }
            func names(_ selected: [FieldMatrix.PageField]) -> String {
                selected.map { $0.field.label.lowercased() + ($0.status == .required ? "*" : "") }.joined(separator: ", ")
            }
            let shown = here.filter { $0.status != .notExposed }
            var parts: [String] = []
            let account = shown.filter { !$0.field.isLineField }
            let line = shown.filter { $0.field.isLineField }
            if !account.isEmpty { parts.append(names(account)) }
            if !line.isEmpty { parts.append("per line: " + names(line)) }
            let hidden = here.filter { $0.status == .notExposed }
            if !hidden.isEmpty { parts.append("not shown: " + hidden.map { $0.field.label.lowercased() }.joined(separator: ", ")) }
            return (kind.rawValue, parts.joined(separator: "; "))
        }
        return DecodeRenderer.table(rows)
    }

    static func details(_ carrier: Carrier, registry: CarrierRegistry, showAPNs: Bool, pages: [FieldMatrix.PageField] = [],
                        currentYear: Int? = CalendarDate.today?.year) -> [String] {
        var citations: [String] = []
        // A fact resting on a third-party or old source says so beside it.
        func cite(_ source: String) -> String {
            let caveat = carrier.sources[source]?.caveat(currentYear: currentYear).map { ", " + $0 } ?? ""
            if let index = citations.firstIndex(of: source) { return "[\(index + 1)\(caveat)]" }
            citations.append(source)
            return "[\(citations.count)\(caveat)]"
        }
        let origin: String
        switch carrier.origin {
        case .spec(let file): origin = file
        case .providerDatabase(let path, let line): origin = "\(path):\(line)"
        }
        var lines = ["\(carrier.name) — \(carrier.id) · \(carrier.kind.label) · \(carrier.country.uppercased())"
            + (carrier.ended.map { " · ended \($0.date.year)" } ?? "") + " · from \(origin)"]
        if let ended = carrier.ended {
            lines.append("  No longer operating since \(ended.date): \(ended.text) \(cite(ended.source))")
        }
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
        if howTo.isEmpty {
            lines.append(carrier.ended != nil ? "  (none: the carrier no longer operates)"
                         : carrier.support.isEmpty ? "  (no method recorded)" : "  (no method recorded; see customer service below)")
        } else {
            lines += DecodeRenderer.table(howTo)
        }

        let topUps = carrier.balanceChecks.filter(\.isTopUp)
        if !topUps.isEmpty {
            lines.append("Top up")
            lines += DecodeRenderer.table(topUps.map {
                ("\($0.method == .sms ? "text \($0.text ?? "") to" : "dial") \($0.code)", ($0.shows.map { $0 + " " } ?? "") + cite($0.source))
            })
        }
        if !carrier.support.isEmpty {
            lines.append("Customer service")
            lines += DecodeRenderer.table(carrier.support.map { contact in
                let kind: String
                switch contact.kind {
                case .shortCode: kind = "short code"
                case .tollFree: kind = "toll-free"
                case .phone: kind = "phone"
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
        if !pages.isEmpty {
            lines.append("What 'esimtool inspect' reads from its saved pages (* required)")
            lines += Self.pages(pages)
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
        if !citations.isEmpty { lines.append("Sources") }
        for (index, id) in citations.enumerated() {
            let source = carrier.sources[id] ?? FactSource(id: id, title: id)
            // The database's facts: say which copy answered.
            let copy = id == FactSource.providerDatabase.id ? registry.providerSource.map { ": \($0)" } ?? "" : ""
            lines.append("  [\(index + 1)] \(source.title)\(copy)" + (source.url.map { " <\($0)>" } ?? ""))
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
