import Foundation

/// An event, read from either events API: core `v1` `Event` (`involvedObject`, `message`, `source`,
/// `firstTimestamp`/`lastTimestamp`, `count`) or `events.k8s.io/v1` `Event` (`regarding`, `note`,
/// `deprecatedSource`, `deprecated…Timestamp`, `deprecatedCount`, `reportingController`).
///
/// Every field of both shapes is decoded as sent (synthesized `Decodable`); the normalized accessors
/// (``involvedObject``, ``message``, ``count``, ``firstSeen``, ``lastSeen``, ``sourceComponent``)
/// give one view whatever the shape. The fields whose names the accessors take are stored as
/// ``coreInvolvedObject``, ``coreMessage`` and ``coreCount``. Encoding writes the core `v1` shape.
public struct Event: KubernetesObject {
    /// The core group, `""`: PodDoctor lists events through `/api/v1`.
    public static let group = ""
    /// `v1`.
    public static let version = "v1"
    /// `Event`.
    public static let kind = "Event"
    /// `events`.
    public static let resource = "events"
    /// Events live in a namespace.
    public static let isNamespaced = true

    /// `Event` when sent.
    public var kind: String?
    /// `v1` or `events.k8s.io/v1` when sent.
    public var apiVersion: String?
    /// The metadata; empty when the object has none.
    @DefaultEmpty public var metadata: ObjectMeta
    /// The object the event is about (core `involvedObject`).
    public var coreInvolvedObject: ObjectReference?
    /// The object the event is about (`events.k8s.io` `regarding`).
    public var regarding: ObjectReference?
    /// A second object involved, e.g. the node a pod was preempted for.
    public var related: ObjectReference?
    /// A machine-readable reason, e.g. `BackOff`, `Unhealthy`, `FailedScheduling`.
    public var reason: String?
    /// The description (core `message`).
    public var coreMessage: String?
    /// The description (`events.k8s.io` `note`).
    public var note: String?
    /// `Normal` or `Warning` (newer values are kept).
    public var type: EventType?
    /// The reporter (core `source`).
    public var source: EventSource?
    /// The reporter (`events.k8s.io` `deprecatedSource`).
    public var deprecatedSource: EventSource?
    /// When the event was first recorded (core).
    public var firstTimestamp: Time?
    /// When the event was last recorded (core).
    public var lastTimestamp: Time?
    /// When the event was first recorded (`events.k8s.io`).
    public var deprecatedFirstTimestamp: Time?
    /// When the event was last recorded (`events.k8s.io`).
    public var deprecatedLastTimestamp: Time?
    /// How many times it happened (core `count`).
    public var coreCount: Int?
    /// How many times it happened (`events.k8s.io` `deprecatedCount`).
    public var deprecatedCount: Int?
    /// When the event was first observed, with microseconds (new events API).
    public var eventTime: MicroTime?
    /// Repetitions of the event (new events API).
    public var series: EventSeries?
    /// What was done or failed, e.g. `Probe`, `Killing`.
    public var action: String?
    /// The reporting component (core field of the new API), e.g. `kubelet`.
    public var reportingComponent: String?
    /// The reporting controller (`events.k8s.io`), e.g. `kubelet`.
    public var reportingController: String?
    /// The reporting instance, e.g. the node name.
    public var reportingInstance: String?

    private enum CodingKeys: String, CodingKey {
        case kind, apiVersion, metadata
        case coreInvolvedObject = "involvedObject"
        case regarding, related, reason
        case coreMessage = "message"
        case note, type, source, deprecatedSource, firstTimestamp, lastTimestamp
        case deprecatedFirstTimestamp, deprecatedLastTimestamp
        case coreCount = "count"
        case deprecatedCount, eventTime, series, action, reportingComponent, reportingController, reportingInstance
    }

    /// Creates a core `v1` event.
    public init(
        metadata: ObjectMeta = ObjectMeta(), involvedObject: ObjectReference? = nil, reason: String? = nil,
        message: String? = nil, type: EventType? = nil, source: EventSource? = nil, firstTimestamp: Time? = nil,
        lastTimestamp: Time? = nil, count: Int? = nil, eventTime: MicroTime? = nil, series: EventSeries? = nil,
        action: String? = nil, related: ObjectReference? = nil, reportingComponent: String? = nil,
        reportingInstance: String? = nil
    ) {
        self.kind = Event.kind
        self.apiVersion = Event.apiVersion
        self.metadata = metadata
        self.coreInvolvedObject = involvedObject
        self.reason = reason
        self.coreMessage = message
        self.type = type
        self.source = source
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.coreCount = count
        self.eventTime = eventTime
        self.series = series
        self.action = action
        self.related = related
        self.reportingComponent = reportingComponent
        self.reportingInstance = reportingInstance
    }

    // MARK: Normalized accessors

    /// The object the event is about: `involvedObject`, else `regarding` (empty if neither).
    public var involvedObject: ObjectReference { coreInvolvedObject ?? regarding ?? ObjectReference() }

    /// The description: `message`, else `note`.
    public var message: String? { coreMessage.nonEmpty ?? note.nonEmpty }

    /// How many times it happened: `series.count`, else `count`, else `deprecatedCount`, else 1.
    public var count: Int {
        for value in [series?.count, coreCount, deprecatedCount] { if let value, value > 0 { return value } }
        return 1
    }

    /// When it last happened, as kubectl orders events (`SortableEvents`): `series.lastObservedTime`,
    /// else `lastTimestamp` (`deprecatedLastTimestamp`), else `eventTime`, else `firstTimestamp`
    /// (`deprecatedFirstTimestamp`), else the creation time.
    public var lastSeen: Date? {
        series?.lastObservedTime?.date ?? lastTimestamp?.date ?? deprecatedLastTimestamp?.date ?? eventTime?.date
            ?? firstTimestamp?.date ?? deprecatedFirstTimestamp?.date ?? metadata.creationTimestamp?.date
    }

    /// When it first happened, as kubectl describe shows it: `eventTime`, else `firstTimestamp`
    /// (`deprecatedFirstTimestamp`), else `lastTimestamp` (`deprecatedLastTimestamp`), else the creation time.
    public var firstSeen: Date? {
        eventTime?.date ?? firstTimestamp?.date ?? deprecatedFirstTimestamp?.date ?? lastTimestamp?.date
            ?? deprecatedLastTimestamp?.date ?? metadata.creationTimestamp?.date
    }

    /// The component that reported it: `source.component`, `deprecatedSource.component`,
    /// `reportingComponent` or `reportingController`, e.g. `kubelet`.
    public var sourceComponent: String? {
        source?.component.nonEmpty ?? deprecatedSource?.component.nonEmpty ?? reportingComponent.nonEmpty
            ?? reportingController.nonEmpty
    }

    /// The host or instance that reported it: `source.host`, `deprecatedSource.host` or `reportingInstance`.
    public var sourceHost: String? {
        source?.host.nonEmpty ?? deprecatedSource?.host.nonEmpty ?? reportingInstance.nonEmpty
    }

    /// Whether the type is `Warning`.
    public var isWarning: Bool { type == .warning }

    // MARK: Encoding

    /// Encodes the core `v1` shape, from the normalized values.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Event.kind, forKey: .kind)
        try container.encode(Event.apiVersion, forKey: .apiVersion)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeIfPresent(coreInvolvedObject ?? regarding, forKey: .coreInvolvedObject)
        try container.encodeIfPresent(related, forKey: .related)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encodeIfPresent(message, forKey: .coreMessage)
        try container.encodeIfPresent(type, forKey: .type)
        if sourceComponent != nil || sourceHost != nil {
            try container.encode(EventSource(component: sourceComponent, host: sourceHost), forKey: .source)
        }
        try container.encodeIfPresent(firstTimestamp ?? deprecatedFirstTimestamp, forKey: .firstTimestamp)
        try container.encodeIfPresent(lastTimestamp ?? deprecatedLastTimestamp, forKey: .lastTimestamp)
        try container.encodeIfPresent(coreCount ?? deprecatedCount, forKey: .coreCount)
        try container.encodeIfPresent(eventTime, forKey: .eventTime)
        try container.encodeIfPresent(series, forKey: .series)
        try container.encodeIfPresent(action, forKey: .action)
        try container.encodeIfPresent(reportingComponent.nonEmpty ?? reportingController, forKey: .reportingComponent)
        try container.encodeIfPresent(reportingInstance, forKey: .reportingInstance)
    }
}

/// The component that reported an event.
public struct EventSource: Codable, Sendable, Hashable {
    /// The component, e.g. `kubelet`, `default-scheduler`.
    public var component: String?
    /// The host, e.g. the node name.
    public var host: String?

    /// Creates a source.
    public init(component: String? = nil, host: String? = nil) {
        self.component = component
        self.host = host
    }
}

/// Repetitions of an event (new events API).
public struct EventSeries: Codable, Sendable, Hashable {
    /// How many times it happened.
    public var count: Int?
    /// When it was last observed.
    public var lastObservedTime: MicroTime?

    /// Creates a series.
    public init(count: Int? = nil, lastObservedTime: MicroTime? = nil) {
        self.count = count
        self.lastObservedTime = lastObservedTime
    }
}

/// The type of an event.
public struct EventType: KubernetesEnum {
    /// The type as sent by the server.
    public let rawValue: String
    /// Creates a type from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `Normal`.
    public static let normal: EventType = "Normal"
    /// `Warning`.
    public static let warning: EventType = "Warning"
}

extension Optional where Wrapped == String {
    /// The string, or `nil` when it is missing or empty.
    fileprivate var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
