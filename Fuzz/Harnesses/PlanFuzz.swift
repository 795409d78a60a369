import ESIMKit
import ESIMSupport

extension FuzzTarget {
    /// `plan 'TEXT'`: one description read leniently; what is not understood is kept
    /// with its place in the input.
    static let planText = FuzzTarget("plan-text", "Plan(text:) and PlanReading.read(text:): plan descriptions",
                                    seeds: { Seeds.paragraphs("Samples/Plans/*.txt") }) { input in
        let text = Fuzz.text(input)
        let scalars = text.unicodeScalars.count
        if let plan = try? Plan(text: text) {
            for span in plan.unparsed {
                Fuzz.require(span.offset >= 0 && span.length >= 0 && span.offset + span.length <= scalars,
                             "unparsed '\(span.text)' at \(span.offset)+\(span.length) lies outside the \(scalars) scalars")
            }
            _ = try? OrderedJSONEncoder().encode(plan)
        }
        if let reading = try? PlanReading.read(text: text) {
            _ = PlanComparison(reading.plans)
        }
    }

    /// `plan packages.json`: an eSIM shop's JSON feed, each package read or reported.
    static let planFeed = FuzzTarget("plan-feed", "PlanFeed(json:): eSIM package feeds",
                                    samples: ["Samples/Plans/*.json"]) { input in
        guard let feed = try? PlanFeed(json: Fuzz.text(input)) else { return }
        for plan in feed.plans.prefix(16) { _ = try? OrderedJSONEncoder().encode(plan) }
        _ = PlanComparison(feed.plans)
    }
}
