/// How much of a QR symbol may be damaged and still read (ISO/IEC 18004 §4.1).
package enum QRErrorCorrection: String, Hashable, Sendable, CaseIterable, Codable {
    /// About 7% of codewords recoverable.
    case low = "L"
    /// About 15%.
    case medium = "M"
    /// About 25%.
    case quartile = "Q"
    /// About 30%.
    case high = "H"

    var ordinal: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }

    /// The two bits the format information carries for the level.
    var formatBits: Int {
        switch self {
        case .low: 1
        case .medium: 0
        case .quartile: 3
        case .high: 2
        }
    }
}

/// A QR Code symbol (ISO/IEC 18004, Model 2): a square of dark and light modules.
package struct QRCode: Hashable, Sendable {
    package let version: Int
    package let errorCorrection: QRErrorCorrection
    package let mask: Int
    /// The mode the text was encoded in.
    package let mode: QRMode
    package let size: Int
    /// Row by row; `true` is dark.
    let modules: [Bool]

    package subscript(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < size && y < size && modules[y * size + x]
    }
}

/// The data encodings used here: alphanumeric (`0–9 A–Z space $ % * + - . / :`, 5.5 bits a
/// character) and bytes (UTF-8, 8 bits). Activation codes written in upper case fit the
/// first, which makes smaller symbols.
package enum QRMode: String, Hashable, Sendable, Codable {
    case alphanumeric, byte

    static let alphanumericCharacters = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

    var indicator: Int { self == .alphanumeric ? 0b0010 : 0b0100 }

    func countBits(version: Int) -> Int {
        switch self {
        case .alphanumeric: version <= 9 ? 9 : version <= 26 ? 11 : 13
        case .byte: version <= 9 ? 8 : 16
        }
    }
}
