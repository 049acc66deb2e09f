import Foundation
import Testing
import KubeModel

@Suite("Watch streams (71, 73, 74)")
struct WatchTests {
    @Test func watchEventsDecodeAsPods() throws {
        let lines = try Fixture.watchLines("71-watch-pods-raw-chunked.jsonl")
        let types = try lines.map { try JSONDecoder().decode(WatchType.self, from: $0).type }
        #expect(types == ["ADDED", "MODIFIED", "MODIFIED", "MODIFIED", "DELETED", "BOOKMARK", "BOOKMARK"])
        let events = try lines.map { try JSONDecoder().decode(WatchLine<Pod>.self, from: $0) }
        let added = events[0].object
        #expect(added.metadata.name == "watch-demo")
        #expect(added.metadata.resourceVersion == "5383")
        #expect(added.status?.phase == .pending)
        #expect(added.spec?.containers.first?.name == "main")
        #expect(events[1].object.metadata.labels?["phase-of-test"] == "patched")
        #expect(events[2].object.metadata.deletionTimestamp != nil)
        #expect(events[2].object.metadata.deletionGracePeriodSeconds == 30)
        #expect(events[3].object.metadata.deletionGracePeriodSeconds == 0)
        #expect(events[4].object.metadata.resourceVersion == "5387")
        // The BOOKMARK stub: {"spec":{"containers":null},"status":{}}.
        let bookmark = events[5].object
        #expect(bookmark.metadata.resourceVersion == "5387")
        #expect(bookmark.metadata.name == nil)
        #expect(bookmark.metadata.creationTimestamp == nil)
        #expect(bookmark.spec?.containers == [])
        #expect(bookmark.status == PodStatus())
        #expect(events[6].object == bookmark)
    }

    @Test func errorEventIsAStatus() throws {
        let lines = try Fixture.watchLines("73-watch-too-old-resourceversion-410-error-event.jsonl")
        #expect(lines.count == 1)
        let event = try JSONDecoder().decode(WatchLine<Status>.self, from: lines[0])
        #expect(event.type == "ERROR")
        #expect(event.object.code == 410)
        #expect(event.object.reason == "Expired")
        #expect(event.object.message == "too old resource version: 5000 (5297)")
    }

    @Test func replayFromTheWatchCache() throws {
        let lines = try Fixture.watchLines("74-watch-rv-older-than-etcd-compaction-served-from-watch-cache.jsonl")
        let events = try lines.map { try JSONDecoder().decode(WatchLine<Pod>.self, from: $0) }
        #expect(events.map(\.type) == ["ADDED", "MODIFIED", "MODIFIED", "MODIFIED", "DELETED"])
        #expect(events.map(\.object.metadata.resourceVersion) == ["5383", "5384", "5385", "5386", "5387"])
        #expect(events.allSatisfy { $0.object.metadata.uid == events[0].object.metadata.uid })
    }
}
