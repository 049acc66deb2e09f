import Foundation
import KubeModel

/// Label and field selectors and paging for lists and watches.
public struct ListOptions: Sendable, Equatable {
    /// A label selector, e.g. `app=web,tier!=cache`.
    public var labelSelector: String?
    /// A field selector, e.g. `spec.nodeName=node-1` or `involvedObject.uid=…`.
    public var fieldSelector: String?
    /// Items per page (`limit`); 0 asks for everything at once.
    public var limit: Int

    /// Creates options; pages of 500 by default, as kubectl uses.
    public init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int = 500) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
    }

    var query: [(String, String)] {
        var query: [(String, String)] = []
        if let labelSelector, !labelSelector.isEmpty { query.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { query.append(("fieldSelector", fieldSelector)) }
        return query
    }
}

/// The `Accept` header that asks for metadata only (never a Secret's data). There is no plain
/// fallback: a server or proxy that cannot answer with metadata only answers 406, rather than
/// sending the whole object (a Secret's data) over the wire.
public enum MetadataAccept {
    /// For a GET of one object.
    public static let object = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1"
    /// For a LIST (the fallback would be refused with 406 anyway, so there is none).
    public static let list = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1"
    /// For a GET of one object, protobuf first (both choices are metadata only).
    public static let protobufObject = "application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1, " + object
    /// For a LIST, protobuf first (both choices are metadata only).
    public static let protobufList = "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1, " + list
}

extension KubernetesClient {
    /// The URL path of a kind's collection or of one object: `/api/v1/namespaces/NS/pods/NAME`.
    /// `namespace` is ignored for cluster-scoped kinds; `nil` lists across all namespaces.
    public static func path<T: KubernetesObject>(
        _ type: T.Type, namespace: String? = nil, name: String? = nil, subresource: String? = nil
    ) -> String {
        var path = T.apiPath
        if T.isNamespaced, let namespace, !namespace.isEmpty { path += "/namespaces/\(segment(namespace))" }
        path += "/\(T.resource)"
        if let name { path += "/\(segment(name))" }
        if let subresource { path += "/\(subresource)" }
        return path
    }

    /// Reads one object. Throws ``APIError`` for a non-2xx answer (`isNotFound`, `isForbidden`...).
    public func get<T: KubernetesObject>(_ type: T.Type, name: String, namespace: String? = nil) async throws -> T {
        try await decode(T.self, from: send(request(path: Self.path(T.self, namespace: namespace, name: name), headers: ["Accept": accept(T.self)])))
    }

    /// Reads one object's metadata only (`PartialObjectMetadata`): what PodDoctor reads of Secrets.
    public func getMetadata<T: KubernetesObject>(_ type: T.Type, name: String, namespace: String? = nil) async throws -> PartialObjectMetadata {
        let request = request(path: Self.path(T.self, namespace: namespace, name: name), headers: ["Accept": metadataAccept(list: false)])
        return try await decode(PartialObjectMetadata.self, from: send(request))
    }

    /// Lists every object (all pages) in `namespace`, or in all namespaces when it is `nil`.
    /// The items come from one consistent snapshot unless the list had to start over after a 410.
    public func list<T: KubernetesObject>(
        _ type: T.Type, namespace: String? = nil, options: ListOptions = ListOptions()
    ) async throws -> ObjectList<T> {
        try await Self.collect(pages(T.self, namespace: namespace, options: options))
    }

    /// Lists metadata only (`PartialObjectMetadataList`), all pages.
    public func listMetadata<T: KubernetesObject>(
        _ type: T.Type, namespace: String? = nil, options: ListOptions = ListOptions()
    ) async throws -> ObjectList<PartialObjectMetadata> {
        try await Self.collect(ListPages<PartialObjectMetadata>(
            client: self, path: Self.path(T.self, namespace: namespace), options: options,
            accept: metadataAccept(list: true)))
    }

    /// Every item of every page, each through `transform` (when given) as its page arrives; a page
    /// marked `restarted` drops what earlier pages gave.
    static func collect<Item>(_ pages: ListPages<Item>, transform: ((Item) -> Item)? = nil) async throws -> ObjectList<Item> {
        var items: [Item] = []
        var last = ObjectList<Item>(items: [])
        for try await page in pages {
            if page.restarted { items.removeAll() }
            if let transform { items += page.list.items.map(transform) } else { items.append(contentsOf: page.list.items) }
            last = page.list
        }
        return ObjectList(kind: last.kind, apiVersion: last.apiVersion,
                          metadata: ListMeta(resourceVersion: last.metadata.resourceVersion), items: items)
    }

    /// The pages of a list, one at a time, so a large cluster never sits in memory twice. With
    /// `readAhead` (the default) the next page is requested as soon as a page arrives; without it, only
    /// when asked for (a caller that may stop after the first page).
    public func pages<T: KubernetesObject>(
        _ type: T.Type, namespace: String? = nil, options: ListOptions = ListOptions(), readAhead: Bool = true
    ) -> ListPages<T> {
        ListPages(client: self, path: Self.path(T.self, namespace: namespace), options: options, accept: accept(T.self),
                  readAhead: readAhead)
    }

    /// The server's version (`GET /version`).
    public func serverVersion() async throws -> ServerVersion {
        try await decode(ServerVersion.self, from: send(request(path: "/version", headers: Self.json)))
    }

    /// Decodes a 2xx answer as `T`, from JSON or, for the kinds that have it, protobuf (as the
    /// `Content-Type` says); throws ``APIError`` for other statuses and ``DecodingFailure`` (naming
    /// the JSON path) when the body does not fit.
    public func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse) throws -> T {
        guard response.isSuccess else { throw APIError(response: response) }
        do {
            if ProtobufEnvelope.isProtobuf(response.headers["Content-Type"]) {
                return try Self.decodeProtobuf(T.self, from: response.body)
            }
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw DecodingFailure(url: response.metrics.url, error: error)
        }
    }

    /// The `Accept` header for a kind: protobuf first when the kind has it and the client asks for it
    /// (its watch framing for a watch), JSON as the fallback.
    func accept<T>(_ type: T.Type, watch: Bool = false) -> String {
        guard wireFormat == .protobuf, T.self is any WireDecodable.Type else { return "application/json" }
        return ProtobufEnvelope.mediaType + (watch ? ";stream=watch" : "") + ", application/json"
    }

    /// The `Accept` header of a metadata-only read, in the client's wire format first.
    func metadataAccept(list: Bool) -> String {
        switch (wireFormat, list) {
        case (.protobuf, false): return MetadataAccept.protobufObject
        case (.protobuf, true): return MetadataAccept.protobufList
        case (.json, false): return MetadataAccept.object
        case (.json, true): return MetadataAccept.list
        }
    }

    /// Decodes a protobuf body as an object or a list of a ``WireDecodable`` kind.
    static func decodeProtobuf<T>(_ type: T.Type, from body: Data) throws -> T {
        let unknown = try ProtobufEnvelope.unwrap(body)
        let decoded: Any
        if let kind = T.self as? any WireDecodable.Type {
            decoded = try kind.decodeWire(unknown.raw, typeMeta: unknown.typeMeta)
        } else if let list = T.self as? any WireList.Type {
            decoded = try list.decodeWireList(unknown.raw, typeMeta: unknown.typeMeta)
        } else {
            throw ProtobufDecodingError("\(T.self) has no protobuf encoding here, yet the server sent one")
        }
        guard let value = decoded as? T else {
            throw ProtobufDecodingError("the protobuf body is not a \(T.self)")
        }
        return value
    }

    static let json: HTTPHeaders = ["Accept": "application/json"]

    /// Escapes a name for a path segment.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~:@"))) ?? text
    }
}
