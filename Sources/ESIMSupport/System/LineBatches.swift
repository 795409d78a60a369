#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage

/// Lines of a file or of standard input, read in large blocks and handed out a batch at a
/// time: the bytes of the batch's whole lines and where each line lies in them, line
/// endings (`\n`, `\r\n`, stray `\r` before the `\n`) removed. Memory stays flat on any
/// input: a batch holds one block, and a line longer than ``maximumLineBytes`` keeps only
/// its first ``maximumLineBytes`` + 1 bytes (enough for every reader to refuse it as too
/// long) while the rest is skipped.
package struct LineBatches {
    /// One block of input cut at its last line end.
    package struct Batch {
        package var bytes: [UInt8] = []
        /// Each line's bytes in ``bytes``, in input order.
        package var lines: [Range<Int>] = []
        /// The 1-based number of the first line in the batch.
        package var firstNumber = 1

        package init(bytes: [UInt8] = [], lines: [Range<Int>] = [], firstNumber: Int = 1) {
            self.bytes = bytes
            self.lines = lines
            self.firstNumber = firstNumber
        }
    }

    package static let maximumLineBytes = 1 << 16

    private let descriptor: FileDescriptor
    private let closes: Bool
    /// For error messages: the path, or `standard input`.
    package let name: String
    private let blockSize: Int
    /// The start of a line that did not end in the last block.
    private var carry: [UInt8] = []
    private var nextNumber = 1
    private var finished = false
    /// Before the first block (where a byte-order mark may be).
    private var atStart = true
    /// The first bytes while fewer than three have arrived.
    private var head: [UInt8] = []
    /// The read buffer, reused block after block.
    private var block: [UInt8] = []

    /// Opens `path` (`-` is standard input).
    package init(path: String, blockSize: Int = 1 << 17) throws(FileError) {
        if path == "-" {
            self.init(descriptor: .standardInput, name: "standard input", closes: false, blockSize: blockSize)
            return
        }
        let descriptor: FileDescriptor
        do { descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec]) } catch {
            throw FileError(.cannotOpen, FileReader.reason(error), file: path)
        }
        if let status = try? Stat(descriptor), status.type == .directory {
            try? descriptor.close()
            throw FileError(.isDirectory, "it is a directory", file: path)
        }
        self.init(descriptor: descriptor, name: path, closes: true, blockSize: blockSize)
    }

    package init(descriptor: FileDescriptor, name: String, closes: Bool = false, blockSize: Int = 1 << 17) {
        self.descriptor = descriptor
        self.name = name
        self.closes = closes
        self.blockSize = max(blockSize, 1)
    }

    /// Closes the file (not standard input).
    package func close() {
        if closes { try? descriptor.close() }
    }

    /// The next batch, `nil` at the end of the input.
    package mutating func next() throws(FileError) -> Batch? {
        while !finished {
            if block.count != blockSize { block = [UInt8](repeating: 0, count: blockSize) }
            let count: Int
            do { count = try block.withUnsafeMutableBytes { try descriptor.read(into: $0) } } catch {
                throw FileError(.cannotRead, FileReader.reason(error), file: name)
            }
            if count == 0 {
                finished = true
                if atStart, !head.isEmpty {
                    // Input shorter than a byte-order mark: its bytes are a line.
                    atStart = false
                    carry = head
                    head = []
                }
                guard !carry.isEmpty else { return nil }
                var batch = Batch(bytes: carry, firstNumber: nextNumber)
                batch.lines = [0..<Self.trimmedEnd(carry, 0, carry.count)]
                carry = []
                nextNumber += 1
                return batch
            }
            if atStart {
                // A UTF-8 byte-order mark is the file's encoding, not part of its first line.
                // A pipe may deliver it a byte at a time: gather three bytes first.
                head.append(contentsOf: block[..<count])
                if head.count < 3, head.elementsEqual([0xEF, 0xBB, 0xBF].prefix(head.count)) { continue }
                atStart = false
                let bom = head.starts(with: [0xEF, 0xBB, 0xBF])
                let first = head
                head = []
                if let batch = cut(first, from: bom ? 3 : 0, count: first.count) { return batch }
                continue
            }
            let filled = block
            if let batch = cut(filled, from: 0, count: count) { return batch }
        }
        return nil
    }

    /// Splits the carried bytes and a new block into whole lines; the unfinished tail is
    /// carried to the next block. The batch's bytes are the carry and the block in one
    /// copy, its lines ranges into them (no copy a line).
    private mutating func cut(_ block: [UInt8], from start: Int, count: Int) -> Batch? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(carry.count + count - start)
        bytes.append(contentsOf: carry)
        let carried = carry.count
        carry.removeAll(keepingCapacity: true)
        block.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<count])) }
        var lines: [Range<Int>] = []
        var lineStart = 0
        bytes.withUnsafeBufferPointer { input in
            // The carry holds no line end: look from past it.
            var search = carried
            while let newline = Self.firstNewline(in: input, from: search, to: input.count) {
                // An over-long line keeps its first maximumLineBytes + 1 bytes, the rest skipped.
                let end = min(newline, lineStart + Self.maximumLineBytes + 1)
                lines.append(lineStart..<Self.trimmedEnd(input, lineStart, end))
                lineStart = newline + 1
                search = lineStart
            }
        }
        // The unfinished tail, cut to what is kept of a line (memory stays flat on a line
        // that never ends).
        carry.append(contentsOf: bytes[lineStart..<min(bytes.count, lineStart + Self.maximumLineBytes + 1)])
        guard !lines.isEmpty else { return nil }
        let batch = Batch(bytes: bytes, lines: lines, firstNumber: nextNumber)
        nextNumber += lines.count
        return batch
    }

    private static func firstNewline(in input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard start < end, let base = input.baseAddress,
              let found = memchr(base + start, 0x0A, end - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The end of the line without its trailing `\r`s.
    private static func trimmedEnd<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ start: Int, _ end: Int) -> Int where Bytes.Index == Int {
        var end = end
        while end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return end
    }
}
