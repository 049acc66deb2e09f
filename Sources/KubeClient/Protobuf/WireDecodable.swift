import Foundation
import KubeModel

/// A KubeModel type the API server can send in its protobuf encoding: the kinds PodDoctor reads and
/// `PartialObjectMetadata`. The response decodes into the same model the JSON path produces.
protocol WireDecodable: Codable, Sendable, Equatable {
    /// Decodes one object from its message bytes (the envelope's `raw`).
    static func decodeWire(_ raw: Data, typeMeta: PBRuntimeTypeMeta) throws(ProtobufDecodingError) -> Self
    /// Decodes a list message (`PodList`...).
    static func decodeWireList(_ raw: Data, typeMeta: PBRuntimeTypeMeta) throws(ProtobufDecodingError) -> ObjectList<Self>
}

/// A ``WireDecodable`` kind with one message and one list message.
protocol WireKind: WireDecodable, KubernetesObject {
    associatedtype Wire: WireMessage
    associatedtype WireList: WireMessage
    /// The model of a message; `kind` and `apiVersion` are left as a list item has them (unset).
    init(wire: Wire)
    /// The list's metadata and items.
    static func parts(of list: WireList) -> (PBMetaListMeta, [Wire])
    /// The kind as sent (`nil` in list items).
    var kind: String? { get set }
    /// The API version as sent (`nil` in list items).
    var apiVersion: String? { get set }
}

extension WireKind {
    static func decodeWire(_ raw: Data, typeMeta: PBRuntimeTypeMeta) throws(ProtobufDecodingError) -> Self {
        var object = Self(wire: try ProtobufEnvelope.message(Wire.self, raw))
        object.kind = typeMeta.kind.nilIfEmpty
        object.apiVersion = typeMeta.apiVersion.nilIfEmpty
        return object
    }

    static func decodeWireList(_ raw: Data, typeMeta: PBRuntimeTypeMeta) throws(ProtobufDecodingError) -> ObjectList<Self> {
        let (meta, items) = parts(of: try ProtobufEnvelope.message(WireList.self, raw))
        return ObjectList(kind: typeMeta.kind.nilIfEmpty, apiVersion: typeMeta.apiVersion.nilIfEmpty,
                          metadata: ListMeta(wire: meta), items: items.map(Self.init(wire:)))
    }
}

extension PartialObjectMetadata: WireDecodable {
    static func decodeWire(_ raw: Data, typeMeta: PBRuntimeTypeMeta) throws(ProtobufDecodingError) -> PartialObjectMetadata {
        let message = try ProtobufEnvelope.message(PBMetaPartialObjectMetadata.self, raw)
        return PartialObjectMetadata(kind: typeMeta.kind.nilIfEmpty, apiVersion: typeMeta.apiVersion.nilIfEmpty,
                                     metadata: ObjectMeta(wire: message.metadata))
    }

    static func decodeWireList(_ raw: Data, typeMeta: PBRuntimeTypeMeta) throws(ProtobufDecodingError) -> ObjectList<PartialObjectMetadata> {
        let list = try ProtobufEnvelope.message(PBMetaPartialObjectMetadataList.self, raw)
        return ObjectList(kind: typeMeta.kind.nilIfEmpty, apiVersion: typeMeta.apiVersion.nilIfEmpty,
                          metadata: ListMeta(wire: list.metadata),
                          items: list.items.map { PartialObjectMetadata(kind: nil, apiVersion: nil, metadata: ObjectMeta(wire: $0.metadata)) })
    }
}

extension Pod: WireKind {
    static func parts(of list: PBCorePodList) -> (PBMetaListMeta, [PBCorePod]) { (list.metadata, list.items) }
}
extension Node: WireKind {
    static func parts(of list: PBCoreNodeList) -> (PBMetaListMeta, [PBCoreNode]) { (list.metadata, list.items) }
}
extension Namespace: WireKind {
    static func parts(of list: PBCoreNamespaceList) -> (PBMetaListMeta, [PBCoreNamespace]) { (list.metadata, list.items) }
}
extension Event: WireKind {
    static func parts(of list: PBCoreEventList) -> (PBMetaListMeta, [PBCoreEvent]) { (list.metadata, list.items) }
}
extension Service: WireKind {
    static func parts(of list: PBCoreServiceList) -> (PBMetaListMeta, [PBCoreService]) { (list.metadata, list.items) }
}
extension Endpoints: WireKind {
    static func parts(of list: PBCoreEndpointsList) -> (PBMetaListMeta, [PBCoreEndpoints]) { (list.metadata, list.items) }
}
extension EndpointSlice: WireKind {
    static func parts(of list: PBDiscoveryEndpointSliceList) -> (PBMetaListMeta, [PBDiscoveryEndpointSlice]) { (list.metadata, list.items) }
}
extension ConfigMap: WireKind {
    static func parts(of list: PBCoreConfigMapList) -> (PBMetaListMeta, [PBCoreConfigMap]) { (list.metadata, list.items) }
}
extension Secret: WireKind {
    static func parts(of list: PBCoreSecretList) -> (PBMetaListMeta, [PBCoreSecret]) { (list.metadata, list.items) }
}
extension PersistentVolumeClaim: WireKind {
    static func parts(of list: PBCorePersistentVolumeClaimList) -> (PBMetaListMeta, [PBCorePersistentVolumeClaim]) { (list.metadata, list.items) }
}
extension ResourceQuota: WireKind {
    static func parts(of list: PBCoreResourceQuotaList) -> (PBMetaListMeta, [PBCoreResourceQuota]) { (list.metadata, list.items) }
}
extension LimitRange: WireKind {
    static func parts(of list: PBCoreLimitRangeList) -> (PBMetaListMeta, [PBCoreLimitRange]) { (list.metadata, list.items) }
}
extension ServiceAccount: WireKind {
    static func parts(of list: PBCoreServiceAccountList) -> (PBMetaListMeta, [PBCoreServiceAccount]) { (list.metadata, list.items) }
}
extension ReplicaSet: WireKind {
    static func parts(of list: PBAppsReplicaSetList) -> (PBMetaListMeta, [PBAppsReplicaSet]) { (list.metadata, list.items) }
}
extension Deployment: WireKind {
    static func parts(of list: PBAppsDeploymentList) -> (PBMetaListMeta, [PBAppsDeployment]) { (list.metadata, list.items) }
}
extension StatefulSet: WireKind {
    static func parts(of list: PBAppsStatefulSetList) -> (PBMetaListMeta, [PBAppsStatefulSet]) { (list.metadata, list.items) }
}
extension DaemonSet: WireKind {
    static func parts(of list: PBAppsDaemonSetList) -> (PBMetaListMeta, [PBAppsDaemonSet]) { (list.metadata, list.items) }
}
extension Job: WireKind {
    static func parts(of list: PBBatchJobList) -> (PBMetaListMeta, [PBBatchJob]) { (list.metadata, list.items) }
}
extension CronJob: WireKind {
    static func parts(of list: PBBatchCronJobList) -> (PBMetaListMeta, [PBBatchCronJob]) { (list.metadata, list.items) }
}

/// An `ObjectList` of a ``WireDecodable`` kind, decodable from a list message.
protocol WireList {
    /// Decodes a list message.
    static func decodeWireList(_ raw: Data, typeMeta: PBRuntimeTypeMeta) throws(ProtobufDecodingError) -> Self
}

extension ObjectList: WireList where Item: WireDecodable {
    static func decodeWireList(_ raw: Data, typeMeta: PBRuntimeTypeMeta) throws(ProtobufDecodingError) -> ObjectList<Item> {
        try Item.decodeWireList(raw, typeMeta: typeMeta)
    }
}

extension Status {
    /// The Status an error body holds, in JSON or in the protobuf envelope; `nil` when it holds none.
    init?(body: Data, contentType: String?) {
        if ProtobufEnvelope.isProtobuf(contentType) {
            guard let unknown = try? ProtobufEnvelope.unwrap(body),
                  let message = try? ProtobufEnvelope.message(PBMetaStatus.self, unknown.raw) else { return nil }
            self.init(wire: message)
            kind = unknown.typeMeta.kind.nilIfEmpty
            apiVersion = unknown.typeMeta.apiVersion.nilIfEmpty
        } else {
            guard let decoded = try? JSONDecoder().decode(Status.self, from: body) else { return nil }
            self = decoded
        }
    }
}
