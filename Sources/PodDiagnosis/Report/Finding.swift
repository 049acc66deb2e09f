/// One conclusion about a pod (or a workload): a cause, the evidence for it, and the fix for this pod.
///
/// Encodes exactly as `causes.md` shows; fields may be added, none is renamed.
public struct Finding: Codable, Sendable, Equatable {
    /// The root-cause id (the public contract).
    public var cause: Cause
    /// How bad it is.
    public var severity: Severity
    /// How sure the engine is.
    public var confidence: Confidence
    /// The container concerned, when the finding is about one.
    public var container: String?
    /// A one-line headline, e.g. "container app is killed for using more memory than its 128Mi limit".
    public var title: String
    /// Why the engine believes it, in a few sentences.
    public var explanation: String
    /// The facts: exact status fields, events and log lines.
    public var evidence: [Evidence]
    /// What to change, for this pod.
    public var fix: Fix
    /// For `init-container-failed`: the init container's own cause.
    public var detail: Detail?

    /// Creates a finding.
    public init(
        cause: Cause, severity: Severity, confidence: Confidence, container: String? = nil, title: String,
        explanation: String, evidence: [Evidence], fix: Fix, detail: Detail? = nil
    ) {
        self.cause = cause
        self.severity = severity
        self.confidence = confidence
        self.container = container
        self.title = title
        self.explanation = explanation
        self.evidence = evidence
        self.fix = fix
        self.detail = detail
    }

    /// The nested cause of an `init-container-failed` finding.
    public struct Detail: Codable, Sendable, Equatable {
        /// The init container's cause.
        public var cause: Cause
        /// Its headline.
        public var title: String
        /// Creates a detail.
        public init(cause: Cause, title: String) {
            self.cause = cause
            self.title = title
        }
    }
}

/// How bad a finding is.
public struct Severity: StringValue, Comparable {
    /// `critical`, `warning` or `info`.
    public let rawValue: String
    /// Creates a severity from its name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The pod does not work because of this.
    public static let critical = Severity(rawValue: "critical")
    /// It works, or will soon break, but this needs attention.
    public static let warning = Severity(rawValue: "warning")
    /// Context that sharpens another finding.
    public static let info = Severity(rawValue: "info")

    private var rank: Int { self == .critical ? 2 : self == .warning ? 1 : 0 }
    /// Orders `info` < `warning` < `critical`.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// How sure the engine is of a finding.
public struct Confidence: StringValue, Comparable {
    /// `high`, `medium` or `low`.
    public let rawValue: String
    /// Creates a confidence from its name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Decisive evidence (a reason field, a proving event).
    public static let high = Confidence(rawValue: "high")
    /// Strong hints (a recognised log line).
    public static let medium = Confidence(rawValue: "medium")
    /// A best guess, or evidence was missing.
    public static let low = Confidence(rawValue: "low")

    private var rank: Int { self == .high ? 2 : self == .medium ? 1 : 0 }
    /// Orders `low` < `medium` < `high`.
    public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
}

/// One fact behind a finding.
public struct Evidence: Codable, Sendable, Equatable {
    /// `status`, `event`, `log`, `spec`, `object` or `node`.
    public var source: String
    /// Where exactly: `status.containerStatuses[app].lastState.terminated.reason`,
    /// `Warning BackOff x7 over 3m`, `app (previous), line 212`.
    public var ref: String
    /// The value, message or line itself.
    public var text: String

    /// Creates evidence.
    public init(source: String, ref: String, text: String) {
        self.source = source
        self.ref = ref
        self.text = text
    }
}

/// What to change: a summary, the commands to run and the YAML to apply, for this pod.
public struct Fix: Codable, Sendable, Equatable {
    /// One or two sentences.
    public var summary: String
    /// kubectl commands, ready to paste.
    public var commands: [String]
    /// A YAML snippet (a patch of this pod's template), when one applies.
    public var yaml: String?

    /// Creates a fix.
    public init(summary: String, commands: [String] = [], yaml: String? = nil) {
        self.summary = summary
        self.commands = commands
        self.yaml = yaml
    }
}

/// A string-valued type that encodes as its bare string (severity, confidence).
public protocol StringValue: RawRepresentable, Codable, Sendable, Hashable where RawValue == String {
    /// Creates a value from its string.
    init(rawValue: String)
}

extension StringValue {
    /// Decodes from a string.
    public init(from decoder: any Decoder) throws { self.init(rawValue: try decoder.singleValueContainer().decode(String.self)) }
    /// Encodes as a string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
