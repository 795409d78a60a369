/// Why a value (an amount of money or data, a date, a percentage) could not be read from
/// page text.
public enum ValueErrorCode: String, ErrorCode, Codable {
    case empty
    case noNumber
    case invalidNumber
    case invalidGrouping
    case tooManyDigits
    case unknownCurrency
    case conflictingCurrencies
    case conflictingSigns
    case negativeAmount
    case missingUnit
    case unknownUnit
    case invalidDate
    case missingYear
    case invalidRange
    case outOfRange
    case unexpectedText
}

/// A value that could not be read; ``CodedError/offset`` is the 0-based character
/// position in the text given.
public typealias ValueError = CodedError<ValueErrorCode>
