/// The redaction key: 32 random bytes kept outside the repository, so placeholders are
/// stable across a fixture set and nobody without the key can test guesses against them.
package enum RedactionKey {
    /// `$XDG_CONFIG_HOME/esimtool/redact.key`, else `~/.config/esimtool/redact.key`.
    package static var defaultPath: String? {
        if let config = Environment.value("XDG_CONFIG_HOME") { return config + "/esimtool/redact.key" }
        return Environment.value("HOME").map { $0 + "/.config/esimtool/redact.key" }
    }

    /// Reads the key at `path`, creating it (mode 0600) with fresh random bytes if absent.
    package static func load(_ path: String, create: Bool = true) throws(RedactionError) -> [UInt8] {
        do {
            return try KeyFile.load(path, minimumLength: 16, length: 32, create: create)
        } catch {
            switch error {
            case .tooShort: throw RedactionError(.keyTooShort, "a redaction key needs at least 16 bytes", file: path)
            case .missing: throw RedactionError(.noKey, "no redaction key here", file: path)
            case .noRandomBytes: throw RedactionError(.noRandomBytes, "cannot read random bytes for a new key", file: path)
            case .file(let failure):
                throw RedactionError(.unreadableKey, failure.summary, at: failure.location)
            }
        }
    }
}

/// Why the redaction key could not be used.
package enum RedactionErrorCode: String, ErrorCode {
    /// The key file holds fewer than 16 bytes.
    case keyTooShort
    /// No key file, and none was to be made.
    case noKey
    /// The system gave no random bytes for a new key.
    case noRandomBytes
    /// The key file (or its directory) could not be read or written.
    case unreadableKey
}

/// A redaction key problem; ``CodedError/file`` names the key file.
package typealias RedactionError = CodedError<RedactionErrorCode>
