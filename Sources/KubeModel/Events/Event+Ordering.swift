import Foundation

extension Event {
    /// Events oldest first, by when they were last seen (``lastSeen``), then by name so that equal
    /// times keep a stable order: the order kubectl shows them in.
    public static func ordered(_ events: [Event]) -> [Event] {
        events.sorted { left, right in
            let l = left.lastSeen ?? .distantPast
            let r = right.lastSeen ?? .distantPast
            return l == r ? (left.metadata.name ?? "") < (right.metadata.name ?? "") : l < r
        }
    }
}
