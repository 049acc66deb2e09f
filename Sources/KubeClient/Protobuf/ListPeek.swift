import Foundation

/// Reads a protobuf list's continue token without decoding its items: the list message's
/// `metadata` (field 1, a `ListMeta`) is decoded, the items are skipped by their lengths.
enum ListPeek {
    /// The `continue` of a protobuf list body, or `nil` (JSON, no token, or not a list).
    static func continueToken(_ response: HTTPResponse) -> String? {
        guard ProtobufEnvelope.isProtobuf(response.headers["Content-Type"]),
              let unknown = try? ProtobufEnvelope.unwrap(response.body) else { return nil }
        let meta = unknown.raw.withUnsafeBytes { buffer -> PBMetaListMeta? in
            var reader = WireReader(buffer, depth: 0)
            while let (field, wireType) = try? reader.nextField() {
                if field == 1, wireType == 2 { return try? reader.message(PBMetaListMeta.self) }
                guard (try? reader.skip(wireType)) != nil else { return nil }
            }
            return nil
        }
        return meta?.continue.nilIfEmpty
    }
}
