import Foundation

/// Go's `golang.org/x/net/http/httpproxy` rules for `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY`.
struct EnvironmentProxy {
    let httpsProxy: String?
    let httpProxy: String?
    let noProxy: [String]

    init(_ env: [String: String]) {
        func value(_ upper: String) -> String? {
            let found = env[upper] ?? env[upper.lowercased()]
            return (found?.isEmpty ?? true) ? nil : found
        }
        httpsProxy = value("HTTPS_PROXY")
        httpProxy = value("HTTP_PROXY")
        noProxy = (value("NO_PROXY") ?? "")
            .split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty }
    }

    /// The proxy for `target`, or `nil` when it goes direct.
    func proxy(for target: RequestURL) -> String? {
        guard let proxy = target.scheme == "https" ? httpsProxy : httpProxy else { return nil }
        return usesProxy(target) ? proxy : nil
    }

    private func usesProxy(_ target: RequestURL) -> Bool {
        if target.host == "localhost" { return false }
        let targetIP = IPAddress(target.host)
        if let targetIP, targetIP.isLoopback { return false }
        for entry in noProxy {
            if entry == "*" { return false }
            if let cidr = CIDR(entry) {
                if let targetIP, cidr.contains(targetIP) { return false }
                continue
            }
            var (host, port) = Self.splitHostPort(entry)
            if let port, port != target.port { continue }
            if let entryIP = IPAddress(host) {
                if entryIP == targetIP { return false }
                continue
            }
            if host.hasPrefix("*.") { host.removeFirst() }
            if host.hasPrefix(".") {
                if target.host.hasSuffix(host) || target.host == String(host.dropFirst()) { return false }
            } else if target.host == host || target.host.hasSuffix("." + host) {
                return false
            }
        }
        return true
    }

    private static func splitHostPort(_ entry: String) -> (String, Int?) {
        if entry.hasPrefix("["), let close = entry.firstIndex(of: "]") {
            let host = String(entry[entry.index(after: entry.startIndex)..<close])
            let after = entry[entry.index(after: close)...]
            return (host, after.hasPrefix(":") ? Int(after.dropFirst()) : nil)
        }
        let colons = entry.filter { $0 == ":" }.count
        if colons == 1, let colon = entry.lastIndex(of: ":"), let port = Int(entry[entry.index(after: colon)...]) {
            return (String(entry[..<colon]), port)
        }
        return (entry, nil)
    }
}

/// Reads the process environment (kept in one place so tests can pass their own).
enum ProcessInfoEnvironment {
    static var current: [String: String] { ProcessInfo.processInfo.environment }
}
