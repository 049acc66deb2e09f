import KubeModel

/// A label selector (`app=web,tier!=cache,env in (a,b),!legacy,version>2`) parsed with the API
/// server's grammar (`k8s.io/apimachinery/pkg/labels.Parse`), matched against labels offline.
/// What the server would refuse with a 400 is refused here too, naming the problem.
public struct SelectorMatcher: Sendable {
    enum Requirement: Sendable, Equatable {
        case equals(String, String), notEquals(String, String), exists(String), absent(String)
        case isIn(String, Set<String>), notIn(String, Set<String>), greater(String, Int), less(String, Int)
    }

    let requirements: [Requirement]

    /// Parses `selector`; an empty one matches everything.
    public init(_ selector: String) throws(SelectorError) {
        var lexer = Lexer(Array(selector.unicodeScalars))
        var requirements: [Requirement] = []
        if lexer.peek() == .end {
            self.requirements = []
            return
        }
        while true {
            requirements.append(try Self.requirement(&lexer, selector))
            switch lexer.next() {
            case .end:
                self.requirements = requirements
                return
            case .comma:
                continue
            case let token:
                throw SelectorError(selector: selector, problem: "found \(token), expected ',' or the end")
            }
        }
    }

    /// The selector of a workload (`matchLabels` and `matchExpressions`) in the API's string form.
    public static func string(_ selector: LabelSelector) -> String {
        var parts = (selector.matchLabels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        for expression in selector.matchExpressions ?? [] {
            guard let key = expression.key else { continue }
            let values = (expression.values ?? []).sorted().joined(separator: ",")
            switch expression.operator?.rawValue {
            case "In": parts.append("\(key) in (\(values))")
            case "NotIn": parts.append("\(key) notin (\(values))")
            case "Exists": parts.append(key)
            case "DoesNotExist": parts.append("!\(key)")
            default: continue
            }
        }
        return parts.joined(separator: ",")
    }

    /// Whether `labels` satisfy every requirement.
    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): return labels[key] == value
            case .notEquals(let key, let value): return labels[key] != value
            case .exists(let key): return labels[key] != nil
            case .absent(let key): return labels[key] == nil
            case .isIn(let key, let values): return labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): return labels[key].map { !values.contains($0) } ?? true
            case .greater(let key, let bound): return labels[key].flatMap { Int($0) }.map { $0 > bound } ?? false
            case .less(let key, let bound): return labels[key].flatMap { Int($0) }.map { $0 < bound } ?? false
            }
        }
    }

    private static func requirement(_ lexer: inout Lexer, _ selector: String) throws(SelectorError) -> Requirement {
        var negated = false
        var token = lexer.next()
        if token == .not {
            negated = true
            token = lexer.next()
        }
        guard case .word(let key) = token else { throw SelectorError(selector: selector, problem: "found \(token), expected a label key") }
        try validateKey(key, selector)
        if negated {
            guard [.comma, .end].contains(lexer.peek()) else { throw SelectorError(selector: selector, problem: "'!\(key)' takes no operator") }
            return .absent(key)
        }
        let operation = lexer.peek()
        switch operation {
        case .comma, .end:
            return .exists(key)
        case .equals, .doubleEquals, .notEquals:
            _ = lexer.next()
            let value = try Self.value(&lexer, selector)
            return operation == .notEquals ? .notEquals(key, value) : .equals(key, value)
        case .greater, .less:
            _ = lexer.next()
            // An integer, and a valid label value too (apimachinery checks both: "-5" and "+5" are refused).
            guard case .word(let text) = lexer.next(), text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber), let number = Int(text) else {
                throw SelectorError(selector: selector, problem: "'\(key)' with > or < needs an integer")
            }
            return operation == .greater ? .greater(key, number) : .less(key, number)
        case .word(let word) where word == "in" || word == "notin":
            _ = lexer.next()
            guard lexer.next() == .open else { throw SelectorError(selector: selector, problem: "'\(word)' needs '(' after it") }
            var values = Set<String>()
            if lexer.peek() == .close {
                // `in ()` is the set of the empty value, as apimachinery parses it.
                _ = lexer.next()
                return word == "in" ? .isIn(key, [""]) : .notIn(key, [""])
            }
            while true {
                values.insert(try Self.value(&lexer, selector, inSet: true))
                let separator = lexer.next()
                if separator == .close { break }
                guard separator == .comma else { throw SelectorError(selector: selector, problem: "found \(separator) in a value list, expected ',' or ')'") }
            }
            return word == "in" ? .isIn(key, values) : .notIn(key, values)
        case let other:
            throw SelectorError(selector: selector, problem: "found \(other) after '\(key)', expected =, ==, !=, in, notin, > or <")
        }
    }

    private static func value(_ lexer: inout Lexer, _ selector: String, inSet: Bool = false) throws(SelectorError) -> String {
        switch lexer.peek() {
        case .word(let value):
            _ = lexer.next()
            try validateValue(value, selector)
            return value
        case .comma, .end, .close:
            return ""  // An empty value is valid ("key=" matches an empty label).
        case let other:
            throw SelectorError(selector: selector, problem: "found \(other), expected a value")
        }
    }

    /// `[prefix/]name`: a DNS subdomain prefix of at most 253 characters and a name of at most 63.
    static func validateKey(_ key: String, _ selector: String) throws(SelectorError) {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.last, isName(name) else {
            throw SelectorError(selector: selector, problem: "'\(key)' is not a valid label key")
        }
        if parts.count == 2 {
            let prefix = parts[0]
            guard !prefix.isEmpty, prefix.count <= 253, prefix.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ label in
                !label.isEmpty && label.count <= 63 && label.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
                    && label.first != "-" && label.last != "-"
            }) else { throw SelectorError(selector: selector, problem: "'\(prefix)' in '\(key)' is not a valid DNS subdomain prefix") }
        }
    }

    static func validateValue(_ value: String, _ selector: String) throws(SelectorError) {
        guard value.isEmpty || isName(Substring(value)) else { throw SelectorError(selector: selector, problem: "'\(value)' is not a valid label value") }
    }

    /// At most 63 characters, alphanumerics with `-`, `_`, `.` inside.
    static func isName(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.count <= 63, let first = text.first, let last = text.last,
              first.isASCII && (first.isLetter || first.isNumber), last.isASCII && (last.isLetter || last.isNumber) else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
    }
}

/// A label selector the API server would refuse.
public struct SelectorError: Error, CustomStringConvertible, Sendable {
    /// The selector as given.
    public let selector: String
    /// What is wrong.
    public let problem: String
    /// `invalid label selector "a==": …`.
    public var description: String { "invalid label selector \"\(selector)\": \(problem)" }
}

/// The tokens of the selector grammar.
struct Lexer {
    enum Token: Equatable, CustomStringConvertible {
        case word(String), comma, not, equals, doubleEquals, notEquals, greater, less, open, close, end
        var description: String {
            switch self {
            case .word(let text): return "'\(text)'"
            case .comma: return "','"
            case .not: return "'!'"
            case .equals: return "'='"
            case .doubleEquals: return "'=='"
            case .notEquals: return "'!='"
            case .greater: return "'>'"
            case .less: return "'<'"
            case .open: return "'('"
            case .close: return "')'"
            case .end: return "the end"
            }
        }
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    func peek() -> Token {
        var copy = self
        return copy.next()
    }

    mutating func next() -> Token {
        while index < scalars.count, [" ", "\t", "\r", "\n"].contains(scalars[index]) { index += 1 }
        guard index < scalars.count else { return .end }
        let scalar = scalars[index]
        index += 1
        switch scalar {
        case ",": return .comma
        case "(": return .open
        case ")": return .close
        case ">": return .greater
        case "<": return .less
        case "=":
            if index < scalars.count, scalars[index] == "=" { index += 1; return .doubleEquals }
            return .equals
        case "!":
            if index < scalars.count, scalars[index] == "=" { index += 1; return .notEquals }
            return .not
        default:
            var word = String(scalar)
            while index < scalars.count, !" \t\r\n,()=!<>".unicodeScalars.contains(scalars[index]) {
                word.unicodeScalars.append(scalars[index])
                index += 1
            }
            return .word(word)
        }
    }
}
