/// The provider database in the toolkit's own compact form: what ``ProviderDatabase`` reads
/// from `serviceproviders.xml`, one fact a line, so the tool carries the whole database in
/// its binary (about a third of the XML's size, read with no XML parser).
/// `Scripts/generate-provider-table` writes it from an upstream snapshot with
/// ``tableText``; ``init(table:path:)`` reads it back into an equal value.
///
/// Lines are tab-separated fields; the first field says what the line is:
/// ```
/// #esimtool-provider-table 1  <upstream date YYYYMMDD>  <where the snapshot came from>
/// P  <id> <country> <XML line> <name>     a provider; the lines after it are its facts
/// L  <alias>                              another name
/// N  <mcc> <mnc>                          a network code
/// B  <method> <0|1 top-up> <code> <text>  a balance check or top-up
/// V  <number>                             a voicemail number
/// A  <apn> <name> <username> <password> <authentication> <mmsc> <mms proxy>
/// AP <plan>    AU <usage>                 the last APN's plans and usages
/// ```
/// Optional fields are empty when absent and start with `=` when present (so an empty
/// value is `=`); `\`, tab and line feed in a field are written `\\`, `\t`, `\n`.
extension ProviderDatabase {
    package static let tableMagic = "#esimtool-provider-table 1"

    /// What a table's header says about the snapshot it was made from.
    package struct TableHeader: Hashable, Sendable {
        /// The upstream release date, `YYYYMMDD` (newest NEWS entry of the snapshot).
        package var date: Int
        package var source: String
    }

    /// The compact form of this database, with the header naming the snapshot.
    package func tableText(date: Int, source: String) -> String {
        var lines = ["\(Self.tableMagic)\t\(date)\t\(Self.escape(source))"]
        for carrier in carriers {
            guard case .providerDatabase(_, let line) = carrier.origin else { continue }
            lines.append(Self.row("P", carrier.id, carrier.country, String(line), carrier.name))
            for alias in carrier.aliases { lines.append(Self.row("L", alias)) }
            for code in carrier.networkCodes { lines.append(Self.row("N", code.mcc, code.mnc)) }
            for check in carrier.balanceChecks {
                lines.append(Self.row("B", check.method.rawValue, check.isTopUp ? "1" : "0", check.code, Self.optional(check.text)))
            }
            for number in voicemail[carrier.id] ?? [] { lines.append(Self.row("V", number)) }
            for apn in carrier.apns {
                lines.append(Self.row("A", apn.apn, Self.optional(apn.name), Self.optional(apn.username), Self.optional(apn.password),
                                      Self.optional(apn.authentication), Self.optional(apn.mmsc), Self.optional(apn.mmsProxy)))
                for plan in apn.plans { lines.append(Self.row("AP", plan)) }
                for usage in apn.usage { lines.append(Self.row("AU", usage.rawValue)) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a compact table; `path` names it in errors and in each carrier's origin.
    package init(table text: String, path: String) throws(ProviderDatabaseError) {
        self.path = path
        carriers = []
        voicemail = [:]
        unknownElements = []
        let source = FactSource.providerDatabase.id
        var lineNumber = 0
        func fail(_ message: String) -> ProviderDatabaseError {
            ProviderDatabaseError(.wrongFormat, message, file: path, line: lineNumber)
        }
        // Lines and fields are cut on bytes (a Character split would cost grapheme breaking).
        var lines: [[String]] = []
        var text = text
        text.withUTF8 { bytes in
            var fields: [String] = []
            var start = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : 0x0A
                guard byte == 0x0A || byte == 0x09 else { continue }
                if byte == 0x0A, index == bytes.count, start == index, fields.isEmpty { break }
                fields.append(Self.unescape(UnsafeBufferPointer(rebasing: bytes[start..<index])))
                start = index + 1
                if byte == 0x0A {
                    lines.append(fields)
                    fields = []
                }
            }
        }
        for fields in lines {
            lineNumber += 1
            if fields == [""] { continue }
            if lineNumber == 1 {
                guard fields.first == Self.tableMagic else { throw fail("not a provider table (no '\(Self.tableMagic)' header)") }
                continue
            }
            func field(_ index: Int) throws(ProviderDatabaseError) -> String {
                guard index < fields.count else { throw fail("'\(fields[0])' line has \(fields.count - 1) fields, needs at least \(index)") }
                return fields[index]
            }
            func optional(_ index: Int) throws(ProviderDatabaseError) -> String? {
                let value = try field(index)
                if value.isEmpty { return nil }
                guard value.hasPrefix("=") else { throw fail("field \(index) of a '\(fields[0])' line is neither empty nor '='-prefixed") }
                return String(value.dropFirst())
            }
            if fields[0] == "P" {
                guard let xmlLine = Int(try field(3)) else { throw fail("the provider's XML line is not a number") }
                carriers.append(Carrier(id: try field(1), name: try field(4), aliases: [], country: try field(2),
                                        sources: [source: .providerDatabase],
                                        origin: .providerDatabase(path: path, line: xmlLine)))
                continue
            }
            guard !carriers.isEmpty else { throw fail("a '\(fields[0])' line before the first provider") }
            let last = carriers.count - 1
            switch fields[0] {
            case "L": carriers[last].aliases.append(try field(1))
            case "N": carriers[last].networkCodes.append(NetworkCode(mcc: try field(1), mnc: try field(2), source: source))
            case "B":
                guard let method = BalanceCheck.Method(rawValue: try field(1)) else { throw fail("unknown balance-check method '\(fields[1])'") }
                carriers[last].balanceChecks.append(BalanceCheck(method: method, code: try field(3), text: try optional(4),
                                                                 isTopUp: try field(2) == "1", source: source))
            case "V": voicemail[carriers[last].id, default: []].append(try field(1))
            case "A":
                carriers[last].apns.append(AccessPointName(
                    apn: try field(1), name: try optional(2), username: try optional(3), password: try optional(4),
                    authentication: try optional(5), mmsc: try optional(6), mmsProxy: try optional(7), source: source))
            case "AP", "AU":
                guard !carriers[last].apns.isEmpty else { throw fail("an '\(fields[0])' line before the provider's first APN") }
                let apn = carriers[last].apns.count - 1
                if fields[0] == "AP" {
                    carriers[last].apns[apn].plans.append(try field(1))
                } else {
                    guard let usage = AccessPointName.Usage(rawValue: try field(1)) else { throw fail("unknown APN usage '\(fields[1])'") }
                    carriers[last].apns[apn].usage.append(usage)
                }
            default:
                throw fail("unknown line kind '\(fields[0])'")
            }
        }
        guard lineNumber > 0, lines.first?.first == Self.tableMagic else {
            lineNumber = 1
            throw fail("not a provider table (no '\(Self.tableMagic)' header)")
        }
    }

    /// The header of a compact table, `nil` when the text is none.
    package static func tableHeader(_ text: String) -> TableHeader? {
        guard let first = text.split(separator: "\n", maxSplits: 1).first else { return nil }
        let fields = first.split(separator: "\t", omittingEmptySubsequences: false).map { String($0) }
        guard fields.count >= 3, fields[0] == tableMagic, let date = Int(fields[1]) else { return nil }
        return TableHeader(date: date, source: fields[2])
    }

    private static func row(_ fields: String...) -> String {
        fields.map(escape).joined(separator: "\t")
    }

    private static func optional(_ value: String?) -> String {
        value.map { "=" + $0 } ?? ""
    }

    static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        var result = ""
        for character in field.unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    static func unescape(_ field: UnsafeBufferPointer<UInt8>) -> String {
        guard field.contains(0x5C) else { return String(decoding: field, as: UTF8.self) }
        var result: [UInt8] = []
        result.reserveCapacity(field.count)
        var escaping = false
        for byte in field {
            if escaping {
                switch byte {
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "r"): result.append(0x0D)
                default: result.append(byte)
                }
                escaping = false
            } else if byte == 0x5C {
                escaping = true
            } else {
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
