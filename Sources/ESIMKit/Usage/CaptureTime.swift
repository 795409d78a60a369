/// When a tracked page was captured, and how that was decided: the day the page says its
/// figures are for (a spec's `asOf` field), else the time given (`--at`), else the file's
/// modification time (else now). The page comes first: a copied or re-saved file keeps
/// the day its figures are for.
package struct CaptureTime: Hashable, Sendable {
    package enum Source: String, Hashable, Sendable, Codable {
        /// Given on the command line.
        case given
        /// Stated on the page.
        case page
        /// The file's modification time.
        case file
        /// The time it was read: a page from standard input has no file time.
        case read

        /// How output names it: `--at`, `stated on the page`, `file time`.
        package var label: String {
            switch self {
            case .given: "--at"
            case .page: "stated on the page"
            case .file: "file time"
            case .read: "time read"
            }
        }
    }

    package var time: Timestamp
    package var source: Source

    package init(time: Timestamp, source: Source) {
        self.time = time
        self.source = source
    }

    /// The capture time before the page is read: `given`, else the file's modification
    /// time, else now.
    package init(given: Timestamp?, fileModified: Timestamp?) {
        if let given {
            self.init(time: given, source: .given)
        } else if let fileModified {
            self.init(time: fileModified, source: .file)
        } else {
            self.init(time: .now, source: .read)
        }
    }

    /// The capture time once the page is read: a page that says which day its figures are
    /// for wins over `--at` and the file's time (the time of day is kept when it is that
    /// day, else noon).
    package func refined(by snapshot: AccountSnapshot) -> CaptureTime {
        guard source != .page, let day = snapshot[.asOf]?.date else { return self }
        return CaptureTime(time: day == time.localDate ? time : Timestamp(noonOf: day), source: .page)
    }
}
