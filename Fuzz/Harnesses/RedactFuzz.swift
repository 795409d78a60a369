import ESIMKit
import ESIMSupport

extension FuzzTarget {
    /// One redactor for every input, as `redact` makes it from a key file.
    static let redactor = Redactor(key: Array("fuzz-redaction-key".utf8), allowed: ["5550100001"])

    /// `redact FILE`: the text decoded as the command decodes a file; every finding lies
    /// inside the text, and redacting twice changes nothing (the redactor's promise:
    /// placeholders are recognisable as such). `--check` runs the same scan.
    static let redact = FuzzTarget("redact", "Redactor.redact: findings inside the text, redacting twice changes nothing",
                                  samples: ["Samples/Pages/*/*.html", "Samples/Pages/*/*.json", "Samples/ActivationCodes/*.txt",
                                            "Samples/Identifiers/*.txt", "Samples/Profiles/*.xml", "Samples/Profiles/*.jsonl"]) { input in
        let bytes = Fuzz.bytes(input)
        // The command refuses or skips binary files.
        guard !FileText.isBinary(bytes) else { return }
        let (text, encoding) = FileText.decode(bytes)
        let (redacted, findings) = redactor.redact(text)
        let length = text.utf8.count
        for finding in findings {
            Fuzz.require(0 <= finding.start && finding.start <= finding.end && finding.end <= length,
                         "finding \(finding.kind) at \(finding.start)..<\(finding.end) outside \(length) bytes")
        }
        let (twice, _) = redactor.redact(redacted)
        Fuzz.require(twice == redacted, "redacting twice changed the text")
        _ = FileText.encode(redacted, as: encoding)
    }
}
