/// How the transport verifies the server and authenticates itself with TLS.
///
/// PEM material is held in memory and handed to libcurl as blobs: no temporary files.
/// `description` never shows key material.
public struct TLSConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// PEM certificates of the authorities to trust. When set, *only* these are trusted;
    /// when `nil`, the system trust store is used.
    public var certificateAuthorityPEM: [UInt8]?
    /// The PEM client certificate (chain) to present, if any.
    public var clientCertificatePEM: [UInt8]?
    /// The PEM private key of the client certificate.
    public var clientKeyPEM: [UInt8]?
    /// Skips verification of the server's certificate and name. Only for explicit requests
    /// (`insecure-skip-tls-verify`).
    public var insecureSkipVerify: Bool
    /// The name to send with SNI and to verify the server certificate against, when it
    /// differs from the URL's host (kubeconfig `tls-server-name`).
    public var serverName: String?

    /// Creates a TLS configuration; the default verifies against the system trust store.
    public init(
        certificateAuthorityPEM: [UInt8]? = nil,
        clientCertificatePEM: [UInt8]? = nil,
        clientKeyPEM: [UInt8]? = nil,
        insecureSkipVerify: Bool = false,
        serverName: String? = nil
    ) {
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.insecureSkipVerify = insecureSkipVerify
        self.serverName = serverName
    }

    /// A summary without any certificate or key bytes.
    public var description: String {
        var parts: [String] = []
        parts.append(certificateAuthorityPEM == nil ? "ca=system" : "ca=\(certificateAuthorityPEM?.count ?? 0) bytes")
        if clientCertificatePEM != nil { parts.append("client-certificate=yes") }
        if clientKeyPEM != nil { parts.append("client-key=<redacted>") }
        if insecureSkipVerify { parts.append("insecure-skip-tls-verify") }
        if let serverName { parts.append("server-name=\(serverName)") }
        return "TLSConfiguration(\(parts.joined(separator: ", ")))"
    }
}
