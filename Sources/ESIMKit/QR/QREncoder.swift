/// Builds QR symbols: picks the mode and the smallest version that fits, adds
/// Reed–Solomon error correction, places the modules and chooses the mask with the
/// lowest penalty (or the one asked for).
package enum QREncoder {
    package static let minimumVersion = 1
    package static let maximumVersion = 40

    /// ISO/IEC 18004 Table 9, by level (L, M, Q, H) and version (index 0 unused).
    static let eccCodewordsPerBlock: [[Int]] = [
        [-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]
    static let errorCorrectionBlocks: [[Int]] = [
        [-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]

    /// Modules left for data and error correction once the function patterns are drawn.
    static func rawDataModules(_ version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    static func dataCodewords(_ version: Int, _ level: QRErrorCorrection) -> Int {
        rawDataModules(version) / 8 - eccCodewordsPerBlock[level.ordinal][version] * errorCorrectionBlocks[level.ordinal][version]
    }

    /// - Parameters:
    ///   - correction: the least error correction wanted; with `boost`, a higher level
    ///     is used when it fits in the same version.
    ///   - mask: 0–7, or `nil` for the one with the lowest penalty.
    package static func encode(_ text: String, correction: QRErrorCorrection = .medium, boost: Bool = true,
                              minimumVersion: Int = 1, mask: Int? = nil) throws(QRError) -> QRCode {
        let bytes = Array(text.utf8)
        let mode: QRMode = bytes.allSatisfy { QRMode.alphanumericCharacters.contains($0) } ? .alphanumeric : .byte
        let dataBits: Int
        switch mode {
        case .alphanumeric: dataBits = bytes.count / 2 * 11 + (bytes.count % 2) * 6
        case .byte: dataBits = bytes.count * 8
        }
        guard let version = (max(1, minimumVersion)...maximumVersion).first(where: { version in
            let count = mode.countBits(version: version)
            return bytes.count < 1 << count && 4 + count + dataBits <= dataCodewords(version, correction) * 8
        }) else {
            throw QRError(.textTooLong, "\(bytes.count) characters do not fit in a QR code at error correction \(correction.rawValue) (version 40 holds at most \(dataCodewords(40, correction) - 3) bytes)")
        }
        var level = correction
        if boost {
            for higher in QRErrorCorrection.allCases where higher.ordinal > level.ordinal {
                if 4 + mode.countBits(version: version) + dataBits <= dataCodewords(version, higher) * 8 { level = higher }
            }
        }
        if let mask, !(0...7).contains(mask) { throw QRError(.invalidMask, "a mask is 0 to 7") }

        // The bit stream: mode, count, data, terminator, padding.
        var bits = BitBuffer()
        bits.append(mode.indicator, 4)
        bits.append(bytes.count, mode.countBits(version: version))
        switch mode {
        case .alphanumeric:
            let values = bytes.map { QRMode.alphanumericCharacters.firstIndex(of: $0)! }
            var index = 0
            while index + 1 < values.count {
                bits.append(values[index] * 45 + values[index + 1], 11)
                index += 2
            }
            if index < values.count { bits.append(values[index], 6) }
        case .byte:
            for byte in bytes { bits.append(Int(byte), 8) }
        }
        let capacity = dataCodewords(version, level) * 8
        bits.append(0, min(4, capacity - bits.count))
        bits.append(0, (8 - bits.count % 8) % 8)
        var padding = 0xEC
        while bits.count < capacity {
            bits.append(padding, 8)
            padding ^= 0xEC ^ 0x11
        }

        let codewords = interleaved(bits.bytes, version: version, level: level)
        var matrix = Matrix(version: version)
        matrix.drawFunctionPatterns()
        matrix.placeData(codewords)
        var chosen = mask ?? 0
        if mask == nil {
            var best = Int.max
            for candidate in 0..<8 {
                var trial = matrix
                trial.applyMask(candidate)
                trial.drawFormatBits(level: level, mask: candidate)
                let penalty = trial.penalty()
                if penalty < best {
                    best = penalty
                    chosen = candidate
                }
            }
        }
        matrix.applyMask(chosen)
        matrix.drawFormatBits(level: level, mask: chosen)
        return QRCode(version: version, errorCorrection: level, mask: chosen, mode: mode, size: matrix.size, modules: matrix.modules)
    }

    /// Splits the data into blocks, adds each block's Reed–Solomon codewords, and
    /// interleaves them: first data codewords across blocks, then error correction.
    static func interleaved(_ data: [UInt8], version: Int, level: QRErrorCorrection) -> [UInt8] {
        let blocks = errorCorrectionBlocks[level.ordinal][version]
        let eccLength = eccCodewordsPerBlock[level.ordinal][version]
        let raw = rawDataModules(version) / 8
        let shortBlocks = blocks - raw % blocks
        let shortDataLength = raw / blocks - eccLength
        let divisor = ReedSolomon.divisor(degree: eccLength)
        var dataBlocks: [[UInt8]] = []
        var eccBlocks: [[UInt8]] = []
        var offset = 0
        for index in 0..<blocks {
            let length = shortDataLength + (index < shortBlocks ? 0 : 1)
            let block = Array(data[offset..<(offset + length)])
            offset += length
            dataBlocks.append(block)
            eccBlocks.append(ReedSolomon.remainder(block, divisor: divisor))
        }
        var result: [UInt8] = []
        for column in 0..<(shortDataLength + 1) {
            for block in dataBlocks where column < block.count { result.append(block[column]) }
        }
        for column in 0..<eccLength {
            for block in eccBlocks { result.append(block[column]) }
        }
        return result
    }
}

/// Bits, most significant first, packed into bytes.
struct BitBuffer {
    var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, _ length: Int) {
        guard length > 0 else { return }
        for shift in stride(from: length - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            var byte: UInt8 = 0
            for index in start..<min(start + 8, bits.count) where bits[index] { byte |= 0x80 >> UInt8(index - start) }
            return byte
        }
    }
}

/// Reed–Solomon over GF(2⁸) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D).
enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var product = 0
        for shift in stride(from: 7, through: 0, by: -1) {
            product = (product << 1) ^ ((product >> 7) * 0x11D)
            product ^= Int((y >> UInt8(shift)) & 1) * Int(x)
        }
        return UInt8(product & 0xFF)
    }

    /// The generator polynomial of `degree` (coefficients, highest first, leading 1 left out).
    static func divisor(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                result[index] = multiply(result[index], root)
                if index + 1 < degree { result[index] ^= result[index + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result[0]
            result.removeFirst()
            result.append(0)
            for index in 0..<result.count { result[index] ^= multiply(divisor[index], factor) }
        }
        return result
    }
}

/// The module grid while a symbol is built.
struct Matrix {
    let version: Int
    let size: Int
    var modules: [Bool]
    var isFunction: [Bool]

    init(version: Int) {
        self.version = version
        size = version * 4 + 17
        modules = Array(repeating: false, count: size * size)
        isFunction = Array(repeating: false, count: size * size)
    }

    mutating func set(_ x: Int, _ y: Int, _ dark: Bool, function: Bool = true) {
        modules[y * size + x] = dark
        if function { isFunction[y * size + x] = true }
    }

    /// Alignment pattern centres (ISO/IEC 18004 Annex E), computed.
    var alignmentPositions: [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        var result = [6]
        var position = size - 7
        var tail: [Int] = []
        for _ in 0..<(count - 1) {
            tail.insert(position, at: 0)
            position -= step
        }
        result += tail
        return result
    }

    mutating func drawFunctionPatterns() {
        for index in 0..<size {
            set(6, index, index % 2 == 0)
            set(index, 6, index % 2 == 0)
        }
        for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] { drawFinder(x, y) }
        let positions = alignmentPositions
        for (i, x) in positions.enumerated() {
            for (j, y) in positions.enumerated() {
                // Not over the three finders.
                if (i == 0 && j == 0) || (i == 0 && j == positions.count - 1) || (i == positions.count - 1 && j == 0) { continue }
                for dy in -2...2 {
                    for dx in -2...2 { set(x + dx, y + dy, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        drawFormatBits(level: .medium, mask: 0)  // reserves the area; drawn again at the end
        drawVersionBits()
    }

    mutating func drawFinder(_ cx: Int, _ cy: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = cx + dx, y = cy + dy
                guard x >= 0, y >= 0, x < size, y < size else { continue }
                let distance = max(abs(dx), abs(dy))
                set(x, y, distance != 2 && distance != 4)
            }
        }
    }

    /// The 15-bit format information: level and mask, BCH(15,5), XOR 0x5412.
    static func formatBits(level: QRErrorCorrection, mask: Int) -> Int {
        let data = level.formatBits << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return (data << 10 | remainder) ^ 0x5412
    }

    mutating func drawFormatBits(level: QRErrorCorrection, mask: Int) {
        let bits = Self.formatBits(level: level, mask: mask)
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0...5 { set(8, index, bit(index)) }
        set(8, 7, bit(6))
        set(8, 8, bit(7))
        set(7, 8, bit(8))
        for index in 9..<15 { set(14 - index, 8, bit(index)) }
        for index in 0..<8 { set(size - 1 - index, 8, bit(index)) }
        for index in 8..<15 { set(8, size - 15 + index, bit(index)) }
        set(8, size - 8, true)  // the dark module
    }

    /// The 18-bit version information (versions 7 and up): BCH(18,6).
    static func versionBits(_ version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        return version << 12 | remainder
    }

    mutating func drawVersionBits() {
        guard version >= 7 else { return }
        let bits = Self.versionBits(version)
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let a = size - 11 + index % 3, b = index / 3
            set(a, b, dark)
            set(b, a, dark)
        }
    }

    /// Codewords in the two-column zigzag from the bottom right, skipping the vertical
    /// timing pattern and function modules.
    mutating func placeData(_ codewords: [UInt8]) {
        var bitIndex = 0
        let totalBits = codewords.count * 8
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vertical in 0..<size {
                for column in 0..<2 {
                    let x = right - column
                    let upward = ((right + 1) & 2) == 0
                    let y = upward ? size - 1 - vertical : vertical
                    guard !isFunction[y * size + x] else { continue }
                    if bitIndex < totalBits {
                        modules[y * size + x] = (codewords[bitIndex >> 3] >> (7 - UInt8(bitIndex & 7))) & 1 == 1
                        bitIndex += 1
                    }
                }
            }
            right -= 2
        }
    }

    static func maskBit(_ mask: Int, _ x: Int, _ y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: x * y % 2 + x * y % 3 == 0
        case 6: (x * y % 2 + x * y % 3) % 2 == 0
        default: ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] && Self.maskBit(mask, x, y) {
                modules[y * size + x].toggle()
            }
        }
    }

    /// ISO/IEC 18004 §7.8.3: runs, 2×2 blocks, finder-like patterns, and the dark share.
    func penalty() -> Int {
        var result = 0
        func module(_ x: Int, _ y: Int) -> Bool { modules[y * size + x] }
        for horizontal in [true, false] {
            for a in 0..<size {
                var run = 0
                var previous = false
                var line: [Bool] = []
                line.reserveCapacity(size)
                for b in 0..<size {
                    let dark = horizontal ? module(b, a) : module(a, b)
                    line.append(dark)
                    if b > 0 && dark == previous {
                        run += 1
                    } else {
                        if run >= 5 { result += 3 + run - 5 }
                        run = 1
                        previous = dark
                    }
                }
                if run >= 5 { result += 3 + run - 5 }
                // 1:1:3:1:1 with four light modules on one side (light beyond the edge).
                let padded = [Bool](repeating: false, count: 4) + line + [Bool](repeating: false, count: 4)
                let pattern: [Bool] = [true, false, true, true, true, false, true]
                for start in 0...(padded.count - 7) where Array(padded[start..<(start + 7)]) == pattern {
                    let before = start >= 4 && padded[(start - 4)..<start].allSatisfy { !$0 }
                    let after = start + 11 <= padded.count && padded[(start + 7)..<(start + 11)].allSatisfy { !$0 }
                    if before || after { result += 40 }
                }
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let color = module(x, y)
                if color == module(x + 1, y) && color == module(x, y + 1) && color == module(x + 1, y + 1) { result += 3 }
            }
        }
        let dark = modules.filter { $0 }.count
        let total = size * size
        let k = (abs(dark * 20 - total * 10) + total - 1) / total - 1
        result += max(0, k) * 10
        return result
    }
}
