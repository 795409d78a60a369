#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ESIMKit
import SwiftASN1

/// Plan text and profile lists, each beside a baseline doing less on the same input:
/// - plan text: `Plan(text:)` against the three regular expressions one would write by
///   hand (price, GB, days), which read a fraction of what the reader does;
/// - DER: `ProfileList(derEncoded:)` against swift-asn1 parsing the same bytes into its
///   node tree and visiting every node (no model, no checks).
enum PlansBenchmark {
    static let descriptions = [
        "Unlimited Premium, $85.99/mo, 50GB premium data then 3 Mbps, 30GB hotspot, Mexico & Canada included",
        "USA 5GB 30 days $11",
        "1 GB/day for 7 days, then 512 kbps",
        "Go5G Plus: $90/mo per line w/ AutoPay, unlimited talk, text & 5G data, 100GB premium data, 50GB high-speed hotspot",
        "Plan: Global Traveler; Data: 20 GB; Validity: 180 days; Price: 99 USD; Coverage: 140+ countries",
        "Europe 10GB 30 days €17.50, 5G, 35 countries",
        "Talk & text only, 500 minutes, $10/mo",
        "$140/mo for 4 lines, unlimited data at up to 5 Mbps, hotspot not included, 480p video",
    ]

    static func run(samples: String, count: Int, rounds: Int) {
        let texts = (0..<count).map { descriptions[$0 % descriptions.count] }
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        print("plan text: \(count) descriptions (\(bytes / 1000) KB), medians of \(rounds) rounds")
        let price = try! Regex(#"\$(\d+(?:\.\d+)?)"#)
        let data = try! Regex(#"(\d+(?:\.\d+)?)\s*GB"#)
        let days = try! Regex(#"(\d+)\s*days"#)
        let (reader, regexes) = measureInterleaved("Plan(text:)", "three regexes", rounds: rounds, count: count, {
            var found = 0
            for text in texts { if let plan = try? Plan(text: text), plan.price != nil || plan.data != nil { found += 1 } }
            return found
        }, {
            var found = 0
            for text in texts {
                if (try? price.firstMatch(in: text)) != nil { found += 1 }
                if (try? data.firstMatch(in: text)) != nil { found += 1 }
                if (try? days.firstMatch(in: text)) != nil { found += 1 }
            }
            return found
        })
        report(reader, against: regexes, unit: "plans")

        guard let der = try? readFile(samples + "/../Profiles/profile-list.der") else {
            print("DER: \(samples)/../Profiles/profile-list.der not found; skipped")
            return
        }
        let derCount = count
        print("")
        print("profile list DER: \(derCount) decodes of a \(der.count)-byte list (3 profiles and an EID)")
        let (model, nodes) = measureInterleaved("ProfileList(derEncoded:)", "swift-asn1 nodes", rounds: rounds, count: derCount, {
            var profiles = 0
            for _ in 0..<derCount { profiles &+= (try? ProfileList(derEncoded: der))?.profiles.count ?? 0 }
            return profiles
        }, {
            var visited = 0
            for _ in 0..<derCount {
                var offset = 0
                while offset < der.count, let root = try? DER.parse(Array(der[offset...])) {
                    visited &+= visit(root)
                    offset += root.encodedBytes.count
                }
            }
            return visited
        })
        report(model, against: nodes, unit: "lists")
    }

    private static func visit(_ node: ASN1Node) -> Int {
        switch node.content {
        case .constructed(let children): 1 + children.reduce(0) { $0 + visit($1) }
        case .primitive(let bytes): 1 + bytes.count
        }
    }

    private static func report(_ ours: Measurement, against baseline: Measurement, unit: String) {
        for measurement in [ours, baseline] {
            let perItem = measurement.median / Double(measurement.count) * 1e9
            print("  \(measurement.name.padded(26)) \(format(measurement.perSecond / 1e6, 1000)) M \(unit)/s  \(format(perItem, 10)) ns each")
        }
        print("  ratio \(format(ours.perSecond / baseline.perSecond)) × the baseline's rate")
    }

    private static func readFile(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw BenchError.unreadable }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let read = fread(&buffer, 1, buffer.count, file)
            if read <= 0 { break }
            bytes += buffer[0..<read]
        }
        return bytes
    }

    enum BenchError: Error { case unreadable }
}
