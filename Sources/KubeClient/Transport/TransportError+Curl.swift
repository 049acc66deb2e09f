import CCurl

extension TransportError {
    /// Maps a libcurl result to a ``TransportError`` that says what to check.
    ///
    /// - Parameters:
    ///   - code: the `CURLcode` of the finished transfer.
    ///   - detail: libcurl's error buffer (more precise than `curl_easy_strerror`).
    ///   - url: the request URL, already without user information.
    ///   - connected: whether a connection had been established (tells connect from total timeouts).
    ///   - usedProxy: whether the transfer went through a proxy.
    ///   - presentedClientCertificate: whether a client certificate was configured.
    static func curl(
        _ code: CURLcode, detail: String, url: String, connected: Bool, usedProxy: Bool,
        presentedClientCertificate: Bool = false
    ) -> TransportError {
        let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        let lower = text.lowercased()
        let curlCode = Int(code.rawValue)
        func make(_ kind: Kind, _ hint: String?) -> TransportError {
            TransportError(kind: kind, url: url, detail: text, curlCode: curlCode, hint: hint)
        }
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return make(.invalidRequest, "Check the server URL (it must start with https:// or http://)")
        case CURLE_COULDNT_RESOLVE_PROXY:
            return make(.proxy, "The proxy's host name does not resolve: check proxy-url or HTTPS_PROXY")
        case CURLE_COULDNT_RESOLVE_HOST:
            return make(.nameResolution, "Check the server address in your kubeconfig and your DNS")
        case CURLE_COULDNT_CONNECT:
            if usedProxy {
                return make(.proxy, "Check that the proxy is running and reachable (proxy-url or HTTPS_PROXY)")
            }
            return make(.connectionRefused, "Is the API server running and is the address and port right? Check the cluster's server in your kubeconfig")
        case CURLE_OPERATION_TIMEDOUT:
            if !connected {
                return make(.connectTimeout, "The server did not accept a connection in time: check the address, firewalls and VPN")
            }
            return make(.timeout, "The server accepted the connection but did not answer in time; it may be overloaded")
        case CURLE_PEER_FAILED_VERIFICATION:
            let what: String
            if lower.contains("expired") {
                what = "The server's certificate has expired: renew it, or check this machine's clock"
            } else if lower.contains("subject name") || lower.contains("host name") || lower.contains("hostname") {
                what = "The server's certificate is not issued for this host name: use the name it was issued for, or set tls-server-name"
            } else {
                what = "The server's certificate is not signed by a trusted authority: check certificate-authority(-data) in your kubeconfig"
            }
            return make(.tlsVerification, what)
        case CURLE_SSL_CERTPROBLEM:
            return make(.unreadableClientCertificate, "The client certificate or key could not be loaded: check client-certificate(-data) and client-key(-data) are PEM and belong together")
        case CURLE_SSL_CACERT_BADFILE:
            return make(.invalidRequest, "The certificate authority is not valid PEM: check certificate-authority(-data)")
        case CURLE_SSL_CONNECT_ERROR, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING:
            if lower.contains("certificate required") || lower.contains("bad certificate")
                || lower.contains("unknown ca") || lower.contains("certificate unknown") {
                return make(.clientCertificate, "The server requires a client certificate it trusts: check client-certificate and client-key in your kubeconfig")
            }
            if lower.contains("certificate verify failed") {
                return make(.tlsVerification, "The server's certificate is not trusted: check certificate-authority(-data) in your kubeconfig")
            }
            if code == CURLE_SSL_CONNECT_ERROR {
                return make(.tlsHandshake, "The TLS handshake failed: is this an HTTPS endpoint that accepts TLS 1.2 or later?")
            }
            if presentedClientCertificate {
                // With TLS 1.3 a refused client certificate shows only as a closed connection.
                return make(.connectionDropped, "The connection closed before a response arrived: the server may have refused the client certificate (check client-certificate and client-key), or a proxy or load balancer cut it")
            }
            return make(.connectionDropped, "The connection closed before a complete response arrived; retry, and check any proxy or load balancer in between")
        case CURLE_PARTIAL_FILE, CURLE_BAD_CONTENT_ENCODING:
            return make(.truncatedResponse, "The response ended early; retry, and check any proxy or load balancer in between")
        case CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return make(.connectionDropped, "The HTTP/2 stream was reset or the connection broke; retry")
        case CURLE_PROXY:
            return make(.proxy, "The proxy refused the connection: check proxy-url or HTTPS_PROXY and the proxy's access rules")
        case CURLE_ABORTED_BY_CALLBACK, CURLE_WRITE_ERROR:
            return TransportError(kind: .cancelled, url: url, detail: "the request was cancelled", curlCode: curlCode)
        default:
            if usedProxy && lower.contains("proxy") {
                return make(.proxy, "Check proxy-url or HTTPS_PROXY")
            }
            return make(.other, nil)
        }
    }
}
