/// A request PodDoctor cannot carry out as asked (bad arguments).
public struct UsageError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    public let description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
