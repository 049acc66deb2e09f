import Foundation
import KubeModel

/// Why a watch started over: ``WatchStream`` reconnects (or lists again) by itself and says so.
public enum WatchRestart: String, Sendable, CaseIterable {
    /// The server ended the watch (its `timeoutSeconds`): it goes on from the last resource version.
    case ended
    /// The connection dropped or timed out: it reconnects after a back-off.
    case dropped
    /// The server answered 429 or 5xx: it reconnects after a back-off.
    case serverError = "server-error"
    /// The resource version is too old (410): it lists again.
    case expired
}

/// A change seen by a watch.
public enum WatchEvent<Object: HasMetadata>: Sendable {
    /// The watch (re)started from a fresh list: these are all objects now; forget earlier state.
    case listed([Object], resourceVersion: String?)
    /// An object appeared.
    case added(Object)
    /// An object changed.
    case modified(Object)
    /// An object was deleted (its last state).
    case deleted(Object)
    /// The server confirmed progress up to this resource version.
    case bookmark(resourceVersion: String)
}

/// A watch that survives: an `AsyncSequence` of typed events that reconnects from the last
/// resource version after a dropped connection or a server restart (with back-off), and lists again
/// when the server says that version is too old (410). Errors that a retry cannot fix (401, 403,
/// 404, a broken object) are thrown.
public struct WatchStream<Object: HasMetadata>: AsyncSequence, Sendable {
    /// A change.
    public typealias Element = WatchEvent<Object>

    let client: KubernetesClient
    let namespace: String?
    /// The collection's path (`/api/v1/namespaces/NS/pods`).
    let path: String
    let options: ListOptions
    /// Whether objects come as metadata only (`PartialObjectMetadata`).
    let metadataOnly: Bool
    /// Applied to every object before it is yielded, page by page while listing (see ``KubernetesClient/watch(_:namespace:options:resourceVersion:maxBackoff:transform:onRestart:)``).
    let transform: (@Sendable (Object) -> Object)?
    let resourceVersion: String?
    /// The longest wait between reconnection attempts.
    let maxBackoff: Duration
    /// Told each time the watch starts over (``WatchRestart``).
    let onRestart: (@Sendable (WatchRestart) -> Void)?

    /// Iterates over the events.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let watch: WatchStream
        var resourceVersion: String?
        var needsList: Bool
        var lines: WatchRecords?
        var failures = 0
        /// Whether the current connection has yielded an event (an empty stream counts as a failure).
        var yielded = false

        /// The next event; it waits as long as nothing changes.
        public mutating func next() async throws -> WatchEvent<Object>? {
            while true {
                try Task.checkCancellation()
                do {
                    if needsList {
                        let items = try await list()
                        needsList = false
                        failures = 0
                        return .listed(items, resourceVersion: resourceVersion)
                    }
                    if lines == nil {
                        try await connect()
                        yielded = false
                    }
                    let streaming = lines != nil
                    guard streaming, let line = try await lines?.next() else {
                        // The server ended the watch (timeoutSeconds): continue from where we are,
                        // after a pause when this connection gave nothing (a proxy answering empty).
                        if streaming { watch.onRestart?(.ended) }
                        lines = nil
                        if !yielded && !needsList { try await backOff() }
                        continue
                    }
                    let event: WatchEvent<Object>?
                    switch line {
                    case .json(let bytes):
                        if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
                        event = try handle(bytes)
                    case .protobuf(let frame):
                        event = try handle(frame: frame)
                    }
                    if let event {
                        failures = 0
                        yielded = true
                        return event
                    }
                } catch let error as TransportError where Self.isTransient(error) {
                    lines = nil
                    watch.onRestart?(.dropped)
                    try await backOff()
                } catch let error as APIError where error.code == 429 || error.code >= 500 {
                    lines = nil
                    watch.onRestart?(.serverError)
                    try await backOff()
                }
            }
        }

        /// Lists page by page, each page transformed as it arrives, so the full objects of a large
        /// cluster are never all in memory at once; remembers the list's resource version.
        private mutating func list() async throws -> [Object] {
            let accept = watch.metadataOnly ? watch.client.metadataAccept(list: true) : watch.client.accept(Object.self)
            let list = try await KubernetesClient.collect(
                ListPages<Object>(client: watch.client, path: watch.path, options: watch.options, accept: accept), transform: watch.transform)
            resourceVersion = list.metadata.resourceVersion
            return list.items
        }

        private mutating func connect() async throws {
            var query = watch.options.query
            query.append(("watch", "1"))
            query.append(("allowWatchBookmarks", "true"))
            if let resourceVersion { query.append(("resourceVersion", resourceVersion)) }
            // Like client-go, ask the server to end the watch after 5 to 10 minutes, then resume.
            query.append(("timeoutSeconds", String(Int.random(in: 300...600))))
            let accept = watch.metadataOnly ? watch.client.metadataAccept(list: false) : watch.client.accept(Object.self, watch: true)
            let response = try await watch.client.stream(watch.client.request(path: watch.path, query: query, headers: ["Accept": accept]))
            if response.status == 410 {
                response.body.cancel()
                watch.onRestart?(.expired)
                needsList = true
                return
            }
            guard response.isSuccess else {
                let body = try await response.body.collect(upTo: 64 << 10)
                throw APIError(response: HTTPResponse(
                    status: response.status, headers: response.headers, body: Data(body),
                    metrics: TransferMetrics(method: .get, url: response.url, status: response.status, httpVersion: "",
                                             duration: .zero, newConnections: 0, bytesReceived: body.count)))
            }
            lines = ProtobufEnvelope.isProtobuf(response.headers["Content-Type"])
                ? .frames(response.body.frames().makeAsyncIterator()) : .lines(response.body.lines().makeAsyncIterator())
        }

        /// Decodes one protobuf frame (a `meta.v1.WatchEvent` whose object is an enveloped object).
        private mutating func handle(frame: [UInt8]) throws -> WatchEvent<Object>? {
            let event: PBMetaWatchEvent
            let unknown: PBRuntimeUnknown
            do {
                event = try ProtobufEnvelope.message(PBMetaWatchEvent.self, Data(frame))
                unknown = try ProtobufEnvelope.unwrap(event.object.raw)
            } catch {
                throw DecodingFailure(url: watchURL, error: error)
            }
            return try self.event(
                event.type, object: { try KubernetesClient.decodeProtobuf(Object.self, from: event.object.raw) },
                // Every kind's message has its ObjectMeta as field 1, as PartialObjectMetadata does.
                bookmark: { (try? ProtobufEnvelope.message(PBMetaPartialObjectMetadata.self, unknown.raw))?.metadata.resourceVersion.nilIfEmpty },
                status: { Status(body: event.object.raw, contentType: ProtobufEnvelope.mediaType) })
        }

        /// Decodes one line; returns `nil` for events handled here (an ERROR 410 leads to a new list).
        private mutating func handle(_ line: [UInt8]) throws -> WatchEvent<Object>? {
            let envelope: WatchEnvelope
            do {
                envelope = try JSONDecoder().decode(WatchEnvelope.self, from: Data(line))
            } catch {
                throw DecodingFailure(url: watchURL, error: error)
            }
            return try event(
                envelope.type, object: { try JSONDecoder().decode(WatchObject<Object>.self, from: Data(line)).object },
                bookmark: { envelope.object?.metadata?.resourceVersion },
                status: { try? JSONDecoder().decode(WatchObject<StatusObject>.self, from: Data(line)).object.status })
        }

        /// What an event of `type` means, in either encoding: `object` decodes its object, `bookmark`
        /// reads a BOOKMARK's resource version, `status` an ERROR's Status (a 410 leads to a new list).
        private mutating func event(
            _ type: String, object decode: () throws -> Object, bookmark: () -> String?, status: () -> Status?
        ) throws -> WatchEvent<Object>? {
            switch type {
            case "ADDED", "MODIFIED", "DELETED":
                let decoded: Object
                do {
                    decoded = try decode()
                } catch {
                    throw DecodingFailure(url: watchURL, error: error)
                }
                if let version = decoded.metadata.resourceVersion { resourceVersion = version }
                let object = watch.transform.map { $0(decoded) } ?? decoded
                switch type {
                case "ADDED": return .added(object)
                case "MODIFIED": return .modified(object)
                default: return .deleted(object)
                }
            case "BOOKMARK":
                guard let version = bookmark() else { return nil }
                resourceVersion = version
                return .bookmark(resourceVersion: version)
            case "ERROR":
                let status = status()
                if status?.code == 410 || status?.reason == "Expired" || status?.reason == "Gone" {
                    lines = nil
                    watch.onRestart?(.expired)
                    needsList = true
                    return nil
                }
                throw APIError(watchStatus: status, url: watch.path)
            default:
                return nil  // an event type from a newer server: skip it
            }
        }

        private var watchURL: String { watch.path + "?watch=1" }

        private mutating func backOff() async throws {
            failures += 1
            let delay = Swift.min(Duration.milliseconds(200) * (1 << Swift.min(failures, 8)), watch.maxBackoff)
            try await Task.sleep(for: Swift.max(delay, .milliseconds(100)))
        }

        private static func isTransient(_ error: TransportError) -> Bool {
            [.connectionRefused, .connectionDropped, .truncatedResponse, .timeout, .connectTimeout, .nameResolution]
                .contains(error.kind)
        }
    }

    /// Makes an iterator; it lists first when no resource version was given.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(watch: self, resourceVersion: resourceVersion, needsList: resourceVersion == nil)
    }
}

extension KubernetesClient {
    /// Watches a kind in `namespace` (all namespaces when `nil`). Without `resourceVersion` the watch
    /// lists first, a page at a time (`options.limit`) and yields
    /// ``WatchEvent/listed(_:resourceVersion:)``, then the changes after it. `transform`, when given,
    /// is applied to each object as it is decoded (each page of a list in turn), as client-go's
    /// informers do to keep only what a cache needs.
    public func watch<T: KubernetesObject>(
        _ type: T.Type, namespace: String? = nil, options: ListOptions = ListOptions(),
        resourceVersion: String? = nil, maxBackoff: Duration = .seconds(30),
        transform: (@Sendable (T) -> T)? = nil, onRestart: (@Sendable (WatchRestart) -> Void)? = nil
    ) -> WatchStream<T> {
        WatchStream(client: self, namespace: namespace, path: Self.path(T.self, namespace: namespace), options: options, metadataOnly: false,
                    transform: transform, resourceVersion: resourceVersion, maxBackoff: maxBackoff, onRestart: onRestart)
    }

    /// Watches the metadata of a kind only (`PartialObjectMetadata`, as client-go's metadata
    /// informers do): what PodDoctor watches of Secrets, whose data it never reads.
    public func watchMetadata<T: KubernetesObject>(
        _ type: T.Type, namespace: String? = nil, options: ListOptions = ListOptions(), maxBackoff: Duration = .seconds(30),
        transform: (@Sendable (PartialObjectMetadata) -> PartialObjectMetadata)? = nil,
        onRestart: (@Sendable (WatchRestart) -> Void)? = nil
    ) -> WatchStream<PartialObjectMetadata> {
        WatchStream(client: self, namespace: namespace, path: Self.path(T.self, namespace: namespace), options: options, metadataOnly: true,
                    transform: transform, resourceVersion: nil, maxBackoff: maxBackoff, onRestart: onRestart)
    }
}

/// The records of a watch body: JSON lines, or protobuf frames.
enum WatchRecords {
    /// One JSON event per line.
    case lines(HTTPBodyLines.AsyncIterator)
    /// One length-prefixed protobuf event per frame.
    case frames(HTTPBodyFrames.AsyncIterator)

    /// One record.
    enum Record {
        case json([UInt8])
        case protobuf([UInt8])
    }

    /// The next record, or `nil` at the end of the body.
    mutating func next() async throws -> Record? {
        switch self {
        case .lines(var iterator):
            defer { self = .lines(iterator) }
            return try await iterator.next().map(Record.json)
        case .frames(var iterator):
            defer { self = .frames(iterator) }
            return try await iterator.next().map(Record.protobuf)
        }
    }
}

/// The parts of a watch line read before the object's type is known.
private struct WatchEnvelope: Decodable {
    struct Stub: Decodable {
        struct Meta: Decodable { var resourceVersion: String? }
        var metadata: Meta?
    }

    var type: String
    var object: Stub?
}

private struct WatchObject<Object: Decodable>: Decodable {
    var object: Object
}

/// A Status inside an ERROR event.
private struct StatusObject: Decodable {
    var status: Status

    init(from decoder: any Decoder) throws {
        status = try Status(from: decoder)
    }
}

extension APIError {
    /// An error for an ERROR watch event that is not a 410.
    init(watchStatus: Status?, url: String) {
        let body = (try? JSONEncoder().encode(watchStatus ?? Status(message: "watch ended with an ERROR event"))) ?? Data()
        let code = watchStatus?.code ?? 500
        self.init(response: HTTPResponse(
            status: code, headers: ["Content-Type": "application/json"], body: body,
            metrics: TransferMetrics(method: .get, url: url, status: code, httpVersion: "", duration: .zero, newConnections: 0, bytesReceived: body.count)))
    }
}
