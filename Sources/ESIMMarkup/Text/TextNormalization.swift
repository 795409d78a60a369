/// How text read from pages is cleaned before values are parsed from it.
package enum TextNormalization {
    /// Folds every run of white space (including no-break and other Unicode spaces,
    /// line and paragraph separators) into one space, removes zero-width characters
    /// (U+200B–U+200D, U+2060, U+FEFF, soft hyphen U+00AD), and trims both ends.
    package static func normalize(_ text: String) -> String {
        if isAlreadyNormal(text) { return text }
        if let folded = foldedASCII(text) { return folded }
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !output.isEmpty
                continue
            }
            if isInvisible(scalar) { continue }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            output.append(scalar)
        }
        return String(output)
    }

    /// Plain ASCII with single spaces between words and none at the ends needs no work
    /// (most field texts): answered from the bytes, without building a new string.
    static func isAlreadyNormal(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return bytes.isEmpty }
            var previousSpace = false
            for byte in bytes {
                if byte >= 0x80 || byte < 0x20 || byte == 0x7F { return false }
                if byte == 0x20 {
                    if previousSpace { return false }
                    previousSpace = true
                } else {
                    previousSpace = false
                }
            }
            return true
        }
    }

    /// ASCII text (markup indentation, line breaks) folded on its bytes; `nil` for text
    /// with other characters, which takes the scalar route.
    static func foldedASCII(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = !output.isEmpty
                    continue
                }
                if pendingSpace {
                    output.append(0x20)
                    pendingSpace = false
                }
                output.append(byte)
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200D, 0x2060, 0xFEFF, 0xAD: return true
        default: return false
        }
    }
}
