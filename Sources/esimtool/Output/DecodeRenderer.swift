import ESIMSupport
import ESIMKit

/// Human-readable text for decode results: a labelled block for one input, a line per
/// input for `--file`, and error context with a caret under the offending character.
enum DecodeRenderer {
    /// `carriers` (for an ICCID or IMSI) adds a row per carrier the number points to.
    static func block(_ result: DecodeResult, carriers: [CarrierMentions.Mention]? = nil) -> [String] {
        switch result {
        case .activationCode(.success(let decoded)): return activationCode(decoded)
        case .iccid(.success(let decoded)): return iccid(decoded, carriers: carriers)
        case .eid(.success(let eid)): return self.eid(eid)
        case .imsi(.success(let decoded)): return imsi(decoded, carriers: carriers)
        default: return []
        }
    }

    static func activationCode(_ decoded: DecodedActivationCode) -> [String] {
        let code = decoded.code
        var rows: [(String, String)] = [
            ("SM-DP+ address", code.smdpAddress),
            ("Matching ID", code.matchingID.isEmpty ? "(none)" : code.matchingID),
        ]
        if let oid = code.smdpOID { rows.append(("SM-DP+ OID", oid)) }
        rows.append(("Confirmation code", code.confirmationCodeRequired
            ? "required: the operator gives it to you separately; it is never in the QR code"
            : "not required"))
        if let keyID = code.ciPublicKeyID { rows.append(("CI public key ID", keyID)) }
        if let seventh = code.deleteNotificationForDeviceChange { rows.append(("Field 7", seventh)) }
        if let wrapper = decoded.wrapper {
            rows.append(("Setup link", "\(wrapper == .apple ? "Apple" : "Android") (\(wrapper.host))"))
        }
        rows.append(("Canonical", code.canonicalText))
        return ["Activation code (GSMA SGP.22 §4.1)"] + table(rows)
    }

    static func iccid(_ decoded: DecodedICCID, carriers: [CarrierMentions.Mention]? = nil) -> [String] {
        let iccid = decoded.iccid
        var rows: [(String, String)] = [("Digits", grouped(iccid.digits))]
        if decoded.encoding == .swappedBCD { rows.append(("Read from", "card (nibble-swapped BCD)")) }
        rows.append(("Industry", "89 (telecommunications)"))
        if let code = iccid.countryCode, let written = iccid.countryCodeDigits {
            rows.append(("Country code", "+\(code) (written \(written)): \(regionList(iccid.regions))"))
        } else {
            rows.append(("Country code", "not an assigned E.164 code"))
        }
        rows.append(("Check digit", "\(iccid.checkDigit) (Luhn, valid)"))
        return ["ICCID (ITU-T E.118)"] + table(rows + carrierRows(carriers))
    }

    static func eid(_ eid: EID) -> [String] {
        var rows: [(String, String)] = [("Digits", grouped(eid.digits))]
        if let layout = eid.layout {
            let regions = eid.regions.isEmpty ? "" : ": " + regionList(eid.regions)
            rows += [
                ("Numbering", "SGP.02 (starts with 89)"),
                ("Country code", layout.countryCode + regions),
                ("Issuer", layout.issuerIdentifier),
                ("Platform/OS", layout.platformAndOSVersion),
                ("Issuer info", layout.additionalIssuerInformation),
                ("Serial", layout.individualIdentificationNumber),
            ]
        } else {
            rows.append(("Numbering", "SGP.29 (EIN/ESIN; fields not split)"))
        }
        rows.append(("Check digits", "\(eid.checkDigits) (ISO 7064 MOD 97-10, valid)"))
        return ["EID (eUICC identifier)"] + table(rows)
    }

    static func imsi(_ decoded: DecodedIMSI, carriers: [CarrierMentions.Mention]? = nil) -> [String] {
        let imsi = decoded.imsi
        var rows: [(String, String)] = [("Digits", imsi.digits)]
        rows.append(("MCC", imsi.mcc + (imsi.regions.isEmpty ? " (unassigned)" : ": " + regionList(imsi.regions))))
        switch imsi.mncLength {
        case .known(let length):
            rows.append(("MNC", "\(imsi.mnc ?? "") (\(length) digits, from the MNC-length table)"))
            rows.append(("MSIN", imsi.msin ?? ""))
        case .ambiguous:
            for reading in imsi.readings {
                rows.append(("MNC \(reading.mnc.count) digits", "MNC \(reading.mnc), MSIN \(reading.msin)"))
            }
            rows.append(("MNC length", "ambiguous: not in the table; the SIM's EF_AD decides"))
        }
        return ["IMSI (3GPP TS 23.003)"] + table(rows + carrierRows(carriers))
    }

    /// "Carrier" on the first row only; the rest continue under it.
    static func carrierRows(_ carriers: [CarrierMentions.Mention]?) -> [(String, String)] {
        guard let carriers else { return [] }
        if carriers.isEmpty { return [("Carrier", "not known (see 'esimtool carrier list')")] }
        return carriers.enumerated().map { index, mention in
            (index == 0 ? "Carrier" : "", "\(mention.name) (\(mention.id)): \(mention.reason)")
        }
    }

    /// What an invalid input gets on stderr: the error, a caret under its offset, and a
    /// hint when strict decoding or a shell's `$` is the likely cause.
    static func report(failureOf result: DecodeResult, input: String, fromStandardInput: Bool, console: Console) {
        guard let failure = result.failure else { return }
        console.error("\(result.kind.displayName): \(failure.message) (offset \(failure.offset))")
        for line in caret(input: input, offset: failure.offset) { console.err(line) }
        if result.failedOnlyUnderStrict {
            console.err("  (a deviation phones accept; --strict makes it an error)")
        }
        if failure.code == ActivationCodeError.Code.missingDelimiter.rawValue, !fromStandardInput {
            console.err("  (in a shell, put the code in single quotes: '$' starts a variable there)")
        }
    }

    /// One QR code of an image: its block (under a heading when the image holds several),
    /// or the error naming the code's text.
    static func imageCode(_ result: DecodeResult, text: String, index: Int, of count: Int, in path: String,
                          carriers: [CarrierMentions.Mention]?, console: Console) {
        if count > 1 {
            if index > 0 { console.out("") }
            console.out("QR code \(index + 1) of \(count) in \(path)")
        }
        if let failure = result.failure {
            let shown = text.count > 80 ? String(text.prefix(80)) + "…" : text
            console.error("QR code \(index + 1) in \(path) holds '\(shown)': \(result.kind.displayName): \(failure.message) (offset \(failure.offset))")
            return
        }
        block(result, carriers: carriers).forEach(console.out)
        for warning in result.warnings { console.warning("\(result.kind.displayName): \(warning.message)") }
    }

    /// `7 inputs: 6 valid (1 with warnings), 1 invalid`.
    static func summary(_ tally: DecodeTally) -> String {
        "\(tally.total) input\(tally.total == 1 ? "" : "s"): \(tally.valid + tally.warned) valid (\(tally.warned) with warnings), \(tally.invalid) invalid"
    }

    /// One line for `--file` output.
    static func line(_ result: DecodeResult, number: Int) -> String {
        var output = JSONBytes()
        writeLine(result, number: number, to: &output)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// One line for `--file` output, straight into bytes (no line end): `6: valid
    /// activation code: LPA:1$…`, `7: invalid ICCID: … (offset 19)`.
    static func writeLine(_ result: DecodeResult, number: Int, to output: inout JSONBytes) {
        output.int(number)
        if let failure = result.failure {
            output.raw(": invalid ")
            writeKindName(result.kind, to: &output)
            output.raw(": ")
            output.text(failure.message)
            output.raw(" (offset ")
            output.int(failure.offset)
            output.raw(")")
            return
        }
        output.raw(": valid ")
        writeKindName(result.kind, to: &output)
        output.raw(": ")
        switch result {
        case .activationCode(.success(let decoded)): decoded.code.writeCanonicalText(to: &output, escaped: false)
        case .iccid(.success(let decoded)): output.text(decoded.iccid.digits)
        case .eid(.success(let eid)): output.text(eid.digits)
        case .imsi(.success(let decoded)):
            let imsi = decoded.imsi
            output.text(imsi.digits)
            output.raw(" (MCC ")
            output.text(imsi.mcc)
            if let mnc = imsi.mnc {
                output.raw(", MNC ")
                output.text(mnc)
                output.raw(")")
            } else {
                output.raw(", MNC length ambiguous)")
            }
        default: break
        }
        guard result.hasWarnings else { return }
        let warnings = result.warnings
        output.raw("  [warnings: ")
        for (index, warning) in warnings.enumerated() {
            if index > 0 { output.raw(", ") }
            output.text(warning.code)
        }
        output.raw("]")
    }

    /// ``InputKind/displayName``, without building a string.
    static func writeKindName(_ kind: InputKind, to output: inout JSONBytes) {
        switch kind {
        case .activationCode: output.raw("activation code")
        case .iccid: output.raw("ICCID")
        case .eid: output.raw("EID")
        case .imsi: output.raw("IMSI")
        }
    }

    /// The input with a caret under `offset`, for single-line inputs of modest length.
    static func caret(input: String, offset: Int) -> [String] {
        let scalars = Array(input.unicodeScalars)
        guard offset <= scalars.count, !scalars.contains(where: { $0 == "\n" || $0 == "\r" }) else { return [] }
        let window = 72
        let start = max(0, min(offset - window / 2, scalars.count - window))
        let end = min(scalars.count, start + window)
        var shown = ""
        for scalar in scalars[start..<end] {
            // Keep one column per character: show controls and invisibles as '?'.
            shown.unicodeScalars.append(scalar.value < 0x20 || scalar.value >= 0x7F ? "?" : scalar)
        }
        let lead = start > 0 ? "…" : ""
        let trail = end < scalars.count ? "…" : ""
        return ["  " + lead + shown + trail,
                "  " + String(repeating: " ", count: lead.count + offset - start) + "^"]
    }

    /// A header and rows in columns two spaces apart, each line after `indent`; the last
    /// column is not padded.
    static func columns(_ header: [String], _ rows: [[String]], indent: String = "") -> [String] {
        var widths = header.map(\.count)
        for row in rows { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
        func line(_ cells: [String]) -> String {
            indent + cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }
        return [line(header)] + rows.map(line)
    }

    static func table(_ rows: [(String, String)]) -> [String] {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count + 2) + $0.1 }
    }

    static func grouped(_ digits: String) -> String {
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && index % 4 == 0 { result += " " }
            result.append(character)
        }
        return result
    }

    static func regionList(_ regions: [String]) -> String {
        guard let first = regions.first else { return "non-geographic" }
        let main = RegionNames.name(first) + " (\(first))"
        return regions.count == 1 ? main : main + " and \(regions.count - 1) more"
    }
}
