import Foundation
import KubeModel
import PodDiagnosis
import PropertyBased
import Testing

/// Random mutations of real pod JSON (values swapped for absurd ones, fields dropped or retyped,
/// numbers at the limits of Int, huge strings, odd dates) fed to the decoder and the engine: they
/// may refuse the input, never trap. A trap would end this test process, failing the run.
@Suite("Mutated input never traps")
struct MutationPropertyTests {
    /// The pods of a few scenarios, with everything their diagnosis reads, as JSON objects.
    static let seeds: [(objects: Data, now: Date)] = ["01-oom-node-heap", "07-liveness-too-early-spring", "39-init-crashloop-wait-for-db",
                                                       "49-readiness-probe-failing", "63-oom-loop-running-now", "73-startup-within-budget-jvm"]
        .compactMap { name in
            let folder = (Scenario.root as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: folder + "/objects.json"), let scenario = try? Scenario(folder: folder) else { return nil }
            return (data, scenario.now)
        }

    /// SplitMix64: the mutations follow from the generated seed alone (shrinking and replays work).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    }

    nonisolated(unsafe) static let absurd: [Any] = [
        Int.max, Int.min, -1, 0, 9_223_372_036_854_775_807, -9_223_372_036_854_775_808, 1e300, -1e300, 3.5, 1e-300,
        "", "x", String(repeating: "a", count: 100_000), "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-13-45T25:61:61Z",
        "-5Gi", "99999999999999999999999Ei", "1e400", "NaN", "\u{1B}[2J", "../../etc", NSNull(), true, false,
        [Any](), [String: Any](), [[[[Any]]]](), ["kind": "Pod"], [1, "two", NSNull()],
    ]

    static func mutate(_ value: Any, _ random: inout Random, depth: Int = 0) -> Any {
        switch value {
        case var object as [String: Any]:
            guard !object.isEmpty else { return object }
            let keys = object.keys.sorted()
            for _ in 0..<(1 + random.below(3)) {
                let key = keys[random.below(keys.count)]
                switch random.below(6) {
                case 0: object[key] = nil
                case 1: object[key] = absurd[random.below(absurd.count)]
                default: object[key] = mutate(object[key] ?? NSNull(), &random, depth: depth + 1)
                }
            }
            return object
        case var array as [Any]:
            guard !array.isEmpty else { return random.below(4) == 0 ? [absurd[random.below(absurd.count)]] : array }
            let index = random.below(array.count)
            switch random.below(5) {
            case 0: array.remove(at: index)
            case 1: array.append(array[index])
            default: array[index] = mutate(array[index], &random, depth: depth + 1)
            }
            return array
        default:
            return random.below(3) == 0 ? value : absurd[random.below(absurd.count)]
        }
    }

    @Test func decoderAndEngineRejectOrDiagnoseNeverTrap() async throws {
        #expect(!Self.seeds.isEmpty)
        nonisolated(unsafe) var decoded = 0
        await propertyCheck(count: 400, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var random = Random(state: UInt64(seed))
            let source = Self.seeds[random.below(Self.seeds.count)]
            guard let object = try? JSONSerialization.jsonObject(with: source.objects) else { return }
            var mutated = object
            for _ in 0..<(1 + random.below(8)) { mutated = Self.mutate(mutated, &random) }
            guard JSONSerialization.isValidJSONObject(mutated), let data = try? JSONSerialization.data(withJSONObject: mutated),
                  let objects = try? ObjectSet.decode(json: data) else { return }
            decoded += 1
            let now = source.now.addingTimeInterval(Double(random.below(400_000)) - 1000)
            let report = DiagnosisEngine.diagnose(objects.pods.map { objects.evidence(for: $0, now: now) })
            let json = ReportJSON.encode(report)
            #expect(json.hasPrefix("{"), "the report is JSON")
            _ = objects.newestTimestamp()
            _ = report.counts
        }
        #expect(decoded > 50, "most mutations should still decode (\(decoded) did)")
    }
}
