import ESIMKit
import ESIMStore

/// `esimtool usage` and `alert` output: text with bar charts, JSON, SVG and HTML.
enum UsageRenderer {
    /// `stored overview.html: AT&T overview, 2 lines, captured 2026-11-08 09:00 (--at)`.
    static func tracked(_ file: String, snapshot: AccountSnapshot, capture: CaptureTime, outcome: UsageStore.AddOutcome) -> String {
        let what = "\(snapshot.carrierName ?? snapshot.carrierID ?? "") \(snapshot.pageKind?.rawValue ?? "page")"
        switch outcome {
        case .stored:
            let lines = snapshot.lines.count
            return "stored \(file): \(what), \(lines) line\(lines == 1 ? "" : "s"), captured \(capture.time.localText) (\(capture.source.label))"
        case .duplicate(let earlier):
            return "already stored \(file): \(what), captured \(earlier.localText)"
        }
    }

    /// `AT&T · (***) ***-0199 · Sam's Galaxy: 7.8 GB left, below 8 GB [dataBelow]`.
    static func alerts(_ hits: [AlertHit]) -> [String] {
        hits.map { "\($0.carrierName)\($0.line.map { " · \($0)" } ?? ""): \($0.message) [\($0.rule.rawValue)]" }
    }

    static func bar(_ fraction: Double, width: Int = 20) -> String {
        let filled = max(0, min(width, Int((fraction * Double(width)).rounded())))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    static func forecastText(_ forecast: DataForecast) -> String {
        var parts = ["\(UsageText.bytes(forecast.bytesPerDay))/day (\(forecast.readings) reading\(forecast.readings == 1 ? "" : "s"))"]
        if let projected = forecast.projectedAtReset, let end = forecast.cycleEnd {
            parts.append("\(UsageText.bytes(projected)) by the end of the cycle on \(end)")
        }
        let what = forecast.limit == .premium ? "premium data" : "the allowance"
        if let limit = forecast.limitBytes {
            if forecast.usedBytes >= limit {
                parts.append("\(what) (\(UsageText.bytes(limit))) is used up")
            } else if let day = forecast.limitReachedOn {
                let when = forecast.reachedBeforeReset == true ? "runs out on \(day), before the reset" : "lasts past the reset"
                parts.append("\(what) (\(UsageText.bytes(limit))) \(forecast.reachedBeforeReset == nil ? "runs out on \(day)" : when)")
            } else {
                parts.append("\(what) (\(UsageText.bytes(limit))) lasts at this rate")
            }
        }
        return parts.joined(separator: "; ")
    }

    static func text(lines: [LineHistory], accounts: [AccountHistory]) -> [String] {
        var output: [String] = []
        for history in lines {
            if !output.isEmpty { output.append("") }
            output.append("\(history.carrierName) · \(history.label)")
            for cycle in history.cycles {
                let range = cycle.range
                let last = cycle.readings.last!
                var heading = range.map { "Cycle \($0.start) – \($0.end)" } ?? "Readings from \(cycle.readings.first!.time.localDate)"
                if let allowance = last.allowance {
                    heading += allowance.isUnlimited
                        ? " (unlimited" + (last.premium.map { "; premium data \($0)" } ?? "") + ")"
                        : " (allowance \(allowance))"
                }
                output.append("  " + heading)
                let scale = last.allowance?.bytes?.approximateDouble ?? last.premium?.bytes?.approximateDouble
                    ?? cycle.readings.compactMap(\.usedBytes).max() ?? 0
                var rows: [(String, String)] = []
                for reading in cycle.readings {
                    guard let used = reading.usedBytes else { continue }
                    var text = (scale > 0 ? bar(used / scale) + "  " : "") + UsageText.bytes(used)
                    if let abroad = reading.international?.bytes?.approximateDouble, abroad > 0 {
                        text += "   abroad \(UsageText.bytes(abroad))"
                    }
                    rows.append(("  " + reading.time.localText, text))
                }
                output += DecodeRenderer.table(rows)
            }
            if let forecast = Forecast.data(history) {
                output.append("  Forecast: " + forecastText(forecast))
            } else {
                output.append("  Forecast: not enough readings in this cycle yet")
            }
        }
        for history in accounts {
            let balances = history.readings.filter { $0.balance != nil }
            let due = history.readings.last { $0.dueDate != nil }
            guard !balances.isEmpty || due != nil else { continue }
            if !output.isEmpty { output.append("") }
            output.append("\(history.carrierName) account")
            if !balances.isEmpty {
                let path = balances.suffix(6).map { "\($0.time.localDate) \($0.balance!)" }.joined(separator: " → ")
                var text = "  Balance  " + path
                if let forecast = Forecast.balance(history) {
                    let symbol = forecast.balance.currency == "USD" ? "$" : forecast.balance.currency + " "
                    text += "; lasts about \(UsageText.number(forecast.daysLeft)) days at \(symbol)\(format2(forecast.spendPerDay))/day"
                }
                output.append(text)
            }
            if let due, let date = due.dueDate {
                output.append("  Due      " + (due.amountDue.map { "\($0) " } ?? "") + "on \(date)")
            }
        }
        return output
    }

    /// Two decimals, for money per day.
    static func format2(_ value: Double) -> String {
        let cents = Int((value * 100).rounded())
        let rest = cents % 100
        return "\(cents / 100).\(rest < 10 ? "0" : "")\(rest)"
    }

    // MARK: SVG and HTML

    static func escaped(_ text: String) -> String {
        ValidationRenderer.xmlEscaped(text)
    }

    /// Data used over the current cycle, one panel per line: the readings, the limit as a
    /// dashed line, the forecast to the reset as a dotted one.
    static func svg(lines: [LineHistory]) -> String {
        let width = 640.0, panel = 220.0, margin = 48.0
        var body: [String] = []
        let colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf"]
        for (index, history) in lines.enumerated() {
            let top = Double(index) * panel
            let readings = history.currentCycle.filter { $0.usedBytes != nil }
            let cycle = readings.last { $0.cycle != nil }?.cycle
            let forecast = Forecast.data(history)
            let startDay = cycle.map { Double($0.start.dayNumber) } ?? (readings.first?.time.localDay ?? 0)
            let endDay = cycle.map { Double($0.end.dayNumber + 1) } ?? max(startDay + 1, readings.last?.time.localDay ?? startDay + 1)
            let limit = forecast?.limitBytes
            let maxY = max([limit ?? 0, forecast?.projectedAtReset ?? 0, readings.compactMap(\.usedBytes).max() ?? 0].max()!, 1) * 1.1
            func x(_ day: Double) -> Double { margin + (day - startDay) / max(endDay - startDay, 1) * (width - 2 * margin) }
            func y(_ bytes: Double) -> Double { top + panel - 30 - bytes / maxY * (panel - 60) }
            let colour = colours[index % colours.count]
            body.append("<text x=\"\(margin)\" y=\"\(top + 18)\" font-size=\"13\" font-family=\"sans-serif\">\(escaped("\(history.carrierName) · \(history.label)"))</text>")
            body.append("<line x1=\"\(margin)\" y1=\"\(y(0))\" x2=\"\(width - margin)\" y2=\"\(y(0))\" stroke=\"#999\"/>")
            if let cycle {
                body.append("<text x=\"\(margin)\" y=\"\(y(0) + 16)\" font-size=\"11\" font-family=\"sans-serif\" fill=\"#555\">\(cycle.start)</text>")
                body.append("<text x=\"\(width - margin)\" y=\"\(y(0) + 16)\" font-size=\"11\" font-family=\"sans-serif\" fill=\"#555\" text-anchor=\"end\">\(cycle.end)</text>")
            }
            if let limit {
                let label = (forecast?.limit == .premium ? "premium " : "allowance ") + UsageText.bytes(limit)
                body.append("<line x1=\"\(margin)\" y1=\"\(y(limit))\" x2=\"\(width - margin)\" y2=\"\(y(limit))\" stroke=\"#888\" stroke-dasharray=\"6 4\"/>")
                body.append("<text x=\"\(width - margin)\" y=\"\(y(limit) - 4)\" font-size=\"11\" font-family=\"sans-serif\" fill=\"#555\" text-anchor=\"end\">\(escaped(label))</text>")
            }
            let points = readings.map { "\(round2(x($0.time.localDay))),\(round2(y($0.usedBytes!)))" }
            if !points.isEmpty {
                body.append("<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>")
                for point in points { body.append("<circle cx=\"\(point.split(separator: ",")[0])\" cy=\"\(point.split(separator: ",")[1])\" r=\"3\" fill=\"\(colour)\"/>") }
            }
            if let forecast, let last = readings.last, let projected = forecast.projectedAtReset {
                body.append("<line x1=\"\(round2(x(last.time.localDay)))\" y1=\"\(round2(y(forecast.usedBytes)))\" x2=\"\(round2(x(endDay)))\" y2=\"\(round2(y(projected)))\" stroke=\"\(colour)\" stroke-dasharray=\"2 4\"/>")
            }
            if let last = readings.last, let used = last.usedBytes {
                body.append("<text x=\"\(round2(x(last.time.localDay)) + 6)\" y=\"\(round2(y(used)) - 6)\" font-size=\"11\" font-family=\"sans-serif\">\(escaped(UsageText.bytes(used)))</text>")
            }
        }
        let height = max(panel, Double(lines.count) * panel)
        return """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))">
        <rect width="100%" height="100%" fill="white"/>
        \(body.joined(separator: "\n"))
        </svg>

        """
    }

    static func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    static func html(lines: [LineHistory], accounts: [AccountHistory]) -> String {
        let table = text(lines: lines, accounts: accounts).map(escaped).joined(separator: "\n")
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Data use</title>
        <style>body{font-family:sans-serif;margin:2em;max-width:52em}pre{font-size:13px;line-height:1.35}</style></head>
        <body>
        <h1>Data use</h1>
        \(svg(lines: lines))
        <pre>\(table)</pre>
        </body></html>

        """
    }
}
