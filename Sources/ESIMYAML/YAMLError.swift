import ESIMSupport

/// Why a YAML text could not be read.
package enum YAMLErrorCode: String, ErrorCode {
    /// A character YAML does not allow (a control character, a broken encoding).
    case unreadable
    /// The scanner or parser stopped: the text is not YAML (`mapping values are not
    /// allowed in this context`). The message is libyaml's, with its context.
    case invalidSyntax
    /// A mapping holds the same key twice; the location is the repeat.
    case duplicateKey
    /// An alias names an anchor defined nowhere before it (or one still open around it).
    case undefinedAlias
    /// More than one document in the stream; one file is one document.
    case multipleDocuments
    /// Collections nested deeper than ``YAMLDocument/maximumDepth``.
    case tooDeep
    /// More than ``YAMLDocument/maximumNodes`` nodes, counting every alias as the nodes it
    /// stands for (so a few lines of nested aliases cannot grow into billions).
    case tooManyNodes
    /// libyaml could not allocate memory.
    case outOfMemory
    /// Encoded nodes (``YAMLDocument/decode(_:)``) that are cut short or out of shape; the
    /// location is the byte offset.
    case invalidEncoding
}

/// Why a YAML text could not be read, with the 1-based line and column (the key, for a
/// repeated one).
package typealias YAMLError = CodedError<YAMLErrorCode>
