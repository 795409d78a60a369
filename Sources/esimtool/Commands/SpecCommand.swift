import ArgumentParser
import ESIMKit

struct SpecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec",
        abstract: "Write carrier specs from saved pages.",
        subcommands: [SpecDraftCommand.self])
}

struct SpecDraftCommand: ConsoleCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Draft a carrier spec from a saved page and a few values you read on it.",
        discussion: """
        Give what you see on the page — `--value amountDue='$42.10' --value dueDate='Dec 9' \
        --value dataUsed='3.2 GB'` (or a file of `field: value` lines with --values) — and \
        the draft finds each value and writes the rule that finds it by the page's \
        structure (test attributes, ids, stable class names, JSON key paths; a line's value \
        found in a block that repeats makes a line group), never by the value itself, so \
        the same page with other figures reads the other figures. It then runs the draft \
        on the page and prints what it reads.

        A value the page does not show, or shows in several unrelated places, is named \
        with the reason and left out of the draft. The spec goes to standard output, or \
        to -o FILE; --into FILE adds the page kind to an existing spec and writes it back. \
        Check every rule against the page, then `esimtool fixture add` the page and \
        `esimtool validate`.

        Exit status: 0 drafted, 1 no value could be placed or the page cannot be read \
        (nothing is written), 64 usage error (a value given twice with different texts, \
        an unknown field).
        """)

    @Argument(help: ArgumentHelp("The saved page (.html, .xml or .json); '-' reads it from standard input.", valueName: "page"))
    var page: String

    @Option(name: .long, help: ArgumentHelp("The carrier id for the spec (lower-case letters, digits, '-').", valueName: "id"))
    var carrier: String

    @Option(name: .long, help: ArgumentHelp("The page kind: overview, usage, bill or prepaid.", valueName: "kind"))
    var kind: PageKind = .overview

    @Option(name: [.customLong("value")], help: ArgumentHelp("A value the page shows, as field=value (repeatable).", valueName: "field=value"))
    var values: [String] = []

    @Option(name: [.customLong("values")], help: ArgumentHelp("A file of field: value lines.", valueName: "file"))
    var valuesFile: String?

    @Option(name: .long, help: ArgumentHelp("The carrier's name for a new spec (default: the id).", valueName: "name"))
    var name: String?

    @Option(name: .long, help: ArgumentHelp("The carrier's country for a new spec (ISO 3166 code, default us).", valueName: "cc"))
    var country: String = "us"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the spec to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Add the page to this existing spec file and write it back.", valueName: "file"))
    var into: String?

    @Option(name: .long, help: ArgumentHelp("The day to read dates without a year against (default: today).", valueName: "yyyy-mm-dd"))
    var today: String?

    func validate() throws {
        guard carrier.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }), !carrier.isEmpty else {
            throw ValidationError("--carrier: an id is lower-case letters, digits and '-' (like 'acme')")
        }
        guard !values.isEmpty || valuesFile != nil else { throw ValidationError("give the values you read on the page: --value field=value, or --values FILE") }
        try CountryOption.check(country)
        if output != nil, into != nil { throw ValidationError("give -o or --into, not both") }
        if let today, (try? CalendarDate(today)) == nil { throw ValidationError("--today: '\(today)' is not a date like 2026-11-20") }
        var seen: [SnapshotField: String] = [:]
        for argument in values {
            let wanted: SpecDraft.Wanted
            do { wanted = try SpecDraft.wanted(argument) } catch { throw ValidationError("--value: \(error)") }
            if let earlier = seen[wanted.field], earlier != wanted.text {
                throw ValidationError("--value: \(wanted.field.rawValue) is given twice, as '\(earlier)' and '\(wanted.text)'")
            }
            seen[wanted.field] = wanted.text
        }
    }

    func execute(console: Console) -> ExitStatus {
        let reference = today.flatMap { try? CalendarDate($0) } ?? CalendarDate.today
        var wanted = values.compactMap { try? SpecDraft.wanted($0) }
        let existing: String?
        do {
            if let valuesFile {
                wanted += try SpecDraft.wanted(list: String(decoding: try FileReader.read(valuesFile), as: UTF8.self))
            }
            existing = try into.map { String(decoding: try FileReader.read($0), as: UTF8.self) }
        } catch {
            console.error("\(error)")
            return .rejected
        }
        let file = page == "-" ? "<stdin>" : page
        let input: PageInput
        let draft: SpecDraft
        do {
            input = page == "-" ? PageInput(name: file, bytes: console.readAll()) : try PageInput(contentsOfFile: page)
            draft = try SpecDraft(page: input, carrierID: carrier, kind: kind, values: wanted, reference: reference)
        } catch {
            console.error("\(error)")
            return .rejected
        }
        for unplaced in draft.unplaced {
            console.warning("could not place \(unplaced.field.rawValue)='\(unplaced.text)': \(unplaced.reason); the draft has no rule for it")
        }
        guard !draft.placements.isEmpty else {
            console.error("\(file): no value could be placed; nothing written")
            return .rejected
        }
        let yaml: String
        let snapshot: AccountSnapshot
        do {
            yaml = try draft.yaml(name: name ?? carrier, country: country.lowercased(), source: file, into: existing)
            snapshot = try draft.reading(yaml, page: input, reference: reference)
        } catch {
            console.error("\(error)")
            return .rejected
        }
        let target = output ?? into
        if let target {
            do { try FileWriter.write(Array(yaml.utf8), to: target) } catch {
                console.error("\(error)")
                return .rejected
            }
            console.out("wrote \(target): \(draft.placements.count) field\(draft.placements.count == 1 ? "" : "s") on the \(kind.rawValue) page")
            SnapshotRenderer.render(snapshot, file: file, verbose: true).forEach(console.out)
        } else {
            console.outBytes(Array(yaml.utf8))
            SnapshotRenderer.render(snapshot, file: file, verbose: true).forEach { console.err($0) }
        }
        return .ok
    }
}
