extension Plan {
    /// The most text one plan description may have (Unicode scalars).
    package static let maximumTextLength = 4_096

    /// Reads a plan as carriers and eSIM shops describe it:
    /// `Unlimited Premium, $85.99/mo, 50GB premium data then 3 Mbps, 30GB hotspot,
    /// Mexico & Canada included`, `USA 5GB 30 days $11`, `1 GB/day for 7 days, then 512 kbps`.
    ///
    /// Lenient: what is not understood is kept in ``unparsed``; only empty or oversized
    /// text throws.
    package init(text: String) throws(PlanError) {
        let scalars = PlanTokenizer.scalars(text)
        guard scalars.count <= Self.maximumTextLength else {
            throw PlanError(.tooLong, "plan text has \(scalars.count) characters; at most \(Self.maximumTextLength) are read",
                            offset: Self.maximumTextLength)
        }
        let tokens = PlanTokenizer(scalars: scalars).tokens()
        guard tokens.contains(where: { $0.text != "\n" }) else { throw PlanError(.empty, "the plan text is empty", offset: 0) }
        var reader = PlanTextReader(scalars: scalars, tokens: tokens)
        let plan = reader.read()
        // A name alone is a plan ("Magenta MAX"); text with neither a name nor a fact is not.
        guard !plan.isEmpty else {
            throw PlanError(.nothingRecognised, "no plan name, price, data or other plan fact was recognised",
                            offset: plan.unparsed.first?.offset ?? 0)
        }
        self = plan
    }
}
