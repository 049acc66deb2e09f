import Testing
@testable import KubeClient

@Suite("Proxy selection")
struct ProxyConfigurationTests {
    let env = [
        "HTTPS_PROXY": "http://proxy.corp:3128",
        "http_proxy": "proxy.corp:8080",
        "NO_PROXY": "internal.example, .svc.cluster.local,10.0.0.0/8, 192.168.1.7, api.example.org:8443, *.wild.test",
    ]

    @Test func httpsURLsUseHTTPSProxy() {
        let proxy = ProxyConfiguration.environment(env)
        #expect(proxy.proxyURL(for: "https://k8s.example.com:6443/api") == "http://proxy.corp:3128")
    }

    @Test func bareHostPortIsAnHTTPProxy() {
        let proxy = ProxyConfiguration.environment(env)
        #expect(proxy.proxyURL(for: "http://k8s.example.com/api") == "http://proxy.corp:8080")
    }

    @Test(arguments: [
        "https://internal.example/api",
        "https://a.internal.example/api",
        "https://kubernetes.default.svc.cluster.local/api",
        "https://10.96.0.1/api",
        "https://192.168.1.7:6443/api",
        "https://api.example.org:8443/api",
        "https://x.wild.test/api",
        "https://localhost:6443/api",
        "https://127.0.0.1:6443/api",
        "https://[::1]:6443/api",
    ])
    func noProxyAndLoopbackGoDirect(url: String) {
        #expect(ProxyConfiguration.environment(env).proxyURL(for: url) == nil)
    }

    @Test(arguments: [
        "https://notinternal.example/api",
        "https://192.168.1.8/api",
        "https://api.example.org:6443/api",
        "https://11.0.0.1/api",
    ])
    func otherHostsUseTheProxy(url: String) {
        #expect(ProxyConfiguration.environment(env).proxyURL(for: url) == "http://proxy.corp:3128")
    }

    @Test func starDisablesProxying() {
        let proxy = ProxyConfiguration.environment(["HTTPS_PROXY": "http://p:1", "no_proxy": "*"])
        #expect(proxy.proxyURL(for: "https://k8s.example.com/") == nil)
    }

    @Test func noVariablesMeansDirect() {
        #expect(ProxyConfiguration.environment([:]).proxyURL(for: "https://k8s.example.com/") == nil)
    }

    @Test func socks5ResolvesNamesThroughTheProxy() {
        #expect(ProxyConfiguration.url("socks5://127.0.0.1:1080").proxyURL(for: "https://k/") == "socks5h://127.0.0.1:1080")
        #expect(ProxyConfiguration.url("https://p:3129").proxyURL(for: "https://k/") == "https://p:3129")
        #expect(ProxyConfiguration.none.proxyURL(for: "https://k/") == nil)
    }

    @Test func descriptionHidesProxyCredentials() {
        let text = ProxyConfiguration.url("http://alice:s3cret@proxy:3128").description
        #expect(!text.contains("s3cret"))
        #expect(!text.contains("alice"))
    }
}
