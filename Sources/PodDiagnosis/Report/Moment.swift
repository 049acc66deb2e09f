import Foundation
import KubeModel

/// The moment a diagnosis speaks of, and where it came from: every age, window and budget is
/// measured from it, so the same objects judged at the same moment give the same verdict on any day.
public struct Moment: Codable, Sendable, Equatable {
    /// Where a moment came from.
    public struct Source: StringValue {
        /// The id as printed in JSON.
        public let rawValue: String
        /// Creates a source from its id.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// `api-server-clock`: the `Date` header of the API server's responses (live).
        public static let apiServer = Source(rawValue: "api-server-clock")
        /// `snapshot`: the time a `poddoctor snapshot` recorded it was taken.
        public static let snapshot = Source(rawValue: "snapshot")
        /// `newest-timestamp`: the newest timestamp in the input (plain `kubectl get` files); the capture was at or after it.
        public static let newestTimestamp = Source(rawValue: "newest-timestamp")
        /// `given`: chosen by the caller (`--at`, or a library call with an explicit time).
        public static let given = Source(rawValue: "given")
        /// `local-clock`: this machine's clock (nothing better was known).
        public static let localClock = Source(rawValue: "local-clock")
    }

    /// The moment.
    public var time: Time
    /// Where it came from.
    public var source: Source

    /// Creates a moment.
    public init(_ date: Date, source: Source) {
        time = Time(date)
        self.source = source
    }

    /// The moment as a date.
    public var date: Date { time.date }

    /// `2026-11-25T14:00:00Z, the API server's clock`.
    public var description: String {
        let words: String
        switch source {
        case .apiServer: words = "the API server's clock"
        case .snapshot: words = "when the snapshot was taken"
        case .newestTimestamp: words = "the newest timestamp in the input (it was captured then or later; --at sets another moment)"
        case .given: words = "as given (--at)"
        case .localClock: words = "this machine's clock"
        default: words = source.rawValue
        }
        return "\(time.description), \(words)"
    }
}
