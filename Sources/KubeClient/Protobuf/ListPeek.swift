import Foundation

/// Reads a protobuf list's continue token without decoding its items: the list message's
/// `metadata` (field 1, a `ListMeta`) is found by skipping the other fields by their lengths.
enum ListPeek {
    /// The `continue` of a protobuf list body, or `nil` (JSON, no token, or not a list).
    static func continueToken(_ response: HTTPResponse) -> String? {
        guard ProtobufEnvelope.isProtobuf(response.headers["Content-Type"]),
              let unknown = try? ProtobufEnvelope.unwrap(response.body),
              let meta = field(1, in: unknown.raw),
              let listMeta = try? ProtobufEnvelope.message(PBMetaListMeta.self, meta) else { return nil }
        return listMeta.continue.nilIfEmpty
    }

    /// The bytes of the first length-delimited field `number` of a message, or `nil`.
    static func field(_ number: UInt64, in message: Data) -> Data? {
        message.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Data? in
            var index = 0
            func varint() -> UInt64? {
                var value: UInt64 = 0
                var shift: UInt64 = 0
                while index < bytes.count, shift < 64 {
                    let byte = bytes[index]
                    index += 1
                    value |= UInt64(byte & 0x7F) << shift
                    if byte & 0x80 == 0 { return value }
                    shift += 7
                }
                return nil
            }
            while index < bytes.count {
                guard let key = varint() else { return nil }
                switch key & 7 {
                case 0: guard varint() != nil else { return nil }
                case 1: index += 8
                case 5: index += 4
                case 2:
                    guard let length = varint(), length <= UInt64(bytes.count - index) else { return nil }
                    if key >> 3 == number { return Data(bytes[index..<(index + Int(length))]) }
                    index += Int(length)
                default: return nil
                }
            }
            return nil
        }
    }
}
