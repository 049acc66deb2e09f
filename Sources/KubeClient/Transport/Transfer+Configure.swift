import CCurl

/// libcurl calls these C functions; `userdata` is the ``Transfer``, unretained.
private let writeCallback: pd_data_callback = { buffer, size, count, userdata in
    guard let userdata else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    return transfer.receiveBody(UnsafeRawBufferPointer(start: buffer, count: size * count))
}

private let headerCallback: pd_data_callback = { buffer, size, count, userdata in
    guard let userdata else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: size * count))
    return size * count
}

/// Aborts a transfer whose caller went away, even while it waits for data.
private let progressCallback: pd_progress_callback = { userdata, _, _, _, _ in
    guard let userdata else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    return transfer.cancelRequested.load(ordering: .relaxed) ? 1 : 0
}

extension Transfer {
    /// Creates and configures the easy handle for this request (driver thread).
    func makeHandle() throws(TransportError) -> EasyHandle {
        guard let target = RequestURL(request.url) else {
            throw TransportError(
                kind: .invalidRequest, url: request.url,
                detail: "not an absolute http(s) URL with a host",
                hint: "Check the cluster's server address in your kubeconfig"
            )
        }
        let handle = try EasyHandle(url: redactedURL)
        let tls = configuration.tls
        let me = Unmanaged.passUnretained(self).toOpaque()

        var url = request.url
        var headerLines: [String] = []
        if let serverName = tls.serverName, !serverName.isEmpty, serverName.lowercased() != target.host {
            // Verify and send SNI for `serverName`, but connect to the URL's host.
            url = target.replacingHost(serverName)
            let bracketed = serverName.contains(":") ? "[\(serverName)]" : serverName
            try handle.set(CURLOPT_CONNECT_TO, list: ["\(bracketed):\(target.port):\(target.hostForURL):\(target.port)"])
            let defaultPort = target.scheme == "https" ? 443 : 80
            headerLines.append("Host: \(target.hostForURL)" + (target.port == defaultPort ? "" : ":\(target.port)"))
        }
        try handle.set(CURLOPT_URL, url)
        try handle.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try handle.set(CURLOPT_PRIVATE, pointer: me)
        try handle.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try handle.set(CURLOPT_NOSIGNAL, true)
        try handle.set(CURLOPT_TCP_KEEPALIVE, true)
        try handle.set(CURLOPT_SUPPRESS_CONNECT_HEADERS, true)

        try handle.set(CURLOPT_WRITEFUNCTION, callback: writeCallback)
        try handle.set(CURLOPT_WRITEDATA, pointer: me)
        try handle.set(CURLOPT_HEADERFUNCTION, callback: headerCallback)
        try handle.set(CURLOPT_HEADERDATA, pointer: me)
        try handle.setProgress(callback: progressCallback)
        try handle.set(CURLOPT_XFERINFODATA, pointer: me)
        try handle.set(CURLOPT_NOPROGRESS, false)

        try configureTimeouts(handle)
        try configureTLS(handle, tls)
        try handle.set(CURLOPT_PROXY, configuration.proxy.proxyURL(for: request.url) ?? "")
        try handle.set(CURLOPT_HTTP_VERSION, configuration.allowHTTP2 ? pd_http_version_2tls() : pd_http_version_1_1())
        try handle.set(CURLOPT_PIPEWAIT, true)
        if configuration.compression {
            try handle.set(CURLOPT_ACCEPT_ENCODING, "gzip")
        }
        try configureMethodAndBody(handle)

        if !request.headers.contains(name: "User-Agent") {
            try handle.set(CURLOPT_USERAGENT, configuration.userAgent)
        }
        // A line break in a header would add headers of its own: refused, never sent (the value is not repeated).
        for field in request.headers where (field.name + field.value).unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            throw TransportError(kind: .invalidRequest, url: redactedURL, detail: "header \(field.name.filter { $0.isLetter || $0 == "-" }) contains a line break",
                                 hint: "A header value must be one line: check the credential or setting it comes from")
        }
        for field in request.headers where !(field.name.caseInsensitiveEquals("Host") && !headerLines.isEmpty) {
            // "Name;" is curl's spelling of a header with an empty value.
            headerLines.append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        headerLines.append("Expect:")
        try handle.set(CURLOPT_HTTPHEADER, list: headerLines)
        return handle
    }

    private func configureTimeouts(_ handle: EasyHandle) throws(TransportError) {
        try handle.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
        let total = request.timeout ?? (isStreaming ? nil : configuration.requestTimeout)
        try handle.set(CURLOPT_TIMEOUT_MS, total.map(Self.milliseconds) ?? 0)
        // A stream that receives nothing (not even its headers) for this long is dead or half-open.
        if isStreaming, let idle = configuration.streamIdleTimeout {
            try handle.set(CURLOPT_LOW_SPEED_LIMIT, 1)
            try handle.set(CURLOPT_LOW_SPEED_TIME, max(1, Int(idle.components.seconds)))
        }
        // TCP keepalive: an idle connection is probed after 30 s, every 10 s, so a peer that vanished
        // (a half-open connection) is noticed by the kernel rather than never.
        try handle.set(CURLOPT_TCP_KEEPALIVE, 1)
        try handle.set(CURLOPT_TCP_KEEPIDLE, 30)
        try handle.set(CURLOPT_TCP_KEEPINTVL, 10)
    }

    private func configureTLS(_ handle: EasyHandle, _ tls: TLSConfiguration) throws(TransportError) {
        try handle.set(CURLOPT_SSLVERSION, pd_sslversion_tlsv1_2())
        if tls.insecureSkipVerify {
            try handle.set(CURLOPT_SSL_VERIFYPEER, false)
            try handle.set(CURLOPT_SSL_VERIFYHOST, 0)
        } else {
            try handle.set(CURLOPT_SSL_VERIFYPEER, true)
            try handle.set(CURLOPT_SSL_VERIFYHOST, 2)
        }
        if let ca = tls.certificateAuthorityPEM {
            // Trust only this CA: drop the built-in bundle file and directory.
            try handle.clear(CURLOPT_CAINFO)
            try handle.clear(CURLOPT_CAPATH)
            try handle.set(CURLOPT_CAINFO_BLOB, blob: ca)
        }
        switch (tls.clientCertificatePEM, tls.clientKeyPEM) {
        case let (certificate?, key?):
            try handle.set(CURLOPT_SSLCERT_BLOB, blob: certificate)
            try handle.set(CURLOPT_SSLCERTTYPE, "PEM")
            try handle.set(CURLOPT_SSLKEY_BLOB, blob: key)
            try handle.set(CURLOPT_SSLKEYTYPE, "PEM")
        case (nil, nil):
            break
        default:
            throw TransportError(
                kind: .invalidRequest, url: redactedURL,
                detail: "a client certificate needs both the certificate and its key",
                hint: "Give both client-certificate and client-key (or their -data forms)"
            )
        }
    }

    private func configureMethodAndBody(_ handle: EasyHandle) throws(TransportError) {
        switch request.method {
        case .get where request.body == nil:
            try handle.set(CURLOPT_HTTPGET, true)
        case .head:
            try handle.set(CURLOPT_NOBODY, true)
        default:
            if request.method != .post {
                try handle.set(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
            }
            let body = request.body ?? []
            try handle.setCopyPostFields(body)
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let millis = seconds.multipliedReportingOverflow(by: 1000)
        guard !millis.overflow, millis.partialValue < Int64(Int32.max) else { return Int(Int32.max) }
        return max(1, Int(millis.partialValue) + Int(attoseconds / 1_000_000_000_000_000))
    }
}
