import Foundation

/// When and how often a request is sent again, as client-go does: after 429 or 5xx answers that
/// carry `Retry-After`, and after a dropped connection for reads. Bounded in count and in time.
public struct RetryPolicy: Sendable {
    /// The most extra attempts for one request.
    public var maxRetries: Int
    /// The longest wait honoured from one `Retry-After` (longer ones are cut to this).
    public var maxDelay: Duration
    /// The most time spent waiting across all retries of one request.
    public var maxTotalDelay: Duration
    /// The wait before retrying a dropped connection (doubled each time).
    public var connectionRetryDelay: Duration

    /// Creates a policy; the defaults give up after 10 retries or 30 seconds of waiting.
    public init(maxRetries: Int = 10, maxDelay: Duration = .seconds(10), maxTotalDelay: Duration = .seconds(30),
                connectionRetryDelay: Duration = .milliseconds(200)) {
        self.maxRetries = maxRetries
        self.maxDelay = maxDelay
        self.maxTotalDelay = maxTotalDelay
        self.connectionRetryDelay = connectionRetryDelay
    }

    /// Never retry.
    public static let none = RetryPolicy(maxRetries: 0)

    /// The wait before retrying `response`, or `nil` when it should not be retried.
    func delay(for response: HTTPResponse) -> Duration? {
        guard response.status == 429 || (500...599).contains(response.status),
              let header = response.headers["Retry-After"], let seconds = Int(header.trimmingCharacters(in: .whitespaces))
        else { return nil }
        return min(.seconds(max(0, seconds)), maxDelay)
    }

    /// The wait before retrying after `error` on attempt `attempt` (0-based), or `nil` for no retry.
    func delay(for error: TransportError, method: HTTPMethod, attempt: Int) -> Duration? {
        guard method == .get || method == .head else { return nil }
        guard error.kind == .connectionDropped || error.kind == .truncatedResponse else { return nil }
        return min(connectionRetryDelay * (1 << min(attempt, 6)), maxDelay)
    }
}

/// A token bucket: at most `burst` requests at once, refilled at `ratePerSecond`.
/// Requests wait their turn instead of failing.
public actor RateLimiter {
    private let ratePerSecond: Double
    private let burst: Double
    private var tokens: Double
    private var updatedAt: ContinuousClock.Instant

    /// Creates a limiter; a rate of 0 or less means no limit.
    public init(ratePerSecond: Double, burst: Int) {
        self.ratePerSecond = ratePerSecond
        self.burst = Double(max(1, burst))
        tokens = Double(max(1, burst))
        updatedAt = .now
    }

    /// Waits until a request may go.
    public func acquire() async throws {
        guard ratePerSecond > 0 else { return }
        let now = ContinuousClock.now
        let elapsed = now - updatedAt
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(burst, tokens + seconds * ratePerSecond)
        updatedAt = now
        tokens -= 1
        if tokens < 0 {
            // Reserve the token now, then sleep until it exists, so waiters are served in order.
            try await Task.sleep(for: .seconds(-tokens / ratePerSecond))
        }
    }
}
