/// A toleration (`spec.tolerations[]`): lets a pod schedule onto (or stay on) a tainted node.
public struct Toleration: Codable, Sendable, Hashable {
    /// The taint key; empty with `Exists` tolerates every taint.
    public var key: String?
    /// `Equal` (the default) or `Exists`.
    public var `operator`: TolerationOperator?
    /// The taint value for `Equal`.
    public var value: String?
    /// The effect tolerated; empty means all effects.
    public var effect: TaintEffect?
    /// For `NoExecute`: seconds the pod stays after the taint appears.
    public var tolerationSeconds: Int?

    /// Creates a toleration.
    public init(
        key: String? = nil, operator: TolerationOperator? = nil, value: String? = nil, effect: TaintEffect? = nil,
        tolerationSeconds: Int? = nil
    ) {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }

    /// Whether this toleration tolerates `taint`, with the scheduler's rules.
    public func tolerates(_ taint: Taint) -> Bool {
        if let effect, !effect.rawValue.isEmpty, effect != taint.effect { return false }
        let key = self.key ?? ""
        if key.isEmpty { return self.operator == .exists }
        guard key == (taint.key ?? "") else { return false }
        switch self.operator ?? .equal {
        case .exists: return true
        case .equal: return (value ?? "") == (taint.value ?? "")
        default: return false
        }
    }
}

/// The operator of a ``Toleration``.
public struct TolerationOperator: KubernetesEnum {
    /// The operator as sent by the server.
    public let rawValue: String
    /// Creates an operator from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `Exists`: any value.
    public static let exists: TolerationOperator = "Exists"
    /// `Equal`: the same value.
    public static let equal: TolerationOperator = "Equal"
}
