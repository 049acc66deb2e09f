import Foundation
import Testing
@testable import KubeClient

@Suite("URL handling")
struct RequestURLTests {
    @Test func parsesHostPortAndPath() throws {
        let url = try #require(RequestURL("https://User:Pass@API.Example.com:6443/api/v1/pods?limit=5"))
        #expect(url.scheme == "https")
        #expect(url.host == "api.example.com")
        #expect(url.port == 6443)
        #expect(url.pathAndQuery == "/api/v1/pods?limit=5")
        #expect(url.redacted == "https://api.example.com:6443/api/v1/pods?limit=5")
    }

    @Test func defaultsPortsAndBracketsIPv6() throws {
        let v6 = try #require(RequestURL("https://[fd00::1]/version"))
        #expect(v6.host == "fd00::1")
        #expect(v6.port == 443)
        #expect(v6.hostForURL == "[fd00::1]")
        #expect(v6.replacingHost("kubernetes.default.svc") == "https://kubernetes.default.svc:443/version")
        #expect(RequestURL("http://k")?.port == 80)
    }

    @Test(arguments: ["ftp://x/", "https://", "no-scheme", "https://host:99999/", "https://[::1/"])
    func rejectsWhatIsNotAnHTTPURL(text: String) {
        #expect(RequestURL(text) == nil)
    }

    @Test func errorsNeverShowUserInformation() {
        let error = TransportError(kind: .connectionRefused, url: "https://bob:hunter2@10.1.2.3:6443/api")
        #expect(!error.description.contains("hunter2"))
        #expect(error.description.contains("https://10.1.2.3:6443/api"))
        #expect(RequestURL.redact("weird://bob:hunter2@h/x").contains("hunter2") == false)
    }
}

@Suite("Error bodies")
struct ServerMessageTests {
    @Test func statusBodyGivesReasonAndMessage() {
        let body = Data(#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"x\" not found","reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}"#.utf8)
        #expect(ServerMessage.extract(from: body, contentType: "application/json") == #"NotFound: pods "x" not found"#)
    }

    @Test func htmlPageIsNamedAsSuch() throws {
        let body = Data("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>".utf8)
        let message = try #require(ServerMessage.extract(from: body, contentType: "text/html"))
        #expect(message.contains("502 Bad Gateway"))
        #expect(message.contains("not a Kubernetes API response"))
    }

    @Test func plainTextIsTrimmedAndShortened() throws {
        #expect(ServerMessage.extract(from: Data("404 page not found\n".utf8), contentType: "text/plain") == "404 page not found")
        let long = try #require(ServerMessage.extract(from: Data(String(repeating: "x", count: 5000).utf8), contentType: nil))
        #expect(long.count <= ServerMessage.maxLength + 1)
        #expect(ServerMessage.extract(from: Data(), contentType: nil) == nil)
    }
}
