import ESIMMarkup

/// A plan's name that no label announces: the heading of the card whose data figure was
/// read, when the page's own title names it too (`<title>Data usage - MagentaMobil
/// Prepaid L</title>` over `<h2>MagentaMobil Prepaid L</h2>` and `2.88 / 25 GB`).
///
/// Both are needed. A heading over a figure may be anything (`Your data`, `Datenbonus`,
/// `Inland`), and a title names the site as often as the plan; a heading that the title
/// repeats, right above the account's figure, is the page's subject.
extension MarkupMeaning {
    /// Lines looked back from a figure for its card's heading.
    static let planHeadingReach = 4

    /// The plan-name candidate for the figure on line `position`, or `nil`.
    func planHeading(_ analyses: [Analysis], figureAt position: Int, title: String?) -> GenericReader.Candidate? {
        guard let title, position > 0 else { return nil }
        for candidate in analyses[max(0, position - Self.planHeadingReach)..<position].reversed() {
            let text = candidate.line.text
            // A plan's name may hold a number (`Prepaid 20`), not an amount or a date.
            guard candidate.values.allSatisfy({ $0.kind == .count }), !text.isEmpty else { continue }
            guard ["h1", "h2", "h3"].contains(candidate.line.block.name.lowercased()) else { continue }
            // The nearest heading decides: a name the title repeats, or no plan here.
            guard candidate.labels.isEmpty, JSONMeaning.isName(text), Self.titleNames(title, text) else { return nil }
            return GenericReader.Candidate(field: .planName, value: .text(text), raw: text,
                                           evidence: "the heading '\(text)' over the data figure, named by the page title '\(title)'",
                                           line: candidate.line.sourceLine)
        }
        return nil
    }

    /// Whether `title` is `name` beside another part (`Data usage - Name`, `Name | Site`).
    static func titleNames(_ title: String, _ name: String) -> Bool {
        let separators = [" - ", " – ", " — ", " | ", ": "]
        let title = title.lowercased(), name = name.lowercased()
        guard title != name else { return false }
        return separators.contains { title.hasSuffix($0 + name) || title.hasPrefix(name + $0) }
    }
}
