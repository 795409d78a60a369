// The JSON value, JSON paths and the error shape are ESIMSupport's; documents hand them
// out (embedded data, queries), so importing ESIMMarkup brings them.
@_exported import ESIMSupport
