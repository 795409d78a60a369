#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file, refusing anything larger than ``MarkupLimits/maximumInputBytes``.
public enum FileBytes {
    public static func read(_ path: String) throws(MarkupError) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw MarkupError(.unreadableFile, "cannot open '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
            if bytes.count > MarkupLimits.maximumInputBytes {
                throw MarkupError(.inputTooLarge, "'\(path)' is larger than \(MarkupLimits.maximumInputBytes) bytes")
            }
            if count < chunk.count {
                if ferror(file) != 0 {
                    throw MarkupError(.unreadableFile, "cannot read '\(path)': \(String(cString: strerror(errno)))")
                }
                return bytes
            }
        }
    }
}
