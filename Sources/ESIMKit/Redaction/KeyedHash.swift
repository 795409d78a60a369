/// HMAC-SHA-256 (RFC 2104, FIPS 180-4), for placeholders that are stable for one key and
/// cannot be turned back into the value without it.
package struct KeyedHash: Sendable {
    private let innerPad: [UInt8]
    private let outerPad: [UInt8]

    package init(key: [UInt8]) {
        var block = key.count > 64 ? SHA256.hash(key) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        innerPad = block.map { $0 ^ 0x36 }
        outerPad = block.map { $0 ^ 0x5C }
    }

    package func mac(_ message: some Collection<UInt8>) -> [UInt8] {
        var inner = SHA256()
        inner.update(innerPad)
        inner.update(message)
        var outer = SHA256()
        outer.update(outerPad)
        outer.update(inner.finalize())
        return outer.finalize()
    }

    package func mac(_ message: String) -> [UInt8] { mac(message.utf8) }
}
