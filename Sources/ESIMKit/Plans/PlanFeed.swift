import ESIMMarkup

/// The packages of an eSIM reseller's JSON feed, read into plans.
///
/// Reads the shapes resellers publish:
/// - a list of packages, or an object holding one under `packages`, `plans`,
///   `packageList`, `data`, `items`, `products` or `offers` (at any depth, so Airalo's
///   countries → operators → packages nesting works; a package inherits the coverage of
///   the objects around it);
/// - per package: a name (`title`, `name`, `package_name`…), data (`data: "5 GB"`, a number
///   of GB in `data_gb`/`gb`, Airalo's `amount` in MB, eSIM Access's `volume` in bytes,
///   `is_unlimited`/`unlimited`), validity (`validity`, `validity_days`, `days`, `day`,
///   `duration` with `durationUnit`), price (`price`, `retail_price`, `retailPrice`, a string
///   such as `"$11"` or an object with `amount` and `currency`), currency (`currency`,
///   `currencyCode`), coverage (`countries`, `coverage`, `location`, `country_code`,
///   `region`), and `voice`/`text` counts.
///
/// eSIM Access publishes prices as value × 10,000 (10000 = 1.00); a package with its
/// `packageCode` and `volume` fields is read that way. A package that cannot be read is
/// reported in ``diagnostics`` with its index; the rest are still read.
package struct PlanFeed: Hashable, Sendable {
    package var plans: [Plan]
    package var diagnostics: [Diagnostic]

    /// The largest feed read (bytes).
    package static let maximumLength = 32 << 20

    package struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
        /// The package's index in the order packages were found.
        package var index: Int
        package var message: String

        package var description: String { "package \(index): \(message)" }
    }

    package init(json text: String) throws(PlanError) {
        guard text.utf8.count <= Self.maximumLength else {
            throw PlanError(.tooLong, "the feed is larger than \(Self.maximumLength >> 20) MB")
        }
        let root: JSONValue
        do {
            root = try JSONValue(parsing: text)
        } catch {
            throw PlanError(.invalidJSON, "not JSON: \(error.message)", offset: error.offset)
        }
        var found: [(JSONValue, [Place])] = []
        Self.collect(root, inherited: [], depth: 0, into: &found)
        guard !found.isEmpty else {
            throw PlanError(.noPackages, "no list of packages found (expected a list, or one under 'packages', 'plans', 'packageList' or 'data')")
        }
        var plans: [Plan] = []
        var diagnostics: [Diagnostic] = []
        for (index, (package, coverage)) in found.enumerated() {
            switch Self.plan(package, coverage: coverage, index: index) {
            case .success(let plan): plans.append(plan)
            case .failure(let message): diagnostics.append(Diagnostic(index: index, message: message))
            }
        }
        self.plans = plans
        self.diagnostics = diagnostics
    }

    /// Looks like JSON (after spaces, `[` or `{`).
    package static func looksLikeJSON(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar == "\u{FEFF}" { continue }
            return scalar == "[" || scalar == "{"
        }
        return false
    }

    // MARK: Finding packages

    static let listKeys: Set<String> = ["packages", "plans", "packagelist", "data", "items", "products", "offers", "bundles", "results"]

    private static func collect(_ value: JSONValue, inherited: [Place], depth: Int, into found: inout [(JSONValue, [Place])]) {
        guard depth < 16 else { return }
        switch value {
        case .array(let items):
            if items.contains(where: isPackage) {
                for item in items where isPackage(item) { found.append((item, inherited)) }
            } else {
                for item in items { collect(item, inherited: inherited, depth: depth + 1, into: &found) }
            }
        case .object(let members):
            if depth == 0, isPackage(value) {
                found.append((value, inherited))
                return
            }
            let own = coverage(of: value)
            let places = own.isEmpty ? inherited : own
            for member in members where listKeys.contains(member.key.lowercased()) || isContainer(member.value) {
                collect(member.value, inherited: places, depth: depth + 1, into: &found)
            }
        default:
            return
        }
    }

    private static func isContainer(_ value: JSONValue) -> Bool {
        switch value {
        case .array(let items): return items.contains { if case .object = $0 { return true } else { return false } }
        case .object: return true
        default: return false
        }
    }

    /// An object with a price or an amount of data beside a name or validity.
    static func isPackage(_ value: JSONValue) -> Bool {
        guard case .object = value else { return false }
        let hasPrice = field(value, priceKeys) != nil
        let hasData = field(value, dataKeys)?.scalarText != nil
            || field(value, ["amount", "volume", "data_gb", "gb", "datagb"])?.scalarText != nil
            || field(value, unlimitedKeys)?.scalarText != nil
        let hasShape = field(value, nameKeys)?.scalarText != nil || field(value, validityKeys)?.scalarText != nil
        return (hasPrice || hasData) && hasShape
    }

    // MARK: Reading one package

    static let nameKeys = ["title", "name", "package_name", "packagename", "plan_name", "planname", "display_name", "displayname", "slug", "id", "packagecode"]
    static let priceKeys = ["retail_price", "retailprice", "price", "price_usd", "priceusd", "cost", "amount_usd"]
    static let dataKeys = ["data", "data_amount", "dataamount", "allowance", "data_allowance", "dataallowance"]
    static let unlimitedKeys = ["is_unlimited", "isunlimited", "unlimited"]
    static let validityKeys = ["validity_days", "validitydays", "validity", "days", "day", "duration", "period_days", "perioddays"]

    private enum Outcome { case success(Plan), failure(String) }

    private static func plan(_ package: JSONValue, coverage inherited: [Place], index: Int) -> Outcome {
        var plan = Plan(origin: .feed(index: index))
        plan.name = field(package, nameKeys)?.scalarText
        let isESIMAccess = field(package, ["packagecode"]) != nil && field(package, ["volume"]) != nil

        // Price.
        let currency = field(package, ["currency", "currencycode", "currency_code"])?.scalarText?.uppercased()
        if let value = field(package, priceKeys) {
            switch readMoney(value, currency: currency, scaledBy10000: isESIMAccess) {
            case .success(let money): plan.price = PlanPrice(amount: money, period: .once)
            case .failure(let message): return .failure("price: \(message)")
            }
        }

        // Data.
        if let flag = field(package, unlimitedKeys), flag == .bool(true) || flag.scalarText == "1" || flag.scalarText == "true" {
            plan.data = .unlimited
        } else if let value = field(package, dataKeys), let text = value.scalarText {
            if case .number(let number) = value, let amount = ExactDecimal(number) {
                plan.data = .total(.amount(amount, .gigabytes))
            } else if let parsed = try? Plan(text: text) {
                plan.data = parsed.data
                if plan.speedAfterAllowance == nil { plan.speedAfterAllowance = parsed.speedAfterAllowance }
            }
            if plan.data == nil { return .failure("data: '\(text)' is not an amount of data") }
        } else if let value = field(package, ["data_gb", "datagb", "gb"]), case .number(let number) = value, let amount = ExactDecimal(number) {
            plan.data = .total(.amount(amount, .gigabytes))
        } else if let value = field(package, ["amount"]), case .number(let number) = value, let amount = ExactDecimal(number) {
            // Airalo: megabytes.
            plan.data = .total(amount.units % 1024 == 0 && amount.scale == 0
                ? .amount(ExactDecimal(amount.units / 1024), .gigabytes) : .amount(amount, .megabytes))
        } else if let value = field(package, ["volume"]), case .number(let number) = value, let bytes = ExactDecimal(number) {
            plan.data = .total(bytesAmount(bytes))
        }
        if let perDay = field(package, ["data_per_day", "dataperday", "daily"]), perDay == .bool(true), case .total(let amount)? = plan.data {
            plan.data = .perDay(amount)
        }

        // Validity.
        if let value = field(package, validityKeys) {
            let unit = field(package, ["durationunit", "duration_unit", "validity_unit", "validityunit"])?.scalarText?.lowercased()
            guard let days = readDays(value, unit: unit) else {
                return .failure("validity: '\(value.scalarText ?? "?")' is not a number of days")
            }
            plan.validityDays = days
        }

        // Coverage.
        let own = coverage(of: package)
        plan.coverage = own.isEmpty ? inherited : own

        // Talk and text.
        if let voice = field(package, ["voice", "minutes", "talk"]), case .number(let text) = voice, let count = Int(text) {
            plan.talk = count > 0 ? .limited(count) : Allowance.none
        }
        if let sms = field(package, ["text", "sms", "texts"]), case .number(let text) = sms, let count = Int(text) {
            plan.text = count > 0 ? .limited(count) : Allowance.none
        }
        if let speed = field(package, ["speed", "network", "networks"])?.scalarText {
            if speed.lowercased().contains("5g") { plan.fiveG = true }
        }
        if plan.price == nil && plan.data == nil {
            return .failure("neither a price nor an amount of data")
        }
        return .success(plan)
    }

    private enum MoneyOutcome { case success(Money), failure(String) }

    private static func readMoney(_ value: JSONValue, currency: String?, scaledBy10000: Bool) -> MoneyOutcome {
        switch value {
        case .number(let text):
            guard var amount = ExactDecimal(text), !amount.isNegative else { return .failure("'\(text)' is not an amount") }
            if scaledBy10000 { amount = ExactDecimal(units: amount.units, scale: amount.scale + 4).normalized }
            // Feeds write 4.5 for 4.50: show cents.
            if amount.scale < 2, let cents = amount.rescaled(to: 2) { amount = cents }
            guard let currency else { return .success(Money(amount, currency: "USD")) }
            guard Money.codes.contains(currency) else { return .failure("'\(currency)' is not a currency code") }
            return .success(Money(amount, currency: currency))
        case .string(let text):
            if let money = try? Money(text) { return .success(money) }
            if let currency, let money = try? Money(text + " " + currency) { return .success(money) }
            if currency == nil, let amount = ExactDecimal(text) { return .success(Money(amount, currency: "USD")) }
            return .failure("'\(text)' is not an amount of money")
        case .object:
            let inner = field(value, ["currency", "currencycode", "currency_code"])?.scalarText?.uppercased() ?? currency
            guard let amount = field(value, ["amount", "value", "price"]) else { return .failure("no amount in the price object") }
            return readMoney(amount, currency: inner, scaledBy10000: scaledBy10000)
        default:
            return .failure("not a number or text")
        }
    }

    private static func readDays(_ value: JSONValue, unit: String?) -> Int? {
        let multiplier: Int
        switch unit {
        case nil, "day", "days", "d": multiplier = 1
        case "week", "weeks": multiplier = 7
        case "month", "months": multiplier = 30
        case "year", "years": multiplier = 365
        default: return nil
        }
        switch value {
        case .number(let text):
            guard let days = Int(text), days > 0, days <= 3650 else { return nil }
            return days * multiplier
        case .string(let text):
            if let days = Int(text), days > 0, days <= 3650 { return days * multiplier }
            return (try? Plan(text: text))?.validityDays
        default:
            return nil
        }
    }

    private static func bytesAmount(_ bytes: ExactDecimal) -> DataAmount {
        for (unit, size) in [(DataAmount.DataUnit.gigabytes, Int64(1) << 30), (.megabytes, 1 << 20)]
        where bytes.scale == 0 && bytes.units >= size && bytes.units % size == 0 {
            return .amount(ExactDecimal(bytes.units / size), unit)
        }
        return .amount(bytes, .bytes)
    }

    /// The places an object names: `countries` (codes, names, or objects with a code),
    /// `coverage`, `location` (`"ES,FR"`), `country_code`, `region`.
    static func coverage(of value: JSONValue) -> [Place] {
        var places: [Place] = []
        func add(_ text: String) {
            for part in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" }) {
                let trimmed = part.trimmingSpaces
                guard !trimmed.isEmpty else { continue }
                if trimmed.count == 2, trimmed.allSatisfy({ $0.isASCII && $0.isLetter }),
                   Places.countryName(trimmed.uppercased()) != nil {
                    let place = Place.country(trimmed.uppercased())
                    if !places.contains(place) { places.append(place) }
                } else if let plan = try? Plan(text: "Coverage: " + trimmed) {
                    for place in plan.coverage where !places.contains(place) { places.append(place) }
                }
            }
        }
        for key in ["countries", "coverage", "location", "locations", "country_code", "countrycode", "country", "region", "destination"] {
            guard let entry = field(value, [key]) else { continue }
            switch entry {
            case .string(let text): add(text)
            case .array(let items):
                for item in items {
                    if let text = item.scalarText { add(text) }
                    else if let code = field(item, ["country_code", "countrycode", "code", "iso", "iso2", "locationcode"])?.scalarText { add(code) }
                    else if let name = field(item, ["name", "title"])?.scalarText { add(name) }
                }
            case .object:
                if let code = field(entry, ["country_code", "countrycode", "code", "iso"])?.scalarText { add(code) }
            default: continue
            }
        }
        return places
    }

    /// The first member whose key matches one of `keys` (without case), not null.
    static func field(_ value: JSONValue, _ keys: [String]) -> JSONValue? {
        guard case .object(let members) = value else { return nil }
        for key in keys {
            for member in members where member.key.lowercased() == key {
                if member.value == .null { continue }
                return member.value
            }
        }
        return nil
    }
}

extension String {
    /// Without leading and trailing spaces (ASCII white space).
    var trimmingSpaces: String {
        let scalars = Array(unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, scalars[start] == " " || scalars[start] == "\t" || scalars[start] == "\n" || scalars[start] == "\r" { start += 1 }
        while end > start, scalars[end - 1] == " " || scalars[end - 1] == "\t" || scalars[end - 1] == "\n" || scalars[end - 1] == "\r" { end -= 1 }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[start..<end])
        return result
    }
}

extension Substring {
    var trimmingSpaces: String { String(self).trimmingSpaces }
}
