import Testing
@testable import ESIMKit

/// The generic reader on pages and responses no spec describes: what it reads, and above
/// all what it must not read.
@Suite("GenericReader")
struct GenericReaderTests {
    static let reference = CalendarDate(year: 2026, month: 11, day: 20)

    static func read(_ text: String, name: String = "page.html") throws -> AccountSnapshot {
        try PageExtractor(specs: []).inspect(PageInput(name: name, bytes: Array(text.utf8)), options: .init(reference: reference))
    }

    static func html(_ body: String, lang: String = "en") -> String {
        "<!doctype html><html lang=\"\(lang)\"><head><title>My account</title></head><body>\(body)</body></html>"
    }

    /// Every field read, as `field=canonical text` (lines as `field[n]=…`), sorted.
    static func readings(_ snapshot: AccountSnapshot) -> [String] {
        var result = snapshot.values.map { "\($0.field.rawValue)=\($0.value.canonicalText)" }
        for (index, line) in snapshot.lines.enumerated() {
            result += line.values.map { "\($0.field.rawValue)[\(index)]=\($0.value.canonicalText)" }
        }
        return result.sorted()
    }

    @Test("labels and values in nine languages", arguments: [
        ("en", "<p>Amount due: $42.17</p><p>Due date Dec 9, 2026</p><p>3.2 GB of 10 GB used</p>",
         ["amountDue=$42.17", "dataAllowance[0]=10 GB", "dataUsed[0]=3.2 GB", "dueDate=2026-12-09"]),
        ("es-MX", "<div><span>Saldo disponible</span><span>$125,50</span></div><p>Has consumido 2,5 GB de 5 GB</p><p>Vigencia: 15/12/2026</p>",
         ["balance=MXN 125.50", "dataAllowance[0]=5 GB", "dataUsed[0]=2.5 GB", "expires=2026-12-15"]),
        ("fr", "<p>Montant à payer : 19,99 €</p><p>Échéance : 05/12/2026</p><p>Consommé 12,3 Go sur 100 Go</p>",
         ["amountDue=€19.99", "dataAllowance[0]=100 GB", "dataUsed[0]=12.3 GB", "dueDate=2026-12-05"]),
        ("de", "<dl><dt>Guthaben</dt><dd>12,50 €</dd><dt>Gültig bis</dt><dd>3. Dezember 2026</dd></dl><p>1,45 GB von 60 GB verbraucht</p>",
         ["balance=€12.50", "dataAllowance[0]=60 GB", "dataUsed[0]=1.45 GB", "expires=2026-12-03"]),
        ("it", "<h2>Offerta - Credito : <b>0.00€</b></h2><p>La tua offerta si rinnoverà alle 00:00 del 19/11/2026</p><p><span>67,18GB</span> / 300GB</p>",
         ["balance=€0.00", "dataAllowance[0]=300 GB", "dataUsed[0]=67.18 GB", "expires=2026-11-19"]),
        ("pt", "<p>Saldo: R$ 12,90</p><p>Restam 3,2 GB de 10 GB</p><p>Validade: 30/11/2026</p>",
         ["balance=BRL 12.90", "dataAllowance[0]=10 GB", "dataRemaining[0]=3.2 GB", "dataUsed[0]=6.8 GB", "expires=2026-11-30"]),
        ("nl", "<p>Tegoed: € 7,25</p><p>Verbruikt 1,2 GB van 8 GB</p>",
         ["balance=€7.25", "dataAllowance[0]=8 GB", "dataUsed[0]=1.2 GB"]),
        ("pl", "<p>Do zapłaty: 49,99 zł</p><p>Termin płatności: 10.12.2026</p><p>Wykorzystano 4 GB z 20 GB</p>",
         ["amountDue=PLN 49.99", "dataAllowance[0]=20 GB", "dataUsed[0]=4 GB", "dueDate=2026-12-10"]),
        ("hu", "<p>Egyenleg: 1 500 Ft</p><p>Fizetendő: 2 345,50 Ft</p><table><tr><th>Megnevezés</th><th>Keret</th><th>Felhasználható</th><th>Érvényesség vége</th></tr>"
            + "<tr><td>SMS</td><td>100 db</td><td>98 db</td><td>2026.12.06</td></tr><tr><td>Adatkeret</td><td>25 GB</td><td>14,79 GB</td><td>2026.12.06</td></tr></table>",
         ["amountDue=HUF 2345.50", "balance=HUF 1500", "cycleEnd=2026-12-06", "dataAllowance[0]=25 GB", "dataRemaining[0]=14.79 GB"]),
    ] as [(String, String, [String])])
    func languages(lang: String, body: String, expected: [String]) throws {
        let snapshot = try Self.read(Self.html(body, lang: lang))
        #expect(snapshot.isHeuristic)
        #expect(Self.readings(snapshot) == expected, "\(snapshot.diagnostics.map(\.message))")
        #expect((snapshot.values + snapshot.lines.flatMap(\.values)).allSatisfy { $0.rule.hasPrefix("generic: ") })
    }

    @Test("a page without a declared language is read in the language its labels are in")
    func detectsLanguage() throws {
        let page = "<html><body><p>Credito residuo</p><p>3,50 €</p><p>Scadenza: 01/12/2026</p><p>Giga utilizzati 2 GB</p></body></html>"
        let snapshot = try Self.read(page)
        #expect(Self.readings(snapshot).contains("balance=€3.50"))
        // Day-first, as Italian pages write dates.
        #expect(Self.readings(snapshot).contains("dueDate=2026-12-01"))
    }

    @Test("language detection leaves out only lines the reader also takes for prose, and prose does not outvote labels")
    func detectionSkipsProse() throws {
        // The cheap count never exceeds the scanner's words: a line it calls prose is prose.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array("ab Z-'1,.€é—  \u{2019}xy".unicodeScalars)
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int(state % 90) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text.unicodeScalars.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            let words = TextScan(text).tokens.filter { $0.kind == .word }.count
            if MarkupMeaning.isProse(text) { #expect(words > MarkupMeaning.proseWords, "\(text)") }
        }
        // An Italian account block under a long English paragraph is read in Italian.
        let prose = "<p>" + String(repeating: "The total used data left on your plan balance is available to view here. ", count: 3) + "</p>"
        let page = "<html><body>\(prose)<p>Credito residuo</p><p>3,50 €</p><p>Scadenza: 01/12/2026</p></body></html>"
        #expect(Self.readings(try Self.read(page)).contains("dueDate=2026-12-01"))
    }

    @Test("a date that reads both ways is read as the page's country writes it, and says so")
    func ambiguousDate() throws {
        let us = try Self.read(Self.html("<p>Due date: 01/02/2027</p><p>Amount due $10.00</p>", lang: "en-US"))
        #expect(Self.readings(us).contains("dueDate=2027-01-02"))
        #expect(us.diagnostics.contains { $0.code == .ambiguousValue && $0.message.contains("month-first") })
        let gb = try Self.read(Self.html("<p>Due date: 01/02/2027</p><p>Amount due £10.00</p>", lang: "en-GB"))
        #expect(Self.readings(gb).contains("dueDate=2027-02-01"))
        #expect(gb.diagnostics.contains { $0.code == .ambiguousValue && $0.message.contains("day-first") })
    }

    @Test("a usage table: each value under its column's header, never the column beside it")
    func table() throws {
        let snapshot = try Self.read(Self.html("""
            <table><tr><th>Plan</th><th>Allowance</th><th>Remaining</th><th>Valid until</th></tr>
            <tr><td>National data</td><td>20 GB</td><td>7.5 GB</td><td>Dec 31, 2026</td></tr>
            <tr><td>Roaming data</td><td>5 GB</td><td>5 GB</td><td>Dec 31, 2026</td></tr></table>
            """))
        #expect(Self.readings(snapshot) == ["cycleEnd=2026-12-31", "dataAllowance[0]=20 GB", "dataRemaining[0]=7.5 GB"])
        #expect(snapshot.lines.first?.values.first { $0.field == .dataRemaining }?.rule.contains("'Remaining' column") == true)
    }

    @Test("figures split across elements are joined; a statement's words say whether it counts use or what is left", arguments: [
        ("<p><span class=big>3</span><span>GB</span> left of 10 GB</p>", ["dataAllowance[0]=10 GB", "dataRemaining[0]=3 GB", "dataUsed[0]=7 GB"]),
        ("<p>You have used <b>5.2</b> GB of 15 GB</p>", ["dataAllowance[0]=15 GB", "dataUsed[0]=5.2 GB"]),
        ("<div><b>Consumption</b>0 / 800 GB FUP</div>", ["dataAllowance[0]=800 GB", "dataUsed[0]=0 GB"]),
        ("<p>Hotspot: 1 GB of 5 GB used</p>", ["hotspotAllowance[0]=5 GB", "hotspotUsed[0]=1 GB"]),
        ("<div role=progressbar aria-valuetext='4 GB of 10 GB used'></div>", ["dataAllowance[0]=10 GB", "dataUsed[0]=4 GB"]),
    ] as [(String, [String])])
    func statements(body: String, expected: [String]) throws {
        #expect(Self.readings(try Self.read(Self.html(body))) == expected)
    }

    @Test("what is not the account's figure reads as nothing", arguments: [
        // Offers and prices.
        "<p>Get 50GB for $25</p>", "<p>Add 10 GB for €5</p>", "<p>Unlimited Plus $70/mo · 50GB premium data</p>",
        "<ul><li>5 GB · $15 per month</li><li>15 GB · $25 per month</li></ul>",
        // Roaming, premium and voice figures.
        "<div class=conso-roaming><p>0 GB / 10 GB</p></div>", "<p>International roaming 200 MB of 1 GB used</p>",
        "<p>Premium data 20 GB of 50 GB used</p>",
        // A help article, a news story.
        "<h1>How to check your balance</h1><p>Dial *225# to hear your balance and the amount due, then pay by the due date shown in the app.</p>",
        "<p>David Price, six years remaining, $188 million (opt-out after 2018)</p>",
        // Labels in links and buttons; a lone plan name or number.
        "<nav><a href=/pay>Amount due</a></nav><p>$45.00</p>", "<p>Plan</p><p>Unlimited Extra</p>", "<p>Phone number: (214) 555-0199</p>",
        // A sign-in form.
        "<form><p>Balance</p><p>$5.00</p><input type=password name=p></form>",
    ])
    func nothing(body: String) throws {
        let snapshot = try Self.read(Self.html(body))
        #expect(Self.readings(snapshot).isEmpty)
        #expect(snapshot.diagnostics.contains { $0.code == .missingRequired && $0.message.hasPrefix("nothing read") })
    }

    @Test("values for one field that disagree leave it empty, naming both")
    func disagreement() throws {
        let snapshot = try Self.read(Self.html("<p>Amount due: $42.17</p><p>Total due $50.00</p><p>Balance: $5.00</p>"))
        #expect(Self.readings(snapshot) == ["balance=$5.00"])
        let note = try #require(snapshot.diagnostics.first { $0.code == .conflictingValues })
        #expect(note.field == .amountDue && note.message.contains("$42.17") && note.message.contains("$50.00"))
    }

    @Test("a page in a language with no vocabulary says so")
    func unknownLanguage() throws {
        let snapshot = try Self.read(Self.html("<p>Zůstatek: 120 Kč</p>", lang: "cs"))
        #expect(Self.readings(snapshot).isEmpty)
        #expect(snapshot.diagnostics.contains { $0.code == .recognition && $0.message.contains("'cs'") })
    }

    // MARK: JSON

    @Test("JSON read by the meaning of its keys", arguments: [
        // Mint's usage response (MB in the key's own unit? no: a spec gives it) — numbers with their unit in the key.
        (#"{"remainingMB": 5436.74, "totalMB": 6144, "usedMB": 707.25}"#,
         ["dataAllowance[0]=6144 MB", "dataRemaining[0]=5436.74 MB", "dataUsed[0]=707.25 MB"]),
        // A unit in a sibling field, the bucket nested; the roaming bucket and minutes left alone.
        (#"{"balances": {"nationalData": {"usage": 0, "balance": {"unitType": "GB", "unlimited": false, "value": 1.0}}, "euRoamingData": {"usage": 2, "balance": {"unitType": "GB", "value": 5}}, "nationalVoice": {"usage": 10, "balance": {"unitType": "MINUTE", "value": 100}}}}"#,
         ["dataRemaining[0]=1.0 GB", "dataUsed[0]=0 GB"]),
        // Texts with units, exact bytes beside them; a forecast and a share left out; a date in milliseconds.
        (#"{"customer": {"msisdn": "01234 - 567890"}, "passes": [{"usedVolume": "6,47 GB", "usedBytes": 6952624056, "initialVolume": "25 GB", "expectedConsumption": "44,84 GB", "percentageConsumption": 26, "expiryTimestamp": 1761951599000}]}"#,
         ["cycleEnd=2025-10-31", "dataAllowance[0]=25 GB", "dataUsed[0]=6.47 GB", "number[0]=***** - **7890"]),
        // Money objects and ISO dates; placeholders and past dates are not values.
        (#"{"account": {"balance": {"amount": 4.0, "currencyCode": "GBP"}, "amountDue": {"amount": "12.50", "currency": "USD"}, "dueDate": "2026-12-09", "lastExpirationDate": "2026-01-01", "main_balance": "N/A", "renewalDate": "0000-00-00"}}"#,
         ["amountDue=$12.50", "balance=£4.0", "dueDate=2026-12-09"]),
        // An array of lines: each its own number and plan.
        (#"{"lines": [{"mdn": "2145550199", "plan_description": "Unlimited Everything"}, {"mdn": "2145550142", "plan_description": "Talk and Text"}]}"#,
         ["number[0]=******0199", "number[1]=******0142", "plan[0]=Unlimited Everything", "plan[1]=Talk and Text"]),
    ] as [(String, [String])])
    func json(text: String, expected: [String]) throws {
        let snapshot = try Self.read(text, name: "response.json")
        #expect(Self.readings(snapshot) == expected, "\(snapshot.diagnostics.map(\.message))")
    }

    @Test("JSON buckets switched off are left out; a bucket's descriptor gives its unit and name; -1 is no amount")
    func inactiveBuckets() throws {
        // The shape of Tesco Mobile Ireland's balance response (Samples/Real/tescomobile-ie).
        func bucket(_ balance: String, _ allowance: String, _ unit: String, _ status: String, _ name: String, _ type: String = "data",
                    expiry: String = "null") -> String {
            #"{"balance": \#(balance), "expiryDate": \#(expiry), "serviceBundle": {"name": "\#(name)", "allowance": \#(allowance), "type": "\#(type)", "unit": "\#(unit)", "status": "\#(status)", "serviceParameters": {}}}"#
        }
        let voice = bucket("9998.0", "10000.0", "Min", "ACTIVE", "Awarded Voice Balance", "voice", expiry: #""01-Jan-2027 00:00""#)
        let topUp = bucket("958.076171875", "-1.0", "MByte", "ACTIVE", "Customer Topup Data Balance", expiry: #""12-Dec-2026 00:00""#)
        let off = bucket("1048576.0", "1048576.0", "kB", "INACTIVE", "1GB Recurring Data Add-On")
        let roaming = bucket("89.95", "1024.0", "Mbyte", "ACTIVE", "EU Roaming Data Allowance")
        let snapshot = try Self.read(#"{"mainBalance": 17.28, "addonBalance": [\#(voice), \#(off), \#(roaming), \#(topUp)]}"#, name: "b.json")
        // The voice bundle's expiry is not the account's; the allowance of -1 is not an amount.
        #expect(Self.readings(snapshot) == ["cycleEnd=2026-12-12", "dataRemaining[0]=958.076171875 MB"],
                "\(snapshot.diagnostics.map(\.message))")
        // Switched on, the 1 GB add-on is a second bucket of data: none is read (and only one has an end date).
        let both = try Self.read(#"{"addonBalance": [\#(topUp), \#(off.replacingOccurrences(of: "INACTIVE", with: "ACTIVE"))]}"#, name: "b.json")
        #expect(Self.readings(both).isEmpty)
        #expect(both.diagnostics.contains { $0.code == .conflictingValues && $0.message.contains("2 buckets of data") })
        // `active: false` at the bucket itself.
        let flagged = try Self.read(#"{"passes": [{"active": false, "remainingMB": 300}, {"active": true, "remainingMB": 120, "expiryDate": "2026-12-24"}]}"#, name: "p.json")
        #expect(Self.readings(flagged) == ["cycleEnd=2026-12-24", "dataRemaining[0]=120 MB"])
    }

    @Test("only an item of a list has a descriptor: a settings object with a unit does not make the account a bucket of it")
    func descriptorsOnlyInLists() throws {
        let snapshot = try Self.read(#"{"balance": {"amount": "12.50", "currency": "USD"}, "expiryDate": "2026-12-24", "settings": {"unit": "metric", "theme": "dark"}}"#,
                                     name: "s.json")
        #expect(Self.readings(snapshot) == ["balance=$12.50", "expires=2026-12-24"])
    }

    @Test("several JSON buckets of one list that all end on the same day: the cycle's end, and what is left is their sum")
    func bucketsEndingTogether() throws {
        let snapshot = try Self.read(#"{"bundles": [{"remainingMB": 100, "expiryDate": "2026-12-15"}, {"remainingMB": 900.5, "expiryDate": "15-Dec-2026 00:04"}]}"#,
                                     name: "b.json")
        #expect(Self.readings(snapshot) == ["cycleEnd=2026-12-15", "dataRemaining[0]=1000.5 MB"])
        let sum = try #require(snapshot.lines.first?.values.first { $0.field == .dataRemaining })
        #expect(sum.rule.contains("the sum of 2 buckets of data in $.bundles"), "\(sum.rule)")
        // Units apart are added in bytes and given in the largest (1 GB + 512 MB).
        let mixed = try Self.read(#"{"bundles": [{"balance": 1048576, "unit": "kB", "expiryDate": "2026-12-15"}, {"balance": 512, "unit": "MB", "expiryDate": "2026-12-15"}]}"#,
                                  name: "b.json")
        #expect(Self.readings(mixed) == ["cycleEnd=2026-12-15", "dataRemaining[0]=1536.00 MB"])
    }

    @Test("buckets are not added up where the sum would not be what is left", arguments: [
        // Ending on different days.
        #"{"bundles": [{"remainingMB": 100, "expiryDate": "2026-12-15"}, {"remainingMB": 900, "expiryDate": "2026-12-16"}]}"#,
        // A total beside its parts.
        #"{"bundles": [{"remainingMB": 1000, "expiryDate": "2026-12-15"}, {"remainingMB": 900, "expiryDate": "2026-12-15"}, {"remainingMB": 100, "expiryDate": "2026-12-15"}]}"#,
        // A bucket that names a total.
        #"{"bundles": [{"name": "Total allowance", "remainingMB": 700, "expiryDate": "2026-12-15"}, {"remainingMB": 900, "expiryDate": "2026-12-15"}]}"#,
        // Not the items of one list.
        #"{"first": {"remainingMB": 100, "expiryDate": "2026-12-15"}, "second": {"remainingMB": 900, "expiryDate": "2026-12-15"}}"#,
        // A bucket with no figure of what is left.
        #"{"bundles": [{"remainingMB": 100, "expiryDate": "2026-12-15"}, {"usedMB": 900, "expiryDate": "2026-12-15"}]}"#,
    ])
    func bucketsNotAdded(text: String) throws {
        let snapshot = try Self.read(text, name: "b.json")
        #expect(!Self.readings(snapshot).contains { $0.hasPrefix("dataRemaining") }, "\(Self.readings(snapshot))")
        #expect(snapshot.diagnostics.contains { $0.code == .conflictingValues }, "\(snapshot.diagnostics.map(\.message))")
    }

    @Test("a figure without its unit before '/' takes the allowance's: '2.88 / 25 GB left' is 2.88 GB left, not 25")
    func bareFigureBeforeSlash() throws {
        let snapshot = try Self.read(Self.html("<p>2.88 / 25 GB left</p>"))
        #expect(Self.readings(snapshot) == ["dataAllowance[0]=25 GB", "dataRemaining[0]=2.88 GB", "dataUsed[0]=22.12 GB"])
        // `7,657 / 10 GB` reads either way in English (7657 or 7.657): nothing is read from it.
        #expect(Self.readings(try Self.read(Self.html("<p>7,657 / 10 GB left</p>"))).allSatisfy { !$0.hasPrefix("dataRemaining") })
    }

    @Test("a statement in one text with no words of its own takes the heading's direction: left under 'remaining'")
    func statementUnderHeading() throws {
        let left = try Self.read(Self.html("<p>Your remaining data volume</p><p>2.88 GB / 25 GB</p>"))
        #expect(Self.readings(left) == ["dataAllowance[0]=25 GB", "dataRemaining[0]=2.88 GB", "dataUsed[0]=22.12 GB"])
        // With no heading it reads as used, as Italian pages write it.
        let used = try Self.read(Self.html("<p>2.88 GB / 25 GB</p>", lang: "it"))
        #expect(Self.readings(used) == ["dataAllowance[0]=25 GB", "dataUsed[0]=2.88 GB"])
    }

    @Test("a figure split across neighbouring blocks is one line; its heading must say what it counts", arguments: [
        ("<p>Your remaining data volume</p>", ["dataAllowance[0]=25 GB", "dataRemaining[0]=2.88 GB", "dataUsed[0]=22.12 GB"]),
        ("<p>Data used</p>", ["dataAllowance[0]=25 GB", "dataUsed[0]=2.88 GB"]),
        // No heading, or one that says nothing of it: not read (it could be either).
        ("", []), ("<p>Your passes</p>", []),
    ] as [(String, [String])])
    func splitFigures(heading: String, expected: [String]) throws {
        let figure = #"<div class="volume"><div class="left"><div>2.88</div><div>/</div></div><div>25</div><div>GB</div></div>"#
        let snapshot = try Self.read(Self.html(heading + figure))
        #expect(Self.readings(snapshot) == expected, "\(snapshot.diagnostics.map(\.message))")
    }

    @Test("a plan's name with no label: the heading over the figure read, when the page title names it too", arguments: [
        ("Data usage - Starter Pack 20", "<h2>Starter Pack 20</h2>", ["planName=Starter Pack 20"]),
        ("Starter Pack 20 | Example Mobile", "<h1>Starter Pack 20</h1>", ["planName=Starter Pack 20"]),
        // The title does not name it, or names only the site.
        ("Data usage", "<h2>Starter Pack 20</h2>", []),
        ("Starter Pack 20", "<h2>Starter Pack 20</h2>", []),
        // Not a heading element, or a heading the vocabulary reads as a label.
        ("Data usage - Starter Pack 20", "<p>Starter Pack 20</p>", []),
        ("Data usage - Data left", "<h2>Data left</h2>", []),
    ] as [(String, String, [String])])
    func planHeading(title: String, heading: String, expected: [String]) throws {
        let page = "<!doctype html><html lang=\"en\"><head><title>\(title)</title></head><body><section>\(heading)"
            + "<p>Your remaining data volume</p><p>2.88 GB / 25 GB</p></section></body></html>"
        let snapshot = try Self.read(page)
        let plan = Self.readings(snapshot).filter { $0.hasPrefix("planName") }
        #expect(plan == expected, "\(Self.readings(snapshot))")
        #expect(Self.readings(snapshot).contains("dataRemaining[0]=2.88 GB"))
    }

    @Test("the heading of an offer card is no plan of the account's")
    func offerHeadingIsNoPlan() throws {
        let page = "<!doctype html><html lang=\"en\"><head><title>Passes - SpeedOn M</title></head><body>"
            + #"<div class="card"><h3>SpeedOn M</h3><div>2 GB / 3 GB</div><div><span>14.95 €</span></div><a href="/pass/select/1">Select</a></div></body></html>"#
        #expect(Self.readings(try Self.read(page)).isEmpty)
    }

    @Test("figures in an offer card (a price and a button to buy) are not the account's")
    func offerCards() throws {
        let card = { (name: String, volume: String, price: String) in
            #"<div class="card"><div><h3>\#(name)</h3><div class="volume">\#(volume)<span>GB</span></div><div>valid until the end of the billing period</div></div><div><span>\#(price) €</span> <span>one-off</span></div><a href="/pass/select/1">Select</a></div>"#
        }
        let page = Self.html("<h2>Available data passes</h2>" + card("SpeedOn S", "1", "5.95") + card("SpeedOn M", "3", "14.95"))
        let snapshot = try Self.read(page)
        #expect(Self.readings(snapshot).isEmpty, "\(Self.readings(snapshot))")
        #expect(snapshot.diagnostics.contains { $0.message.contains("sits in an offer") })
        // The same figures with a link that does not sell (`Details`) are read.
        let account = try Self.read(Self.html(#"<div><h2>Available data</h2><div>1<span>GB</span></div><div>Balance <span>5.95 €</span></div><a href="/details">Details</a></div>"#))
        #expect(Self.readings(account).contains("dataRemaining[0]=1 GB"), "\(Self.readings(account))")
    }

    @Test("JSON numbers with no unit anywhere are not read, and the diagnostic says a spec can give the unit")
    func bareNumbers() throws {
        let snapshot = try Self.read(#"{"return_data": {"mdn": "2145550199", "plan": "Unlimited Everything", "data_balance": "7,657"}}"#, name: "r.json")
        #expect(Self.readings(snapshot) == ["number[0]=******0199", "planName=Unlimited Everything"])
        #expect(snapshot.diagnostics.contains { $0.code == .unparseable && $0.message.contains("data_balance") && $0.message.contains("unit") })
    }

    @Test("several buckets of data: none is read, and the reader says why")
    func severalBuckets() throws {
        let snapshot = try Self.read(#"{"freeUnits": [{"name": "Data A", "freeUnit": {"totalAmt": "5 GB", "unusedAmt": "4 GB"}}, {"name": "Data B", "freeUnit": {"totalAmt": "2 GB", "unusedAmt": "2 GB"}}]}"#, name: "a.json")
        #expect(Self.readings(snapshot).isEmpty)
        #expect(snapshot.diagnostics.contains { $0.code == .conflictingValues && $0.message.contains("2 buckets") })
    }

    @Test("JSON that is not an account response reads as nothing, saying why", arguments: [
        #"{"error": "ODATA is in maintenance mode", "code": 400}"#, #"{"status": 200, "body": null}"#, #"[1, 2, 3]"#,
        #"{"items": [{"title": "Unlimited Plus", "price": "$70", "data": "50 GB"}]}"#,
    ])
    func notAccount(text: String) throws {
        let snapshot = try Self.read(text, name: "x.json")
        #expect(Self.readings(snapshot).isEmpty)
        #expect(snapshot.diagnostics.contains { $0.code == .missingRequired && $0.message.hasPrefix("nothing read") })
    }
}
