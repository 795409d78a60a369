#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import ESIMSupport

@Suite("FileWriter")
struct FileWriterTests {
    @Test("a write replaces the file whole, leaves no temporary file, and keeps the mode asked for")
    func atomic() throws {
        try FileReaderTests.withDirectory { directory in
            let path = directory + "/out.txt"
            try FileWriter.write(Array("first".utf8), to: path)
            let large = (0..<300_000).map { UInt8(truncatingIfNeeded: $0) }
            try FileWriter.write(large, to: path, permissions: [.ownerReadWrite])
            #expect(try FileReader.read(path) == large)
            #expect(try DirectoryWalk.names(in: directory) == ["out.txt"])
            var status = stat()
            #expect(stat(path, &status) == 0)
            #expect(status.st_mode & 0o777 == 0o600)
        }
    }

    @Test("a write into a missing directory fails, naming the file; makeDirectory makes parents")
    func directories() throws {
        try FileReaderTests.withDirectory { directory in
            let error = #expect(throws: FileError.self) { try FileWriter.write([1], to: directory + "/a/b/c") }
            #expect(error?.code == .cannotWrite)
            #expect(error?.description == directory + "/a/b/c: cannot write (No such file or directory)")
            try FileWriter.makeDirectory(directory + "/a/b")
            #expect(FileStatus.isDirectory(directory + "/a/b"))
            try FileWriter.write([1], to: directory + "/a/b/c")
            #expect(FileStatus.exists(directory + "/a/b/c"))
            for path in [directory + "/a/b/c", directory + "/a/b", directory + "/a"] { _ = remove(path) }
        }
    }
}

@Suite("DirectoryWalk")
struct DirectoryWalkTests {
    @Test("files depth first in name order, hidden entries skipped, depth limited")
    func walk() throws {
        try FileReaderTests.withDirectory { directory in
            for sub in ["/b", "/b/c", "/.hidden"] { #expect(mkdir(directory + sub, 0o755) == 0) }
            for file in ["/z.txt", "/b/a.txt", "/b/c/d.txt", "/.hidden/e.txt", "/.dot"] { try FileWriter.write([1], to: directory + file) }
            defer { for path in ["/b/c/d.txt", "/b/c", "/b/a.txt", "/b", "/.hidden/e.txt", "/.hidden", "/z.txt", "/.dot"] { _ = remove(directory + path) } }
            let all = try DirectoryWalk.files(under: directory, maximumDepth: 8, failBeyondDepth: false).map(\.path)
            #expect(all == [directory + "/b/a.txt", directory + "/b/c/d.txt", directory + "/z.txt"])
            let shallow = try DirectoryWalk.files(under: directory, maximumDepth: 1, failBeyondDepth: false).map(\.name)
            #expect(shallow == ["a.txt", "z.txt"])
            #expect(throws: FileError(.cannotOpenDirectory, "")) {
                try DirectoryWalk.files(under: directory, maximumDepth: 1, failBeyondDepth: true)
            }
            #expect(try DirectoryWalk.regularFiles(in: [directory + "/z.txt", directory + "/b"]).count == 3)
            let missing = #expect(throws: FileError.self) { try DirectoryWalk.regularFiles(in: [directory + "/none"]) }
            #expect(missing?.description == directory + "/none: no such file or directory")
        }
    }
}

@Suite("Subprocess")
struct SubprocessTests {
    @Test("a child that fills both pipes runs to the end: both are drained together")
    func chattyChild() throws {
        // 1 MiB to each stream, stderr first: draining stdout to its end before reading
        // stderr would leave the child blocked on a full stderr pipe.
        let script = "head -c 1048576 /dev/zero >&2; head -c 1048576 /dev/zero; echo done >&2; exit 3"
        let output = try #require(Subprocess.run(["sh", "-c", script]))
        #expect(output.status == 3)
        #expect(output.standardOutput.count == 1 << 20)
        #expect(output.standardError.count == (1 << 20) + 5)
    }

    @Test("a program that is not installed cannot be started")
    func missing() {
        #expect(Subprocess.run(["esimtool-no-such-program"]) == nil)
    }
}

@Suite("ThreadCache")
struct ThreadCacheTests {
    @Test("a value is made once per key and thread, and the cache stays within its capacity")
    func bounded() {
        let cache = ThreadCache<Int, Int>(capacity: 3)
        var made = 0
        for key in [1, 2, 1, 2, 3] { _ = cache.value(for: key) { made += 1; return key * 10 } }
        #expect(made == 3)
        #expect(cache.value(for: 4) { 40 } == 40)
        #expect(cache.value(for: 1) { made += 1; return 11 } == 11)
        #expect(made == 4)
    }
}
