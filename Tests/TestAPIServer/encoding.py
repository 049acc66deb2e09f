"""JSON encoding the way kube-apiserver (Go encoding/json) writes it, and Status bodies."""

import json

# Reason for each code when a Status is built without one (apimachinery's StatusReason values).
REASONS = {
    400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound",
    405: "MethodNotAllowed", 406: "NotAcceptable", 409: "Conflict", 410: "Expired",
    415: "UnsupportedMediaType", 422: "Invalid", 429: "TooManyRequests",
    500: "InternalError", 503: "ServiceUnavailable", 504: "Timeout",
}

DEFAULT_MESSAGES = {
    400: "the server rejected our request for an unknown reason",
    401: "Unauthorized",
    403: "forbidden",
    404: "the server could not find the requested resource",
    405: "the server does not allow this method on the requested resource",
    406: "the server was unable to respond with a content type that the client supports",
    409: "the server reported a conflict",
    410: "the resource has expired",
    415: "the server was unable to handle the media type requested",
    422: "the server rejected our request due to an error in our request",
    429: "Too many requests, please try again later.",
    500: "an error on the server (\"injected fault\") has prevented the request from succeeding",
    502: "the server received an invalid response from an upstream server",
    503: "the server is currently unable to handle the request",
    504: "Timeout: request did not complete within the allotted timeout",
}


def _go_escape(text):
    # Go escapes <, > and & (HTML safety) and U+2028/U+2029. They can only occur inside strings.
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def compact(obj):
    """Compact Go-style JSON, no trailing newline (str)."""
    return _go_escape(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))


def indented(obj):
    """2-space indented Go-style JSON (json.MarshalIndent), no trailing newline (str)."""
    return _go_escape(json.dumps(obj, ensure_ascii=False, indent=2, separators=(",", ": ")))


def encode(obj, pretty=False):
    """Body bytes as the apiserver's JSON serializer writes them: trailing newline always."""
    return ((indented(obj) if pretty else compact(obj)) + "\n").encode("utf-8")


def wants_pretty(user_agent, query):
    """The apiserver pretty-prints for curl/Wget/browsers or ?pretty=true."""
    p = query.get("pretty", [None])[-1]
    if p is not None:
        return parse_bool(p) is True
    ua = user_agent or ""
    return ua.startswith("curl") or ua.startswith("Wget") or ua.startswith("Mozilla/5.0")


def parse_bool(value):
    """Go strconv.ParseBool; None when not a bool."""
    if value in ("1", "t", "T", "TRUE", "true", "True"):
        return True
    if value in ("0", "f", "F", "FALSE", "false", "False"):
        return False
    return None


def status(code, message=None, reason=None, details=None, metadata=None):
    """A Status object with the apiserver's key order. details=None omits the key."""
    obj = {"kind": "Status", "apiVersion": "v1", "metadata": metadata if metadata is not None else {},
           "status": "Failure",
           "message": message if message is not None else DEFAULT_MESSAGES.get(code, "unknown"),
           "reason": reason if reason is not None else REASONS.get(code, "")}
    if obj["reason"] == "":
        del obj["reason"]
    if details is not None:
        obj["details"] = details
    obj["code"] = code
    return obj


def _details(name, group, resource):
    d = {}
    if name:
        d["name"] = name
    if group:
        d["group"] = group
    d["kind"] = resource
    return d


def not_found(resource, name, group=""):
    """NotFound for a resource; a non-core group qualifies it: deployments.apps "x" not found."""
    qualified = resource + ("." + group if group else "")
    return status(404, '%s "%s" not found' % (qualified, name), "NotFound", _details(name, group, resource))


def bad_request(message):
    return status(400, message, "BadRequest")


def invalid(kind, name, field, value_repr, detail):
    msg = "Invalid value: %s: %s" % (value_repr, detail)
    return status(422, '%s "%s" is invalid: %s: %s' % (kind, name, field, msg), "Invalid",
                  {"name": name, "kind": kind,
                   "causes": [{"reason": "FieldValueInvalid", "message": msg, "field": field}]})


def forbidden(user, verb, resource, group, namespace, name=None, subresource=None, kind=None):
    """RBAC denial (recordings 17, 18, 20). namespace None = cluster scope."""
    full = resource + ("/" + subresource if subresource else "")
    qualified = resource + ("." + group if group else "")
    subject = '%s "%s"' % (qualified, name) if name else qualified
    where = ' in the namespace "%s"' % namespace if namespace else " at the cluster scope"
    msg = '%s is forbidden: User "%s" cannot %s resource "%s" in API group "%s"%s' % (
        subject, user, verb, full, group, where)
    return status(403, msg, "Forbidden", _details(name, group, kind or resource))


def forbidden_path(user, verb, path):
    """Non-resource URL denial (recording 19)."""
    return status(403, 'forbidden: User "%s" cannot %s path "%s"' % (user, verb, path),
                  "Forbidden", {})
