/// A string-valued API enum (`phase`, `restartPolicy`, `type`...) as a struct, so that values a newer
/// cluster sends decode and are kept instead of failing the whole object.
///
/// Conforming types get `Codable` from `RawRepresentable`, string-literal initialisation and a description.
public protocol KubernetesEnum: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible where RawValue == String
{
    /// Creates a value from its string; every string is accepted.
    init(rawValue: String)
}

extension KubernetesEnum {
    /// Creates a value from a string literal.
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    /// The string as sent by the server.
    public var description: String { rawValue }
}

extension KeyedDecodingContainer {
    /// Decodes an API enum through the string path (picked by synthesized `Codable` over the generic
    /// one): the generic path costs about a third more per field in `JSONDecoder`.
    func decodeIfPresent<Value: KubernetesEnum>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        try decodeIfPresent(String.self, forKey: key).map(Value.init(rawValue:))
    }

    /// Decodes an API enum through the string path.
    func decode<Value: KubernetesEnum>(_ type: Value.Type, forKey key: Key) throws -> Value {
        Value(rawValue: try decode(String.self, forKey: key))
    }
}
