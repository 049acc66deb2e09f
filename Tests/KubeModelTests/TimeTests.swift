import Foundation
import Testing
import KubeModel

@Suite("Time and MicroTime")
struct TimeTests {
    @Test(arguments: [
        ("2026-11-25T13:32:52Z", 1_795_613_572.0),
        ("2026-11-25T13:32:52.5Z", 1_795_613_572.5),
        ("2026-11-25T13:34:26.118000000Z", 1_795_613_666.118),
        ("2026-11-25T14:32:52+01:00", 1_795_613_572.0),
        ("1970-01-01T00:00:00Z", 0.0),
        ("2000-02-29T12:00:00Z", 951_825_600.0),
    ])
    func parsesRFC3339(text: String, seconds: Double) throws {
        let time = try #require(Time(rfc3339: text))
        #expect(abs(time.date.timeIntervalSince1970 - seconds) < 0.000_5)
    }

    @Test(arguments: ["", "2026-11-25", "2026-13-25T00:00:00Z", "2026-11-25T13:32:52", "2026-11-25T13:32:52.Z", "yesterday"])
    func rejectsWhatIsNotRFC3339(text: String) {
        #expect(Time(rfc3339: text) == nil)
    }

    @Test func encodesLikeTheAPIServer() throws {
        let encoder = JSONEncoder()
        let time = try #require(Time(rfc3339: "2026-11-25T13:32:52.9Z"))
        #expect(String(decoding: try encoder.encode(time), as: UTF8.self) == #""2026-11-25T13:32:52Z""#)
        let micro = MicroTime(Date(timeIntervalSince1970: 1_795_613_666.118))
        #expect(micro.description == "2026-11-25T13:34:26.118000Z")
        let decoded = try JSONDecoder().decode(MicroTime.self, from: Data(#""2026-11-25T13:34:26.118000Z""#.utf8))
        #expect(abs(decoded.date.timeIntervalSince1970 - 1_795_613_666.118) < 0.000_001)
    }

    @Test func invalidTimeIsADecodingError() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Time.self, from: Data(#""not a time""#.utf8)) }
    }
}
