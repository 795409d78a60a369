import ESIMMarkup

/// Offer cards: figures a page sells, not what the account has.
extension MarkupMeaning {
    /// The candidates whose line sits in an offer card, dropped (with a note): what a page
    /// sells is not what the account has (`SpeedOn S · 1 GB · valid until the end of the
    /// billing period · 5,95 € one-off · Select`, under `Available data passes`).
    func withoutOfferCards(_ candidates: [GenericReader.Candidate], _ analyses: [Analysis])
        -> (kept: [GenericReader.Candidate], notes: [SnapshotDiagnostic]) {
        guard !candidates.isEmpty else { return (candidates, []) }
        var notes: [SnapshotDiagnostic] = []
        var positionOfLine: [Int: Int] = [:]
        for (position, analysis) in analyses.enumerated() where positionOfLine[analysis.line.sourceLine] == nil {
            positionOfLine[analysis.line.sourceLine] = position
        }
        var verdicts: [Int: Bool] = [:]
        let kept = candidates.filter { candidate in
            guard let position = positionOfLine[candidate.line] else { return true }
            let inOffer = verdicts[position] ?? isInOfferCard(analyses, at: position)
            verdicts[position] = inOffer
            if inOffer {
                notes.append(SnapshotDiagnostic(.conflictingValues,
                                                "line \(candidate.line): '\(candidate.raw)' sits in an offer (a card with a price and a button or link), not read as \(candidate.field.rawValue)"))
            }
            return !inOffer
        }
        return (kept, notes)
    }

    /// Lines an offer card holds at most.
    static let offerCardLines = 12

    /// Whether the smallest elements around a line (up to five levels up, each holding at
    /// most ``offerCardLines`` lines) hold a price — money on a line that is not the
    /// account's balance or amount due — and a link or button.
    func isInOfferCard(_ analyses: [Analysis], at position: Int) -> Bool {
        var ancestor: MarkupNode? = analyses[position].line.block
        for _ in 0..<5 {
            guard let element = ancestor else { return false }
            var first = position, last = position
            while first > 0, position - first <= Self.offerCardLines, Self.contains(element, analyses[first - 1].line.block) { first -= 1 }
            while last + 1 < analyses.count, last - position <= Self.offerCardLines, Self.contains(element, analyses[last + 1].line.block) { last += 1 }
            if last - first + 1 > Self.offerCardLines { return false }
            let priced = analyses[first...last].contains { analysis in
                analysis.values.contains { $0.kind == .money }
                    && !analysis.labels.contains { [.balance, .amountDue, .remaining].contains($0.concept) }
            }
            if priced, let action = try? CSSSelector.cachedForThread("a[href], button, input[type=submit i]"),
               element.select(action, limit: 20).contains(where: isCallToBuy) { return true }
            ancestor = element.parent
        }
        return false
    }

    /// A link or button whose text (or label) starts with an offer's word: `Select`,
    /// `Buchen`, `Buy now`, `Add`.
    func isCallToBuy(_ control: MarkupNode) -> Bool {
        for text in [control.normalizedText, control.attribute("aria-label") ?? "", control.attribute("value") ?? ""] where !text.isEmpty {
            let words = TextScan(text).tokens.map(\.folded)
            if !words.isEmpty, index.matches(in: words, at: 0).contains(where: { $0.concept == .offer }) { return true }
        }
        return false
    }

    /// Whether `node` is `element` or inside it.
    static func contains(_ element: MarkupNode, _ node: MarkupNode) -> Bool {
        var current: MarkupNode? = node
        var steps = 0
        while let candidate = current, steps < 64 {
            if candidate == element { return true }
            current = candidate.parent
            steps += 1
        }
        return false
    }
}
