#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import ESIMSupport

@Suite("FileReader")
struct FileReaderTests {
    /// A fresh directory under the system's temporary directory, removed by `body`'s end.
    static func withDirectory(_ body: (String) throws -> Void) throws {
        var template = Array("/tmp/esimsupport-files-XXXXXX".utf8CString)
        let directory = try #require(mkdtemp(&template).map { String(cString: $0) })
        defer {
            if let entries = opendir(directory) {
                while let entry = readdir(entries) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                    if name != "." && name != ".." { unlink(directory + "/" + name) }
                }
                closedir(entries)
            }
            rmdir(directory)
        }
        try body(directory)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        let file = try #require(fopen(path, "wb"))
        defer { fclose(file) }
        #expect(fwrite(bytes, 1, bytes.count, file) == bytes.count)
    }

    @Test("whole files of sizes around the first read's size, byte for byte",
          arguments: [0, 1, 4095, 4096, 4097, 65_536, 200_003])
    func sizes(_ size: Int) throws {
        try Self.withDirectory { directory in
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            try Self.write(bytes, to: directory + "/f")
            #expect(try FileReader.read(directory + "/f") == bytes)
        }
    }

    @Test("a character device reads as what it yields; a directory and a missing file are errors")
    func specialFiles() throws {
        #expect(try FileReader.read("/dev/null") == [])
        let directory = #expect(throws: FileError.self) { try FileReader.read("/tmp", limit: 10) }
        #expect(directory?.code == .isDirectory)
        #expect(directory?.description == "/tmp: cannot read (it is a directory)")
        let missing = #expect(throws: FileError.self) { try FileReader.read("/nonexistent/file.html") }
        #expect(missing?.code == .cannotOpen)
        #expect(missing?.description == "/nonexistent/file.html: cannot open (No such file or directory)")
    }

    @Test("past the limit: tooLarge, both from the size and while reading a stream")
    func limit() throws {
        try Self.withDirectory { directory in
            try Self.write([UInt8](repeating: 65, count: 100), to: directory + "/f")
            let error = #expect(throws: FileError.self) { try FileReader.read(directory + "/f", limit: 99) }
            #expect(error?.code == .tooLarge)
            #expect(error?.message == "larger than 99 bytes")
            #expect(try FileReader.read(directory + "/f", limit: 100).count == 100)
            // A FIFO has no size: the limit is enforced as the bytes arrive. The 30,000
            // bytes fit in the pipe buffer, so the writer never blocks on the closed end.
            let fifo = directory + "/pipe"
            #expect(mkfifo(fifo, 0o600) == 0)
            let writer = PosixThread.spawn {
                let file = fopen(fifo, "wb")
                if let file {
                    let chunk = [UInt8](repeating: 66, count: 10_000)
                    for _ in 0..<3 { fwrite(chunk, 1, chunk.count, file) }
                    fclose(file)
                }
            }
            #expect(throws: FileError(.tooLarge, "")) { try FileReader.read(fifo, limit: 20_000) }
            writer.join()
        }
    }
}

/// A POSIX thread running a closure, for the FIFO's writer.
final class PosixThread {
    private var handle = pthread_t()

    static func spawn(_ body: @escaping () -> Void) -> PosixThread {
        let thread = PosixThread()
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        pthread_create(&thread.handle, nil, { pointer in
            let box = Unmanaged<Box>.fromOpaque(pointer!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        return thread
    }

    func join() { pthread_join(handle, nil) }

    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
}
