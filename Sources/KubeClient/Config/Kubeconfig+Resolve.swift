import Foundation

extension Kubeconfig {
    /// Picks the context, cluster and user (after `overrides`), checks them as client-go does, and
    /// loads the certificate files: the configuration a client needs.
    public func resolve(overrides: ConfigOverrides = ConfigOverrides()) throws(ConfigurationError) -> ClientConfiguration {
        let where_ = files.joined(separator: ":")
        guard let contextName = overrides.context ?? currentContext else {
            throw ConfigurationError(
                kind: .unknownContext, message: "no context chosen: current-context is not set", file: where_,
                hint: "Pass --context NAME or run `kubectl config use-context NAME`"
            )
        }
        guard let context = contexts[contextName] else {
            throw ConfigurationError(
                kind: .unknownContext, message: "context \"\(contextName)\" not found in \(where_)",
                hint: "Known contexts: \(contexts.keys.sorted().joined(separator: ", ")); pass --context with one of them"
            )
        }
        let contextOrigin = context.origin?.description ?? where_
        let clusterName = overrides.cluster ?? context.cluster ?? ""
        guard let cluster = clusters[clusterName] else {
            throw ConfigurationError(
                kind: .unknownCluster, message: "cluster \"\(clusterName)\" was not found for context \"\(contextName)\"",
                file: contextOrigin, entry: "context \"\(contextName)\"",
                hint: "Define the cluster, or point the context at one of: \(clusters.keys.sorted().joined(separator: ", "))"
            )
        }
        let userName = overrides.user ?? context.user ?? ""
        var user: User
        if userName.isEmpty {
            user = User()
        } else if let found = users[userName] {
            user = found
        } else {
            throw ConfigurationError(
                kind: .unknownUser, message: "user \"\(userName)\" was not found for context \"\(contextName)\"",
                file: contextOrigin, entry: "context \"\(contextName)\"",
                hint: "Define the user, or point the context at one of: \(users.keys.sorted().joined(separator: ", "))"
            )
        }
        if let token = overrides.token, !token.isEmpty {
            user.token = token
            user.tokenFile = nil
            user.username = nil
            user.password = nil
        }
        var configuration = try Self.configuration(
            cluster: cluster, clusterName: clusterName, user: user, userName: userName, overrides: overrides)
        configuration.namespace = overrides.namespace ?? context.namespace ?? "default"
        configuration.contextName = contextName
        configuration.clusterName = clusterName
        configuration.userName = userName.isEmpty ? nil : userName
        configuration.source = where_
        return configuration
    }

    private static func configuration(
        cluster: Cluster, clusterName: String, user: User, userName: String, overrides: ConfigOverrides
    ) throws(ConfigurationError) -> ClientConfiguration {
        let clusterFile = cluster.origin?.description
        let clusterEntry = "cluster \"\(clusterName)\""
        let userFile = user.origin?.description
        let userEntry = "user \"\(userName)\""

        guard let server = (overrides.server ?? cluster.server).flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw ConfigurationError(kind: .noServer, message: "the cluster has no server", file: clusterFile, entry: clusterEntry,
                                     hint: "Set clusters[].cluster.server to the API server URL")
        }
        guard RequestURL(server) != nil else {
            throw ConfigurationError(kind: .invalidField, message: "server \"\(RequestURL.redact(server))\" is not an http(s) URL",
                                     file: clusterFile, entry: clusterEntry, hint: "Use https://HOST:PORT")
        }

        var tls = TLSConfiguration()
        tls.insecureSkipVerify = overrides.insecureSkipTLSVerify ?? cluster.insecureSkipTLSVerify
        tls.serverName = overrides.tlsServerName ?? cluster.tlsServerName
        if let path = overrides.certificateAuthority {
            tls.certificateAuthorityPEM = try readPEM(path, what: "certificate authority", marker: "CERTIFICATE",
                                                      kind: .invalidCertificateAuthority, file: nil, entry: nil)
        } else if let data = cluster.certificateAuthorityData {
            guard String(decoding: data, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
                throw ConfigurationError(kind: .invalidCertificateAuthority, message: "certificate-authority-data is not a PEM certificate",
                                         file: clusterFile, entry: clusterEntry, hint: "It must be base64 of a PEM file")
            }
            tls.certificateAuthorityPEM = data
        } else if let path = cluster.certificateAuthority {
            tls.certificateAuthorityPEM = try readPEM(path, what: "certificate-authority", marker: "CERTIFICATE",
                                                      kind: .invalidCertificateAuthority, file: clusterFile, entry: clusterEntry)
        }
        if tls.insecureSkipVerify && tls.certificateAuthorityPEM != nil && overrides.insecureSkipTLSVerify == nil {
            throw ConfigurationError(
                kind: .caWithInsecure, message: "a certificate authority is given together with insecure-skip-tls-verify",
                file: clusterFile, entry: clusterEntry, hint: "Remove one of them (keeping the certificate authority is safer)"
            )
        }
        if tls.insecureSkipVerify { tls.certificateAuthorityPEM = nil }

        var certificate = user.clientCertificateData
        if certificate == nil, let path = user.clientCertificate {
            certificate = try readPEM(path, what: "client-certificate", marker: "CERTIFICATE", kind: .unreadableFile,
                                      file: userFile, entry: userEntry)
        }
        var key = user.clientKeyData
        if key == nil, let path = user.clientKey {
            key = try readPEM(path, what: "client-key", marker: "PRIVATE KEY", kind: .unreadableFile, file: userFile, entry: userEntry)
        }
        if (certificate == nil) != (key == nil) {
            throw ConfigurationError(
                kind: .certificateWithoutKey,
                message: certificate != nil ? "client-certificate is given without client-key" : "client-key is given without client-certificate",
                file: userFile, entry: userEntry, hint: "Give both (or their -data forms)"
            )
        }
        tls.clientCertificatePEM = certificate
        tls.clientKeyPEM = key

        let credentials = try credentials(for: user, file: userFile, entry: userEntry, hasCertificate: certificate != nil)
        if credentials != .none || certificate != nil, server.lowercased().hasPrefix("http://") {
            throw ConfigurationError(
                kind: .credentialsOverHTTP, message: "credentials would be sent to \(RequestURL.redact(server)) in clear text",
                file: clusterFile, entry: clusterEntry, hint: "Use an https:// server address"
            )
        }

        var configuration = ClientConfiguration(
            server: server, tls: tls,
            proxy: cluster.proxyURL.map { ProxyConfiguration.url($0) } ?? .environment(),
            compression: !cluster.disableCompression, credentials: credentials
        )
        configuration.clusterInfo.proxyURL = cluster.proxyURL
        configuration.clusterInfo.disableCompression = cluster.disableCompression
        if user.impersonate != nil || user.impersonateUID != nil || !user.impersonateGroups.isEmpty || !user.impersonateUserExtra.isEmpty {
            configuration.impersonation = Impersonation(
                user: user.impersonate, uid: user.impersonateUID,
                groups: user.impersonateGroups, extra: user.impersonateUserExtra
            )
        }
        return configuration
    }

    /// Token, basic, exec and auth-provider, with client-go's precedence: static credentials beat exec.
    private static func credentials(
        for user: User, file: String?, entry: String, hasCertificate: Bool
    ) throws(ConfigurationError) -> Credentials {
        let hasToken = user.token != nil || user.tokenFile != nil
        if hasToken && (user.username != nil || user.password != nil) {
            throw ConfigurationError(
                kind: .conflictingCredentials, message: "username/password and a token are both set",
                file: file, entry: entry, hint: "Keep only one way to authenticate"
            )
        }
        if let tokenFile = user.tokenFile { return .tokenFile(tokenFile, initial: user.token) }
        if let token = user.token { return .token(token) }
        if let username = user.username { return .basic(username: username, password: user.password ?? "") }
        if let provider = user.authProvider {
            switch provider.name {
            case "oidc":
                if let idToken = provider.config["id-token"], !idToken.isEmpty { return .token(idToken) }
                throw ConfigurationError(
                    kind: .invalidField, message: "auth-provider oidc has no id-token", file: file, entry: entry,
                    hint: "Log in again (e.g. `kubectl oidc-login`), or switch to the kubelogin exec plugin"
                )
            case "gcp":
                throw ConfigurationError(
                    kind: .removedAuthProvider, message: "the gcp auth-provider was removed from Kubernetes", file: file, entry: entry,
                    hint: "Install gke-gcloud-auth-plugin and run `gcloud container clusters get-credentials` to switch to its exec plugin"
                )
            case "azure":
                throw ConfigurationError(
                    kind: .removedAuthProvider, message: "the azure auth-provider was removed from Kubernetes", file: file, entry: entry,
                    hint: "Install kubelogin and run `kubelogin convert-kubeconfig` to switch to its exec plugin"
                )
            default:
                if user.exec == nil && !hasCertificate {
                    throw ConfigurationError(
                        kind: .invalidField, message: "auth-provider \"\(provider.name)\" is not supported", file: file, entry: entry,
                        hint: "Use an exec credential plugin instead"
                    )
                }
            }
        }
        if let exec = user.exec, !hasCertificate {
            return .exec(exec, origin: [file, entry].compactMap { $0 }.joined(separator: ": "))
        }
        return .none
    }

    private static func readPEM(
        _ path: String, what: String, marker: String, kind: ConfigurationError.Kind, file: String?, entry: String?
    ) throws(ConfigurationError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(
                kind: kind, message: "cannot read \(what) file \(path)", file: file, entry: entry,
                hint: "Check that the file exists and is readable (relative paths are relative to the kubeconfig's folder)"
            )
        }
        guard String(decoding: data, as: UTF8.self).contains(marker) else {
            throw ConfigurationError(kind: kind, message: "\(what) file \(path) is not PEM (\(marker) expected)", file: file, entry: entry,
                                     hint: "Give a PEM file")
        }
        return Array(data)
    }
}
