/// Where in a text a detector's pattern can possibly match. Regular expressions run only
/// on windows around these places: most of a page (markup, styles, scripts) holds none
/// of them, and running every pattern over megabytes of it would take minutes.
enum Trigger {
    /// Occurrences of any of these (lower-case ASCII) strings, compared without case; a
    /// word that starts with a letter must not follow a letter or digit (`hi` is not in
    /// `this`), and `then`, when given, must accept the bytes after it.
    case words([String], before: Int, after: Int, then: (@Sendable (UnsafeBufferPointer<UInt8>, Int) -> Bool)? = nil)
    /// Bytes the predicate accepts (given the bytes and an offset).
    case bytes(before: Int, after: Int, (UnsafeBufferPointer<UInt8>, Int) -> Bool)
}

/// A text prepared for detection: its UTF-8 bytes, lower-cased for trigger search.
final class ScanText {
    let string: String
    let bytes: [UInt8]
    let lowered: [UInt8]
    /// The UTF-8 offset of every byte, as a `String.Index`, on demand.
    private var indexCache: [Int: String.Index] = [:]

    init(_ string: String) {
        self.string = string
        bytes = Array(string.utf8)
        lowered = bytes.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
    }

    /// Where the trigger fires, in order: the UTF-8 offset of each place and the length of
    /// what fired (the word; one byte for a byte predicate).
    func places(_ trigger: Trigger) -> [(offset: Int, length: Int)] {
        var places: [(offset: Int, length: Int)] = []
        switch trigger {
        case .words(let words, _, _, let then):
            // One pass, looking words up by their first byte.
            var byFirst = [[[UInt8]]](repeating: [], count: 256)
            var isFirst = [Bool](repeating: false, count: 256)
            for word in words where !word.isEmpty {
                byFirst[Int(word.utf8.first!)].append(Array(word.utf8))
                isFirst[Int(word.utf8.first!)] = true
            }
            lowered.withUnsafeBufferPointer { lowered in
                let count = lowered.count
                var index = 0
                while index < count {
                    guard isFirst[Int(lowered[index])] else {
                        index += 1
                        continue
                    }
                    for needle in byFirst[Int(lowered[index])] where index + needle.count <= count {
                        var matched = 1
                        while matched < needle.count && lowered[index + matched] == needle[matched] { matched += 1 }
                        guard matched == needle.count else { continue }
                        if ASCII.isLetter(needle[0]), index > 0, ASCII.isAlphanumeric(lowered[index - 1]) { continue }
                        if let then, !then(lowered, index + needle.count) { continue }
                        places.append((index, needle.count))
                        break
                    }
                    index += 1
                }
            }
        case .bytes(_, _, let accepts):
            bytes.withUnsafeBufferPointer { bytes in
                for index in bytes.indices where accepts(bytes, index) { places.append((index, 1)) }
            }
        }
        return places
    }

    /// The windows (merged, in order) around the trigger's places.
    func windows(_ trigger: Trigger) -> [Range<String.Index>] {
        let (before, after) = trigger.reach
        let spans = places(trigger).map { ($0.offset - before, $0.offset + $0.length + after) }
        guard !spans.isEmpty else { return [] }
        var merged: [(Int, Int)] = []
        for (start, end) in spans {
            let start = max(0, start), end = min(bytes.count, end)
            if let last = merged.last, start <= last.1 {
                merged[merged.count - 1].1 = max(last.1, end)
            } else {
                merged.append((start, end))
            }
        }
        return merged.map { index(at: $0.0, roundingUp: false)..<index(at: $0.1, roundingUp: true) }
    }

    /// The string index at a UTF-8 offset, moved off the middle of a scalar.
    func index(at offset: Int, roundingUp: Bool) -> String.Index {
        var offset = offset
        while offset > 0 && offset < bytes.count && bytes[offset] & 0xC0 == 0x80 { offset += roundingUp ? 1 : -1 }
        return string.utf8.index(string.utf8.startIndex, offsetBy: offset)
    }
}

extension Trigger {
    /// How far before and after a place its window reaches.
    var reach: (before: Int, after: Int) {
        switch self {
        case .words(_, let before, let after, _): return (before, after)
        case .bytes(let before, let after, _): return (before, after)
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// The start of a run of digits with at least `count` digits among the next `span` bytes.
    static func digitRuns(count: Int, span: Int, before: Int, after: Int) -> Trigger {
        .bytes(before: before, after: after) { bytes, index in
            guard isDigit(bytes[index]), index == 0 || !isDigit(bytes[index - 1]) else { return false }
            var digits = 0
            var cursor = index
            while cursor < min(bytes.count, index + span) {
                if isDigit(bytes[cursor]) { digits += 1 }
                cursor += 1
            }
            return digits >= count
        }
    }
}

extension Trigger {
    /// Within `distance` bytes, one of `characters` (`:` or `=` after a key).
    static func followedWithin(_ distance: Int, by characters: [UInt8]) -> @Sendable (UnsafeBufferPointer<UInt8>, Int) -> Bool {
        { bytes, end in
            var index = end
            while index < min(bytes.count, end + distance) {
                if characters.contains(bytes[index]) { return true }
                index += 1
            }
            return false
        }
    }
}
