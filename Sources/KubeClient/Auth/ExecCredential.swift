import Foundation

/// The `ExecCredential` object a credential plugin reads (in `KUBERNETES_EXEC_INFO`) and prints.
struct ExecCredential: Codable, Sendable {
    struct Spec: Codable, Sendable {
        var interactive: Bool?
        var cluster: Cluster?
    }

    struct Cluster: Codable, Sendable {
        var server: String
        var tlsServerName: String?
        var insecureSkipTLSVerify: Bool?
        var certificateAuthorityData: String?
        var proxyURL: String?
        var disableCompression: Bool?

        enum CodingKeys: String, CodingKey {
            case server
            case tlsServerName = "tls-server-name"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case certificateAuthorityData = "certificate-authority-data"
            case proxyURL = "proxy-url"
            case disableCompression = "disable-compression"
        }
    }

    struct Status: Codable, Sendable {
        var token: String?
        var clientCertificateData: String?
        var clientKeyData: String?
        var expirationTimestamp: String?
    }

    var apiVersion: String?
    var kind: String?
    var spec: Spec?
    var status: Status?
}

/// Parses RFC 3339 times with and without fractional seconds.
enum RFC3339 {
    static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
