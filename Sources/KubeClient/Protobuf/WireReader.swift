import Foundation
import KubeModel

/// A message of the API server's protobuf encoding, decoded by the code Modules/KubernetesProto/generate.py
/// writes (Sources/KubeClient/Protobuf/Generated): fields PodDoctor does not read are skipped.
protocol WireMessage: Sendable {
    /// An empty message (every field unset).
    init()
    /// Decodes the message from the reader's remaining bytes.
    init(from reader: inout WireReader) throws(WireError)
    /// The message as Kubernetes JSON.
    var jsonValue: JSONValue { get }
}

extension WireMessage {
    /// Decodes a whole buffer as this message.
    init(wireBytes bytes: Data) throws(WireError) {
        let decoded: Result<Self, WireError> = bytes.withUnsafeBytes { buffer in
            var reader = WireReader(buffer, depth: 0)
            do throws(WireError) {
                return .success(try Self(from: &reader))
            } catch {
                return .failure(error)
            }
        }
        self = try decoded.get()
    }
}

/// A protobuf body that does not decode: what was wrong and where.
struct WireError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A message field that would make a value type recursive or too large to copy: held by reference.
final class WireBox<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Reads protobuf's binary wire format (varints, length-delimited fields) from a buffer, bounded:
/// every length is checked against what is left, and nesting is limited.
struct WireReader {
    private let buffer: UnsafeRawBufferPointer
    private var index: Int
    private let end: Int
    private let depth: Int

    /// The most messages nested in one another (Kubernetes objects need about 15).
    static let maxDepth = 64

    init(_ buffer: UnsafeRawBufferPointer, depth: Int) {
        self.buffer = buffer
        index = 0
        end = buffer.count
        self.depth = depth
    }

    private init(_ buffer: UnsafeRawBufferPointer, from start: Int, to end: Int, depth: Int) {
        self.buffer = buffer
        index = start
        self.end = end
        self.depth = depth
    }

    /// The next field's number and wire type, or `nil` at the end of the message.
    mutating func nextField() throws(WireError) -> (Int, Int)? {
        guard index < end else { return nil }
        let key = try varint()
        let number = key >> 3
        guard number > 0, number <= 536_870_911 else { throw WireError("field number \(number) at byte \(index)") }
        return (Int(number), Int(key & 7))
    }

    /// A varint.
    mutating func varint() throws(WireError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < end {
            let byte = buffer[index]
            index += 1
            if shift == 63 && byte > 1 { throw WireError("a varint longer than 64 bits at byte \(index)") }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw WireError("the message ends inside a varint")
    }

    /// An `int64` (two's complement in a varint).
    mutating func int64() throws(WireError) -> Int64 { Int64(bitPattern: try varint()) }
    /// An `int32` (negative values take ten bytes, as Go writes them).
    mutating func int32() throws(WireError) -> Int32 { Int32(truncatingIfNeeded: Int64(bitPattern: try varint())) }
    /// A `bool`.
    mutating func bool() throws(WireError) -> Bool { try varint() != 0 }

    /// The bounds of a length-delimited value.
    private mutating func lengthDelimited() throws(WireError) -> Range<Int> {
        let length = try varint()
        guard length <= UInt64(end - index) else {
            throw WireError("a field of \(length) bytes at byte \(index) runs past the end of its message (\(end - index) left)")
        }
        let range = index..<(index + Int(length))
        index = range.upperBound
        return range
    }

    /// A `string` (invalid UTF-8 is replaced, as JSON decoding would refuse it).
    mutating func string() throws(WireError) -> String {
        let range = try lengthDelimited()
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }

    /// A `bytes` value.
    mutating func bytes() throws(WireError) -> Data {
        Data(UnsafeRawBufferPointer(rebasing: buffer[try lengthDelimited()]))
    }

    /// A nested message.
    mutating func message<M: WireMessage>(_ type: M.Type) throws(WireError) -> M {
        let range = try lengthDelimited()
        guard depth < Self.maxDepth else { throw WireError("messages nested more than \(Self.maxDepth) deep") }
        var nested = WireReader(buffer, from: range.lowerBound, to: range.upperBound, depth: depth + 1)
        return try M(from: &nested)
    }

    /// A map entry (`key` = 1, `value` = 2) added to `map`; `value` reads the value at field 2, and an
    /// entry without one holds `empty` (proto's default: Go writes it, other encoders may leave it out).
    mutating func mapEntry<Value>(
        into map: inout [String: Value], empty: Value, value read: (inout WireReader) throws(WireError) -> Value
    ) throws(WireError) {
        let range = try lengthDelimited()
        var entry = WireReader(buffer, from: range.lowerBound, to: range.upperBound, depth: depth + 1)
        var key = ""
        var value: Value?
        while let (field, wireType) = try entry.nextField() {
            switch (field, wireType) {
            case (1, 2): key = try entry.string()
            case (2, _): value = try read(&entry)
            default: try entry.skip(wireType)
            }
        }
        map[key] = value ?? empty
    }

    /// Repeated varints packed in one length-delimited field.
    mutating func packed(_ read: (inout WireReader) throws(WireError) -> Void) throws(WireError) {
        let range = try lengthDelimited()
        var values = WireReader(buffer, from: range.lowerBound, to: range.upperBound, depth: depth)
        while values.index < values.end { try read(&values) }
    }

    /// Skips a field of a type this reader does not read here (a field the trimmed message leaves out).
    mutating func skip(_ wireType: Int) throws(WireError) {
        switch wireType {
        case 0: _ = try varint()
        case 1: try advance(8)
        case 2: _ = try lengthDelimited()
        case 5: try advance(4)
        default: throw WireError("wire type \(wireType) at byte \(index) (groups are not used by Kubernetes)")
        }
    }

    /// Skips every remaining field (a message kept empty), checking that they are well formed.
    mutating func skipAll() throws(WireError) {
        while let (_, wireType) = try nextField() { try skip(wireType) }
    }

    private mutating func advance(_ count: Int) throws(WireError) {
        guard end - index >= count else { throw WireError("the message ends inside a fixed-size field") }
        index += count
    }
}
