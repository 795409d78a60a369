#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ESIMSupport

/// Shared measuring code: a clock, medians and best rounds (the seeded generator is
/// ESIMSupport's SplitMix64).

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
    /// The fastest round: on a shared machine, the one least disturbed.
    var best: Double { seconds.min() ?? 0 }
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

/// Measures two pieces of work in alternating rounds (A, B, A, B, …), so that both see
/// the same machine: on a shared machine, noise comes in phases that would otherwise
/// fall on one side.
func measureInterleaved(_ nameA: String, _ nameB: String, rounds: Int, count: Int,
                        _ bodyA: () -> Int, _ bodyB: () -> Int) -> (Measurement, Measurement) {
    _ = bodyA()
    _ = bodyB()
    var secondsA: [Double] = []
    var secondsB: [Double] = []
    var checksum = 0
    for round in 0..<rounds {
        // Alternate which goes first, too.
        let order = round % 2 == 0 ? [0, 1] : [1, 0]
        for which in order {
            let start = now()
            checksum &+= which == 0 ? bodyA() : bodyB()
            (which == 0 ? { secondsA.append(now() - start) } : { secondsB.append(now() - start) })()
        }
    }
    if checksum == Int.min { print("") }
    return (Measurement(name: nameA, seconds: secondsA, count: count),
            Measurement(name: nameB, seconds: secondsB, count: count))
}
