import ESIMKit
import ESIMSupport

/// `esimtool-bench decode`: activation-code and identifier decoding throughput.
enum DecodeBenchmark {
    /// The varied corpus: mostly well-formed codes of different shapes, plus deviations,
    /// errors and setup links in the proportions a batch from the field might have.
    static func corpus(count: Int) -> [String] {
        var rng = SplitMix64(seed: 2026)
        let hosts = ["smdp.example.com", "rsp.example.net", "consumer.rsp.example.org", "sm-dp-plus.example.co.uk",
                     "esim.prod.example.io", "a.b.example"]
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")
        func token(_ length: Int) -> String {
            var text = ""
            for index in 0..<length {
                if index > 0 && index % 5 == 0 { text.append("-") }
                text.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
            }
            return text
        }
        var codes: [String] = []
        codes.reserveCapacity(count)
        for index in 0..<count {
            let host = hosts[index % hosts.count]
            let id = token(8 + Int(rng.next() % 17))
            switch rng.next() % 20 {
            case 0..<8: codes.append("LPA:1$\(host)$\(id)")
            case 8..<10: codes.append("LPA:1$\(host)$\(id)$$1")
            case 10: codes.append("1$\(host)$\(id)$1.3.6.1.4.1.\(rng.next() % 90000)$1")
            case 11: codes.append("lpa:1$\(host)$\(id)")
            case 12: codes.append("LPA:1$\(host):443$\(id)")                 // warning
            case 13: codes.append("LPA:1$\(host)$\(id)$$0")                  // warning
            case 14: codes.append("LPA:1$\(host)$\(id)$$1$F54172BDF98A95D65CBEB88A38A1C11D800A85C3")
            case 15: codes.append("LPA:1$smdp_\(host)$\(id)")                // error
            case 16: codes.append("LPA:1$\(host)$\(id)$$$1")                 // error
            case 17: codes.append("LPA:1$\(host)$\(id)$482913")              // error
            case 18: codes.append("https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA%3A1%24\(host)%24\(id)")
            default: codes.append("  LPA:1$\(host)$\(id)\n")
            }
        }
        return codes
    }

    /// A baseline in the style of the common scripts: split on `$`, check each field with
    /// high-level string operations.
    @inline(never)
    static func naiveDecode(_ text: String) -> Bool {
        var body = Substring(text.trimmingCharactersInWhitespace())
        if body.lowercased().hasPrefix("lpa:") { body = body.dropFirst(4) }
        let fields = body.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 2, fields[0] == "1", !fields[1].isEmpty else { return false }
        let labels = fields[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }) else {
            return false
        }
        if fields.count > 2, !fields[2].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) { return false }
        if fields.count > 3, !fields[3].isEmpty, !fields[3].split(separator: ".").allSatisfy({ Int($0) != nil }) { return false }
        if fields.count > 4, !["", "1"].contains(fields[4]) { return false }
        return true
    }

    static func run(count: Int, rounds: Int, profileOnly: Bool) {
        let codes = corpus(count: count)
        if profileOnly {
            var total = 0
            for _ in 0..<rounds {
                for code in codes { if let decoded = try? ActivationCode.decode(code) { total &+= decoded.warnings.count } }
            }
            print(total)
            return
        }
        var validCount = 0
        for code in codes where (try? ActivationCode.decode(code)) != nil { validCount += 1 }
        print("corpus: \(count) activation codes, \(validCount) valid (\(100 * validCount / count)%), median of \(rounds) rounds, one thread")

        let decoder = measure("ActivationCode.decode", rounds: rounds, count: count) {
            var valid = 0
            for code in codes {
                if let decoded = try? ActivationCode.decode(code) {
                    valid &+= decoded.warnings.count &+ (decoded.code.confirmationCodeRequired ? 1 : 0)
                }
            }
            return valid
        }
        let decoderWithFields = measure("ActivationCode.decode + every field as a String", rounds: rounds, count: count) {
            var total = 0
            for code in codes {
                if let decoded = try? ActivationCode.decode(code) {
                    let value = decoded.code
                    total &+= value.smdpAddress.utf8.count &+ value.matchingID.utf8.count
                        &+ (value.smdpOID?.utf8.count ?? 0) &+ (value.ciPublicKeyID?.utf8.count ?? 0)
                }
            }
            return total
        }
        let baseline = measure("baseline (split and check)", rounds: rounds, count: count) {
            var valid = 0
            for code in codes where naiveDecode(code) { valid &+= 1 }
            return valid
        }

        let identifiers: [String] = (0..<count).map { index in
            switch index % 3 {
            case 0: return "89014100000000000129"
            case 1: return "89044011112233441122334411223321"
            default: return "310260000000001"
            }
        }
        let identifierRun = measure("InputDecoder.decode (ICCID/EID/IMSI mix)", rounds: rounds, count: count) {
            var valid = 0
            for text in identifiers where InputDecoder.decode(text).isValid { valid &+= 1 }
            return valid
        }

        for result in [decoder, decoderWithFields, baseline, identifierRun] {
            let rate = result.perSecond / 1e6
            let nanos = result.median / Double(result.count) * 1e9
            print("\(result.name): \(format(rate)) M/s (\(format(nanos)) ns each)")
        }
        print("decoder vs baseline: \(format(decoder.perSecond / baseline.perSecond))x")
    }
}

extension String {
    func trimmingCharactersInWhitespace() -> Substring {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return slice
    }
}
