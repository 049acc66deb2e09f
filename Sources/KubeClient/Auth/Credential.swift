import Foundation

/// What a request carries to authenticate: an `Authorization` header and/or a client certificate.
struct Credential: Sendable, Equatable {
    /// The `Authorization` header value (`Bearer …` or `Basic …`).
    var authorization: String?
    /// A client certificate from an exec plugin (PEM).
    var clientCertificatePEM: [UInt8]?
    /// Its key (PEM).
    var clientKeyPEM: [UInt8]?
}

/// Produces the credential for each request from a ``Credentials`` setting: fixed values, a token
/// file re-read as it rotates, or an exec plugin whose output is cached until it expires.
actor CredentialProvider {
    private let credentials: Credentials
    private let clusterInfo: ClusterInfo
    private var tokenFile: TokenFileSource?
    private var plugin: ExecPlugin?

    init(credentials: Credentials, clusterInfo: ClusterInfo, execTimeout: TimeInterval = ExecPlugin.defaultTimeout) {
        self.credentials = credentials
        self.clusterInfo = clusterInfo
        switch credentials.source {
        case .tokenFile(let path, let initial):
            tokenFile = TokenFileSource(path: path, initial: initial)
        case .exec(let config, let origin):
            plugin = ExecPlugin(config: config, clusterInfo: clusterInfo, origin: origin, timeout: execTimeout)
        default:
            break
        }
    }

    /// The credential to use after `failed` was refused (a 401), as client-go refreshes: the token
    /// file or plugin is read again only while `failed` is still the current credential, so many
    /// requests refused at once cause one refresh, and a refresh someone else already made is reused.
    func current(replacing failed: Credential) async throws(ConfigurationError) -> Credential {
        switch credentials.source {
        case .tokenFile:
            let now = try await current()
            return now != failed ? now : try await current(refresh: true)
        case .exec:
            guard let plugin else { return Credential() }
            return try await plugin.credential(replacing: failed)
        default:
            return try await current()
        }
    }

    /// The credential to use now; `refresh` forces a re-read.
    func current(refresh: Bool = false) async throws(ConfigurationError) -> Credential {
        switch credentials.source {
        case .none:
            return Credential()
        case .token(let token):
            return Credential(authorization: "Bearer \(token)")
        case .basic(let username, let password):
            let encoded = Data("\(username):\(password)".utf8).base64EncodedString()
            return Credential(authorization: "Basic \(encoded)")
        case .tokenFile:
            guard let token = try tokenFile?.token(forceReload: refresh) else { return Credential() }
            return Credential(authorization: "Bearer \(token)")
        case .exec:
            guard let plugin else { return Credential() }
            return try await plugin.credential(forceRefresh: refresh)
        }
    }

    /// Whether a refresh could give a different credential (so a 401 is worth one retry).
    var canRefresh: Bool {
        switch credentials.source {
        case .tokenFile, .exec: return true
        default: return false
        }
    }
}
