// Benchmarks, run from a release build:
//
//     swift run -c release esimtool-bench                 # everything
//     swift run -c release esimtool-bench decode [--count N] [--rounds R]
//     swift run -c release esimtool-bench markup [--corpus DIR] [--rounds R]
//     swift run -c release esimtool-bench pages [--samples DIR] [--count N] [--rounds R]
//     swift run -c release esimtool-bench plans [--count N] [--rounds R]
//     swift run -c release esimtool-bench specs [--count N] [--rounds R]
//
// Every figure is measured in this run, beside a baseline measured on the same inputs
// in the same process, so the ratio holds whatever the machine.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

var arguments = Array(CommandLine.arguments.dropFirst())
let verb = arguments.first.map { $0.hasPrefix("-") ? "all" : $0 } ?? "all"
if verb != "all" { arguments.removeFirst() }

var count = 1_000_000
var rounds: Int?
var profileOnly = false
var corpus = "../shared/bench-corpus/html"
var samples = "Samples/Pages"
var countGiven = false
var iterator = arguments.makeIterator()
var positional: [String] = []
while let argument = iterator.next() {
    switch argument {
    case "--count": count = Int(iterator.next() ?? "") ?? count; countGiven = true
    case "--samples": samples = iterator.next() ?? samples
    case "--rounds": rounds = Int(iterator.next() ?? "")
    case "--corpus": corpus = iterator.next() ?? corpus
    case "--decode-only": profileOnly = true // for profilers: just the decoder loop
    case "--help", "-h":
        print("usage: esimtool-bench [decode|markup|pages|plans|specs] [--count N] [--rounds R] [--corpus DIR] [--samples DIR]")
        exit(0)
    default: positional.append(argument)
    }
}

switch verb {
case "decode":
    DecodeBenchmark.run(count: count, rounds: rounds ?? 7, profileOnly: profileOnly)
case "markup":
    MarkupBenchmark.run(corpus: corpus, rounds: rounds ?? 5)
case "markup-profile" where positional.count == 2:
    // markup-profile c|swift parse|rules: one side, 40 pages, one pass (for valgrind).
    MarkupBenchmark.runOneSide(corpus: corpus, side: positional[0], limit: count == 1_000_000 ? 40 : count,
                               rules: positional[1] == "rules")
case "markup-memory" where positional.count == 2:
    MarkupBenchmark.reportMemory(engine: positional[0], path: positional[1])
case "pages-profile":
    // One side only, for profilers: pages-profile [baseline|validate|generic] [--full-size] over the copies.
    PagesBenchmark.profile(samples: samples, copies: countGiven ? count : 1000, rounds: rounds ?? 20,
                           baseline: positional.contains("baseline"), validate: positional.contains("validate"),
                           generic: positional.contains("generic"),
                           fullSizeCorpus: positional.contains("--full-size") ? corpus : nil)
case "page-rules" where positional.count == 1:
    // page-rules PAGE: the rules inspect reads PAGE with, as XPath lines for a C one-shot
    // (Scripts/bench-commands): "A xpath" an account field, "E xpath" the line blocks,
    // "L xpath" a line field inside each block; a field's first markup rule.
    PagesBenchmark.printRules(page: positional[0])
case "pages":
    PagesBenchmark.run(samples: samples, copies: countGiven ? count : 1000, rounds: rounds ?? 5, corpus: corpus)
case "plans":
    PlansBenchmark.run(samples: samples, count: countGiven ? count : 100_000, rounds: rounds ?? 7)
case "specs":
    // --count: extra renamed copies of the specs with pages (default 100).
    SpecsBenchmark.run(copies: countGiven ? count : 100, rounds: rounds ?? 9)
case "all":
    DecodeBenchmark.run(count: count, rounds: rounds ?? 7, profileOnly: false)
    print("")
    MarkupBenchmark.run(corpus: corpus, rounds: rounds ?? 5)
    print("")
    PagesBenchmark.run(samples: samples, copies: 1000, rounds: rounds ?? 5, corpus: corpus)
    print("")
    PlansBenchmark.run(samples: samples, count: 100_000, rounds: rounds ?? 7)
    print("")
    SpecsBenchmark.run(copies: 100, rounds: rounds ?? 9)
default:
    print("usage: esimtool-bench [decode|markup|pages|plans|specs] [--count N] [--rounds R] [--corpus DIR] [--samples DIR]")
    exit(64)
}
