#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shared measuring code: a clock, a seeded generator, medians.

struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}


struct Measurement {
    var name: String
    var seconds: [Double]
    var count: Int
    var median: Double { seconds.sorted()[seconds.count / 2] }
    var perSecond: Double { Double(count) / median }
}

func measure(_ name: String, rounds: Int, count: Int, _ body: () -> Int) -> Measurement {
    _ = body() // warm-up
    var seconds: [Double] = []
    var checksum = 0
    for _ in 0..<rounds {
        let start = now()
        checksum &+= body()
        seconds.append(now() - start)
    }
    if checksum == Int.min { print("") } // keeps the work observable
    return Measurement(name: name, seconds: seconds, count: count)
}

func format(_ value: Double, _ places: Double = 100) -> String {
    String((value * places).rounded() / places)
}
