import Foundation
import KubeModel

/// The other pods of a pod's workload, without copying them: a view over the workload's pods, shared
/// by every pod of it, that leaves this one out. (A workload of a thousand pods with hundreds failing
/// would otherwise copy its pods hundreds of times.)
public struct SiblingPods: RandomAccessCollection, Sendable {
    private let pods: [Pod]
    private let skipped: Int?

    /// Siblings given as they are.
    public init(_ pods: [Pod] = []) {
        self.pods = pods
        skipped = nil
    }

    /// A workload's pods without the one at `index`.
    init(sharing pods: [Pod], leavingOut index: Int) {
        self.pods = pods
        skipped = index
    }

    /// The first position.
    public var startIndex: Int { 0 }
    /// One past the last position.
    public var endIndex: Int { skipped == nil ? pods.count : pods.count - 1 }

    /// The sibling at `position`, lent rather than copied (read its fields through the subscript).
    public subscript(position: Int) -> Pod {
        _read { yield pods[skipped.map { position >= $0 ? position + 1 : position } ?? position] }
    }
}

/// The pods of each workload, gathered once per batch of evidence and shared (see ``SiblingPods``).
final class SiblingGroups: @unchecked Sendable {
    private let lock = NSLock()
    private var groups: [String: (pods: [Pod], positions: [String: [Int]])] = [:]

    /// The pods of the controllers `uids` in `namespace`, with each pod's positions by uid.
    func group(namespace: String?, uids: [String], build: () -> [Pod]) -> (pods: [Pod], positions: [String: [Int]]) {
        let key = "\(namespace ?? "")|" + uids.joined(separator: ",")
        if let known = lock.withLock({ groups[key] }) { return known }
        let pods = build()
        var positions: [String: [Int]] = [:]
        for (position, pod) in pods.enumerated() {
            if let uid = pod.metadata.uid { positions[uid, default: []].append(position) }
        }
        lock.withLock { groups[key] = (pods, positions) }
        return (pods, positions)
    }
}
