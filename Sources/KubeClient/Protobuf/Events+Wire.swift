import KubeModel

extension EventSeries {
    /// The model of the protobuf message.
    init(wire m: PBCoreEventSeries) {
        self.init()
        count = m.hasCount ? Int(m.count) : nil
        lastObservedTime = m.hasLastObservedTime ? MicroTime(wire: m.lastObservedTime) : nil
    }
}

extension EventSource {
    /// The model of the protobuf message.
    init(wire m: PBCoreEventSource) {
        self.init()
        component = m.component.nilIfEmpty
        host = m.host.nilIfEmpty
    }
}
