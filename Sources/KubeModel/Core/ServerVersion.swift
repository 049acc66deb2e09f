/// The API server's answer to `GET /version`.
public struct ServerVersion: Codable, Sendable, Equatable {
    /// The major version, e.g. `1`.
    public var major: String?
    /// The minor version, e.g. `32` (some distributions append `+`).
    public var minor: String?
    /// The full version, e.g. `v1.32.0-beta.0+src.cd13ec4`.
    public var gitVersion: String?
    /// The commit the server was built from.
    public var gitCommit: String?
    /// `clean` or `dirty`.
    public var gitTreeState: String?
    /// When the server was built.
    public var buildDate: String?
    /// The Go version it was built with.
    public var goVersion: String?
    /// The compiler.
    public var compiler: String?
    /// `os/arch` of the server binary.
    public var platform: String?

    /// Creates a version.
    public init(major: String? = nil, minor: String? = nil, gitVersion: String? = nil, gitCommit: String? = nil,
                gitTreeState: String? = nil, buildDate: String? = nil, goVersion: String? = nil,
                compiler: String? = nil, platform: String? = nil) {
        self.major = major
        self.minor = minor
        self.gitVersion = gitVersion
        self.gitCommit = gitCommit
        self.gitTreeState = gitTreeState
        self.buildDate = buildDate
        self.goVersion = goVersion
        self.compiler = compiler
        self.platform = platform
    }
}
