import Foundation

/// The API server's protobuf framing: `k8s\0` then a `runtime.Unknown` whose `raw` is the object.
enum ProtobufEnvelope {
    /// The media type PodDoctor asks for (with JSON as the fallback for kinds that have no protobuf).
    static let mediaType = "application/vnd.kubernetes.protobuf"
    /// The four magic bytes before every protobuf object.
    static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]
    /// Whether a `Content-Type` is the protobuf encoding (`;stream=watch` included).
    static func isProtobuf(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        return contentType.lowercased().hasPrefix(mediaType)
    }

    /// The `runtime.Unknown` inside an envelope.
    static func unwrap(_ body: Data) throws(ProtobufDecodingError) -> PBRuntimeUnknown {
        guard body.count >= magic.count, body.prefix(magic.count).elementsEqual(magic) else {
            throw ProtobufDecodingError("the body does not start with the protobuf magic k8s\\0")
        }
        return try message(PBRuntimeUnknown.self, body.dropFirst(magic.count))
    }

    /// Decodes one message, skipping the fields PodDoctor does not read.
    static func message<M: WireMessage>(_ type: M.Type, _ bytes: Data) throws(ProtobufDecodingError) -> M {
        do {
            return try M(wireBytes: bytes)
        } catch {
            throw ProtobufDecodingError("not a valid \(String(describing: M.self).dropFirst(2)) message: \(error)")
        }
    }
}

/// A protobuf body that does not decode; wrapped in ``DecodingFailure`` with the URL.
struct ProtobufDecodingError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
