/// Plans read from one input: free text, a JSON package feed or a saved account page.
package struct PlanReading: Sendable {
    package enum Kind: String, Hashable, Sendable, Codable {
        case text, feed, page
    }

    package var kind: Kind
    package var plans: [Plan]
    /// Packages of a feed that could not be read, and the like (one line each).
    package var notes: [String]

    /// What one argument of `esimtool plan` is.
    package enum Argument: Hashable, Sendable {
        /// A file to read.
        case file
        /// Plan text.
        case text
        /// A path that names no file (`is a directory`, `no such file`): an error, not text.
        case notAFile(reason: String)
    }

    /// Tells a file from plan text: an existing file is read; a directory, or with `asPage`
    /// anything else, or a missing path (``looksLikePath(_:)``) is refused; the rest is text.
    package static func classify(_ argument: String, asPage: Bool) -> Argument {
        let isDirectory = FileStatus.isDirectory(argument)
        if FileStatus.exists(argument) && !isDirectory { return .file }
        if isDirectory || asPage || looksLikePath(argument) { return .notAFile(reason: isDirectory ? "is a directory" : "no such file") }
        return .text
    }

    /// A missing file rather than plan text: one word that starts like a path (`./`, `../`,
    /// `/`, `~`) or ends in a file extension. Plan text such as `5GB/30days` is neither.
    package static func looksLikePath(_ input: String) -> Bool {
        guard !input.contains(" ") else { return false }
        if ["./", "../", "/", "~"].contains(where: input.hasPrefix) { return true }
        let lowered = input.lowercased()
        return [".txt", ".json", ".jsonl", ".html", ".htm", ".xml", ".csv", ".yaml"].contains(where: lowered.hasSuffix)
    }

    /// Reads text the user gave: a JSON feed when it looks like JSON, else plan
    /// descriptions, one per paragraph (blank lines separate plans).
    package static func read(text: String) throws(PlanError) -> PlanReading {
        if PlanFeed.looksLikeJSON(text) {
            let feed = try PlanFeed(json: text)
            return PlanReading(kind: .feed, plans: feed.plans, notes: feed.diagnostics.map(\.description))
        }
        var plans: [Plan] = []
        for paragraph in paragraphs(text) {
            plans.append(try Plan(text: paragraph))
        }
        guard !plans.isEmpty else { throw PlanError(.empty, "the plan text is empty", offset: 0) }
        return PlanReading(kind: .text, plans: plans, notes: [])
    }

    /// Reads a file: a saved account page (HTML or XML, or JSON a carrier spec reads)
    /// through `extractor`, a JSON package feed, or plan text.
    package static func read(_ input: PageInput, extractor: PageExtractor, options: PageExtractor.Options,
                            asPage: Bool = false) throws(PlanError) -> PlanReading {
        let lowerName = input.name.lowercased()
        let isMarkupName = [".html", ".htm", ".xhtml", ".xml", ".mhtml"].contains { lowerName.hasSuffix($0) }
        let first = FileText.contentStart(input.bytes)
        let startsWithMarkup = first < input.bytes.count && input.bytes[first] == UInt8(ascii: "<")
        if asPage || isMarkupName || startsWithMarkup {
            return try readPage(input, extractor: extractor, options: options)
        }
        if FileText.isBinary(input.bytes) {
            throw PlanError(.unreadableInput, "binary data, not plan text, a feed or a page")
        }
        let text = FileText.decode(input.bytes).text
        do {
            return try read(text: text)
        } catch where error.code == .noPackages {
            // JSON that is not a feed may be a carrier's account API response.
            if let reading = try? readPage(input, extractor: extractor, options: options), !reading.plans.isEmpty { return reading }
            throw error
        }
    }

    private static func readPage(_ input: PageInput, extractor: PageExtractor, options: PageExtractor.Options) throws(PlanError) -> PlanReading {
        let snapshot: AccountSnapshot
        do {
            snapshot = try extractor.inspect(input, options: options)
        } catch {
            throw PlanError(.unreadableInput, error.message)
        }
        let plans = snapshot.plans
        guard !plans.isEmpty else {
            let page = [snapshot.carrierName.map { $0 + "'s" }, snapshot.pageKind?.rawValue].compactMap { $0 }.joined(separator: " ")
            throw PlanError(.noPlanOnPage, "\(page.isEmpty ? "the page" : page + " page") has no plan field")
        }
        return PlanReading(kind: .page, plans: plans, notes: [])
    }

    /// Blank-line separated paragraphs, trimmed; lines starting with `#` are comments.
    static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty {
                if !current.isEmpty { result.append(current.joined(separator: "\n")); current = [] }
            } else if !trimmed.hasPrefix("#") {
                current.append(line)
            }
        }
        if !current.isEmpty { result.append(current.joined(separator: "\n")) }
        return result
    }
}
