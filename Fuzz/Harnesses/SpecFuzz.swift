import ESIMKit
import ESIMSupport

extension FuzzTarget {
    /// `--specs DIR` and alert rules: YAML through the spec reader, and a spec's rules
    /// compiled as `inspect` compiles them.
    static let specYAML = FuzzTarget("spec-yaml", "CarrierSpec.parseDocument and AlertRules.parse on any text; rules compiled",
                                    samples: ["Specs/*.yaml"], seeds: { Seeds.utf8([SpecSeeds.alerts]) }) { input in
        let text = Fuzz.text(input)
        if let (carrier, pages) = try? CarrierSpec.parseDocument(text, file: "fuzz.yaml") {
            _ = try? OrderedJSONEncoder().encode(carrier)
            if let pages { _ = try? PageExtractor(specs: [pages]) }
        }
        _ = try? AlertRules.parse(text, file: "alerts.yaml")
    }

    /// `carrier --providers FILE`: the mobile-broadband-provider-info database and
    /// Android's APN list.
    static let providers = FuzzTarget("providers", "ProviderDatabase(xml:) and AndroidAPNList(xml:)",
                                    samples: ["Fuzz/Seeds/providers/*.xml"]) { input in
        let text = Fuzz.text(input)
        _ = try? ProviderDatabase(xml: text, path: "serviceproviders.xml")
        _ = try? AndroidAPNList(xml: text, path: "apns-conf.xml")
    }
}

enum SpecSeeds {
    /// Alert rules with every key (the README's example).
    static let alerts = """
        dataBelow: 2 GB
        dataBelowPercent: 10
        runOutBeforeReset: true
        balanceBelow: $5.00
        dueWithin: 3
        roamingAbove: 500 MB
        """
}
