import Synchronization

/// Live libcurl handles and transfers, counted as they are created and freed: a leak per request
/// shows as a count that never comes back down, whatever else the process allocates meanwhile.
package enum TransportCounters {
    /// Easy handles alive (created, not yet cleaned up).
    package static let handles = Atomic<Int>(0)
    /// Transfers alive (their error buffers and callbacks' state).
    package static let transfers = Atomic<Int>(0)
}
