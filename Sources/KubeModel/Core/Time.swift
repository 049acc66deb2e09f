import Foundation

/// A Kubernetes timestamp (`metav1.Time`): RFC 3339, encoded to the second in UTC
/// (`2026-11-25T13:32:52Z`). Decoding accepts fractions and offsets too.
///
/// Parsed by hand: `ISO8601DateFormatter` would dominate the decoding time of large pod lists.
public struct Time: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The instant.
    public var date: Date

    /// Creates a time from a date.
    public init(_ date: Date) { self.date = date }

    /// Parses RFC 3339 text; `nil` when it is not RFC 3339.
    public init?(rfc3339 text: String) {
        guard let date = RFC3339Parser.parse(text) else { return nil }
        self.date = date
    }

    /// Decodes from an RFC 3339 string.
    public init(from decoder: any Decoder) throws {
        date = try RFC3339Parser.decode(from: decoder)
    }

    /// Encodes as RFC 3339 to the second, in UTC.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// `2026-11-25T13:32:52Z`.
    public var description: String { RFC3339Parser.format(date, fractionDigits: 0) }

    /// Orders by instant.
    public static func < (lhs: Time, rhs: Time) -> Bool { lhs.date < rhs.date }
}

/// A Kubernetes timestamp with microseconds (`metav1.MicroTime`, e.g. `eventTime`):
/// `2026-11-25T13:34:26.118000Z`.
public struct MicroTime: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The instant.
    public var date: Date

    /// Creates a time from a date.
    public init(_ date: Date) { self.date = date }

    /// Decodes from an RFC 3339 string.
    public init(from decoder: any Decoder) throws {
        date = try RFC3339Parser.decode(from: decoder)
    }

    /// Encodes as RFC 3339 with six fraction digits, in UTC.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// `2026-11-25T13:34:26.118000Z`.
    public var description: String { RFC3339Parser.format(date, fractionDigits: 6) }

    /// Orders by instant.
    public static func < (lhs: MicroTime, rhs: MicroTime) -> Bool { lhs.date < rhs.date }
}

/// A small, allocation-free RFC 3339 parser and formatter.
enum RFC3339Parser {
    /// Decodes an RFC 3339 string value; a string that is not one is a `dataCorrupted` error.
    static func decode(from decoder: any Decoder) throws -> Date {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 time: \(text)")
        }
        return date
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`; `T` may be `t` or a space.
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count >= 20 else { return nil }
            func digits(_ start: Int, _ count: Int) -> Int? {
                var value = 0
                for index in start..<(start + count) {
                    let byte = bytes[index]
                    guard byte >= 48, byte <= 57 else { return nil }
                    value = value * 10 + Int(byte - 48)
                }
                return value
            }
            guard let year = digits(0, 4), bytes[4] == 45, let month = digits(5, 2), bytes[7] == 45,
                  let day = digits(8, 2), bytes[10] == 84 || bytes[10] == 116 || bytes[10] == 32,
                  let hour = digits(11, 2), bytes[13] == 58, let minute = digits(14, 2), bytes[16] == 58,
                  let second = digits(17, 2),
                  (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60
            else { return nil }
            var index = 19
            var fraction = 0.0
            if index < bytes.count, bytes[index] == 46 {
                index += 1
                var scale = 0.1
                let start = index
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                    fraction += Double(bytes[index] - 48) * scale
                    scale /= 10
                    index += 1
                }
                guard index > start else { return nil }
            }
            guard index < bytes.count else { return nil }
            var offset = 0
            switch bytes[index] {
            case 90, 122:  // Z, z
                guard index + 1 == bytes.count else { return nil }
            case 43, 45:  // +, -
                guard index + 6 == bytes.count, let offsetHours = digits(index + 1, 2), bytes[index + 3] == 58,
                      let offsetMinutes = digits(index + 4, 2)
                else { return nil }
                offset = (offsetHours * 3600 + offsetMinutes * 60) * (bytes[index] == 45 ? -1 : 1)
            default:
                return nil
            }
            let days = daysFromCivil(year: year, month: month, day: day)
            let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
            return Date(timeIntervalSince1970: Double(seconds) + fraction)
        }
    }

    /// Formats in UTC with `fractionDigits` digits after the second (0 for none).
    static func format(_ date: Date, fractionDigits: Int) -> String {
        let interval = date.timeIntervalSince1970
        let whole = Int(interval.rounded(.down))
        var days = whole / 86_400
        var secondOfDay = whole % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civilFromDays(days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if fractionDigits > 0 {
            var scale = 1
            for _ in 0..<fractionDigits { scale *= 10 }
            let fraction = min(scale - 1, Int(((interval - Double(whole)) * Double(scale)).rounded()))
            text += "." + pad(fraction, fractionDigits)
        }
        return text + "Z"
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count since 1970-01-01.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
