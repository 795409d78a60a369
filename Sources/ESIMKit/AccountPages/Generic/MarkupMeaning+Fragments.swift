import ESIMMarkup

/// Figures a page splits into neighbouring blocks, read as one line.
extension MarkupMeaning {
    /// Runs of two to six lines that are each one or two tokens of a figure — numbers, `/`,
    /// `of`, units — in neighbouring elements of one parent, read as one line: style sheets
    /// set such blocks side by side (`<div>2.88</div><div>/</div><div>25</div><div>GB</div>`
    /// shows `2.88 / 25 GB`). The joined line's block is their common parent; the others
    /// are left out.
    func joinedFragments(_ scanned: [Analysis]) -> [Analysis] {
        var analyses = scanned
        // A unit alone after a figure (`GB`) was not scanned: it holds no digit.
        for position in analyses.indices.dropFirst() where analyses[position].scan.tokens.isEmpty && analyses[position - 1].scan.tokens.count <= 2
            && !analyses[position - 1].scan.tokens.isEmpty && analyses[position].line.text.utf8.count <= 8 {
            analyses[position] = analyze(analyses[position].line)
        }
        var result = analyses
        var position = 0
        while position < analyses.count {
            guard isFragment(analyses[position]), let parent = analyses[position].line.block.parent else {
                position += 1
                continue
            }
            var end = position + 1
            while end < analyses.count, end - position < 6, isFragment(analyses[end]),
                  Self.contains(parent.parent ?? parent, analyses[end].line.block) {
                end += 1
            }
            let run = analyses[position..<end]
            if run.count >= 2, run.contains(where: { $0.scan.tokens.contains { $0.kind == .number } }),
               run.contains(where: { $0.values.contains { $0.kind == .data } || $0.scan.tokens.contains { locale.units[$0.folded] != nil } }) {
                var text = ""
                var pieces: [PageLayout.Piece] = []
                for analysis in run {
                    if !text.isEmpty { text += " " }
                    let offset = text.utf8.count
                    pieces += analysis.line.pieces.map { PageLayout.Piece(element: $0.element, range: ($0.range.lowerBound + offset)..<($0.range.upperBound + offset)) }
                    text += analysis.line.text
                }
                let common = analyses[position..<end].allSatisfy({ Self.contains(parent, $0.line.block) }) ? parent : (parent.parent ?? parent)
                var joined = analyze(PageLayout.TextLine(text: text, pieces: pieces, block: common, cells: []))
                joined.isJoined = true
                result[position] = joined
                for skipped in (position + 1)..<end { result[skipped] = Analysis.skipped(analyses[skipped].line) }
                position = end
            } else {
                position += 1
            }
        }
        return result
    }

    /// A line of one or two tokens, each a number, a unit, `/` or `of`.
    func isFragment(_ analysis: Analysis) -> Bool {
        let tokens = analysis.scan.tokens
        guard (1...2).contains(tokens.count), analysis.line.cells.isEmpty else { return false }
        return tokens.allSatisfy { token in
            token.kind == .number || token.folded == "/" || token.folded == "of" || locale.units[token.folded] != nil
        }
    }
}
