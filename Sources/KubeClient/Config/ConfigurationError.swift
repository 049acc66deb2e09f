/// A problem with how PodDoctor was told to reach a cluster: a kubeconfig file, an in-cluster
/// setup, or a credential plugin. It names the file and the entry, and says what to do.
///
/// Compare ``kind`` to tell problems apart; new kinds may be added. Messages never contain tokens,
/// passwords, keys or plugin output.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The class of a ``ConfigurationError``; an open set, compared by identity.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Code: String, Sendable {
            case fileNotFound = "file not found"
            case unreadableFile = "file not readable"
            case syntax = "YAML syntax error"
            case invalidField = "invalid field"
            case duplicateName = "duplicate name"
            case noConfiguration = "no configuration"
            case unknownContext = "context not found"
            case unknownCluster = "cluster not found"
            case unknownUser = "user not found"
            case noServer = "no server"
            case certificateWithoutKey = "client certificate without key"
            case invalidCertificateAuthority = "invalid certificate authority"
            case conflictingCredentials = "conflicting credentials"
            case caWithInsecure = "certificate authority with insecure-skip-tls-verify"
            case credentialsOverHTTP = "credentials over plain HTTP"
            case removedAuthProvider = "auth provider removed"
            case execPluginNotFound = "exec plugin not found"
            case execPluginFailed = "exec plugin failed"
            case execPluginBadOutput = "exec plugin output invalid"
            case execPluginNeedsTerminal = "exec plugin needs a terminal"
            case unauthorized = "unauthorized"
            case notInCluster = "not running in a cluster"
        }

        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// A short phrase naming the kind.
        public var description: String { code.rawValue }

        /// A kubeconfig (or other) file named explicitly does not exist.
        public static let fileNotFound = Kind(.fileNotFound)
        /// A file exists but could not be read.
        public static let unreadableFile = Kind(.unreadableFile)
        /// A kubeconfig is not valid YAML (the error gives the line).
        public static let syntax = Kind(.syntax)
        /// A field has the wrong type or an invalid value (bad base64, not a URL...).
        public static let invalidField = Kind(.invalidField)
        /// Two entries of one file share a name.
        public static let duplicateName = Kind(.duplicateName)
        /// No kubeconfig was found and this is not a pod in a cluster.
        public static let noConfiguration = Kind(.noConfiguration)
        /// The context asked for does not exist.
        public static let unknownContext = Kind(.unknownContext)
        /// A context names a cluster that does not exist.
        public static let unknownCluster = Kind(.unknownCluster)
        /// A context names a user that does not exist.
        public static let unknownUser = Kind(.unknownUser)
        /// The cluster has no `server`.
        public static let noServer = Kind(.noServer)
        /// A client certificate is given without its key (or the reverse).
        public static let certificateWithoutKey = Kind(.certificateWithoutKey)
        /// The certificate authority file is unreadable or not PEM.
        public static let invalidCertificateAuthority = Kind(.invalidCertificateAuthority)
        /// A token and a username/password are both given.
        public static let conflictingCredentials = Kind(.conflictingCredentials)
        /// A certificate authority is given together with `insecure-skip-tls-verify`.
        public static let caWithInsecure = Kind(.caWithInsecure)
        /// Credentials would be sent to an `http://` server.
        public static let credentialsOverHTTP = Kind(.credentialsOverHTTP)
        /// The `gcp` or `azure` auth-provider, removed from Kubernetes, is configured.
        public static let removedAuthProvider = Kind(.removedAuthProvider)
        /// The exec plugin's command does not exist or is not executable.
        public static let execPluginNotFound = Kind(.execPluginNotFound)
        /// The exec plugin exited with an error.
        public static let execPluginFailed = Kind(.execPluginFailed)
        /// The exec plugin printed something that is not a valid ExecCredential.
        public static let execPluginBadOutput = Kind(.execPluginBadOutput)
        /// The exec plugin is interactive (`Always`) but there is no terminal.
        public static let execPluginNeedsTerminal = Kind(.execPluginNeedsTerminal)
        /// The server rejected the credentials even after they were refreshed.
        public static let unauthorized = Kind(.unauthorized)
        /// In-cluster configuration was asked for, but the service-account files or variables are missing.
        public static let notInCluster = Kind(.notInCluster)
    }

    /// What kind of problem this is.
    public let kind: Kind
    /// The file concerned, when there is one.
    public let file: String?
    /// The entry concerned, e.g. `context "prod"` or `user "admin"`.
    public let entry: String?
    /// The 1-based line in ``file``, when known.
    public let line: Int?
    /// What is wrong.
    public let message: String
    /// What to do about it.
    public let hint: String?

    /// Creates an error.
    public init(kind: Kind, message: String, file: String? = nil, entry: String? = nil, line: Int? = nil, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.entry = entry
        self.line = line
        self.hint = hint
    }

    /// `file:line: entry: message. hint`
    public var description: String {
        var text = ""
        if let file { text += file + (line.map { ":\($0)" } ?? "") + ": " }
        if let entry { text += "\(entry): " }
        text += message
        if let hint { text += ". \(hint)" }
        return text
    }
}
