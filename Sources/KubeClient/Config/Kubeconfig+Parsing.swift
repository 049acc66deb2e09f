import Foundation
import Yams

extension Kubeconfig {
    /// Parses one kubeconfig file's text. `file` names it in errors and anchors relative paths.
    ///
    /// Unknown fields are ignored, as kubectl does; an empty document is an empty configuration.
    public static func parse(yaml: String, file: String) throws(ConfigurationError) -> Kubeconfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Self.syntaxError(error, file: file)
        } catch {
            throw ConfigurationError(kind: .syntax, message: "\(error)", file: file)
        }
        var config = Kubeconfig(files: [file])
        guard let root else { return config }
        guard let top = root.mapping else {
            throw ConfigurationError(
                kind: .invalidField, message: "the file is not a kubeconfig (expected a mapping at the top)",
                file: file, line: root.mark?.line, hint: "Check that this is a kubeconfig file"
            )
        }
        let reader = NodeReader(file: file)
        config.currentContext = try reader.string(top["current-context"], field: "current-context").flatMap { $0.isEmpty ? nil : $0 }
        config.clusters = try reader.namedEntries(top["clusters"], list: "clusters", item: "cluster") { (node, origin) throws(ConfigurationError) in
            try reader.cluster(node, origin: origin)
        }
        config.users = try reader.namedEntries(top["users"], list: "users", item: "user") { (node, origin) throws(ConfigurationError) in
            try reader.user(node, origin: origin)
        }
        config.contexts = try reader.namedEntries(top["contexts"], list: "contexts", item: "context") { (node, origin) throws(ConfigurationError) in
            Kubeconfig.Context(
                cluster: try reader.string(node?["cluster"], field: "cluster"),
                user: try reader.string(node?["user"], field: "user"),
                namespace: try reader.string(node?["namespace"], field: "namespace").flatMap { $0.isEmpty ? nil : $0 },
                origin: origin
            )
        }
        return config
    }

    /// Reads and parses a kubeconfig file.
    public static func load(file path: String) throws(ConfigurationError) -> Kubeconfig {
        let absolute = NodeReader.absolute(path, relativeTo: FileManager.default.currentDirectoryPath)
        guard FileManager.default.fileExists(atPath: absolute) else {
            throw ConfigurationError(kind: .fileNotFound, message: "kubeconfig file does not exist", file: absolute,
                                     hint: "Check the --kubeconfig path or the KUBECONFIG variable")
        }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw ConfigurationError(kind: .unreadableFile, message: "cannot read the kubeconfig file", file: absolute,
                                     hint: "Check the file's permissions")
        }
        return try parse(yaml: String(decoding: data, as: UTF8.self), file: absolute)
    }

    private static func syntaxError(_ error: YamlError, file: String) -> ConfigurationError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            // File, line and column, never the line's text: it may hold a token or a password.
            return ConfigurationError(kind: .syntax, message: "invalid YAML at column \(mark.column): \(problem)", file: file, line: mark.line,
                                      hint: "Fix the YAML at that line (indentation, a missing colon or quote)")
        default:
            return ConfigurationError(kind: .syntax, message: "invalid YAML (the parser stopped without a position)", file: file,
                                      hint: "Check the file is a kubeconfig written in YAML or JSON")
        }
    }
}

/// Reads typed values out of a kubeconfig's YAML nodes, with errors that name the file and line.
struct NodeReader {
    let file: String
    var folder: String { (file as NSString).deletingLastPathComponent }

    /// Makes `path` absolute against `folder` (`~` is expanded).
    static func absolute(_ path: String, relativeTo folder: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        return ((folder as NSString).appendingPathComponent(expanded) as NSString).standardizingPath
    }

    func string(_ node: Node?, field: String) throws(ConfigurationError) -> String? {
        guard let node, node.null == nil else { return nil }
        guard let text = node.scalar?.string else {
            throw ConfigurationError(kind: .invalidField, message: "\(field) must be a string", file: file, line: node.mark?.line)
        }
        return text
    }

    func bool(_ node: Node?, field: String) throws(ConfigurationError) -> Bool {
        guard let node, node.null == nil else { return false }
        if let value = node.bool { return value }
        switch node.scalar?.string.lowercased() {
        case "true": return true
        case "false", "": return false
        default:
            throw ConfigurationError(kind: .invalidField, message: "\(field) must be true or false", file: file, line: node.mark?.line)
        }
    }

    func path(_ node: Node?, field: String) throws(ConfigurationError) -> String? {
        guard let text = try string(node, field: field), !text.isEmpty else { return nil }
        return Self.absolute(text, relativeTo: folder)
    }

    func base64(_ node: Node?, field: String) throws(ConfigurationError) -> [UInt8]? {
        guard let text = try string(node, field: field), !text.isEmpty else { return nil }
        let compact = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else {
            throw ConfigurationError(kind: .invalidField, message: "\(field) is not valid base64", file: file, line: node?.mark?.line,
                                     hint: "Encode the PEM with `base64 -w0`")
        }
        return Array(data)
    }

    func strings(_ node: Node?, field: String) throws(ConfigurationError) -> [String] {
        guard let node, node.null == nil else { return [] }
        guard let sequence = node.sequence else {
            throw ConfigurationError(kind: .invalidField, message: "\(field) must be a list", file: file, line: node.mark?.line)
        }
        var result: [String] = []
        for item in sequence {
            if let text = try string(item, field: field) { result.append(text) }
        }
        return result
    }

    /// Reads a list of `{name: N, <item>: {...}}`; a name used twice in one file is an error.
    func namedEntries<Entry>(
        _ node: Node?, list: String, item: String,
        _ makeEntry: (Node?, Kubeconfig.Origin) throws(ConfigurationError) -> Entry
    ) throws(ConfigurationError) -> [String: Entry] {
        guard let node, node.null == nil else { return [:] }
        guard let sequence = node.sequence else {
            throw ConfigurationError(kind: .invalidField, message: "\(list) must be a list", file: file, line: node.mark?.line)
        }
        var entries: [String: Entry] = [:]
        var lines: [String: Int] = [:]
        for element in sequence {
            let nameNode = element["name"]
            guard let name = try string(nameNode, field: "\(list)[].name"), !name.isEmpty else {
                throw ConfigurationError(kind: .invalidField, message: "an entry of \(list) has no name", file: file,
                                         line: element.mark?.line, hint: "Give every entry a name")
            }
            let line = nameNode?.mark?.line
            if entries[name] != nil {
                throw ConfigurationError(
                    kind: .duplicateName, message: "\(item) \"\(name)\" is defined twice (also at line \(lines[name].map(String.init) ?? "?"))",
                    file: file, entry: "\(item) \"\(name)\"", line: line, hint: "Rename or remove one of them"
                )
            }
            lines[name] = line
            entries[name] = try makeEntry(element[item], Kubeconfig.Origin(file: file, line: line))
        }
        return entries
    }

    func cluster(_ node: Node?, origin: Kubeconfig.Origin) throws(ConfigurationError) -> Kubeconfig.Cluster {
        var cluster = Kubeconfig.Cluster(server: try string(node?["server"], field: "server"), origin: origin)
        cluster.certificateAuthority = try path(node?["certificate-authority"], field: "certificate-authority")
        cluster.certificateAuthorityData = try base64(node?["certificate-authority-data"], field: "certificate-authority-data")
        cluster.insecureSkipTLSVerify = try bool(node?["insecure-skip-tls-verify"], field: "insecure-skip-tls-verify")
        cluster.tlsServerName = try string(node?["tls-server-name"], field: "tls-server-name").flatMap { $0.isEmpty ? nil : $0 }
        cluster.proxyURL = try string(node?["proxy-url"], field: "proxy-url").flatMap { $0.isEmpty ? nil : $0 }
        cluster.disableCompression = try bool(node?["disable-compression"], field: "disable-compression")
        return cluster
    }

    func user(_ node: Node?, origin: Kubeconfig.Origin) throws(ConfigurationError) -> Kubeconfig.User {
        var user = Kubeconfig.User(origin: origin)
        user.clientCertificate = try path(node?["client-certificate"], field: "client-certificate")
        user.clientCertificateData = try base64(node?["client-certificate-data"], field: "client-certificate-data")
        user.clientKey = try path(node?["client-key"], field: "client-key")
        user.clientKeyData = try base64(node?["client-key-data"], field: "client-key-data")
        user.token = try string(node?["token"], field: "token").flatMap { $0.isEmpty ? nil : $0 }
        user.tokenFile = try path(node?["tokenFile"], field: "tokenFile")
        user.username = try string(node?["username"], field: "username").flatMap { $0.isEmpty ? nil : $0 }
        user.password = try string(node?["password"], field: "password").flatMap { $0.isEmpty ? nil : $0 }
        user.impersonate = try string(node?["as"], field: "as").flatMap { $0.isEmpty ? nil : $0 }
        user.impersonateUID = try string(node?["as-uid"], field: "as-uid").flatMap { $0.isEmpty ? nil : $0 }
        user.impersonateGroups = try strings(node?["as-groups"], field: "as-groups")
        if let extra = node?["as-user-extra"]?.mapping {
            for (key, value) in extra {
                guard let name = key.string else { continue }
                user.impersonateUserExtra[name] = try strings(value, field: "as-user-extra.\(name)")
            }
        }
        if let exec = node?["exec"], exec.null == nil {
            user.exec = try execConfig(exec)
        }
        if let provider = node?["auth-provider"], provider.null == nil {
            var config: [String: String] = [:]
            for (key, value) in provider["config"]?.mapping ?? [:] {
                if let name = key.string, let text = value.string { config[name] = text }
            }
            user.authProvider = Kubeconfig.AuthProvider(
                name: try string(provider["name"], field: "auth-provider.name") ?? "", config: config)
        }
        return user
    }

    func execConfig(_ node: Node) throws(ConfigurationError) -> Kubeconfig.ExecConfig {
        guard let command = try string(node["command"], field: "exec.command"), !command.isEmpty else {
            throw ConfigurationError(kind: .invalidField, message: "exec has no command", file: file, line: node.mark?.line,
                                     hint: "Set exec.command to the credential plugin to run")
        }
        let apiVersion = try string(node["apiVersion"], field: "exec.apiVersion") ?? ""
        // A command with a slash is a path relative to this file; a bare name is looked up in PATH.
        let resolved = command.contains("/") ? Self.absolute(command, relativeTo: folder) : command
        var exec = Kubeconfig.ExecConfig(apiVersion: apiVersion, command: resolved)
        exec.args = try strings(node["args"], field: "exec.args")
        if let env = node["env"], env.null == nil {
            guard let items = env.sequence else {
                throw ConfigurationError(kind: .invalidField, message: "exec.env must be a list", file: file, line: env.mark?.line)
            }
            for item in items {
                guard let name = try string(item["name"], field: "exec.env[].name") else { continue }
                exec.env.append(Kubeconfig.EnvVar(name: name, value: try string(item["value"], field: "exec.env[].value") ?? ""))
            }
        }
        exec.installHint = try string(node["installHint"], field: "exec.installHint")
        exec.provideClusterInfo = try bool(node["provideClusterInfo"], field: "exec.provideClusterInfo")
        exec.interactiveMode = try string(node["interactiveMode"], field: "exec.interactiveMode").flatMap { $0.isEmpty ? nil : $0 }
        return exec
    }
}
