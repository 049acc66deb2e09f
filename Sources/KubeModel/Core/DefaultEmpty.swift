/// A value with an empty form, used when the API omits a field or sends `null` for it.
public protocol EmptyDefaultable: Codable, Equatable {
    /// The value a missing or `null` field decodes as.
    static var emptyValue: Self { get }
    /// Whether encoding may leave the field out (an empty collection).
    var isOmittedWhenEncoding: Bool { get }
}

extension Array: EmptyDefaultable where Element: Codable & Equatable {
    /// `[]`.
    public static var emptyValue: Array { [] }
    /// Whether the array is empty.
    public var isOmittedWhenEncoding: Bool { isEmpty }
}

extension Dictionary: EmptyDefaultable where Key: Codable, Value: Codable & Equatable {
    /// `[:]`.
    public static var emptyValue: Dictionary { [:] }
    /// Whether the dictionary is empty.
    public var isOmittedWhenEncoding: Bool { isEmpty }
}

extension ObjectMeta: EmptyDefaultable {
    /// Empty metadata.
    public static var emptyValue: ObjectMeta { ObjectMeta() }
    /// Metadata is always encoded.
    public var isOmittedWhenEncoding: Bool { false }
}

/// A non-optional property that decodes a missing or `null` field as its empty value
/// (`"containers": null` is `[]`), so that partial objects and watch bookmarks decode.
///
/// The synthesized `Codable` of the enclosing type stays in use: the `KeyedDecodingContainer` and
/// `KeyedEncodingContainer` overloads below are picked for wrapped properties.
@propertyWrapper
public struct DefaultEmpty<Value: EmptyDefaultable>: Codable, Equatable {
    /// The value.
    public var wrappedValue: Value

    /// Wraps a value.
    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    /// Decodes the value; `null` is the empty value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? Value.emptyValue : try container.decode(Value.self)
    }

    /// Encodes the value itself.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension DefaultEmpty: Hashable where Value: Hashable {}

extension DefaultEmpty: Sendable where Value: Sendable {}

extension KeyedDecodingContainer {
    /// Decodes a ``DefaultEmpty`` property: a missing key or `null` gives the empty value.
    public func decode<Value>(_ type: DefaultEmpty<Value>.Type, forKey key: Key) throws -> DefaultEmpty<Value> {
        DefaultEmpty(wrappedValue: try decodeIfPresent(Value.self, forKey: key) ?? Value.emptyValue)
    }
}

extension KeyedEncodingContainer {
    /// Encodes a ``DefaultEmpty`` property, leaving out empty collections.
    public mutating func encode<Value>(_ value: DefaultEmpty<Value>, forKey key: Key) throws {
        guard !value.wrappedValue.isOmittedWhenEncoding else { return }
        try encode(value.wrappedValue, forKey: key)
    }
}
