/// Writes reports as JSON with the keys in the order `causes.md` shows, the same bytes every time
/// (Foundation's `JSONEncoder` on Linux does not keep key order).
public enum ReportJSON {
    /// An ordered JSON value.
    indirect enum Value {
        case string(String)
        case number(Int)
        case bool(Bool)
        case array([Value])
        case object([(String, Value)])
    }

    /// The report as JSON text with a final newline: pretty-printed with two-space indents, or
    /// compact on one line (`pretty: false`, for one object per line).
    public static func encode(_ report: DiagnosisReport, pretty: Bool = true) -> String {
        var output = ""
        write(report.value, indent: pretty ? "" : nil, into: &output)
        return output + "\n"
    }

    /// Writes `value`; a `nil` indent writes it compact.
    static func write(_ value: Value, indent: String?, into output: inout String) {
        guard let indent else {
            writeCompact(value, into: &output)
            return
        }
        switch value {
        case .string(let text): output += quote(text)
        case .number(let number): output += String(number)
        case .bool(let flag): output += flag ? "true" : "false"
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += indent + "  "
                write(item, indent: indent + "  ", into: &output)
                output += index == items.count - 1 ? "\n" : ",\n"
            }
            output += indent + "]"
        case .object(let fields):
            guard !fields.isEmpty else { output += "{}"; return }
            output += "{\n"
            for (index, (key, item)) in fields.enumerated() {
                output += indent + "  " + quote(key) + ": "
                write(item, indent: indent + "  ", into: &output)
                output += index == fields.count - 1 ? "\n" : ",\n"
            }
            output += indent + "}"
        }
    }

    static func writeCompact(_ value: Value, into output: inout String) {
        switch value {
        case .string(let text): output += quote(text)
        case .number(let number): output += String(number)
        case .bool(let flag): output += flag ? "true" : "false"
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                writeCompact(item, into: &output)
            }
            output += "]"
        case .object(let fields):
            output += "{"
            for (index, (key, item)) in fields.enumerated() {
                if index > 0 { output += "," }
                output += quote(key) + ":"
                writeCompact(item, into: &output)
            }
            output += "}"
        }
    }

    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension DiagnosisReport {
    var value: ReportJSON.Value {
        var fields: [(String, ReportJSON.Value)] = [("apiVersion", .string(apiVersion)), ("pods", .array(pods.map(\.value)))]
        if let workloads { fields.append(("workloads", .array(workloads.map(\.value)))) }
        if let warnings { fields.append(("warnings", .array(warnings.map { .string($0) }))) }
        if let moment { fields.append(("moment", .object([("time", .string(moment.time.description)), ("source", .string(moment.source.rawValue))]))) }
        let summary = self.summary
        fields.append(("summary", summary.value))
        if let clusters {
            fields.append(("clusters", .array(clusters.map { cluster in
                var entry: [(String, ReportJSON.Value)] = [("context", .string(cluster.context)), ("state", .string(cluster.state))]
                if let reason = cluster.reason { entry.append(("reason", .string(reason))) }
                if let totals = cluster.totals { entry.append(("summary", totals.value)) }
                entry.append(("topCauses", .array(cluster.topCauses.map { .string($0) })))
                return .object(entry)
            })))
        }
        if let fleet {
            fields.append(("fleet", .array(fleet.map { finding in
                var entry: [(String, ReportJSON.Value)] = [("namespace", .string(finding.namespace)), ("owner", finding.owner.value),
                                                           ("cause", .string(finding.cause.rawValue))]
                if let container = finding.container { entry.append(("container", .string(container))) }
                entry += [("contexts", .array(finding.contexts.map { .string($0) })), ("clusters", .number(finding.clusters)),
                          ("title", .string(finding.title)), ("finding", finding.finding.value)]
                return .object(entry)
            })))
        }
        return .object(fields)
    }
}

extension PodReport {
    var value: ReportJSON.Value {
        var fields: [(String, ReportJSON.Value)] = context.map { [("context", .string($0))] } ?? []
        fields += [("namespace", .string(namespace)), ("name", .string(name)), ("status", .string(status)), ("restarts", .number(restarts))]
        if let owner { fields.append(("owner", owner.value)) }
        fields.append(("findings", .array(findings.map(\.value))))
        return .object(fields)
    }
}

extension DiagnosisReport.Totals {
    var value: ReportJSON.Value {
        .object([("pods", .number(pods)), ("failing", .number(failing)), ("warning", .number(warning)), ("healthy", .number(healthy))])
    }
}

extension OwnerSummary {
    var value: ReportJSON.Value { .object([("kind", .string(kind)), ("name", .string(name))]) }
}

extension WorkloadReport {
    var value: ReportJSON.Value {
        .object((context.map { [("context", .string($0))] } ?? [])
            + [("namespace", .string(namespace)), ("owner", owner.value), ("pods", .array(pods.map { .string($0) })), ("finding", finding.value)])
    }
}

extension Finding {
    var value: ReportJSON.Value {
        var fields: [(String, ReportJSON.Value)] = [
            ("cause", .string(cause.rawValue)), ("severity", .string(severity.rawValue)), ("confidence", .string(confidence.rawValue)),
        ]
        if let container { fields.append(("container", .string(container))) }
        fields += [
            ("title", .string(title)), ("explanation", .string(explanation)),
            ("evidence", .array(evidence.map { .object([("source", .string($0.source)), ("ref", .string($0.ref)), ("text", .string($0.text))]) })),
        ]
        var fix: [(String, ReportJSON.Value)] = [("summary", .string(self.fix.summary)), ("commands", .array(self.fix.commands.map { .string($0) }))]
        if let yaml = self.fix.yaml { fix.append(("yaml", .string(yaml))) }
        fields.append(("fix", .object(fix)))
        if let detail { fields.append(("detail", .object([("cause", .string(detail.cause.rawValue)), ("title", .string(detail.title))]))) }
        return .object(fields)
    }
}
