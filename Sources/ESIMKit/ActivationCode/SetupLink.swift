/// A web link that wraps an activation code, as phone makers publish them: opening it
/// on the phone starts the eSIM install. The code travels in the `carddata` query
/// parameter, percent-encoded or raw.
public enum SetupLink: String, Hashable, Sendable, CaseIterable, Codable {
    /// `https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=…`
    case apple
    /// `https://esimsetup.android.com/esim_qrcode_provisioning?carddata=…`
    case android

    public var host: String {
        switch self {
        case .apple: return "esimsetup.apple.com"
        case .android: return "esimsetup.android.com"
        }
    }

    static let path = "/esim_qrcode_provisioning"
    static let pathBytes: StaticString = "/esim_qrcode_provisioning"

    /// The host in lower case, for byte comparison.
    var hostBytes: StaticString {
        switch self {
        case .apple: return "esimsetup.apple.com"
        case .android: return "esimsetup.android.com"
        }
    }

    /// Everything before the encoded code.
    public var urlPrefix: String {
        "https://" + host + Self.path + "?carddata="
    }

    /// RFC 3986 percent-encoding of everything but the unreserved characters.
    static func percentEncode(_ text: String) -> String {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 2)
        for byte in text.utf8 {
            if ASCII.isAlphanumeric(byte) || byte == ASCII.hyphen || byte == ASCII.dot
                || byte == 0x5F || byte == 0x7E {
                bytes.append(byte)
            } else {
                bytes.append(ASCII.percent)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
