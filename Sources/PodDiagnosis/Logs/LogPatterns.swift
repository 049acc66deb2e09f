import Foundation

/// One recognisable log line: the cause it points at, how specific it is, and the named values it
/// extracts (`module`, `host`, `port`, `variable`, `path`, `user`, `line`).
struct LogPattern: @unchecked Sendable {
    let cause: Cause
    /// Higher wins when several patterns match one log.
    let weight: Int
    let regex: NSRegularExpression
    let names: [String]

    /// A pattern that matches nothing (`(?!)`).
    static let never: NSRegularExpression = {
        guard let regex = try? NSRegularExpression(pattern: "(?!)") else { preconditionFailure("(?!) is a valid pattern") }
        return regex
    }()

    init(_ cause: Cause, weight: Int, _ pattern: String, names: [String] = []) {
        self.cause = cause
        self.weight = weight
        // The table is static and tested: a pattern that fails to compile matches nothing.
        regex = (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]))
            ?? LogPattern.never
        self.names = names
    }
}

/// The table of log lines PodDoctor understands, loosely matched so version drift does not break
/// it. Data, not a chain of ifs: add a row to teach the engine a new message.
enum LogPatterns {
    static let all: [LogPattern] = [
        // The program's own entry file is not in the image.
        LogPattern(.missingFileInImage, weight: 90, #"Cannot find module '(/[^']+)'"#, names: ["path"]),
        LogPattern(.missingFileInImage, weight: 90, #"can't open file '([^']+)'"#, names: ["path"]),
        LogPattern(.missingFileInImage, weight: 90, #"Unable to access jarfile (\S+)"#, names: ["path"]),
        LogPattern(.missingFileInImage, weight: 85, #"Could not find or load main class (\S+)"#, names: ["path"]),
        LogPattern(.missingFileInImage, weight: 80, #"exec (/\S+): no such file or directory"#, names: ["path"]),
        LogPattern(.missingFileInImage, weight: 75, #"No such file or directory.*'(/[^']+\.(?:py|js|rb|sh|jar|dll))'"#, names: ["path"]),
        LogPattern(.missingFileInImage, weight: 70, #"(?:FileNotFoundError|No such file or directory|ENOENT)[^/]*'(/[^']+)'"#, names: ["path"]),
        LogPattern(.missingFileInImage, weight: 70, #"ENOENT: no such file or directory, open '(/[^']+)'"#, names: ["path"]),
        // A library the program imports is not installed.
        LogPattern(.missingLanguageDependency, weight: 90, #"ModuleNotFoundError: No module named '([^']+)'"#, names: ["module"]),
        LogPattern(.missingLanguageDependency, weight: 88, #"ImportError: No module named '?([\w.]+)"#, names: ["module"]),
        LogPattern(.missingLanguageDependency, weight: 88, #"Cannot find module '([^./'][^']*)'"#, names: ["module"]),
        LogPattern(.missingLanguageDependency, weight: 88, #"ClassNotFoundException: ([\w.$]+)"#, names: ["module"]),
        LogPattern(.missingLanguageDependency, weight: 86, #"NoClassDefFoundError: ([\w/.$]+)"#, names: ["module"]),
        LogPattern(.missingLanguageDependency, weight: 88, #"cannot load such file -- ([\w/.-]+)"#, names: ["module"]),
        LogPattern(.missingLanguageDependency, weight: 86, #"Could not find gem '([^' ]+)"#, names: ["module"]),
        LogPattern(.missingLanguageDependency, weight: 88, #"error while loading shared libraries: ([^:\s]+)"#, names: ["module"]),
        LogPattern(.missingLanguageDependency, weight: 86, #"Could not load file or assembly '([^,']+)"#, names: ["module"]),
        // A required environment variable is not set.
        LogPattern(.missingEnvVar, weight: 85, #"KeyError: '((?-i:[A-Z][A-Z0-9_]+))'"#, names: ["variable"]),
        LogPattern(.missingEnvVar, weight: 85, #"(?:environment variable|env var|env)\s+['"`]?((?-i:[A-Z][A-Z0-9_]+))['"`]?\s+(?:is\s+)?(?:not set|missing|required|undefined|is not defined|must be set)"#, names: ["variable"]),
        LogPattern(.missingEnvVar, weight: 84, #"missing (?:required )?(?:environment variable|env(?:ironment)? var(?:iable)?)s?:?\s+['"`]?((?-i:[A-Z][A-Z0-9_]+))"#, names: ["variable"]),
        LogPattern(.missingEnvVar, weight: 80, #"\b((?-i:[A-Z][A-Z0-9]*_[A-Z0-9_]+)) (?:is not set|must be set|is required|is undefined|not set)"#, names: ["variable"]),
        LogPattern(.missingEnvVar, weight: 80, #"Could not resolve placeholder '([\w.]+)'"#, names: ["variable"]),
        // A configuration file does not parse.
        LogPattern(.configFileInvalid, weight: 82, #"yaml: line (\d+): (.+)"#, names: ["line", "problem"]),
        LogPattern(.configFileInvalid, weight: 82, #"(?:ScannerError|ParserError|YAMLException|YAMLError|mapping values are not allowed|while parsing a block mapping|could not find expected ':')"#),
        LogPattern(.configFileInvalid, weight: 80, #"(?:JSONDecodeError|Unexpected token .* in JSON|invalid character '.' looking for beginning|json: cannot unmarshal|Expecting (?:value|property name))"#),
        LogPattern(.configFileInvalid, weight: 80, #"toml.*(?:error|invalid|expected).*\bline (\d+)"#, names: ["line"]),
        LogPattern(.configFileInvalid, weight: 85, #"\[emerg\] (.+) in (/\S+):(\d+)"#, names: ["problem", "path", "line"]),
        LogPattern(.configFileInvalid, weight: 70, #"(?:failed|unable|error) (?:to )?(?:parse|load|read) (?:the )?(?:config|configuration)"#),
        // The credentials of a dependency are refused.
        LogPattern(.dependencyAuthFailed, weight: 88, #"password authentication failed for user "([^"]+)""#, names: ["user"]),
        LogPattern(.dependencyAuthFailed, weight: 88, #"Access denied for user '([^']+)'"#, names: ["user"]),
        LogPattern(.dependencyAuthFailed, weight: 86, #"NOAUTH Authentication required|WRONGPASS|invalid username-password pair"#),
        LogPattern(.dependencyAuthFailed, weight: 82, #"(?:SASL|SCRAM)? ?[Aa]uthentication failed"#),
        // A dependency cannot be reached.
        LogPattern(.dependencyUnreachable, weight: 84, #"ECONNREFUSED (\S+):(\d+)"#, names: ["host", "port"]),
        LogPattern(.dependencyUnreachable, weight: 84, #"dial tcp (\S+):(\d+): connect: connection refused"#, names: ["host", "port"]),
        LogPattern(.dependencyUnreachable, weight: 84, #"dial tcp: lookup ([\w.-]+)(?: on [\d.:]+)?: no such host"#, names: ["host"]),
        LogPattern(.dependencyUnreachable, weight: 84, #"getaddrinfo (?:ENOTFOUND|EAI_AGAIN) ([\w.-]+)"#, names: ["host"]),
        LogPattern(.dependencyUnreachable, weight: 84, #"could not translate host name "([^"]+)""#, names: ["host"]),
        LogPattern(.dependencyUnreachable, weight: 84, #"connection to server at "([^"]+)"(?: \([\d.:a-f]+\))?, port (\d+) failed"#, names: ["host", "port"]),
        LogPattern(.dependencyUnreachable, weight: 83, #"Error \d+ connecting to ([\w.-]+):(\d+)"#, names: ["host", "port"]),
        LogPattern(.dependencyUnreachable, weight: 83, #"Could not connect to (?:Redis|server) at ([\w.-]+):(\d+)"#, names: ["host", "port"]),
        LogPattern(.dependencyUnreachable, weight: 82, #"UnknownHostException: ([\w.-]+)"#, names: ["host"]),
        LogPattern(.dependencyUnreachable, weight: 84, #"bad address '([\w.-]+)'"#, names: ["host"]),
        LogPattern(.dependencyUnreachable, weight: 80, #"([\w.-]+):(\d+) (?:is )?not reachable"#, names: ["host", "port"]),
        LogPattern(.dependencyUnreachable, weight: 82, #"Connection to node -?\d+ \(([\w.-]+)/?[\d.]*:(\d+)\) could not be established"#, names: ["host", "port"]),
        LogPattern(.dependencyUnreachable, weight: 80, #"(?:connect|connection) (?:to )?([\w.-]+):(\d+) (?:failed|refused|timed out)"#, names: ["host", "port"]),
        LogPattern(.dependencyUnreachable, weight: 72, #"(?:Connection refused|Name or service not known|Temporary failure in name resolution|no such host|i/o timeout)"#),
        // The binary is for another CPU, or cannot run.
        LogPattern(.execFormatError, weight: 95, #"exec format error"#),
        LogPattern(.commandNotExecutable, weight: 90, #"^(?:exec )?(/\S+): permission denied\s*$"#, names: ["path"]),
        LogPattern(.commandNotExecutable, weight: 90, #"(?:sh|bash|ash|dash)(?:: \d+)?: (?:line \d+: )?(\S+): permission denied"#, names: ["path"]),
        LogPattern(.commandNotFound, weight: 90, #"(?:sh|bash|ash|dash)(?:: \d+)?: (?:line \d+: )?([^:\s]+): (?:command )?not found"#, names: ["path"]),
        LogPattern(.commandNotFound, weight: 90, #"executable file not found in \$PATH"#),
        LogPattern(.segfault, weight: 80, #"Segmentation fault|SIGSEGV"#),
        LogPattern(.oomKilled, weight: 75, #"OutOfMemoryError|JavaScript heap out of memory|Cannot allocate memory|MemoryError"#),
    ]

    /// Lines that start or carry a failure: the candidates for the decisive line of an `app-error`.
    static let failureMarkers: [NSRegularExpression] = [
        #"^panic: "#,
        #"^(?:[\w.]+\.)?\w*(?:Error|Exception)(?:: |$)"#,
        #"^Caused by: "#,
        #"\(\w*(?:Error|Exception)\)\s*$"#,
        #"Exception in thread"#,
        #"Unhandled (?:exception|rejection)|UnhandledPromiseRejection"#,
        #"\b(?:FATAL|CRITICAL|fatal error)\b"#,
        #"^\s*(?:Error|ERROR)\b"#,
    ].compactMap { try? NSRegularExpression(pattern: $0, options: []) }
}
