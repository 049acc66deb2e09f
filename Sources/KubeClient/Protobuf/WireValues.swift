import Foundation
import KubeModel

// Conversions of the protobuf encoding's value messages into KubeModel's value types. The JSON and
// protobuf paths must give equal models, so each conversion mirrors what the JSON decoding makes of
// the same value (see Tests/KubeClientTests/ProtobufTests.swift).

extension Time {
    /// A `meta.v1.Time`; the zero time (the Go encoder's empty message, JSON `null`) is `nil`.
    init?(wire: PBMetaTime) {
        guard let date = WireTime.date(seconds: wire.seconds, nanos: wire.nanos) else { return nil }
        self.init(date)
    }
}

extension MicroTime {
    /// A `meta.v1.MicroTime`; the zero time is `nil`.
    init?(wire: PBMetaMicroTime) {
        guard let date = WireTime.date(seconds: wire.seconds, nanos: wire.nanos) else { return nil }
        self.init(date)
    }
}

/// Seconds and nanoseconds to a `Date`, computed the way the RFC 3339 parser computes a JSON time
/// (whole seconds plus the fraction digit by digit), so both paths give the same `Date`.
enum WireTime {
    static func date(seconds: Int64, nanos: Int32) -> Date? {
        guard seconds != 0 || nanos != 0 else { return nil }
        var fraction = 0.0
        var scale = 0.1
        var divisor: Int32 = 100_000_000
        let nanos = max(0, min(nanos, 999_999_999))
        while divisor > 0 {
            fraction += Double(nanos / divisor % 10) * scale
            scale /= 10
            divisor /= 10
        }
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// The JSON of a time: RFC 3339, with microseconds when it has a fraction; `null` for the zero time.
    static func json(seconds: Int64, nanos: Int32) -> JSONValue {
        guard let date = date(seconds: seconds, nanos: nanos) else { return .null }
        return .string(nanos == 0 ? Time(date).description : MicroTime(date).description)
    }
}

extension Quantity {
    /// A `resource.Quantity` (its canonical string).
    init(wire: PBResourceQuantity) { self.init(wire.string) }
}

extension IntOrString {
    /// An `intstr.IntOrString`: `type` 0 is the integer, 1 the string.
    init(wire: PBIntstrIntOrString) {
        self = wire.type == 1 ? .string(wire.strVal) : .int(Int(wire.intVal))
    }
}

extension String {
    /// `nil` for the empty string: Go's encoder writes `""` for every unset string field, which
    /// JSON leaves out.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension Array {
    /// `nil` for an empty list: protobuf cannot tell an empty list from an absent one.
    var nilIfEmpty: [Element]? { isEmpty ? nil : self }
}

extension Dictionary {
    /// `nil` for an empty map.
    var nilIfEmpty: [Key: Value]? { isEmpty ? nil : self }
}
