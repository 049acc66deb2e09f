import CCurl

/// Owns one libcurl easy handle and the header lists set on it; not `Sendable`: it lives on the
/// driver thread from creation to cleanup.
///
/// There is one typed `set` per libcurl argument kind, mirroring the wrappers in `CCurl/shim.h`.
final class EasyHandle {
    let raw: UnsafeMutableRawPointer
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    private let url: String

    /// Creates a handle; `url` only names the request in errors.
    init(url: String) throws(TransportError) {
        guard let raw = curl_easy_init() else {
            throw TransportError(kind: .other, url: url, detail: "curl_easy_init failed (out of memory?)")
        }
        self.raw = raw
        self.url = url
        TransportCounters.handles.add(1, ordering: .relaxed)
    }

    deinit {
        TransportCounters.handles.subtract(1, ordering: .relaxed)
        curl_easy_cleanup(raw)
        for list in lists { curl_slist_free_all(list) }
    }

    func set(_ option: CURLoption, _ value: Int) throws(TransportError) {
        try check(pd_easy_setopt_long(raw, option, value), option)
    }

    func set(_ option: CURLoption, _ value: Bool) throws(TransportError) {
        try set(option, value ? 1 : 0)
    }

    /// Sets a string option; curl copies strings, so `value` need not outlive the call.
    func set(_ option: CURLoption, _ value: String) throws(TransportError) {
        try check(pd_easy_setopt_string(raw, option, value), option)
    }

    /// Clears a string option (passes `NULL`).
    func clear(_ option: CURLoption) throws(TransportError) {
        try check(pd_easy_setopt_pointer(raw, option, nil), option)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(TransportError) {
        try check(pd_easy_setopt_pointer(raw, option, pointer), option)
    }

    func set(_ option: CURLoption, offset value: Int64) throws(TransportError) {
        try check(pd_easy_setopt_off_t(raw, option, curl_off_t(value)), option)
    }

    /// Sets a list option (headers, `CONNECT_TO`); the handle frees the list at cleanup.
    func set(_ option: CURLoption, list values: [String]) throws(TransportError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values {
            guard let appended = curl_slist_append(list, value) else {
                if let list { curl_slist_free_all(list) }
                throw TransportError(kind: .other, url: url, detail: "curl_slist_append failed (out of memory?)")
            }
            list = appended
        }
        guard let list else { return }
        lists.append(list)
        try check(pd_easy_setopt_slist(raw, option, list), option)
    }

    /// Sets a blob option from bytes; curl keeps its own copy.
    func set(_ option: CURLoption, blob bytes: [UInt8]) throws(TransportError) {
        let code = bytes.withUnsafeBytes { pd_easy_setopt_blob_copy(raw, option, $0.baseAddress, $0.count) }
        try check(code, option)
    }

    /// Sets the request body; curl keeps its own copy.
    func setCopyPostFields(_ bytes: [UInt8]) throws(TransportError) {
        try check(pd_easy_setopt_off_t(raw, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count)), CURLOPT_POSTFIELDSIZE_LARGE)
        let code = bytes.isEmpty
            ? pd_easy_setopt_string(raw, CURLOPT_COPYPOSTFIELDS, "")
            : bytes.withUnsafeBytes { pd_easy_setopt_pointer(raw, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
        try check(code, CURLOPT_COPYPOSTFIELDS)
    }

    func set(_ option: CURLoption, callback: pd_data_callback) throws(TransportError) {
        try check(pd_easy_setopt_data_callback(raw, option, callback), option)
    }

    func setProgress(callback: pd_progress_callback) throws(TransportError) {
        try check(pd_easy_setopt_progress_callback(raw, callback), CURLOPT_XFERINFOFUNCTION)
    }

    func info(_ info: CURLINFO) -> Int {
        var value = 0
        _ = pd_easy_getinfo_long(raw, info, &value)
        return value
    }

    func info(offset info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        _ = pd_easy_getinfo_off_t(raw, info, &value)
        return Int64(value)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(TransportError) {
        guard code != CURLE_OK else { return }
        let reason = String(cString: curl_easy_strerror(code))
        throw TransportError(
            kind: .invalidRequest, url: url,
            detail: "libcurl refused option \(option.rawValue): \(reason)", curlCode: Int(code.rawValue),
            hint: "This libcurl may be too old or built without this feature; PodDoctor needs libcurl 7.71 or later with OpenSSL"
        )
    }
}
