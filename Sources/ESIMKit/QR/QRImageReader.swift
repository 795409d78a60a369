import ESIMMarkup

/// Reads QR codes from image files with zbar's `zbarimg` (Debian: zbar-tools), run as a
/// separate process: nothing here links it, so the toolkit builds and runs without it,
/// and only reading images asks for it.
package enum QRImageReader {
    /// Image files by their first bytes: PNG, JPEG, GIF, BMP, TIFF, WebP, PNM.
    package static func looksLikeImage(_ bytes: ArraySlice<UInt8>) -> Bool {
        let signatures: [[UInt8]] = [
            [0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], Array("GIF8".utf8), Array("BM".utf8), [0x49, 0x49, 0x2A, 0x00],
            [0x4D, 0x4D, 0x00, 0x2A], Array("RIFF".utf8), Array("P1".utf8), Array("P4".utf8), Array("P5".utf8), Array("P6".utf8),
        ]
        return signatures.contains { bytes.starts(with: $0) }
    }

    package static func looksLikeImage(path: String) -> Bool {
        let lowered = path.lowercased()
        if [".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".pnm", ".pgm", ".ppm", ".pbm"]
            .contains(where: lowered.hasSuffix) { return true }
        let head = FileReader.head(path, count: 8)
        return head.count >= 2 && looksLikeImage(head[...])
    }

    /// Whether `path` is an existing file that is an image, by its name or its first bytes.
    package static func isImageFile(_ path: String) -> Bool {
        FileStatus.exists(path) && looksLikeImage(path: path)
    }

    /// Every QR code's text in the image, in the order zbar reports them.
    package static func read(_ path: String) throws(QRError) -> [String] {
        guard FileStatus.exists(path) else {
            throw QRError(.unreadableImage, "no such file", file: path)
        }
        guard let result = Subprocess.run(["zbarimg", "--xml", "-q", "-Sdisable", "-Sqrcode.enable", path]) else {
            throw QRError(.readerMissing, "reading QR codes from images needs zbarimg (Debian or Ubuntu: apt-get install zbar-tools); everything else works without it",
                          file: path)
        }
        switch result.status {
        case 0: break
        case 4: throw QRError(.noCode, "no QR code found in the image", file: path)
        default:
            // zbar's image loader may add unrelated D-Bus chatter; keep zbar's own line.
            let lines = String(decoding: result.standardError, as: UTF8.self).split(separator: "\n")
                .filter { !$0.hasPrefix("Connection ") }
            let detail = lines.first.map { ": " + String($0).trimmed(of: " ") } ?? ""
            throw QRError(.unreadableImage, "not an image zbar can read\(detail)", file: path)
        }
        guard let document = try? XMLDocument(bytes: result.standardOutput),
              let symbols = try? document.select(xpath: "//*[local-name()='symbol']") else {
            throw QRError(.unreadableImage, "zbarimg's output did not parse", file: path)
        }
        var texts: [String] = []
        for symbol in symbols {
            guard let data = (try? symbol.select(xpath: "*[local-name()='data']"))?.first else { continue }
            if data.attribute("format") == "base64", let decoded = Base64.decode(data.text) {
                texts.append(String(decoding: decoded, as: UTF8.self))
            } else {
                texts.append(data.text)
            }
        }
        if texts.isEmpty { throw QRError(.noCode, "no QR code found in the image", file: path) }
        return texts
    }
}

/// Standard Base64 (RFC 4648), for zbar's encoding of binary QR data and for profile
/// data; decoding also takes the URL-safe alphabet (`-`, `_`).
enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: some Collection<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity((bytes.count + 2) / 3 * 4)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let value = Int(first) << 16 | Int(second ?? 0) << 8 | Int(third ?? 0)
            result.append(alphabet[value >> 18 & 63])
            result.append(alphabet[value >> 12 & 63])
            result.append(second == nil ? UInt8(ascii: "=") : alphabet[value >> 6 & 63])
            result.append(third == nil ? UInt8(ascii: "=") : alphabet[value & 63])
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var values = [Int](repeating: -1, count: 256)
        for (index, byte) in alphabet.enumerated() { values[Int(byte)] = index }
        values[Int(UInt8(ascii: "-"))] = 62
        values[Int(UInt8(ascii: "_"))] = 63
        var result: [UInt8] = []
        var buffer = 0, bits = 0
        for byte in text.utf8 where !ASCII.isWhitespace(byte) && byte != UInt8(ascii: "=") {
            let value = values[Int(byte)]
            guard value >= 0 else { return nil }
            buffer = buffer << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                result.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        return result
    }
}
