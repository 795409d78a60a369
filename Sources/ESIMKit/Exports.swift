// Errors and warnings have ESIMSupport's shape (``CodedError``, ``SourceLocation``), and
// feeds and pages hand out its JSON values: importing ESIMKit brings them.
@_exported import ESIMSupport
