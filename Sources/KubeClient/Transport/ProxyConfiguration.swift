import Foundation

/// Which proxy, if any, carries the transport's connections.
///
/// Matches Go's `net/http` (and so kubectl): an explicit `proxy-url` (`http://`, `https://` or
/// `socks5://`, whose names are resolved by the proxy), or `HTTPS_PROXY`/`HTTP_PROXY` with `NO_PROXY`
/// from the environment, where loopback hosts never use a proxy.
public struct ProxyConfiguration: Sendable, Equatable, CustomStringConvertible {
    private enum Mode: Sendable, Equatable {
        case direct
        case url(String)
        case environment([String: String]?)
    }

    private let mode: Mode

    private init(mode: Mode) { self.mode = mode }

    /// No proxy, whatever the environment says.
    public static let none = ProxyConfiguration(mode: .direct)

    /// Always this proxy (`http://host:port`, `https://…`, `socks5://…`; no scheme means `http://`).
    public static func url(_ proxyURL: String) -> ProxyConfiguration {
        ProxyConfiguration(mode: .url(proxyURL))
    }

    /// `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` (either case) from `variables`, or from the process
    /// environment at request time when `variables` is `nil`.
    public static func environment(_ variables: [String: String]? = nil) -> ProxyConfiguration {
        ProxyConfiguration(mode: .environment(variables))
    }

    /// The proxy URL (curl spelling, e.g. `socks5h://`) to use for `url`, or `nil` to go direct.
    public func proxyURL(for url: String) -> String? {
        guard let target = RequestURL(url) else { return nil }
        switch mode {
        case .direct:
            return nil
        case .url(let proxy):
            return Self.curlSpelling(of: proxy)
        case .environment(let variables):
            let env = variables ?? Self.processEnvironment()
            guard let proxy = EnvironmentProxy(env).proxy(for: target) else { return nil }
            return Self.curlSpelling(of: proxy)
        }
    }

    /// A summary with any proxy credentials removed.
    public var description: String {
        switch mode {
        case .direct: return "ProxyConfiguration.none"
        case .url(let proxy): return "ProxyConfiguration.url(\(RequestURL.redact(proxy)))"
        case .environment(let variables): return variables == nil ? "ProxyConfiguration.environment" : "ProxyConfiguration.environment(custom)"
        }
    }

    /// `socks5://` resolves names through the proxy, as Go does (curl calls that `socks5h`);
    /// a bare `host:port` is an HTTP proxy.
    static func curlSpelling(of proxy: String) -> String {
        let trimmed = proxy.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        if lower.hasPrefix("socks5://") { return "socks5h://" + trimmed.dropFirst("socks5://".count) }
        if lower.contains("://") { return trimmed }
        return "http://" + trimmed
    }

    private static func processEnvironment() -> [String: String] {
        ProcessInfoEnvironment.current
    }
}
