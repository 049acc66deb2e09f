import Foundation

/// A bearer token kept in a file that something else rotates (the kubelet, for service accounts).
///
/// Re-read when the cached copy is older than ``maxAge`` or on demand after a 401; when a read
/// fails, the last good token stays in use.
final class TokenFileSource: @unchecked Sendable {
    /// How long a read token is trusted before the file is read again (client-go uses about a minute).
    static let maxAge: TimeInterval = 50

    let path: String
    private let lock = NSLock()
    private var cached: String?
    private var readAt: Date?

    init(path: String, initial: String?) {
        self.path = path
        cached = initial
    }

    /// The token; reads the file when the copy is stale or `forceReload` is set.
    func token(forceReload: Bool = false, now: Date = Date()) throws(ConfigurationError) -> String? {
        lock.lock()
        defer { lock.unlock() }
        let stale = readAt.map { now.timeIntervalSince($0) >= Self.maxAge } ?? true
        guard forceReload || stale else { return cached }
        if let data = FileManager.default.contents(atPath: path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty {
                cached = text
                readAt = now
                return text
            }
        }
        // Keep the last good token; only fail when there has never been one.
        guard let cached else {
            throw ConfigurationError(
                kind: .unreadableFile, message: "cannot read the token file", file: path,
                hint: "Check that tokenFile exists and holds a token"
            )
        }
        readAt = now
        return cached
    }
}
