import ESIMKit

/// Text for `esimtool inspect`: what is owed and when, then each line's data with a bar.
enum SnapshotRenderer {
    static func render(_ snapshot: AccountSnapshot, file: String, verbose: Bool) -> [String] {
        var header = file
        if snapshot.isHeuristic {
            header += " — heuristic reading (no spec matches this page)"
        } else if let name = snapshot.carrierName {
            header += " — \(name)" + (snapshot.pageKind.map { " · \($0.rawValue)" } ?? "")
        } else {
            header += " — not recognised"
        }
        var lines = [header]

        var rows: [(String, String)] = []
        func add(_ label: String, _ text: String, _ fields: [SnapshotField]) {
            rows.append((label, text))
        }
        if let balance = snapshot.balance { add("Balance", balance.description, [.balance]) }
        if let due = snapshot.amountDue {
            var text = due.description + (due.isCredit ? " (a credit)" : "")
            if let date = snapshot.dueDate { text += " · due \(dateText(date, reference: snapshot.reference))" }
            add("Amount due", text, [.amountDue, .dueDate])
        } else if let date = snapshot.dueDate {
            add("Due date", dateText(date, reference: snapshot.reference), [.dueDate])
        }
        if let autopay = snapshot.autopay { add("Autopay", autopay ? "on" : "off", [.autopay]) }
        if let cycle = snapshot.billingCycle {
            var text = "\(cycle.start) – \(cycle.end) (\(cycle.dayCount) days)"
            if let reference = snapshot.reference, reference > cycle.end {
                text += " · ended"
            } else if let left = snapshot.daysLeft {
                text += " · \(left) day\(left == 1 ? "" : "s") left"
            }
            add("Bill cycle", text, [.billingCycle, .cycleStart, .cycleEnd])
        } else if let end = snapshot[.cycleEnd]?.date {
            add("Cycle ends", dateText(end, reference: snapshot.reference), [.cycleEnd, .daysLeft])
        } else if let left = snapshot.daysLeft {
            add("Days left", String(left), [.daysLeft])
        }
        if let plan = snapshot[.planName]?.text { add("Plan", plan, [.planName]) }
        if let expires = snapshot[.expires]?.date { add("Expires", dateText(expires, reference: snapshot.reference), [.expires]) }
        if let used = snapshot[.sharedDataUsed]?.data {
            let allowance = snapshot[.sharedDataAllowance]?.data
            add("Shared data", usageText(used: used, allowance: allowance, remaining: snapshot[.sharedDataRemaining]?.data),
                [.sharedDataUsed, .sharedDataAllowance])
        }
        if let account = snapshot.accountNumber { add("Account", account, [.accountNumber]) }
        lines += DecodeRenderer.table(rows)

        if !snapshot.lines.isEmpty {
            lines.append("Lines")
            for line in snapshot.lines {
                let title = [line.number, line.nickname, line.plan].compactMap { $0 }.joined(separator: " · ")
                lines.append("  " + (title.isEmpty ? "(line)" : title))
                var lineRows: [(String, String)] = []
                if line.dataUsed != nil || line.dataAllowance != nil || line.dataRemaining != nil {
                    var text = usageText(used: line.dataUsed, allowance: line.dataAllowance, remaining: line[.dataRemaining]?.data)
                    if let premium = line.premiumData { text += " · premium data \(show(premium))" }
                    if let bar = bar(used: line.dataUsed, allowance: line.dataAllowance, premium: line.premiumData) { text += "  " + bar }
                    lineRows.append(("Data", text))
                }
                if line.hotspotUsed != nil || line.hotspotAllowance != nil {
                    lineRows.append(("Hotspot", usageText(used: line.hotspotUsed, allowance: line.hotspotAllowance, remaining: nil)))
                }
                if let international = line.internationalUsed { lineRows.append(("Abroad", "\(show(international)) used")) }
                if let percent = line[.percentUsed]?.percent, line.dataAllowance == nil { lineRows.append(("Used", percent.description)) }
                if let charges = line[.lineCharges]?.money { lineRows.append(("Charges", charges.description)) }
                lines += DecodeRenderer.table(lineRows).map { "  " + $0 }
            }
        }
        if rows.isEmpty && snapshot.lines.isEmpty { lines.append("  (nothing read)") }
        if verbose {
            lines.append("Where each value came from")
            var provenance: [(String, String)] = snapshot.values.map { value in
                (value.field.rawValue, source(value))
            }
            for (index, line) in snapshot.lines.enumerated() {
                provenance += line.values.map { ("lines[\(index)].\($0.field.rawValue)", source($0)) }
            }
            lines += DecodeRenderer.table(provenance)
        }
        return lines
    }

    /// `$187.42 from '$187.42' by css: … (line 24)`.
    static func source(_ value: ExtractedValue) -> String {
        var text = value.value.canonicalText
        if value.raw != text { text += " from '\(value.raw)'" }
        text += " by \(value.rule)"
        if value.line > 0 { text += " (line \(value.line))" }
        return text
    }

    /// Whether a diagnostic is worth a warning on stderr (recognition notes are not).
    static func isProblem(_ diagnostic: SnapshotDiagnostic) -> Bool {
        switch diagnostic.code {
        case .recognition: false
        case .page: diagnostic.message.contains("encoding") || diagnostic.message.contains("charset")
        default: true
        }
    }

    /// For reading: amounts given in MB (or KB) from 1 GB up are shown in GB, rounded to
    /// two decimals (`12698 MB` → `12.4 GB`); `--json` keeps the page's exact figure.
    static func show(_ amount: DataAmount) -> String {
        guard case .amount(_, let unit) = amount, unit.multiplier < (1 << 30), let bytes = amount.bytes else {
            return amount.description
        }
        let gigabytes = bytes.approximateDouble / Double(1 << 30)
        if gigabytes >= 1 { return hundredths(gigabytes) + " GB" }
        // Below a gigabyte: megabytes once there is one (`1023568.43 KB` is `999.58 MB`),
        // and never more than two decimals (`958.076171875 MB` is `958.08 MB`).
        let megabytes = bytes.approximateDouble / Double(1 << 20)
        if megabytes >= 1, unit.multiplier < 1_000_000 { return hundredths(megabytes) + " MB" }
        if case .amount(let number, _) = amount, number.scale > 2 {
            return hundredths(number.approximateDouble) + " " + unit.rawValue
        }
        return amount.description
    }

    /// A figure with at most two decimals, trailing zeros left off.
    private static func hundredths(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100, fraction = hundredths % 100
        let decimals = fraction == 0 ? "" : fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
        return "\(whole)\(decimals)"
    }

    static func dateText(_ date: CalendarDate, reference: CalendarDate?) -> String {
        guard let reference else { return date.description }
        let days = reference.days(until: date)
        switch days {
        case 0: return "\(date) (today)"
        case 1: return "\(date) (tomorrow)"
        case 2...: return "\(date) (in \(days) days)"
        case -1: return "\(date) (yesterday)"
        default: return "\(date) (\(-days) days ago)"
        }
    }

    static func usageText(used: DataAmount?, allowance: DataAmount?, remaining: DataAmount?) -> String {
        var parts: [String] = []
        switch (used, allowance) {
        case (let used?, .unlimited?): parts.append("\(show(used)) used · unlimited")
        case (let used?, let allowance?): parts.append("\(show(used)) of \(show(allowance)) used")
        case (let used?, nil): parts.append("\(show(used)) used")
        case (nil, let allowance?): parts.append("allowance \(show(allowance))")
        case (nil, nil): break
        }
        let left = remaining ?? {
            guard let used, let allowance, !allowance.isUnlimited else { return nil }
            return LineSnapshot(values: [
                ExtractedValue(field: .dataUsed, value: .data(used), raw: "", ruleIndex: 0, rule: "", line: 0),
                ExtractedValue(field: .dataAllowance, value: .data(allowance), raw: "", ruleIndex: 0, rule: "", line: 0),
            ]).dataRemaining
        }()
        if let left { parts.append("\(show(left)) left") }
        return parts.joined(separator: " · ")
    }

    /// `████████░░░░░░░░ 48%`: used against the allowance, or against the premium
    /// threshold of an unlimited plan.
    static func bar(used: DataAmount?, allowance: DataAmount?, premium: DataAmount?) -> String? {
        guard let used = used?.bytes else { return nil }
        let limit: ExactDecimal?
        if let allowance, !allowance.isUnlimited { limit = allowance.bytes } else { limit = premium?.bytes }
        guard let total = limit?.approximateDouble, total > 0 else { return nil }
        let fraction = min(1, used.approximateDouble / total)
        let width = 16
        let filled = Int((fraction * Double(width)).rounded())
        let suffix = allowance?.isUnlimited == true ? " of premium" : ""
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            + " \(Int((fraction * 100).rounded()))%" + suffix
    }
}
