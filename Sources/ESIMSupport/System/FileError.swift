/// What went wrong with a file or directory. The message is the reason (the system's
/// `No such file or directory`, or `it is a directory`); the code says what was being
/// done, and descriptions put the two together: `page.html: cannot open (No such file or
/// directory)`.
package enum FileErrorCode: String, ErrorCode {
    /// Nothing at the path.
    case notFound
    case cannotOpen
    case cannotRead
    /// A directory where a file was expected.
    case isDirectory
    /// More bytes than the reader's limit.
    case tooLarge
    case cannotOpenDirectory
    case cannotWrite
    case cannotCreateDirectory

    package func phrase(_ message: String) -> String {
        switch self {
        case .cannotOpen: "cannot open (\(message))"
        case .cannotRead, .isDirectory: "cannot read (\(message))"
        case .cannotWrite: "cannot write (\(message))"
        case .cannotCreateDirectory: "cannot create the directory (\(message))"
        case .notFound, .tooLarge, .cannotOpenDirectory: message
        }
    }

    /// `open` or `read`: the operation a reader failed at, for callers that phrase it
    /// their own way.
    package var verb: String {
        switch self {
        case .cannotOpen, .notFound, .cannotOpenDirectory: "open"
        case .cannotWrite: "write"
        case .cannotCreateDirectory: "create"
        case .cannotRead, .isDirectory, .tooLarge: "read"
        }
    }
}

/// A file system error; ``CodedError/file`` is the path it concerns.
package typealias FileError = CodedError<FileErrorCode>
