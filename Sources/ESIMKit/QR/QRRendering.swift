/// A QR symbol drawn as a PNG, an SVG or terminal text, with a quiet zone around it.
extension QRCode {
    /// The light margin scanners need: four modules (ISO/IEC 18004 §6.3.8).
    package static let quietZone = 4

    /// Unicode half blocks, two module rows a line. A terminal draws characters light on
    /// dark, so by default light modules are printed as blocks and dark ones as spaces,
    /// as phone cameras need; `invert` is for terminals with a light background.
    package func terminalText(invert: Bool = false) -> [String] {
        let border = Self.quietZone
        let total = size + 2 * border
        func light(_ x: Int, _ y: Int) -> Bool {
            let dark = self[x - border, y - border]
            return invert ? dark : !dark
        }
        var lines: [String] = []
        var y = 0
        while y < total {
            var line = ""
            for x in 0..<total {
                let top = light(x, y)
                let bottom = y + 1 < total ? light(x, y + 1) : !invert
                switch (top, bottom) {
                case (true, true): line += "█"
                case (true, false): line += "▀"
                case (false, true): line += "▄"
                case (false, false): line += " "
                }
            }
            lines.append(line)
            y += 2
        }
        return lines
    }

    /// An SVG image, `scale` pixels a module: one path for all dark modules.
    package func svg(scale: Int = 8) -> String {
        let border = Self.quietZone
        let total = (size + 2 * border) * scale
        var path = ""
        for y in 0..<size {
            for x in 0..<size where self[x, y] {
                path += "M\((x + border) * scale) \((y + border) * scale)h\(scale)v\(scale)h-\(scale)z"
            }
        }
        return """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(total)" height="\(total)" viewBox="0 0 \(total) \(total)" shape-rendering="crispEdges">
        <rect width="100%" height="100%" fill="#fff"/>
        <path fill="#000" d="\(path)"/>
        </svg>

        """
    }

    /// A 1-bit greyscale PNG, `scale` pixels a module.
    package func png(scale: Int = 8) -> [UInt8] {
        let border = Self.quietZone
        let width = (size + 2 * border) * scale
        return PNG.monochrome(width: width, height: width) { x, y in self[x / scale - border, y / scale - border] }
    }
}

/// The little of PNG a QR image needs: chunks with CRC-32 and zlib data in stored
/// (uncompressed) deflate blocks — a QR PNG is small, and 1-bit pixels keep it so.
package enum PNG {
    static let crcTable: [UInt32] = (0..<256).map { index in
        var c = UInt32(index)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// A 1-bit greyscale image; `dark(x, y)` says which pixels are black.
    package static func monochrome(width: Int, height: Int, dark: (Int, Int) -> Bool) -> [UInt8] {
        let rowBytes = (width + 7) / 8
        var raw: [UInt8] = []
        raw.reserveCapacity((rowBytes + 1) * height)
        for y in 0..<height {
            raw.append(0)  // filter: none
            var row = [UInt8](repeating: 0xFF, count: rowBytes)
            for x in 0..<width where dark(x, y) { row[x / 8] &= ~(0x80 >> UInt8(x % 8)) }
            raw += row
        }
        var header: [UInt8] = []
        appendUInt32(UInt32(width), to: &header)
        appendUInt32(UInt32(height), to: &header)
        header += [1, 0, 0, 0, 0]  // bit depth 1, greyscale, deflate, filter 0, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", header) + chunk("IDAT", zlibStored(raw)) + chunk("IEND", [])
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        appendUInt32(UInt32(data.count), to: &result)
        let body = Array(type.utf8) + data
        result += body
        appendUInt32(crc32(body), to: &result)
        return result
    }

    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var result: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length >= data.count ? 1 : 0
            result.append(final)
            result += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            result += data[offset..<(offset + length)]
            offset += length
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        appendUInt32(b << 16 | a, to: &result)
        return result
    }
}
