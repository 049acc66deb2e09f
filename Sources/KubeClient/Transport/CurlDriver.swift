import CCurl
import Foundation
import Synchronization

/// Makes `curl_global_init` run once per process, before the first handle.
private let curlGlobalInit: CURLcode = curl_global_init(pd_global_default())

/// One thread that owns one curl multi handle and runs every transfer of a ``CurlTransport``.
///
/// Other threads talk to it only through the inbox (submit, cancel, resume, shut down) followed by
/// `curl_multi_wakeup`, which is safe from any thread. Everything else here belongs to the driver thread.
final class CurlDriver: @unchecked Sendable {
    private struct Inbox {
        var submissions: [Transfer] = []
        var cancellations: [UInt64] = []
        var resumptions: [UInt64] = []
        var shuttingDown = false
        var stopped = false
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private let maxConcurrentTransfers: Int
    /// Transfers the driver holds (running or queued), as of its last loop.
    let transferCount = Atomic<Int>(0)

    // Driver-thread state.
    private var active: [UInt64: Transfer] = [:]
    private var waiting: [Transfer] = []

    init(configuration: TransportConfiguration) throws(TransportError) {
        guard curlGlobalInit == CURLE_OK, let multi = curl_multi_init() else {
            throw TransportError(kind: .other, detail: "libcurl could not be initialised")
        }
        self.multi = multi
        maxConcurrentTransfers = max(1, configuration.maxConcurrentTransfers)
        _ = pd_multi_setopt_long(multi, CURLMOPT_PIPELINING, pd_pipe_multiplex())
        _ = pd_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, configuration.maxConnectionsPerHost))
        _ = pd_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, max(1, configuration.maxConnectionsPerHost) * 4)
        _ = pd_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(1, configuration.maxConnectionsPerHost) * 4)
        let thread = Thread { [self] in run() }
        thread.name = "poddoctor-curl"
        thread.start()
    }

    // MARK: - Any thread

    /// Hands a transfer to the driver; it starts as soon as a slot is free.
    func submit(_ transfer: Transfer) {
        let accepted = inbox.withLock { inbox in
            guard !inbox.shuttingDown else { return false }
            inbox.submissions.append(transfer)
            curl_multi_wakeup(multi)
            return true
        }
        if !accepted {
            transfer.finish(.failure(TransportError(kind: .shutdown, url: transfer.redactedURL)),
                            metrics: metrics(for: transfer, handle: nil))
        }
    }

    /// Aborts a transfer (no effect once it has finished).
    func cancel(_ id: UInt64) {
        post { $0.cancellations.append(id) }
    }

    /// Continues a transfer paused because its stream's reader fell behind.
    func resume(_ id: UInt64) {
        post { $0.resumptions.append(id) }
    }

    /// Fails every pending transfer and stops the thread.
    func shutdown() {
        post { $0.shuttingDown = true }
    }

    private func post(_ change: (inout Inbox) -> Void) {
        // Wake the driver under the lock: tear-down marks the handle stopped under the same lock
        // before freeing it, so a wake-up never reaches a freed multi handle.
        inbox.withLock { inbox in
            change(&inbox)
            if !inbox.stopped { curl_multi_wakeup(multi) }
        }
    }

    // MARK: - Driver thread

    private func run() {
        while true {
            let work = inbox.withLock { inbox in
                let work = inbox
                inbox.submissions = []
                inbox.cancellations = []
                inbox.resumptions = []
                return work
            }
            waiting.append(contentsOf: work.submissions)
            for id in work.cancellations { abort(id) }
            for id in work.resumptions {
                if let handle = active[id]?.handle { _ = curl_easy_pause(handle.raw, pd_pause_cont()) }
            }
            if work.shuttingDown { break }
            startWaiting()
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            collectFinished()
            startWaiting()
            transferCount.store(active.count + waiting.count, ordering: .relaxed)
            if !waiting.isEmpty && active.count < maxConcurrentTransfers { continue }
            var ready: Int32 = 0
            _ = curl_multi_poll(multi, nil, 0, 1000, &ready)
        }
        tearDown()
    }

    private func startWaiting() {
        while active.count < maxConcurrentTransfers, !waiting.isEmpty {
            let transfer = waiting.removeFirst()
            if transfer.cancelRequested.load(ordering: .relaxed) {
                transfer.finish(.failure(cancelledError(transfer)), metrics: metrics(for: transfer, handle: nil))
                continue
            }
            let id = transfer.id
            transfer.resumeHandler = { [weak self] in self?.resume(id) }
            transfer.cancelHandler = { [weak self, weak transfer] in
                transfer?.cancelRequested.store(true, ordering: .relaxed)
                self?.cancel(id)
            }
            do {
                let handle = try transfer.makeHandle()
                transfer.startedAt = .now
                let code = curl_multi_add_handle(multi, handle.raw)
                guard code == CURLM_OK else {
                    let reason = String(cString: curl_multi_strerror(code))
                    transfer.finish(.failure(TransportError(kind: .other, url: transfer.redactedURL, detail: reason)),
                                    metrics: metrics(for: transfer, handle: handle))
                    continue
                }
                transfer.handle = handle
                active[id] = transfer
            } catch {
                transfer.finish(.failure(error), metrics: metrics(for: transfer, handle: nil))
            }
        }
    }

    private func collectFinished() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let raw = message.pointee.easy_handle else { continue }
            let code = pd_msg_result(message)
            var pointer: UnsafeMutableRawPointer?
            _ = pd_easy_getinfo_pointer(raw, CURLINFO_PRIVATE, &pointer)
            guard let pointer else { continue }
            let transfer = Unmanaged<Transfer>.fromOpaque(pointer).takeUnretainedValue()
            complete(transfer, code: code)
        }
    }

    /// Removes a finished (or aborted) transfer from the multi handle and resumes its caller.
    private func complete(_ transfer: Transfer, code: CURLcode) {
        guard let handle = transfer.handle else { return }
        let metrics = metrics(for: transfer, handle: handle)
        curl_multi_remove_handle(multi, handle.raw)
        active[transfer.id] = nil
        transfer.handle = nil
        if code == CURLE_OK {
            transfer.finish(.success(()), metrics: metrics)
        } else if transfer.cancelRequested.load(ordering: .relaxed) {
            transfer.finish(.failure(cancelledError(transfer)), metrics: metrics)
        } else {
            let error = TransportError.curl(
                code, detail: transfer.curlErrorText, url: transfer.redactedURL,
                connected: handle.info(offset: transfer.request.url.lowercased().hasPrefix("https")
                    ? CURLINFO_APPCONNECT_TIME_T : CURLINFO_CONNECT_TIME_T) > 0,
                usedProxy: transfer.configuration.proxy.proxyURL(for: transfer.request.url) != nil,
                presentedClientCertificate: transfer.configuration.tls.clientCertificatePEM != nil && transfer.status == 0
            )
            transfer.finish(.failure(error), metrics: metrics)
        }
    }

    private func abort(_ id: UInt64) {
        if let transfer = active[id] {
            transfer.cancelRequested.store(true, ordering: .relaxed)
            complete(transfer, code: CURLE_ABORTED_BY_CALLBACK)
        } else if let index = waiting.firstIndex(where: { $0.id == id }) {
            let transfer = waiting.remove(at: index)
            transfer.finish(.failure(cancelledError(transfer)), metrics: metrics(for: transfer, handle: nil))
        }
    }

    private func tearDown() {
        let pending = inbox.withLock { inbox in
            inbox.stopped = true
            defer { inbox.submissions = [] }
            return inbox.submissions
        }
        for transfer in Array(active.values) {
            if let handle = transfer.handle {
                curl_multi_remove_handle(multi, handle.raw)
                transfer.handle = nil
            }
            transfer.finish(.failure(TransportError(kind: .shutdown, url: transfer.redactedURL)),
                            metrics: metrics(for: transfer, handle: nil))
        }
        active = [:]
        for transfer in waiting + pending {
            transfer.finish(.failure(TransportError(kind: .shutdown, url: transfer.redactedURL)),
                            metrics: metrics(for: transfer, handle: nil))
        }
        waiting = []
        curl_multi_cleanup(multi)
    }

    private func cancelledError(_ transfer: Transfer) -> TransportError {
        TransportError(kind: .cancelled, url: transfer.redactedURL, detail: "the request was cancelled")
    }

    private func metrics(for transfer: Transfer, handle: EasyHandle?) -> TransferMetrics {
        let version: String
        switch handle?.info(CURLINFO_HTTP_VERSION) ?? 0 {
        case CURL_HTTP_VERSION_1_0: version = "HTTP/1.0"
        case CURL_HTTP_VERSION_1_1: version = "HTTP/1.1"
        case CURL_HTTP_VERSION_2_0: version = "HTTP/2"
        case CURL_HTTP_VERSION_3: version = "HTTP/3"
        default: version = ""
        }
        return TransferMetrics(
            method: transfer.request.method, url: transfer.redactedURL, status: transfer.status,
            httpVersion: version, duration: ContinuousClock.now - transfer.startedAt,
            newConnections: handle?.info(CURLINFO_NUM_CONNECTS) ?? 0, bytesReceived: transfer.bodyBytes
        )
    }
}
