"""The Kubernetes protobuf encoding (`application/vnd.kubernetes.protobuf`, recordings 89-96).

The message definitions come from the upstream v1.32 `generated.proto` files in
`Modules/KubernetesProto/upstream` (parsed once, on first use). The server keeps objects as the
JSON the JSON API serves; `encode` turns such an object into its protobuf message, `decode` turns
a message back into JSON (for the self-test), and `decode_raw`/`encode_raw` keep every field,
its order and its presence so that re-encoding reproduces the input bytes.

    python3 kubeproto.py decode BODY_FILE   # prints the JSON of an envelope (or of a watch stream)
"""

import base64
import calendar
import functools
import json
import os
import re
import struct
import sys
import threading
import time

import encoding as enc

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "Modules", "KubernetesProto", "upstream"))

MEDIA_TYPE = "application/vnd.kubernetes.protobuf"
WATCH_MEDIA_TYPE = MEDIA_TYPE + ";stream=watch"
MAGIC = b"k8s\x00"

META = "k8s.io.apimachinery.pkg.apis.meta.v1."
RUNTIME = "k8s.io.apimachinery.pkg.runtime."
CORE = "k8s.io.api.core.v1."
TIME, MICRO_TIME, DURATION = META + "Time", META + "MicroTime", META + "Duration"
FIELDS_V1, VERBS = META + "FieldsV1", META + "Verbs"
QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity"
QUANTITY_VALUE = "k8s.io.apimachinery.pkg.api.resource.QuantityValue"
INT_OR_STRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString"
RAW_EXTENSION, UNKNOWN = RUNTIME + "RawExtension", RUNTIME + "Unknown"
STATUS, WATCH_EVENT = META + "Status", META + "WatchEvent"
UNVERSIONED = ("Status", "APIVersions", "APIGroupList", "APIGroup", "APIResourceList")

# Go `json:",inline"` embeddings: the proto has a field for the embedded struct, but its fields
# sit directly in the parent's JSON object. go-to-protobuf names such a field after the type
# (lowerCamel), except Probe's, which kept the name of the type it had before ProbeHandler.
# runtime.Unknown.typeMeta is inline too, but Unknown only ever exists as the envelope.
INLINE = {
    (CORE + "Volume", "volumeSource"),
    (CORE + "PersistentVolumeSpec", "persistentVolumeSource"),
    (CORE + "Probe", "handler"),
    (CORE + "EphemeralContainer", "ephemeralContainerCommon"),
    (CORE + "ConfigMapEnvSource", "localObjectReference"),
    (CORE + "ConfigMapKeySelector", "localObjectReference"),
    (CORE + "ConfigMapProjection", "localObjectReference"),
    (CORE + "ConfigMapVolumeSource", "localObjectReference"),
    (CORE + "SecretEnvSource", "localObjectReference"),
    (CORE + "SecretKeySelector", "localObjectReference"),
    (CORE + "SecretProjection", "localObjectReference"),
}

# wire types
VARINT, FIXED64, BYTES, FIXED32 = 0, 1, 2, 5
SCALAR_WIRE = {"int32": VARINT, "int64": VARINT, "uint32": VARINT, "uint64": VARINT, "bool": VARINT,
               "sint32": VARINT, "sint64": VARINT, "enum": VARINT,
               "fixed64": FIXED64, "sfixed64": FIXED64, "double": FIXED64,
               "fixed32": FIXED32, "sfixed32": FIXED32, "float": FIXED32,
               "string": BYTES, "bytes": BYTES}


class ProtoError(ValueError):
    pass


# ---------------------------------------------------------------- .proto parser

_TOKEN = re.compile(r'\s+|//[^\n]*|/\*.*?\*/|("(?:[^"\\]|\\.)*")|([A-Za-z_.][A-Za-z0-9_.]*)|(-?\d+)|(\S)', re.S)


def _tokens(text):
    out = []
    for m in _TOKEN.finditer(text):
        tok = m.group(1) or m.group(2) or m.group(3) or m.group(4)
        if tok is not None:
            out.append(tok)
    return out


class Field:
    def __init__(self, name, number, label, type_name, key_type=None):
        self.name, self.number, self.label = name, number, label  # label: optional|repeated|map
        self.type_name, self.key_type = type_name, key_type        # as written in the file
        self.message = None      # the resolved Message (map fields: the synthetic entry message)
        self.type = type_name    # scalar name, "enum", or the message's full name
        self.inline = False
        self.tag = b""

    @property
    def wire(self):
        return BYTES if self.message is not None or self.label == "map" else SCALAR_WIRE[self.type]


class Message:
    def __init__(self, full_name):
        self.full_name = full_name
        self.fields = []          # in field-number order (the order Go writes them)
        self.by_name, self.by_number = {}, {}
        self.scope = full_name    # where relative type names are looked up first

    def add(self, field):
        self.fields.append(field)


class _FileParser:
    """One .proto file: package, imports, messages (nested ones too), map fields, enums."""

    def __init__(self, text, source):
        self.toks, self.i, self.source = _tokens(text), 0, source
        self.package, self.imports, self.messages, self.enums = "", [], [], set()

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else None

    def next(self):
        if self.i >= len(self.toks):
            raise ProtoError("%s: unexpected end of file" % self.source)
        self.i += 1
        return self.toks[self.i - 1]

    def expect(self, tok):
        got = self.next()
        if got != tok:
            raise ProtoError("%s: expected %r, got %r" % (self.source, tok, got))

    def skip_statement(self):
        depth = 0
        while True:
            t = self.next()
            if t == "{":
                depth += 1
            elif t == "}":
                depth -= 1
                if depth == 0:
                    return
            elif t == ";" and depth == 0:
                return

    def parse(self):
        while self.peek() is not None:
            t = self.next()
            if t == "package":
                self.package = self.next()
                self.expect(";")
            elif t == "import":
                path = self.next()
                if path in ("public", "weak"):
                    path = self.next()
                self.imports.append(path.strip('"'))
                self.expect(";")
            elif t == "message":
                self.message(self.package)
            elif t == "enum":
                self.enum(self.package)
            elif t == ";":
                continue
            else:  # syntax, option, service, extend
                self.i -= 1
                self.skip_statement()
        return self

    def enum(self, scope):
        self.enums.add(scope + "." + self.next())
        self.skip_block()

    def skip_block(self):
        self.expect("{")
        depth = 1
        while depth:
            t = self.next()
            depth += t == "{"
            depth -= t == "}"

    def message(self, scope):
        msg = Message(scope + "." + self.next() if scope else self.next())
        self.messages.append(msg)
        self.expect("{")
        while True:
            t = self.next()
            if t == "}":
                return msg
            if t == "message":
                self.message(msg.full_name)
            elif t == "enum":
                self.enum(msg.full_name)
            elif t in ("option", "reserved", "extensions", "extend"):
                self.i -= 1
                self.skip_statement()
            elif t == "oneof":  # its fields are plain optional fields on the wire
                self.next()
                self.expect("{")
                while self.peek() != "}":
                    self.field(msg, "optional", self.next())
                self.next()
            elif t == ";":
                continue
            elif t == "map":
                self.expect("<")
                key = self.next()
                self.expect(",")
                value = self.next()
                self.expect(">")
                self.field(msg, "map", value, key)
            elif t in ("optional", "repeated", "required"):
                self.field(msg, "repeated" if t == "repeated" else "optional", self.next())
            else:  # proto3-style field without a label
                self.field(msg, "optional", t)

    def field(self, msg, label, type_name, key_type=None):
        name = self.next()
        self.expect("=")
        number = int(self.next())
        if self.peek() == "[":
            while self.next() != "]":
                pass
        self.expect(";")
        msg.add(Field(name, number, label, type_name, key_type))


class Schema:
    def __init__(self, root):
        self.root = root
        self.messages, self.enums = {}, set()
        self.files = []
        paths = []
        for d, _, names in os.walk(root):
            paths += [os.path.join(d, n) for n in sorted(names) if n.endswith(".proto")]
        seen = set()
        for p in sorted(paths):
            self._load(os.path.relpath(p, root), seen)
        for msg in list(self.messages.values()):
            self._link(msg)

    def _load(self, rel, seen):
        if rel in seen:
            return
        seen.add(rel)
        path = os.path.join(self.root, rel)
        with open(path, encoding="utf-8") as f:
            parsed = _FileParser(f.read(), path).parse()
        self.files.append(rel)
        for imp in parsed.imports:  # imports are paths relative to the root, as protoc's -I
            if os.path.exists(os.path.join(self.root, imp)):
                self._load(imp, seen)
        self.enums |= parsed.enums
        for msg in parsed.messages:
            self.messages[msg.full_name] = msg

    def _resolve(self, scope, name):
        if name.startswith("."):
            return name[1:]
        parts = scope.split(".")
        for i in range(len(parts), -1, -1):
            cand = ".".join(parts[:i] + [name]) if i else name
            if cand in self.messages or cand in self.enums:
                return cand
        raise ProtoError("%s: unknown type %s" % (scope, name))

    def _link(self, msg):
        msg.fields.sort(key=lambda f: f.number)
        for f in msg.fields:
            if f.label == "map":
                entry = Message("%s.%sEntry" % (msg.full_name, f.name[:1].upper() + f.name[1:]))
                entry.add(Field("key", 1, "optional", f.key_type))
                entry.add(Field("value", 2, "optional", f.type_name))
                entry.scope = msg.scope
                self._link(entry)
                f.message = entry
            elif f.type_name not in SCALAR_WIRE:
                full = self._resolve(msg.scope, f.type_name)
                if full in self.enums:
                    f.type = "enum"
                else:
                    f.type, f.message = full, self.messages[full]
            f.inline = (msg.full_name, f.name) in INLINE
            f.tag = _varint(f.number << 3 | f.wire)
            msg.by_name[f.name] = f
            msg.by_number[f.number] = f

    def message(self, full_name):
        msg = self.messages.get(full_name.lstrip("."))
        if msg is None:
            raise ProtoError("no message %s in %s" % (full_name, self.root))
        return msg


_SCHEMA = None
_SCHEMA_LOCK = threading.Lock()


def schema():
    """The parsed .proto files (parsed on first use; ProtoError when they are missing)."""
    global _SCHEMA
    if _SCHEMA is None:
        with _SCHEMA_LOCK:
            if _SCHEMA is None:
                if not os.path.isdir(PROTO_ROOT):
                    raise ProtoError("no .proto files at %s" % PROTO_ROOT)
                _SCHEMA = Schema(PROTO_ROOT)
    return _SCHEMA


@functools.lru_cache(maxsize=None)
def available():
    """Whether protobuf can be served at all (the .proto files are in the checkout)."""
    try:
        schema()
        return True
    except (ProtoError, OSError) as e:
        print("apiserver: protobuf disabled: %s" % e, file=sys.stderr)
        return False


# ---------------------------------------------------------------- which message a kind is

@functools.lru_cache(maxsize=None)
def message_for(api_version, kind):
    """The message of an apiVersion/kind, or None (custom resources, and kinds whose
    generated.proto is not in the checkout, have no protobuf encoding here)."""
    if not available():
        return None
    group, _, version = api_version.rpartition("/")
    if kind in UNVERSIONED:  # meta/v1 types the apiserver writes as apiVersion v1 in every group
        return META + kind
    if group == "meta.k8s.io":
        # v1beta1 serves meta/v1's PartialObjectMetadata type; its list is a type of its own,
        # whose .proto is not among these files.
        if kind == "PartialObjectMetadata" or version == "v1":
            name = META + kind
        else:
            return None
    elif group == "":
        name = "k8s.io.api.core.%s.%s" % (version, kind)
    elif "." not in group or group.endswith(".k8s.io"):  # CRD groups always contain a dot
        name = "k8s.io.api.%s.%s.%s" % (group.split(".")[0], version, kind)
    else:
        return None
    return name if name in schema().messages else None


# ---------------------------------------------------------------- wire helpers

_SMALL = [bytes([i]) for i in range(128)]


def _varint(n):
    if 0 <= n < 128:
        return _SMALL[n]
    if n < 0:  # int32 and int64 alike: 10-byte two's complement
        n += 1 << 64
    out = bytearray()
    while n > 127:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def _ld(data):
    """Length-delimited payload."""
    return _varint(len(data)) + data


def _read_varint(data, i):
    shift = result = 0
    while True:
        if i >= len(data):
            raise ProtoError("truncated varint")
        b = data[i]
        i += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, i
        shift += 7
        if shift > 63:
            raise ProtoError("varint too long")


def _signed(n, bits):
    n &= (1 << bits) - 1
    return n - (1 << bits) if n >> (bits - 1) else n


# ---------------------------------------------------------------- special types (JSON <-> message)

_RFC3339 = re.compile(r"^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-]\d\d:\d\d)$")


@functools.lru_cache(maxsize=65536)
def parse_time(text):
    """RFC 3339 -> (seconds, nanos) since the epoch, as Go's time.Parse."""
    m = _RFC3339.match(text)
    if not m:
        raise ProtoError("not an RFC 3339 time: %r" % text)
    secs = calendar.timegm(tuple(int(m.group(i)) for i in range(1, 7)))
    frac = (m.group(7) or ".")[1:]
    nanos = int((frac + "000000000")[:9]) if frac else 0
    zone = m.group(8)
    if zone not in ("Z", "z"):
        sign = 1 if zone[0] == "+" else -1
        secs -= sign * (int(zone[1:3]) * 3600 + int(zone[4:6]) * 60)
    return secs, nanos


def format_time(secs, nanos, micro=False):
    """Time as Go's JSON writes it (RFC 3339, UTC); MicroTime always has six fraction digits."""
    base = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(secs))
    if micro:
        return base + ".%06dZ" % (nanos // 1000)
    if nanos:  # Go's Time JSON drops these; keep them so a decode loses nothing
        return base + ("." + "%09d" % nanos).rstrip("0") + "Z"
    return base + "Z"


_DURATION_UNITS = {"ns": 1, "us": 1000, "\u00b5s": 1000, "\u03bcs": 1000, "ms": 1000000,
                   "s": 10 ** 9, "m": 60 * 10 ** 9, "h": 3600 * 10 ** 9}
_DURATION_PART = re.compile(r"(\d+\.?\d*|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)")


def parse_duration(text):
    """Go's time.ParseDuration -> nanoseconds."""
    s, sign = text, 1
    if s[:1] in "+-":
        sign, s = (-1 if s[0] == "-" else 1), s[1:]
    if s == "0":
        return 0
    pos, total = 0, 0
    while pos < len(s):
        m = _DURATION_PART.match(s, pos)
        if not m:
            raise ProtoError("not a Go duration: %r" % text)
        whole, _, frac = m.group(1).partition(".")
        unit = _DURATION_UNITS[m.group(2)]
        total += int(whole or 0) * unit + (int(frac) * unit // 10 ** len(frac) if frac else 0)
        pos = m.end()
    if not s:
        raise ProtoError("not a Go duration: %r" % text)
    return sign * total


def format_duration(ns):
    """Go's time.Duration.String()."""
    if ns == 0:
        return "0s"
    sign, ns = ("-" if ns < 0 else ""), abs(ns)
    if ns < 10 ** 9:
        for unit, size in (("ms", 10 ** 6), ("\u00b5s", 1000), ("ns", 1)):
            if ns >= size:
                return sign + _trim(ns, size) + unit
    h, rest = divmod(ns, 3600 * 10 ** 9)
    m, rest = divmod(rest, 60 * 10 ** 9)
    out = (("%dh" % h) if h else "") + (("%dm" % m) if h or m else "")
    return sign + out + _trim(rest, 10 ** 9) + "s"


def _trim(n, size):
    whole, frac = divmod(n, size)
    digits = len(str(size)) - 1
    return str(whole) + (("." + ("%0*d" % (digits, frac)).rstrip("0")) if frac else "")


def _json_bytes(obj):
    # RawExtension and FieldsV1 carry JSON bytes: the same compact Go-style JSON the API serves.
    return enc.compact(obj).encode("utf-8")


GO_ZERO_TIME = (-62135596800, 0)  # 0001-01-01T00:00:00Z


def _enc_time(v):
    secs, nanos = parse_time(v)
    if (secs, nanos) == GO_ZERO_TIME:  # Go writes its zero Time as an empty message
        return b""
    # Go writes both fields of its (non-pointer) Timestamp, zero nanos included (recording 89).
    return b"\x08" + _varint(_signed(secs, 64)) + b"\x10" + _varint(_signed(nanos, 32))


def _enc_quantity(v):
    if isinstance(v, bool) or not isinstance(v, (str, int, float)):
        raise ProtoError("not a quantity: %r" % (v,))
    text = v if isinstance(v, str) else json.dumps(v)
    return b"\n" + _ld(text.encode("utf-8"))


def _enc_int_or_string(v):
    # Go writes all three fields of IntOrString.
    if isinstance(v, str):
        return b"\x08\x01\x10\x00\x1a" + _ld(v.encode("utf-8"))
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ProtoError("not an int or string: %r" % (v,))
    return b"\x08\x00\x10" + _varint(_signed(int(v), 32)) + b"\x1a\x00"


SPECIAL_ENCODERS = {
    TIME: _enc_time,
    MICRO_TIME: _enc_time,
    DURATION: lambda v: b"\x08" + _varint(parse_duration(v)),
    QUANTITY: _enc_quantity,
    QUANTITY_VALUE: _enc_quantity,
    INT_OR_STRING: _enc_int_or_string,
    RAW_EXTENSION: lambda v: b"\n" + _ld(_json_bytes(v)),
    FIELDS_V1: lambda v: b"\n" + _ld(_json_bytes(v)),
    VERBS: lambda v: b"".join(b"\n" + _ld(s.encode("utf-8")) for s in v),
}


def _raw_fields(raw):
    """{field number: last value} of a raw message (for the small special types)."""
    return {num: v for num, _, v in raw}


def _dec_time(raw, micro=False):
    f = _raw_fields(raw)
    secs, nanos = _signed(f.get(1, 0), 64), _signed(f.get(2, 0), 32)
    if secs == 0 and nanos == 0:  # Go's zero Time: JSON null (and `B\x00` on the wire)
        return None
    return format_time(secs, nanos, micro)


def _dec_int_or_string(raw):
    f = _raw_fields(raw)
    if f.get(1, 0) == 1:
        return bytes(f.get(3, b"")).decode("utf-8")
    return _signed(f.get(2, 0), 32)


def _dec_json_bytes(raw):
    data = bytes(_raw_fields(raw).get(1, b""))
    return json.loads(data) if data else None


SPECIAL_DECODERS = {
    TIME: _dec_time,
    MICRO_TIME: lambda raw: _dec_time(raw, micro=True),
    DURATION: lambda raw: format_duration(_signed(_raw_fields(raw).get(1, 0), 64)),
    QUANTITY: lambda raw: bytes(_raw_fields(raw).get(1, b"0")).decode("utf-8"),
    QUANTITY_VALUE: lambda raw: bytes(_raw_fields(raw).get(1, b"0")).decode("utf-8"),
    INT_OR_STRING: _dec_int_or_string,
    RAW_EXTENSION: _dec_json_bytes,
    FIELDS_V1: _dec_json_bytes,
    VERBS: lambda raw: [bytes(v).decode("utf-8") for num, _, v in raw if num == 1],
}


# ---------------------------------------------------------------- encode (JSON -> message)

def encode(message_full_name, obj):
    """The protobuf bytes of a JSON object (as the JSON API serves it) for that message.

    Exactly the fields present in the JSON are written, in field-number order; null is absent,
    except a null Time (see below). JSON keys the message has no field for are ignored."""
    return _encode_message(schema().message(message_full_name), obj, message_full_name)


def _encode_message(msg, obj, path):
    special = SPECIAL_ENCODERS.get(msg.full_name)
    if special is not None:
        return special(obj)
    if not isinstance(obj, dict):
        raise ProtoError("%s: expected an object for %s, got %r" % (path, msg.full_name, type(obj).__name__))
    out = []
    for f in msg.fields:
        if f.inline:
            # The embedded struct reads its fields from this same JSON object. Go writes it
            # even when it is empty (it is not a pointer).
            out += (f.tag, _ld(_encode_message(f.message, obj, path)))
            continue
        v = obj.get(f.name)
        if v is None:
            # A Time that is null in JSON is Go's zero (non-pointer) Time, which Go writes as an
            # empty message (recordings 89 lastProbeTime, 91 eventTime). Any other null is absent.
            if f.type in (TIME, MICRO_TIME) and f.label == "optional" and f.name in obj:
                out += (f.tag, _SMALL[0])
            continue
        if f.label == "optional":
            out += (f.tag, _encode_value(f, v, path))
        elif f.label == "repeated":
            if not isinstance(v, list):
                raise ProtoError("%s.%s: expected a list" % (path, f.name))
            for item in v:
                out += (f.tag, _encode_value(f, item, path))
        else:
            if not isinstance(v, dict):
                raise ProtoError("%s.%s: expected a map" % (path, f.name))
            key_f, value_f = f.message.fields
            for k in sorted(v):  # Go sorts map keys before writing
                entry = key_f.tag + _ld(k.encode("utf-8")) + value_f.tag + _encode_value(value_f, v[k], path)
                out += (f.tag, _ld(entry))
    return b"".join(out)


def _encode_value(f, v, path):
    """One value of field f, without its tag."""
    t = f.type
    if f.message is not None:
        return _ld(_encode_message(f.message, {} if v is None else v, path + "." + f.name))
    if t == "string":
        if not isinstance(v, str):
            v = "" if v is None else str(v)
        return _ld(v.encode("utf-8"))
    if t == "bool":
        return _SMALL[1] if v else _SMALL[0]
    if t in ("int32", "enum"):  # wrapped to the width of the Go field (absurd fixture numbers)
        return _varint(_signed(int(v or 0), 32))
    if t == "int64":
        return _varint(_signed(int(v or 0), 64))
    if t in ("uint32", "uint64"):
        return _varint(int(v or 0) & ((1 << (32 if t == "uint32" else 64)) - 1))
    if t == "bytes":  # base64 in JSON (Secret.data, ConfigMap.binaryData)
        return _ld(base64.b64decode(v or ""))
    if t in ("sint32", "sint64"):
        n = int(v or 0)
        return _varint((n << 1) ^ (n >> 63))
    if t == "double":
        return struct.pack("<d", float(v or 0))
    if t == "float":
        return struct.pack("<f", float(v or 0))
    if t in ("fixed64", "sfixed64"):
        return struct.pack("<q" if t[0] == "s" else "<Q", int(v or 0))
    if t in ("fixed32", "sfixed32"):
        return struct.pack("<i" if t[0] == "s" else "<I", int(v or 0))
    raise ProtoError("%s.%s: unsupported type %s" % (path, f.name, t))


# ---------------------------------------------------------------- decode

def decode_raw(message_full_name, data):
    """A message as [(field number, wire type, value)] in wire order. Values: int (varint),
    bytes (fixed and length-delimited scalars), or a nested list for message fields (map
    entries included). Unknown fields are kept; `encode_raw` gives back the same bytes."""
    return _decode_raw(schema().message(message_full_name), bytes(data))


def _decode_raw(msg, data):
    out, i, n = [], 0, len(data)
    while i < n:
        key, i = _read_varint(data, i)
        num, wire = key >> 3, key & 7
        if wire == VARINT:
            v, i = _read_varint(data, i)
        elif wire == FIXED64 or wire == FIXED32:
            size = 8 if wire == FIXED64 else 4
            if i + size > n:
                raise ProtoError("truncated fixed field %d" % num)
            v, i = data[i:i + size], i + size
        elif wire == BYTES:
            size, i = _read_varint(data, i)
            if i + size > n:
                raise ProtoError("truncated field %d of %s" % (num, msg.full_name if msg else "?"))
            v, i = data[i:i + size], i + size
            f = msg.by_number.get(num) if msg is not None else None
            if f is not None and f.message is not None:
                try:
                    v = _decode_raw(f.message, v)
                except ProtoError:
                    pass  # not the message it should be: keep the bytes
        else:
            raise ProtoError("unsupported wire type %d (field %d)" % (wire, num))
        out.append((num, wire, v))
    return out


def encode_raw(raw):
    """The bytes of a decode_raw result."""
    out = []
    for num, wire, v in raw:
        out.append(_varint(num << 3 | wire))
        if wire == VARINT:
            out.append(_varint(v))
        elif wire == BYTES:
            out.append(_ld(encode_raw(v) if isinstance(v, list) else bytes(v)))
        else:
            out.append(bytes(v))
    return b"".join(out)


def decode(message_full_name, data):
    """The JSON object (dict) of a message: the reverse of `encode`."""
    msg = schema().message(message_full_name)
    return _to_json(msg, _decode_raw(msg, bytes(data)))


def _to_json(msg, raw):
    special = SPECIAL_DECODERS.get(msg.full_name)
    if special is not None:
        return special(raw)
    out = {}
    for num, wire, v in raw:
        f = msg.by_number.get(num)
        if f is None:
            continue  # a field this version does not know
        if f.label == "map":
            entry = _raw_fields(v if isinstance(v, list) else _decode_raw(f.message, v))
            key_f, value_f = f.message.fields
            key = _scalar_json(key_f, entry.get(1, b""))
            value = _value_json(value_f, entry[2]) if 2 in entry else _zero_json(value_f)
            out.setdefault(f.name, {})[key] = value
        elif f.label == "repeated" and f.message is None and wire == BYTES and f.wire != BYTES:
            out.setdefault(f.name, []).extend(_unpack(f, v))  # a packed repeated scalar
        elif f.inline:
            out.update(_value_json(f, v))
        elif f.label == "repeated":
            out.setdefault(f.name, []).append(_value_json(f, v))
        else:
            out[f.name] = _value_json(f, v)
    return out


def _value_json(f, v):
    if f.message is not None:
        return _to_json(f.message, v if isinstance(v, list) else _decode_raw(f.message, bytes(v)))
    return _scalar_json(f, v)


def _scalar_json(f, v):
    t = f.type
    if t == "string":
        return bytes(v).decode("utf-8")
    if t == "bytes":
        return base64.b64encode(bytes(v)).decode("ascii")
    if t == "bool":
        return bool(v)
    if t in ("int32", "enum"):
        return _signed(v, 32)
    if t == "int64":
        return _signed(v, 64)
    if t in ("uint32", "uint64"):
        return v
    if t in ("sint32", "sint64"):
        return (v >> 1) ^ -(v & 1)
    fmt = {"double": "<d", "float": "<f", "fixed64": "<Q", "sfixed64": "<q", "fixed32": "<I", "sfixed32": "<i"}[t]
    return struct.unpack(fmt, bytes(v))[0]


def _zero_json(f):
    if f.message is not None:
        return _to_json(f.message, [])
    return {"string": "", "bytes": "", "bool": False}.get(f.type, 0)


def _unpack(f, data):
    out, i = [], 0
    while i < len(data):
        if f.wire == VARINT:
            v, i = _read_varint(data, i)
        else:
            size = 8 if f.wire == FIXED64 else 4
            v, i = data[i:i + size], i + size
        out.append(_scalar_json(f, v))
    return out


# ---------------------------------------------------------------- what JSON protobuf can carry

def project(message_full_name, obj):
    """(the JSON that survives a protobuf round trip, [paths of JSON keys with no proto field]).

    Protobuf has no null, no empty list or map distinct from an absent one, and no keys that
    are not fields; kind/apiVersion live in the envelope."""
    unknown = []
    out = _project(schema().message(message_full_name), obj, "", unknown, top=True)
    return out, unknown


def _project(msg, obj, path, unknown, top=False):
    if msg.full_name in SPECIAL_DECODERS:
        return _project_special(msg.full_name, obj)
    out = {}
    inline_keys = {}
    for f in msg.fields:
        if f.inline:
            for k in _field_names(f.message):
                inline_keys[k] = f
    for k, v in obj.items():
        f = msg.by_name.get(k)
        if f is None and k in inline_keys:
            sub = _project(inline_keys[k].message, {k: v}, path, unknown)
            out.update(sub)
            continue
        if f is None or f.inline:
            if not (top and k in ("kind", "apiVersion")):
                unknown.append((path + "." + k).lstrip("."))
            continue
        if v is None and f.type in (TIME, MICRO_TIME) and f.label == "optional":
            out[k] = None  # written as the empty Time, which decodes as null again
            continue
        if v is None or (f.label != "optional" and not v):
            continue
        p = path + "." + k
        if f.label == "map":
            value_f = f.message.fields[1]
            out[k] = {mk: _project_value(value_f, mv, p + "." + mk, unknown) for mk, mv in v.items()}
        elif f.label == "repeated":
            out[k] = [_project_value(f, item, "%s[%d]" % (p, i), unknown) for i, item in enumerate(v)]
        else:
            out[k] = _project_value(f, v, p, unknown)
    return out


def _field_names(msg):
    names = set()
    for f in msg.fields:
        names |= _field_names(f.message) if f.inline else {f.name}
    return names


def _project_value(f, v, path, unknown):
    if f.message is None:
        if f.type == "string" and v is None:
            return ""
        return v
    if f.message.full_name in SPECIAL_DECODERS:
        return _project_special(f.message.full_name, v)
    return _project(f.message, v or {}, path, unknown)


def _project_special(name, v):
    if name in (TIME, MICRO_TIME):
        t = None if v is None else parse_time(v)
        # Go reads {0, 0} (the epoch) and the empty message (its zero Time) back as the zero Time
        if t is None or t == (0, 0) or t == GO_ZERO_TIME:
            return None
        return format_time(*t, micro=(name == MICRO_TIME))
    if name in (QUANTITY, QUANTITY_VALUE) and not isinstance(v, str):
        return json.dumps(v)
    return v


# ---------------------------------------------------------------- envelope, lists, watch frames

def envelope(api_version, kind, raw):
    """`k8s\\0` + runtime.Unknown{typeMeta{apiVersion, kind}, raw, contentEncoding "", contentType ""}:
    Go writes the two empty strings too (recording 89)."""
    type_meta = b"\n" + _ld(api_version.encode("utf-8")) + b"\x12" + _ld(kind.encode("utf-8"))
    return MAGIC + b"\n" + _ld(type_meta) + b"\x12" + _ld(raw) + b'\x1a\x00"\x00'


def unwrap(body):
    """(apiVersion, kind, raw) of an envelope."""
    body = bytes(body)
    if body[:4] != MAGIC:
        raise ProtoError("no k8s\\0 magic")
    unknown = decode(UNKNOWN, body[4:])
    tm = unknown.get("typeMeta", {})
    return tm.get("apiVersion", ""), tm.get("kind", ""), base64.b64decode(unknown.get("raw", ""))


def decode_object(body):
    """The JSON of an envelope, kind and apiVersion first (as the JSON API writes them)."""
    api_version, kind, raw = unwrap(body)
    name = message_for(api_version, kind)
    if name is None:
        raise ProtoError("no message for %s %s" % (api_version, kind))
    out = {"kind": kind, "apiVersion": api_version}
    out.update(decode(name, raw))
    return out


def encode_list(list_message, list_meta, items):
    """A list message (PodList, PartialObjectMetadataList, ...) from its ListMeta JSON and the
    already encoded item messages."""
    msg = schema().message(list_message)
    meta_f, items_f = msg.by_name["metadata"], msg.by_name["items"]
    out = [meta_f.tag, _ld(_encode_message(meta_f.message, list_meta, "metadata"))]
    tag = items_f.tag
    for item in items:
        out += (tag, _varint(len(item)), item)
    return b"".join(out)


def watch_frame(event_type, body):
    """A watch event: 4-byte big-endian length + WatchEvent{type, object: RawExtension{raw: the
    envelope}} (recording 95)."""
    event = b"\n" + _ld(event_type.encode("utf-8")) + b"\x12" + _ld(b"\n" + _ld(body))
    return struct.pack(">I", len(event)) + event


def split_frames(stream):
    """The WatchEvent messages of a de-chunked watch body."""
    out, i = [], 0
    while i < len(stream):
        if i + 4 > len(stream):
            raise ProtoError("truncated frame header")
        n = struct.unpack(">I", stream[i:i + 4])[0]
        if i + 4 + n > len(stream):
            raise ProtoError("truncated frame")
        out.append(bytes(stream[i + 4:i + 4 + n]))
        i += 4 + n
    return out


def unwrap_watch_object(event):
    """The envelope inside a WatchEvent message (object.raw)."""
    fields = _raw_fields(decode_raw(WATCH_EVENT, event))
    obj = fields.get(2, [])
    return bytes(_raw_fields(obj).get(1, b"")) if isinstance(obj, list) else b""


def decode_watch_event(event):
    """{"type": ..., "object": the JSON of the object} of one WatchEvent message."""
    kind = bytes(_raw_fields(decode_raw(WATCH_EVENT, event)).get(1, b"")).decode("utf-8")
    return {"type": kind, "object": decode_object(unwrap_watch_object(event))}


# ---------------------------------------------------------------- cache of encoded objects

class EncodedCache:
    """Encoded item messages of stored objects. A list response is the concatenation of these,
    so listing 50,000 pods encodes each pod once, not once per request. The store replaces an
    object on every change (copy-on-write), so an entry is keyed by the object's identity (the
    entry holds the object, so its id is never reused) and also checks its resourceVersion."""

    LIMIT = 500_000

    def __init__(self):
        self.entries = {}

    def get(self, obj, variant, build):
        key = (id(obj), variant)
        rv = (obj.get("metadata") or {}).get("resourceVersion")
        hit = self.entries.get(key)
        if hit is not None and hit[0] is obj and hit[1] == rv:
            return hit[2]
        data = build()
        if len(self.entries) >= self.LIMIT:
            self.entries.clear()
        self.entries[key] = (obj, rv, data)
        return data


CACHE = EncodedCache()


# ---------------------------------------------------------------- command line (debugging)

def _main(argv):
    if len(argv) != 3 or argv[1] != "decode":
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    with open(argv[2], "rb") as f:
        data = f.read()
    if data[:4] == MAGIC:
        print(enc.indented(decode_object(data)))
    else:
        for frame in split_frames(data):
            print(enc.compact(decode_watch_event(frame)))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
