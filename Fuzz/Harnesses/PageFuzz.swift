import ESIMKit
import ESIMSupport

/// The built-in specs, compiled once, as `inspect` compiles them.
enum BuiltInPages {
    nonisolated(unsafe) static let extractor: PageExtractor = {
        try! PageExtractor(specs: CuratedSpecs.load().pageSpecs)
    }()

    /// Every (carrier, page kind) the built-in specs describe.
    static let pages: [(carrier: String, kind: PageKind)] = extractor.specs.flatMap { spec in
        spec.pages.map { (spec.carrierID, $0.kind) }
    }

    /// An extractor with no specs: every page gets the heuristic reading.
    nonisolated(unsafe) static let heuristic: PageExtractor = try! PageExtractor(specs: [])

    /// The saved pages of the samples.
    static let samples = ["Samples/Pages/*/*.html", "Samples/Pages/*/*.json", "Samples/Profiles/*.xml"]

    /// The day year-less dates are read against, fixed so runs repeat.
    static let reference = CalendarDate(year: 2026, month: 11, day: 20)

    static func inspect(_ extractor: PageExtractor, _ input: UnsafeRawBufferPointer, options: PageExtractor.Options) {
        guard let snapshot = try? extractor.inspect(PageInput(name: "fuzz.html", bytes: Fuzz.bytes(input)), options: options) else { return }
        _ = try? OrderedJSONEncoder().encode(snapshot)
        _ = snapshot.plans
    }
}

extension FuzzTarget {
    /// `inspect --carrier ID --page KIND`: a built-in spec's rules on any bytes. The spec
    /// is the input's length modulo the number of (carrier, page kind) pairs, so every
    /// spec is reached and an input always picks the same one.
    static let pageSpec = FuzzTarget("page-spec", "PageExtractor.inspect with a fixed built-in carrier and page kind",
                                   samples: BuiltInPages.samples) { input in
        let page = BuiltInPages.pages[input.count % BuiltInPages.pages.count]
        BuiltInPages.inspect(BuiltInPages.extractor, input, options: .init(
            carrierID: page.carrier, pageKind: page.kind, reference: BuiltInPages.reference))
    }

    /// `inspect FILE`: recognition of the carrier and page kind, then the spec's rules,
    /// or the best trial, or the heuristic reading.
    static let pageRecognize = FuzzTarget("page-recognize", "PageExtractor.inspect recognising the carrier and page",
                                   samples: BuiltInPages.samples) { input in
        BuiltInPages.inspect(BuiltInPages.extractor, input, options: .init(reference: BuiltInPages.reference))
    }

    /// A page no spec describes: the heuristic (generic) reader of labels and values.
    static let heuristic = FuzzTarget("heuristic", "The heuristic reader: PageExtractor.inspect with no spec",
                                   samples: BuiltInPages.samples) { input in
        BuiltInPages.inspect(BuiltInPages.heuristic, input, options: .init(reference: BuiltInPages.reference))
    }
}
