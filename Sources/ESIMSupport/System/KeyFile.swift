import SystemPackage

/// A secret kept in a file of its own outside any repository (a redaction key): random
/// bytes, made on first use, readable by its owner only.
package enum KeyFile {
    /// Why a key file could not be used.
    package enum Failure: Error, Sendable {
        /// The file holds fewer bytes than the minimum.
        case tooShort
        /// There is no key file and none was to be made.
        case missing
        /// The system gave no random bytes for a new key.
        case noRandomBytes
        /// Reading or writing the file failed.
        case file(FileError)
    }

    /// The key at `path`; when there is none and `create` is set, `length` fresh random
    /// bytes written there (mode 0600, in a directory made with mode 0700).
    package static func load(_ path: String, minimumLength: Int, length: Int, create: Bool) throws(Failure) -> [UInt8] {
        if FileStatus.exists(path) {
            let bytes: [UInt8]
            do { bytes = try FileReader.read(path) } catch { throw .file(error) }
            guard bytes.count >= minimumLength else { throw .tooShort }
            return bytes
        }
        guard create else { throw .missing }
        guard let key = SystemRandom.bytes(length) else { throw .noRandomBytes }
        let directory = String(path.dropLast(path.split(separator: "/").last?.count ?? 0))
        do {
            if !directory.isEmpty { try FileWriter.makeDirectory(directory, private: true) }
            try FileWriter.write(key, to: path, permissions: [.ownerReadWrite])
        } catch {
            throw .file(error)
        }
        return key
    }
}
