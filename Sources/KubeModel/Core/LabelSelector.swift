/// A label selector (`spec.selector` of workloads): labels that must match and set-based requirements.
public struct LabelSelector: Codable, Sendable, Hashable {
    /// Labels that must all be present with these values.
    public var matchLabels: [String: String]?
    /// Set-based requirements, all of which must hold.
    public var matchExpressions: [LabelSelectorRequirement]?

    /// Creates a selector.
    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// Whether `labels` satisfy the selector. An empty selector matches everything; an unknown
    /// operator matches nothing.
    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels ?? [:] where labels[key] != value { return false }
        for requirement in matchExpressions ?? [] where !requirement.matches(labels) { return false }
        return true
    }
}

/// One set-based requirement of a ``LabelSelector``.
public struct LabelSelectorRequirement: Codable, Sendable, Hashable {
    /// The label key.
    public var key: String?
    /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
    public var `operator`: LabelSelectorOperator?
    /// The values for `In` and `NotIn`.
    public var values: [String]?

    /// Creates a requirement.
    public init(key: String? = nil, operator: LabelSelectorOperator? = nil, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    /// Whether `labels` satisfy the requirement.
    public func matches(_ labels: [String: String]) -> Bool {
        guard let key else { return false }
        let value = labels[key]
        switch self.operator {
        case .in?: return value.map { (values ?? []).contains($0) } ?? false
        case .notIn?: return value.map { !(values ?? []).contains($0) } ?? true
        case .exists?: return value != nil
        case .doesNotExist?: return value == nil
        default: return false
        }
    }
}

/// The operator of a ``LabelSelectorRequirement``.
public struct LabelSelectorOperator: KubernetesEnum {
    /// The operator as sent by the server.
    public let rawValue: String
    /// Creates an operator from its string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `In`: the label's value is one of the values.
    public static let `in`: LabelSelectorOperator = "In"
    /// `NotIn`: the label is missing or its value is none of the values.
    public static let notIn: LabelSelectorOperator = "NotIn"
    /// `Exists`: the label is present.
    public static let exists: LabelSelectorOperator = "Exists"
    /// `DoesNotExist`: the label is missing.
    public static let doesNotExist: LabelSelectorOperator = "DoesNotExist"
}
