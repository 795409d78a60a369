/// Why text could not be made into a QR symbol, or QR codes could not be read from an image.
package enum QRErrorCode: String, ErrorCode, Codable {
    /// The text does not fit in the largest symbol at the error correction asked for.
    case textTooLong
    /// A mask outside 0–7.
    case invalidMask
    // Reading images (``QRImageReader``)
    /// zbarimg is not installed.
    case readerMissing
    /// The file is not an image zbar can read.
    case unreadableImage
    /// The image holds no QR code.
    case noCode
}

/// A QR problem; ``CodedError/file`` names the image when one was read.
package typealias QRError = CodedError<QRErrorCode>
