/// Overloads (internal: importing KubeModel never changes how other modules decode) that synthesized `Codable` picks over the generic `decodeIfPresent(_:forKey:)` for the
/// value types that are strings or numbers in JSON. In Foundation's `JSONDecoder` the generic path
/// costs noticeably more per field than the string and integer ones; these keep large pod lists fast.
extension KeyedDecodingContainer {
    /// Decodes a ``Time`` through the string path.
    func decodeIfPresent(_ type: Time.Type, forKey key: Key) throws -> Time? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = RFC3339Parser.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not an RFC 3339 time: \(text)")
        }
        return Time(date)
    }

    /// Decodes a ``MicroTime`` through the string path.
    func decodeIfPresent(_ type: MicroTime.Type, forKey key: Key) throws -> MicroTime? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = RFC3339Parser.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not an RFC 3339 time: \(text)")
        }
        return MicroTime(date)
    }

    /// Decodes a string map (labels, annotations, selectors) key by key, faster than the generic
    /// dictionary path.
    func decodeIfPresent(_ type: [String: String].Type, forKey key: Key) throws -> [String: String]? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let container = try nestedContainer(keyedBy: JSONKey.self, forKey: key)
        var result: [String: String] = [:]
        for entry in container.allKeys { result[entry.stringValue] = try container.decode(String.self, forKey: entry) }
        return result
    }

    /// Decodes a resource map (`limits`, `requests`, `capacity`...) key by key, each quantity through
    /// the string path.
    func decodeIfPresent(_ type: [String: Quantity].Type, forKey key: Key) throws -> [String: Quantity]? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let container = try nestedContainer(keyedBy: JSONKey.self, forKey: key)
        var result: [String: Quantity] = [:]
        for entry in container.allKeys { result[entry.stringValue] = try container.decodeQuantity(forKey: entry) }
        return result
    }

    /// Decodes a ``Quantity`` through the string path (a JSON number is accepted too).
    func decodeIfPresent(_ type: Quantity.Type, forKey key: Key) throws -> Quantity? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeQuantity(forKey: key)
    }

    /// Decodes an ``IntOrString`` without the generic path.
    func decodeIfPresent(_ type: IntOrString.Type, forKey key: Key) throws -> IntOrString? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let number = try? decode(Int.self, forKey: key) { return .int(number) }
        return .string(try decode(String.self, forKey: key))
    }

    /// Decodes an integer saturating: a number beyond `Int`'s range (`1e30`, `2^64`) is clamped to it
    /// and a fractional one truncated, so absurd input cannot trap arithmetic later nor make a whole
    /// list unreadable; a string or a non-finite number is an error naming the field.
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let value = try? decode(Int.self, forKey: key) { return value }
        guard let number = try? decode(Double.self, forKey: key), number.isFinite else {
            throw DecodingError.typeMismatch(Int.self, DecodingError.Context(
                codingPath: codingPath + [key], debugDescription: "expected an integer"))
        }
        if number >= 9.2e18 { return Int.max }
        if number <= -9.2e18 { return Int.min }
        return Int(number)
    }

    private func decodeQuantity(forKey key: Key) throws -> Quantity {
        if let text = try? decode(String.self, forKey: key) { return Quantity(text) }
        if let integer = try? decode(Int64.self, forKey: key) { return Quantity(String(integer)) }
        return Quantity(String(try decode(Double.self, forKey: key)))
    }
}
