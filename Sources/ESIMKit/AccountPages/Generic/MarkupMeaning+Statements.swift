import ESIMMarkup

/// Usage statements: two amounts of data with `of` or `/` between.
extension MarkupMeaning {
    /// `67,18GB / 300GB`, `3 GB of 10 GB used`, `2.6 GB left of 15 GB`, `0 / 800 GB FUP`:
    /// two amounts of data with `of` or `/` between.
    func statements(in analysis: Analysis, before: ArraySlice<Analysis>) -> ([GenericReader.Candidate], [Range<Int>]) {
        guard !isOffer(analysis) else { return ([], []) }
        var result: [GenericReader.Candidate] = []
        var spans: [Range<Int>] = []
        let tokens = analysis.scan.tokens
        for (position, second) in analysis.values.enumerated() where second.kind == .data {
            guard case .data(let allowance) = second.value, allowance != .unlimited else { continue }
            // The figure before: a value, or a bare number with a decimal point that no value
            // took (`2.88 / 25 GB`).
            let earlier = position > 0 ? analysis.values[position - 1] : nil
            guard let first = bareFigure(in: analysis, before: second, after: earlier, unitOf: allowance) ?? earlier else { continue }
            // The amount: data, or a bare number taking the allowance's unit (`0 / 800 GB`).
            let amount: DataAmount
            switch first.value {
            case .data(let value) where first.kind == .data: amount = value
            case .count(let number) where first.kind == .count:
                guard case .amount(_, let unit) = allowance else { continue }
                amount = .amount(ExactDecimal(Int64(number)), unit)
            default: continue
            }
            // Between them: `of` / `/` (maybe with `used` or `left` before it), nothing else.
            let between = tokens[first.tokens.upperBound..<second.tokens.lowerBound].map(\.folded)
            let connectors = Set((locale.vocabulary.phrases[.of] ?? []).compactMap { $0.count == 1 ? $0[0] : nil } + ["of", "/", "out"])
            let leftWords = analysis.labels.filter { $0.concept == .remaining }
            let usedWords = analysis.labels.filter { $0.concept == .used }
            let core = between.filter { !(connectors.contains($0)) }
            let labelled = core.allSatisfy { word in
                leftWords.contains { analysis.scan.text($0.tokens).lowercased() == word } || usedWords.contains { analysis.scan.text($0.tokens).lowercased() == word }
            }
            guard between.contains(where: connectors.contains), core.count <= 1, labelled else { continue }
            spans.append(first.tokens.lowerBound..<second.tokens.upperBound)
            var context = contextWords(analysis)
            // A heading just before (`International`, `Hotspot`): a short line of words
            // alone, not links (a tab bar's `In Italia | Estero` names both tabs).
            if let heading = before.last, heading.values.isEmpty, heading.wordCount <= 4, !isLinks(heading) {
                context.formUnion(heading.labels.map(\.concept).filter { [.roaming, .hotspot, .premium].contains($0) })
            }
            if context.contains(.roaming) || context.contains(.premium) { continue }
            var isLeft = !leftWords.isEmpty && usedWords.isEmpty
            var heading: String?
            // Figures a page's elements split (`<div>2.88</div><div>/</div><div>25</div><div>GB</div>`)
            // say nothing of what they count: the heading just before must (`Your remaining
            // data volume`), or they are not read.
            // A statement with no words of its own takes its direction from the heading just
            // before (`Your remaining data volume` over `2.88 / 25 GB`); with none, one text
            // reads as used (`67,18GB / 300GB`), split figures are not read.
            if leftWords.isEmpty && usedWords.isEmpty {
                let headings = before.suffix(2).filter { $0.values.isEmpty && $0.wordCount <= 6 && !isLinks($0) }
                let concepts = Set(headings.flatMap { $0.labels.map(\.concept) })
                if concepts.contains(.remaining) && !concepts.contains(.used) {
                    isLeft = true
                    heading = headings.last { !$0.labels.isEmpty }?.line.text
                } else if concepts.contains(.used) && !concepts.contains(.remaining) {
                    heading = headings.last { !$0.labels.isEmpty }?.line.text
                } else if analysis.isJoined {
                    continue
                }
            }
            // The statement with the words that say what it counts (`used 5.2 GB of 15 GB`,
            // `3 GB of 10 GB left`).
            let words = leftWords + usedWords
            let start = words.map(\.tokens.lowerBound).filter { $0 < first.tokens.lowerBound && first.tokens.lowerBound - $0 <= 2 }.min()
                ?? first.tokens.lowerBound
            let end = words.map(\.tokens.upperBound).filter { $0 > second.tokens.upperBound && $0 - second.tokens.upperBound <= 1 }.max()
                ?? second.tokens.upperBound
            let raw = analysis.scan.text(start..<end)
            let evidence = "'\(raw)' (\(isLeft ? "left" : "used") of the allowance\(heading.map { ", by the heading '\($0)'" } ?? ""))"
            let hotspot = context.contains(.hotspot)
            let amountField: SnapshotField = isLeft ? .dataRemaining : (hotspot ? .hotspotUsed : .dataUsed)
            if isLeft && hotspot { continue }
            result.append(GenericReader.Candidate(field: amountField, value: .data(amount), raw: raw, evidence: evidence,
                                                  line: analysis.line.sourceLine))
            // `X left of Y` says how much is used too.
            if isLeft, let used = DataAmount.difference(allowance, amount) {
                result.append(GenericReader.Candidate(field: .dataUsed, value: .data(used), raw: raw, evidence: evidence + ", used worked out",
                                                      line: analysis.line.sourceLine))
            }
            result.append(GenericReader.Candidate(field: hotspot ? .hotspotAllowance : .dataAllowance, value: .data(allowance), raw: raw,
                                                  evidence: evidence, line: analysis.line.sourceLine))
        }
        return (result, spans)
    }

    /// `/`, `of` and the page language's words for it.
    func isConnector(_ word: String) -> Bool {
        word == "/" || word == "of" || (locale.vocabulary.phrases[.of] ?? []).contains([word])
    }

    /// A number token just before `/` or `of` and the amount after it, with a decimal
    /// separator and no value of its own, as that amount's unit (`2.88 / 25 GB`).
    func bareFigure(in analysis: Analysis, before second: ValueMention, after earlier: ValueMention?,
                    unitOf allowance: DataAmount) -> ValueMention? {
        guard case .amount(_, let unit) = allowance, second.tokens.lowerBound >= 2 else { return nil }
        let tokens = analysis.scan.tokens
        let numberIndex = second.tokens.lowerBound - 2
        guard isConnector(tokens[numberIndex + 1].folded),
              tokens[numberIndex].kind == .number, earlier.map({ $0.tokens.upperBound <= numberIndex }) ?? true,
              tokens[numberIndex].folded.contains(where: { $0 == "." || $0 == "," }),
              let (number, ambiguous) = ValueFinder(scan: analysis.scan, locale: locale, reference: reference).number(tokens[numberIndex].folded),
              !ambiguous else { return nil }
        return ValueMention(kind: .data, value: .data(.amount(number, unit)), tokens: numberIndex..<(numberIndex + 1))
    }
}
