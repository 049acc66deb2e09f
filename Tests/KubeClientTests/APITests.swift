import Foundation
import KubeClient
import KubeModel
import TestAPIServerHarness
import Testing

/// Typed reads against the test API server serving `Tests/Fixtures/apiserver-basic`.
@Suite("Typed API calls")
struct APITests {
    /// A running server and a client for it; the server lives as long as this value is used.
    struct Environment {
        let server: TestAPIServer
        let client: KubernetesClient
    }

    static func start(_ extra: [String] = [], wireFormat: WireFormat = .protobuf) async throws -> Environment {
        let server = try await TestAPIServer(["--fixtures", TestAPIServer.repositoryPath("Tests/Fixtures/apiserver-basic")] + extra)
        var options = KubernetesClient.Options()
        options.wireFormat = wireFormat
        options.retry = RetryPolicy(maxRetries: 3, maxDelay: .seconds(2), maxTotalDelay: .seconds(5), connectionRetryDelay: .milliseconds(50))
        let client = try KubernetesClient(configuration: ClientConfiguration(
            server: server.baseURL, tls: TLSConfiguration(certificateAuthorityPEM: TestAPIServer.certificate("ca.pem")), proxy: .none),
            options: options)
        return Environment(server: server, client: client)
    }

    /// Read-only by construction: anything but GET is refused before it reaches the transport.
    @Test(arguments: [HTTPMethod.delete, HTTPMethod(rawValue: "POST"), HTTPMethod(rawValue: "PATCH"), HTTPMethod(rawValue: "PUT")])
    func writesAreRefusedBeforeTheWire(_ method: HTTPMethod) async throws {
        let env = try await Self.start()
        defer { withExtendedLifetime(env) {} }
        var request = env.client.request(path: "/api/v1/namespaces/rec/pods/web-7d4b9c8f6d-x7k2p")
        request.method = method
        await #expect(throws: ReadOnlyViolation.self) { _ = try await env.client.send(request) }
        await #expect(throws: ReadOnlyViolation.self) { _ = try await env.client.stream(request) }
        #expect(try await env.server.requests().allSatisfy { $0.method == "GET" })
    }

    @Test func getAPodAndAMissingOne() async throws {
        let env = try await Self.start()
        let client = env.client
        defer { withExtendedLifetime(env) {} }
        let pod = try await client.get(Pod.self, name: "web-7d4b9c8f6d-x7k2p", namespace: "rec")
        #expect(pod.metadata.name == "web-7d4b9c8f6d-x7k2p")
        #expect(pod.status?.containerStatuses?.first { $0.name == "app" }?.restartCount == 3)

        do {
            _ = try await client.get(Pod.self, name: "nope", namespace: "rec")
            Issue.record("a missing pod was returned")
        } catch let error as APIError {
            #expect(error.isNotFound)
            #expect(error.reason == "NotFound")
            #expect(error.message == #"pods "nope" not found"#)
        }
    }

    @Test func listPagesWithLimitAndContinue() async throws {
        let env = try await Self.start()
        let server = env.server, client = env.client
        let list = try await client.list(Pod.self, namespace: "rec", options: ListOptions(limit: 2))
        #expect(list.items.count == 5)
        #expect(Set(list.items.compactMap(\.metadata.name)).count == 5)
        let requests = try await server.requests()
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.query.contains("limit=2") })
        #expect(requests.dropFirst().allSatisfy { $0.query.contains("continue=") })
    }

    /// Read-ahead requests the next page while the caller works on this one; a caller that stops after
    /// the first page (the watch's access check) asks for none.
    @Test func pagesReadAheadOnlyWhenAsked() async throws {
        let env = try await Self.start()
        let server = env.server, client = env.client
        var single = client.pages(Pod.self, namespace: "rec", options: ListOptions(limit: 1), readAhead: false).makeAsyncIterator()
        #expect(try await single.next()?.list.items.count == 1)
        #expect(try await server.requests().count == 1)
        var ahead = client.pages(Pod.self, namespace: "rec", options: ListOptions(limit: 2)).makeAsyncIterator()
        #expect(try await ahead.next()?.list.items.count == 2)
        var names: [String] = []
        while let page = try await ahead.next() { names += page.list.items.compactMap(\.metadata.name) }
        #expect(names.count == 3)
        #expect(try await server.requests().count == 4)
    }

    @Test func expiredContinueTokenStartsOver() async throws {
        let env = try await Self.start()
        let server = env.server, client = env.client
        // The next page is requested as soon as a page arrives, so the token expires on the server's
        // side of that request: its first continued request is answered 410 Expired.
        try await server.addFault(["path_prefix": "/api/v1/namespaces/rec/pods", "query_contains": "continue=", "status": 410, "times": 1])
        var iterator = client.pages(Pod.self, namespace: "rec", options: ListOptions(limit: 2)).makeAsyncIterator()
        let first = try #require(try await iterator.next())
        #expect(first.list.items.count == 2 && !first.restarted)
        let second = try #require(try await iterator.next())
        #expect(second.restarted)
        var names = second.list.items.compactMap(\.metadata.name)
        while let page = try await iterator.next() { names += page.list.items.compactMap(\.metadata.name) }
        #expect(names.count == 5)
        #expect(try await server.requests().contains { $0.status == 410 })
    }

    @Test func selectorsAndAllNamespaces() async throws {
        let env = try await Self.start()
        let server = env.server, client = env.client
        let web = try await client.list(Pod.self, namespace: "rec", options: ListOptions(labelSelector: "app=web"))
        #expect(web.items.count == 3)
        let one = try await client.list(Pod.self, namespace: "rec", options: ListOptions(fieldSelector: "metadata.name=debug-shell"))
        #expect(one.items.map(\.metadata.name) == ["debug-shell"])
        let everywhere = try await client.list(ServiceAccount.self)
        #expect(Set(everywhere.items.compactMap(\.metadata.namespace)) == ["default", "rec"])
        #expect(try await server.requests().last?.path == "/api/v1/serviceaccounts")
        let nodes = try await client.list(Node.self, namespace: "ignored-for-cluster-scoped-kinds")
        #expect(nodes.items.map(\.metadata.name) == ["fake-node-1"])
    }

    @Test func secretsAreReadAsMetadataOnly() async throws {
        let env = try await Self.start()
        let server = env.server, client = env.client
        let secret = try await client.getMetadata(Secret.self, name: "app-secret", namespace: "rec")
        #expect(secret.metadata.name == "app-secret")
        #expect(secret.kind == "PartialObjectMetadata")
        let seen = try #require(try await server.requests().last)
        // Metadata only in both choices (protobuf first), never a plain fallback that would bring the data.
        let choices = (seen.header("Accept") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(choices == ["application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1",
                            "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1"])

        let configMaps = try await client.listMetadata(ConfigMap.self, namespace: "rec")
        #expect(configMaps.items.count == 3)
        #expect(configMaps.kind == "PartialObjectMetadataList")
    }

    @Test func forbiddenSaysWhatWasDenied() async throws {
        let env = try await Self.start(["--forbid", "get:secrets"])
        let client = env.client
        defer { withExtendedLifetime(env) {} }
        do {
            _ = try await client.getMetadata(Secret.self, name: "app-secret", namespace: "rec")
            Issue.record("a forbidden read succeeded")
        } catch let error as APIError {
            #expect(error.isForbidden)
            #expect(error.description.contains("GET"))
            #expect(error.description.contains("read access"))
            #expect(error.description.contains("secrets"))
        }
    }

    @Test func serverVersion() async throws {
        let env = try await Self.start()
        let client = env.client
        defer { withExtendedLifetime(env) {} }
        #expect(try await client.serverVersion().gitVersion?.hasPrefix("v1.32") == true)
    }

    @Test func eventsOfAPodInKubectlOrder() async throws {
        let env = try await Self.start()
        let server = env.server, client = env.client
        let pod = try await client.get(Pod.self, name: "web-7d4b9c8f6d-x7k2p", namespace: "rec")
        let events = try await client.events(for: pod)
        #expect(events.count == 4)
        let times = events.compactMap(\.lastSeen)
        #expect(times == times.sorted())
        let query = try #require(try await server.requests().last?.query)
        #expect(query.contains("involvedObject.uid"))
    }
}
