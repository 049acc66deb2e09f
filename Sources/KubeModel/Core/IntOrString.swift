/// A field that holds either an integer or a string (`intstr.IntOrString`): a port number or name
/// (`8080`, `"http"`), or an absolute or percentage amount (`1`, `"25%"`). Encodes back as it came.
public enum IntOrString: Codable, Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// An integer, e.g. a port number.
    case int(Int)
    /// A string, e.g. a port name or a percentage.
    case string(String)

    /// Creates an integer value from a literal.
    public init(integerLiteral value: Int) { self = .int(value) }

    /// Creates a string value from a literal.
    public init(stringLiteral value: String) { self = .string(value) }

    /// Decodes a JSON number or string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    /// Encodes a JSON number or string, as decoded.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }

    /// The integer, for an integer value.
    public var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The string, for a string value.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// `8080` or `http`.
    public var description: String {
        switch self {
        case .int(let value): String(value)
        case .string(let value): value
        }
    }
}
