import Foundation
import Testing
import KubeModel

@Suite("Lists and metadata-only recordings (10-13, 63-69)")
struct ListRecordingTests {
    @Test func pagedPodLists() throws {
        let page1 = try Fixture.decode(ObjectList<Pod>.self, "10-pods-list-limit2-page1.json")
        #expect(page1.kind == "PodList")
        #expect(page1.items.map(\.metadata.name) == ["cache-warmup", "debug-shell"])
        #expect(page1.metadata.remainingItemCount == 3)
        #expect(page1.metadata.resourceVersion == "5373")
        #expect(page1.metadata.continue?.hasPrefix("eyJ2IjoibWV0YS5rOHMuaW8vdjEi") == true)
        let page2 = try Fixture.decode(ObjectList<Pod>.self, "11-pods-list-limit2-page2.json")
        #expect(page2.items.count == 2)
        #expect(page2.metadata.remainingItemCount == 1)
        #expect(page2.metadata.continue != nil && page2.metadata.continue != page1.metadata.continue)
        #expect(page2.metadata.resourceVersion == page1.metadata.resourceVersion)
        let page3 = try Fixture.decode(ObjectList<Pod>.self, "12-pods-list-limit2-page3-last.json")
        #expect(page3.items.map(\.metadata.name) == ["web-7d4b9c8f6d-x7k2p"])
        #expect(page3.metadata.continue == nil && page3.metadata.remainingItemCount == nil)
        #expect(page3.items[0].status?.containerStatus(named: "app")?.state?.waiting?.reason == "CrashLoopBackOff")
    }

    @Test func fullListIgnoringLimit() throws {
        let list = try Fixture.decode(ObjectList<Pod>.self, "13-pods-list-limit2-rv0-limit-ignored.json")
        #expect(list.items.count == 5)
        #expect(list.metadata.continue == nil)
        let warmup = try #require(list.items.first { $0.metadata.name == "cache-warmup" })
        #expect(warmup.status?.phase == .running)
        #expect(warmup.spec?.nodeName == "fake-node-1")
        #expect(warmup.spec?.containers.first?.command == ["sh", "-c", "wget -qO- http://web/warm; sleep 3600"])
        #expect(warmup.status?.condition(.podScheduled)?.status == .true)
        #expect(list.items.filter { $0.status?.condition(.ready)?.isTrue == true }.count == 4)
        #expect(list.items.filter { $0.metadata.labels?["app"] == "web" }.count == 3)
        let restarts = list.items.compactMap { $0.status?.containerStatuses?.map { $0.restartCount ?? 0 }.reduce(0, +) }
        #expect(restarts.reduce(0, +) == 3)
    }

    @Test func partialObjectMetadata() throws {
        for name in ["63-metadata-only-get-secret.json", "65-metadata-only-get-secret-with-json-fallback.json"] {
            let object = try Fixture.decode(PartialObjectMetadata.self, name)
            #expect(object.kind == "PartialObjectMetadata")
            #expect(object.apiVersion == "meta.k8s.io/v1")
            #expect(object.metadata.name == "app-secret")
            #expect(object.metadata.labels == ["app": "web"])
        }
        let beta = try Fixture.decode(PartialObjectMetadata.self, "68-metadata-only-v1beta1-get-secret.json")
        #expect(beta.apiVersion == "meta.k8s.io/v1beta1")
        #expect(beta.metadata.uid == "d66efe47-9166-4a7b-b36d-53023029ea76")
    }

    @Test func partialObjectMetadataList() throws {
        let list = try Fixture.decode(ObjectList<PartialObjectMetadata>.self, "64-metadata-only-list-configmaps.json")
        #expect(list.kind == "PartialObjectMetadataList")
        #expect(list.metadata.resourceVersion == "5380")
        #expect(list.items.map(\.metadata.name) == ["app-config", "feature-flags", "kube-root-ca.crt"])
        #expect(list.items.allSatisfy { $0.kind == "PartialObjectMetadata" })
        #expect(list.items[2].metadata.annotations?["kubernetes.io/description"]?.hasPrefix("Contains a CA bundle") == true)
    }

    @Test func fullSecretFallbackWithoutData() throws {
        let secret = try Fixture.decode(Secret.self, "69-get-secret-unsupported-partial-version-falls-back-to-full-json.json")
        #expect(secret.type == .opaque)
        #expect(secret.metadata.name == "app-secret")
        // The data is not modelled: encoding the secret carries no values.
        let text = String(decoding: try Fixture.encode(secret), as: UTF8.self)
        #expect(!text.contains("bm90LWEtcmVhbC1wYXNzd29yZA"))
        #expect(!text.contains("\"data\""))
    }
}
