/// The codes of one error domain: a plain enum whose raw values are the stable names that
/// JSON output prints and tests assert (`emptyAddress`, `invalidJSON`).
public protocol ErrorCode: RawRepresentable<String>, Hashable, Sendable, CaseIterable {
    /// The words a description opens with (`activation code`), or `nil` when the message
    /// stands alone.
    static var domain: String? { get }

    /// The message as a description says it: the message itself unless the code adds
    /// what failed (a file error's `cannot open (No such file or directory)`).
    func phrase(_ message: String) -> String
}

extension ErrorCode {
    public static var domain: String? { nil }

    public func phrase(_ message: String) -> String { message }
}

/// An error of one domain, in the shape of swift-asn1's `ASN1Error`: a ``code`` (what
/// programs and tests compare), a ``message`` one line long that a person can act on, and
/// ``location``, where in the input it applies.
///
/// Equality and hashing look at the code only, so a test or a caller can compare with an
/// error it builds itself without repeating the wording; the message and the location are
/// for people. Each domain names its own with a type alias:
/// `typealias ActivationCodeError = CodedError<ActivationCodeErrorCode>`.
public struct CodedError<Code: ErrorCode>: Error, Hashable, Sendable, CustomStringConvertible {
    /// The domain's code enum, so that it reads `ActivationCodeError.Code`.
    public typealias Code = Code

    public let code: Code
    public let message: String
    public let location: SourceLocation

    @inlinable
    public init(_ code: Code, _ message: String, at location: SourceLocation = .unknown) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// An error at `offset` in the input given.
    @inlinable
    public init(_ code: Code, _ message: String, offset: Int?) {
        self.init(code, message, at: SourceLocation(offset: offset))
    }

    /// An error in `file`, at a line and column when known.
    @inlinable
    public init(_ code: Code, _ message: String, file: String, line: Int? = nil, column: Int? = nil, keyPath: String? = nil) {
        self.init(code, message, at: SourceLocation(file: file, line: line, column: column, keyPath: keyPath))
    }

    @inlinable public var offset: Int? { location.offset }
    @inlinable public var line: Int? { location.line }
    @inlinable public var file: String? { location.file }

    /// The message as the code phrases it (``ErrorCode/phrase(_:)``), without the location.
    public var summary: String { code.phrase(message) }

    /// The message with its location, without the domain's opening words: for a caller
    /// that says itself where the error came from (`CSS 'div[': expected a name (offset 4)`).
    public var detail: String { location.describing(code.phrase(message)) }

    /// `activation code: the SM-DP+ address is empty (offset 6)`,
    /// `Specs/att.yaml:12:5: support[1].dial: expected a string`.
    public var description: String {
        Code.domain.map { "\($0): \(detail)" } ?? detail
    }

    @inlinable public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

/// Something unusual about an input that does not make it invalid: a warning, of the same
/// domain and shape as ``CodedError`` (its code is one of the domain's codes that lenient
/// reading lets through), and equal by code in the same way. Strict reading throws it as
/// ``error``.
public struct CodedWarning<Code: ErrorCode>: Hashable, Sendable, CustomStringConvertible {
    /// The domain's code enum, so that it reads `ActivationCodeWarning.Code`.
    public typealias Code = Code

    /// The error strict reading throws instead: same code, message and location.
    public let error: CodedError<Code>

    @inlinable
    public init(_ code: Code, _ message: String, at location: SourceLocation = .unknown) {
        error = CodedError(code, message, at: location)
    }

    @inlinable
    public init(_ code: Code, _ message: String, offset: Int?) {
        self.init(code, message, at: SourceLocation(offset: offset))
    }

    @inlinable public var code: Code { error.code }
    @inlinable public var message: String { error.message }
    @inlinable public var location: SourceLocation { error.location }
    @inlinable public var offset: Int? { error.location.offset }
    public var description: String { error.description }
}
