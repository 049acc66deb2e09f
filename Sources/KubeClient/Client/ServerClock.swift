import Foundation

/// The API server's clock, as its responses' `Date` headers tell it: a diagnosis speaks of the
/// server's moment, so a workstation whose clock is off does not shift the verdict.
final class ServerClock: @unchecked Sendable {
    private let lock = NSLock()
    /// Server time minus local time, from the latest response that carried a `Date` header.
    private var offset: TimeInterval?

    /// Records the `Date` header of a response received at `receivedAt`.
    func observe(_ headers: HTTPHeaders, receivedAt: Date = Date()) {
        guard let value = headers["Date"], let date = Self.parse(value) else { return }
        lock.withLock { offset = date.timeIntervalSince(receivedAt) }
    }

    /// The server's time now, when a response has told it.
    func now(local: Date = Date()) -> Date? {
        lock.withLock { offset.map { local.addingTimeInterval($0) } }
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Parses an HTTP date in its preferred form (RFC 9110 IMF-fixdate): `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let month = months.firstIndex(of: String(parts[2])),
              let year = Int(parts[3]), (1970...9999).contains(year), (1...31).contains(day) else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (0...23).contains(clock[0]), (0...59).contains(clock[1]), (0...60).contains(clock[2]) else { return nil }
        var components = DateComponents()
        components.year = year
        components.month = month + 1
        components.day = day
        components.hour = clock[0]
        components.minute = clock[1]
        components.second = clock[2]
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        return calendar.date(from: components)
    }
}
