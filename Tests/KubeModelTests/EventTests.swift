import Foundation
import Testing
import KubeModel

@Suite("Events from both APIs (45-51)")
struct EventTests {
    @Test func coreEvent() throws {
        let event = try Fixture.decode(Event.self, "45-event-create-core-v1.json")
        #expect(event.apiVersion == "v1")
        #expect(event.reason == "BackOff")
        #expect(event.type == .warning && event.isWarning)
        #expect(event.count == 6)
        #expect(event.message?.hasPrefix("Back-off restarting failed container app") == true)
        #expect(event.involvedObject.name == "web-7d4b9c8f6d-x7k2p")
        #expect(event.involvedObject.kind == "Pod")
        #expect(event.involvedObject.containerName == "app")
        #expect(event.sourceComponent == "kubelet")
        #expect(event.sourceHost == "fake-node-1")
        #expect(event.firstSeen == Fixture.time("2026-11-25T13:33:44Z"))
        #expect(event.lastSeen == Fixture.time("2026-11-25T13:35:19Z"))
        #expect(event.eventTime == nil)
    }

    @Test func eventsAPIEvent() throws {
        let event = try Fixture.decode(Event.self, "46-event-create-events-k8s-io-v1.json")
        #expect(event.apiVersion == "events.k8s.io/v1")
        #expect(event.coreInvolvedObject == nil && event.coreMessage == nil && event.coreCount == nil)
        #expect(event.involvedObject == event.regarding)
        #expect(event.involvedObject.uid == "56928fb9-eaed-4af0-ab82-b1d4823502ea")
        #expect(event.message == event.note)
        #expect(event.message?.hasPrefix("Readiness probe failed") == true)
        #expect(event.count == 14)
        #expect(event.action == "Probe")
        #expect(event.reportingController == "kubelet")
        #expect(event.sourceComponent == "kubelet")  // deprecatedSource is {}: falls back to reportingController
        #expect(event.sourceHost == "fake-node-1")
        #expect(event.lastSeen.map { abs($0.timeIntervalSince1970 - Fixture.time("2026-11-25T13:35:20.909230Z").timeIntervalSince1970) < 1e-5 } == true)
        #expect(event.firstSeen.map { abs($0.timeIntervalSince1970 - 1_795_613_584.123456) < 1e-5 } == true)
    }

    @Test func coreListIncludesNewAPIEvent() throws {
        for name in ["47-events-core-by-involvedObject-name.json", "48-events-core-by-involvedObject-uid.json"] {
            let list = try Fixture.decode(ObjectList<Event>.self, name)
            #expect(list.kind == "EventList")
            #expect(list.items.count == 4)
            #expect(list.items.allSatisfy { $0.involvedObject.name == "web-7d4b9c8f6d-x7k2p" })
            #expect(list.items.map(\.count) == [14, 9, 3, 6])
            #expect(list.items.map(\.reason) == ["Unhealthy", "Unhealthy", "Killing", "BackOff"])
            // The events.k8s.io event as seen through core/v1: source {}, null timestamps, no count.
            let probe = list.items[0]
            #expect(probe.source == EventSource())
            #expect(probe.firstTimestamp == nil && probe.lastTimestamp == nil && probe.coreCount == nil)
            #expect(probe.sourceComponent == "kubelet")
            #expect(probe.series?.count == 14)
        }
    }

    @Test func lastSeenOrdersLikeKubectl() throws {
        let list = try Fixture.decode(ObjectList<Event>.self, "47-events-core-by-involvedObject-name.json")
        let ordered = list.items.sorted { ($0.lastSeen ?? .distantPast) < ($1.lastSeen ?? .distantPast) }
        // Liveness 13:34:46, Killing 13:34:48, BackOff 13:35:19, readiness series 13:35:20.909.
        #expect(ordered.map(\.metadata.name) == [
            "web-7d4b9c8f6d-x7k2p.18eb4d0d8b0be200", "web-7d4b9c8f6d-x7k2p.18eb4d123323aa00",
            "web-7d4b9c8f6d-x7k2p.18eb4d13d45f3000", "web-7d4b9c8f6d-x7k2p.18eb4d0a8b8b6a00",
        ])
        let firstSeen = list.items.sorted { ($0.firstSeen ?? .distantPast) < ($1.firstSeen ?? .distantPast) }
        #expect(firstSeen.map(\.reason) == ["Unhealthy", "Unhealthy", "Killing", "BackOff"])
        #expect(firstSeen.first?.series != nil)  // eventTime 13:33:04.123 is the earliest
    }

    @Test func warningsOnly() throws {
        let list = try Fixture.decode(ObjectList<Event>.self, "49-events-core-by-name-and-type-warning.json")
        #expect(list.items.count == 3)
        #expect(list.items.allSatisfy { $0.isWarning })
    }

    @Test func eventsAPIListMatchesCoreList() throws {
        let core = try Fixture.decode(ObjectList<Event>.self, "47-events-core-by-involvedObject-name.json")
        let events = try Fixture.decode(ObjectList<Event>.self, "50-events-v1-by-regarding-name.json")
        #expect(events.apiVersion == "events.k8s.io/v1")
        #expect(events.items.count == 4)
        // The core events seen through events.k8s.io: deprecated* fields.
        let liveness = events.items[1]
        #expect(liveness.coreCount == nil && liveness.deprecatedCount == 9)
        #expect(liveness.deprecatedSource == EventSource(component: "kubelet", host: "fake-node-1"))
        #expect(liveness.deprecatedLastTimestamp?.date == Fixture.time("2026-11-25T13:34:46Z"))
        // Normalized, both views agree.
        for (a, b) in zip(core.items, events.items) {
            #expect(a.metadata.name == b.metadata.name)
            #expect(a.involvedObject == b.involvedObject)
            #expect(a.message == b.message)
            #expect(a.count == b.count)
            #expect(a.lastSeen == b.lastSeen)
            #expect(a.firstSeen == b.firstSeen)
            #expect(a.sourceComponent == b.sourceComponent)
            #expect(a.type == b.type && a.reason == b.reason)
        }
    }

    @Test func clusterWideWarnings() throws {
        let list = try Fixture.decode(ObjectList<Event>.self, "51-events-cluster-wide-type-warning.json")
        #expect(list.items.count == 6)
        #expect(Set(list.items.compactMap(\.metadata.namespace)) == ["kh-test", "rec"])
        let oom = try #require(list.items.first { $0.reason == "OOMKilling" })
        #expect(oom.count == 1)  // no count, no series
        #expect(oom.lastSeen == Fixture.time("2026-11-25T13:14:48Z"))  // from eventTime
        #expect(oom.action == "Killing")
        let crashy = try #require(list.items.first { $0.metadata.name == "crashy.backoff.1" })
        #expect(crashy.count == 12)
        #expect(crashy.involvedObject.namespace == "kh-test")
    }

    @Test func normalizationPrecedence() throws {
        // series.count > count > deprecatedCount > 1
        var event = Event(count: 4, series: EventSeries(count: 7))
        #expect(event.count == 7)
        event.series = nil
        #expect(event.count == 4)
        event.coreCount = nil
        event.deprecatedCount = 2
        #expect(event.count == 2)
        event.deprecatedCount = 0
        #expect(event.count == 1)

        // lastSeen: series > lastTimestamp > eventTime > firstTimestamp > creationTimestamp (kubectl's SortableEvents)
        let created = Time(rfc3339: "2026-01-01T00:00:00Z")!
        let first = Time(rfc3339: "2026-01-01T00:00:01Z")!
        let eventTime = MicroTime(Fixture.time("2026-01-01T00:00:02Z"))
        let last = Time(rfc3339: "2026-01-01T00:00:03Z")!
        let observed = MicroTime(Fixture.time("2026-01-01T00:00:04Z"))
        var timed = Event(
            metadata: ObjectMeta(creationTimestamp: created), firstTimestamp: first, lastTimestamp: last,
            eventTime: eventTime, series: EventSeries(count: 2, lastObservedTime: observed))
        #expect(timed.lastSeen == observed.date)
        #expect(timed.firstSeen == eventTime.date)
        timed.series = nil
        #expect(timed.lastSeen == last.date)
        timed.lastTimestamp = nil
        #expect(timed.lastSeen == eventTime.date)
        timed.lastTimestamp = last
        timed.eventTime = nil
        #expect(timed.lastSeen == last.date)
        timed.lastTimestamp = nil
        timed.deprecatedLastTimestamp = last
        #expect(timed.lastSeen == last.date)
        timed.deprecatedLastTimestamp = nil
        timed.eventTime = eventTime
        #expect(timed.lastSeen == eventTime.date)
        timed.eventTime = nil
        #expect(timed.lastSeen == first.date && timed.firstSeen == first.date)
        timed.firstTimestamp = nil
        timed.deprecatedFirstTimestamp = first
        #expect(timed.lastSeen == first.date)
        timed.deprecatedFirstTimestamp = nil
        #expect(timed.lastSeen == created.date && timed.firstSeen == created.date)
        timed.metadata.creationTimestamp = nil
        #expect(timed.lastSeen == nil)

        // message falls back to note when empty; the involved object to regarding.
        var shaped = Event(message: "")
        shaped.note = "from note"
        shaped.regarding = ObjectReference(kind: "Pod", name: "p")
        #expect(shaped.message == "from note")
        #expect(shaped.involvedObject.name == "p")
        #expect(Event().involvedObject == ObjectReference())
        #expect(Event(type: "Critical").type?.rawValue == "Critical")
    }

    @Test func encodesTheCoreShape() throws {
        let original = try Fixture.decode(Event.self, "46-event-create-events-k8s-io-v1.json")
        let data = try Fixture.encode(original)
        let json = try Fixture.decode(JSONValue.self, json: String(decoding: data, as: UTF8.self))
        #expect(json["apiVersion"] == .string("v1"))
        #expect(json["involvedObject"]?["name"] == .string("web-7d4b9c8f6d-x7k2p"))
        #expect(json["message"] == original.note.map(JSONValue.string))
        #expect(json["regarding"] == nil && json["note"] == nil)
        let decoded = try JSONDecoder().decode(Event.self, from: data)
        #expect(decoded.involvedObject == original.involvedObject)
        #expect(decoded.message == original.message)
        #expect(decoded.count == original.count)
        #expect(decoded.lastSeen == original.lastSeen)
        #expect(decoded.sourceComponent == original.sourceComponent)
        // A core event survives a round trip unchanged.
        let core = try Fixture.decode(Event.self, "45-event-create-core-v1.json")
        #expect(try JSONDecoder().decode(Event.self, from: Fixture.encode(core)) == core)
    }
}
