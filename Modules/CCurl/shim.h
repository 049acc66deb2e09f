// Typed wrappers for the parts of libcurl's API that Swift cannot import directly:
// the variadic curl_easy_setopt / curl_easy_getinfo / curl_multi_setopt, and the
// macros that stand for flags and return codes. One wrapper per argument kind.
#ifndef PODDOCTOR_CCURL_SHIM_H
#define PODDOCTOR_CCURL_SHIM_H

#include <curl/curl.h>

// MARK: - curl_easy_setopt, one function per argument kind

static inline CURLcode pd_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode pd_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode pd_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode pd_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode pd_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/// Passes PEM bytes by value; curl copies them (CURL_BLOB_COPY), so the caller's buffer may be freed at once.
static inline CURLcode pd_easy_setopt_blob_copy(CURL *handle, CURLoption option, const void *data, size_t length) {
    struct curl_blob blob;
    blob.data = (void *)data;
    blob.len = length;
    blob.flags = CURL_BLOB_COPY;
    return curl_easy_setopt(handle, option, &blob);
}

typedef size_t (*pd_data_callback)(char *buffer, size_t size, size_t count, void *userdata);
typedef int (*pd_progress_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode pd_easy_setopt_data_callback(CURL *handle, CURLoption option, pd_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode pd_easy_setopt_progress_callback(CURL *handle, pd_progress_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

// MARK: - curl_easy_getinfo, one function per result kind

static inline CURLcode pd_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode pd_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode pd_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode pd_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

// MARK: - curl_multi_setopt

static inline CURLMcode pd_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

// MARK: - curl_multi_info_read accessors (CURLMsg holds a union)

static inline CURLcode pd_msg_result(const CURLMsg *message) {
    return message->data.result;
}

// MARK: - Macros as constants

static inline long pd_global_default(void) { return CURL_GLOBAL_DEFAULT; }
static inline size_t pd_writefunc_pause(void) { return CURL_WRITEFUNC_PAUSE; }
static inline int pd_pause_cont(void) { return CURLPAUSE_CONT; }
static inline long pd_pipe_multiplex(void) { return CURLPIPE_MULTIPLEX; }
static inline long pd_http_version_2tls(void) { return CURL_HTTP_VERSION_2TLS; }
static inline long pd_http_version_1_1(void) { return CURL_HTTP_VERSION_1_1; }
static inline long pd_sslversion_tlsv1_2(void) { return CURL_SSLVERSION_TLSv1_2; }
static inline long pd_proxytype_http(void) { return CURLPROXY_HTTP; }
static inline long pd_proxytype_https(void) { return CURLPROXY_HTTPS; }
static inline long pd_proxytype_socks5_hostname(void) { return CURLPROXY_SOCKS5_HOSTNAME; }
static inline int pd_error_size(void) { return CURL_ERROR_SIZE; }

#endif
