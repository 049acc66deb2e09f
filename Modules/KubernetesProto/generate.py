#!/usr/bin/env python3
"""Trims the upstream Kubernetes .proto files to the fields PodDoctor reads, then writes their Swift decoders.

    python3 Modules/KubernetesProto/generate.py            # write trimmed/ and the Swift
    python3 Modules/KubernetesProto/generate.py --check    # fail if either is out of date (CI-safe: no tools)

`keep.txt` lists, per message, the fields kept (`*` = every field, and every message below it;
`+` = every field, the messages below kept empty unless listed; `field=pkg.Message` decodes a field as
another message with the same field numbers). Field numbers and types stay as upstream, so the server's
bytes decode unchanged; every other field is skipped while decoding. A message that a kept field refers
to but `keep.txt` does not list is kept empty: its presence is seen (which volume source a volume has),
its contents skipped.

The Swift (Sources/KubeClient/Protobuf/Generated/) is plain structs over the small reader in
Sources/KubeClient/Protobuf/WireReader.swift: a field per kept field (`name`, `hasName`), a decoding
initialiser, and `jsonValue` (the Kubernetes JSON of the message, for the parts KubeModel keeps as raw
JSON). No protoc and no swift-protobuf: swift-protobuf 1.39 makes every `swift build` of a package that
depends on it compile protoc and abseil from C++ (5 minutes here, against under one for PodDoctor).
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
UPSTREAM = os.path.join(HERE, "upstream")
TRIMMED = os.path.join(HERE, "trimmed")
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "Sources", "KubeClient", "Protobuf", "Generated"))

# Short names used in keep.txt, and the Swift prefix of each package's generated types.
PACKAGES = {
    "core": ("k8s.io.api.core.v1", "k8s.io/api/core/v1/generated.proto", "PBCore"),
    "apps": ("k8s.io.api.apps.v1", "k8s.io/api/apps/v1/generated.proto", "PBApps"),
    "batch": ("k8s.io.api.batch.v1", "k8s.io/api/batch/v1/generated.proto", "PBBatch"),
    "events": ("k8s.io.api.events.v1", "k8s.io/api/events/v1/generated.proto", "PBEvents"),
    "discovery": ("k8s.io.api.discovery.v1", "k8s.io/api/discovery/v1/generated.proto", "PBDiscovery"),
    "meta": ("k8s.io.apimachinery.pkg.apis.meta.v1", "k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto", "PBMeta"),
    "runtime": ("k8s.io.apimachinery.pkg.runtime", "k8s.io/apimachinery/pkg/runtime/generated.proto", "PBRuntime"),
    "resource": ("k8s.io.apimachinery.pkg.api.resource", "k8s.io/apimachinery/pkg/api/resource/generated.proto", "PBResource"),
    "intstr": ("k8s.io.apimachinery.pkg.util.intstr", "k8s.io/apimachinery/pkg/util/intstr/generated.proto", "PBIntstr"),
}
SCALARS = {"string", "bytes", "bool", "int32", "int64"}
FIELD = re.compile(r"^  (optional |repeated )?(map<\s*(\w+)\s*,\s*([\w.]+)\s*>|[\w.]+) (\w+) = (\d+);")
SWIFT_KEYWORDS = {"continue", "default", "operator", "protocol", "in", "is", "as", "case", "class", "func",
                  "import", "init", "let", "var", "return", "self", "static", "struct", "switch", "where", "while"}
QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity"
INTORSTRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString"
TIMES = {"k8s.io.apimachinery.pkg.apis.meta.v1.Time", "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime"}


class Field:
    def __init__(self, line, label, typ, name, number, key, package):
        self.line, self.name, self.number = line, name, int(number)
        self.repeated = label == "repeated "
        self.map = key is not None
        self.scalar = typ if typ in SCALARS else None
        self.ref = None if self.scalar else (typ[1:] if typ.startswith(".") else package + "." + typ)
        if self.scalar is None and typ in ("uint32", "uint64", "double", "float", "sint32", "sint64", "fixed32",
                                           "fixed64", "sfixed32", "sfixed64"):
            sys.exit("scalar type %s of %s is not supported by the generator" % (typ, name))


def parse(path, package):
    """{message full name: [Field]} in upstream order."""
    messages, current = {}, None
    with open(path) as f:
        for line in f:
            m = re.match(r"^message (\w+) \{", line)
            if m:
                current = package + "." + m.group(1)
                messages[current] = []
                continue
            if line.startswith("}"):
                current = None
                continue
            m = FIELD.match(line)
            if m and current:
                typ = m.group(4) if m.group(3) else m.group(2)
                if m.group(3) and m.group(3) != "string":
                    sys.exit("map key %s in %s is not supported" % (m.group(3), current))
                messages[current].append(Field(line.rstrip(), m.group(1), typ, m.group(5), m.group(6), m.group(3), package))
    return messages


def full_name(short_name, where):
    short, _, name = short_name.partition(".")
    if short not in PACKAGES:
        sys.exit("%s: unknown package %r" % (where, short))
    return PACKAGES[short][0] + "." + name


def load_keep(path, messages):
    keep, retype = {}, {}
    with open(path) as f:
        for number, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].split()
            if not line:
                continue
            where = "%s:%d" % (path, number)
            full = full_name(line[0], where)
            if full not in messages:
                sys.exit("%s: no message %s upstream" % (where, full))
            fields = set()
            for item in line[1:]:
                name, _, other = item.partition("=")
                if other:
                    retype[(full, name)] = full_name(other, where)
                fields.add(name)
            known = {f.name for f in messages[full]}
            if not fields & {"*", "+"} and fields - known:
                sys.exit("%s: %s has no field %s" % (where, full, ", ".join(sorted(fields - known))))
            keep[full] = fields
    for (message, name), other in retype.items():
        for field in messages[message]:
            if field.name == name:
                field.ref = other
                field.line = re.sub(r"[\w.]+ %s = " % name, "%s %s = " % ("." + other, name), field.line) + \
                    "  // decoded as %s: the same field numbers" % other.rsplit(".", 1)[1]
    return keep


def closure(keep, messages):
    """Every message to emit, with the fields it keeps (an empty set: kept empty)."""
    out = {}
    todo = list(keep.items())
    while todo:
        name, fields = todo.pop()
        if name in out and not (fields - out[name]):
            continue
        out[name] = out.get(name, set()) | fields
        for field in messages[name]:
            if field.ref and fields & {"*", "+", field.name}:
                wanted = {"*"} if "*" in fields and field.ref not in keep else keep.get(field.ref, set())
                todo.append((field.ref, wanted))
    return out


def kept_fields(name, emitted, messages):
    fields = emitted[name]
    return [f for f in messages[name] if fields & {"*", "+", f.name}]


def trimmed_proto(short, emitted, messages):
    package, path, _ = PACKAGES[short]
    body, imports = [], set()
    for name in sorted(n for n in emitted if n.rsplit(".", 1)[0] == package):
        body.append("message %s {" % name.rsplit(".", 1)[1])
        for field in kept_fields(name, emitted, messages):
            body.append(field.line)
            if field.ref and field.ref.rsplit(".", 1)[0] != package:
                imports.add(field.ref.rsplit(".", 1)[0])
        body += ["}", ""]
    if not body:
        return None
    head = ["// Generated by Modules/KubernetesProto/generate.py from upstream/%s (Apache License 2.0):" % path,
            "// only the fields PodDoctor reads (keep.txt); field numbers and types unchanged.", "",
            'syntax = "proto2";', "", "package %s;" % package, ""]
    head += ['import "%s";' % next(f for p, f, _ in PACKAGES.values() if p == other) for other in sorted(imports)]
    return "\n".join(head + [""] + body)


# ---------------------------------------------------------------- Swift

def swift_type(full):
    package, name = full.rsplit(".", 1)
    return next(prefix for p, _, prefix in PACKAGES.values() if p == package) + name


def ident(name):
    return "`%s`" % name if name in SWIFT_KEYWORDS else name


def scalar_swift(scalar):
    return {"string": "String", "bytes": "Data", "bool": "Bool", "int32": "Int32", "int64": "Int64"}[scalar]


def read_scalar(scalar):
    return {"string": "reader.string()", "bytes": "reader.bytes()", "bool": "reader.bool()",
            "int32": "reader.int32()", "int64": "reader.int64()"}[scalar]


def wire_type(field):
    return 0 if field.scalar in ("bool", "int32", "int64") else 2


def json_of(expr, field):
    """The JSONValue of one value of a field."""
    if field.scalar == "string":
        return ".string(%s)" % expr
    if field.scalar == "bytes":
        return ".string(%s.base64EncodedString())" % expr
    if field.scalar == "bool":
        return ".bool(%s)" % expr
    if field.scalar:
        return ".number(Double(%s))" % expr
    return "%s.jsonValue" % expr


def swift_message(name, emitted, messages):
    t = swift_type(name)
    fields = kept_fields(name, emitted, messages)
    out = ["/// `%s`%s." % (name, " (kept empty: only its presence is read)" if not fields else ""),
           "struct %s: WireMessage {" % t]
    for f in fields:
        n = ident(f.name)
        has = "has" + f.name[0].upper() + f.name[1:]
        if f.map:
            value = swift_type(f.ref) if f.ref else scalar_swift(f.scalar)
            out.append("    var %s: [String: %s] = [:]" % (n, value))
        elif f.repeated:
            value = swift_type(f.ref) if f.ref else scalar_swift(f.scalar)
            out.append("    var %s: [%s] = []" % (n, value))
        elif f.ref:
            out.append("    private var _%s: WireBox<%s>?" % (f.name, swift_type(f.ref)))
            out.append("    var %s: %s { _%s?.value ?? %s() }" % (n, swift_type(f.ref), f.name, swift_type(f.ref)))
            out.append("    var %s: Bool { _%s != nil }" % (has, f.name))
        else:
            default = {"string": '""', "bytes": "Data()", "bool": "false", "int32": "0", "int64": "0"}[f.scalar]
            out.append("    private var _%s: %s?" % (f.name, scalar_swift(f.scalar)))
            out.append("    var %s: %s { _%s ?? %s }" % (n, scalar_swift(f.scalar), f.name, default))
            out.append("    var %s: Bool { _%s != nil }" % (has, f.name))
    out += ["", "    init() {}", "", "    init(from reader: inout WireReader) throws(WireError) {"]
    if not fields:
        out.append("        try reader.skipAll()")
    else:
        out.append("        while let (field, wireType) = try reader.nextField() {")
        out.append("            switch (field, wireType) {")
        for f in fields:
            n = ident(f.name)
            if f.map:
                value = "try entry.message(%s.self)" % swift_type(f.ref) if f.ref else "try " + read_scalar(f.scalar).replace("reader.", "entry.")
                empty = "%s()" % swift_type(f.ref) if f.ref else {"string": '""', "bytes": "Data()"}[f.scalar]
                out.append("            case (%d, 2): try reader.mapEntry(into: &%s, empty: %s) { entry throws(WireError) in %s }"
                           % (f.number, n, empty, value))
            elif f.repeated and f.ref:
                out.append("            case (%d, 2): %s.append(try reader.message(%s.self))" % (f.number, n, swift_type(f.ref)))
            elif f.repeated:
                out.append("            case (%d, %d): %s.append(try %s)" % (f.number, wire_type(f), n, read_scalar(f.scalar)))
                if wire_type(f) == 0:
                    out.append("            case (%d, 2): try reader.packed { reader throws(WireError) in %s.append(try %s) }"
                               % (f.number, n, read_scalar(f.scalar)))
            elif f.ref:
                out.append("            case (%d, 2): _%s = WireBox(try reader.message(%s.self))" % (f.number, f.name, swift_type(f.ref)))
            else:
                out.append("            case (%d, %d): _%s = try %s" % (f.number, wire_type(f), f.name, read_scalar(f.scalar)))
        out += ["            default: try reader.skip(wireType)", "            }", "        }"]
    out += ["    }", "", "    /// The message as Kubernetes JSON (present fields only)."]
    if name == QUANTITY:
        out.append("    var jsonValue: JSONValue { .string(string) }")
    elif name == INTORSTRING:
        out.append("    var jsonValue: JSONValue { type == 1 ? .string(strVal) : .number(Double(intVal)) }")
    elif name in TIMES:
        out.append("    var jsonValue: JSONValue { WireTime.json(seconds: seconds, nanos: nanos) }")
    else:
        out.append("    var jsonValue: JSONValue {")
        out.append("        var json: [String: JSONValue] = [:]")
        for f in fields:
            n = ident(f.name)
            key = f.name
            if f.map:
                out.append('        if !self.%s.isEmpty { json["%s"] = .object(self.%s.mapValues { %s }) }' % (n, key, n, json_of("$0", f)))
            elif f.repeated:
                out.append('        if !self.%s.isEmpty { json["%s"] = .array(self.%s.map { %s }) }' % (n, key, n, json_of("$0", f)))
            else:
                has = "has" + f.name[0].upper() + f.name[1:]
                out.append('        if self.%s { json["%s"] = %s }' % (has, key, json_of("self." + n, f)))
        out.append("        return .object(json)")
        out.append("    }")
    out += ["}", ""]
    return "\n".join(out)


def swift_file(short, emitted, messages):
    package, path, _ = PACKAGES[short]
    names = sorted(n for n in emitted if n.rsplit(".", 1)[0] == package)
    if not names:
        return None
    head = ["// Generated by Modules/KubernetesProto/generate.py from trimmed/%s: do not edit." % path,
            "// The messages of %s PodDoctor reads, decoded with WireReader." % package, "",
            "import Foundation", "import KubeModel", ""]
    return "\n".join(head + [swift_message(n, emitted, messages) for n in names])


def main():
    check = "--check" in sys.argv
    messages = {}
    for short, (package, path, _) in PACKAGES.items():
        messages.update(parse(os.path.join(UPSTREAM, path), package))
    emitted = closure(load_keep(os.path.join(HERE, "keep.txt"), messages), messages)
    outputs = {}
    for short, (_, path, _) in PACKAGES.items():
        proto = trimmed_proto(short, emitted, messages)
        if proto is not None:
            outputs[os.path.join(TRIMMED, path)] = proto
            outputs[os.path.join(OUT, path.rsplit("/", 1)[0].replace("/", "_").replace(".", "_") + ".swift")] = \
                swift_file(short, emitted, messages)
    stale = [p for p, text in outputs.items() if not os.path.exists(p) or open(p).read() != text]
    if check:
        if stale:
            sys.exit("out of date (run Modules/KubernetesProto/generate.py): " + ", ".join(os.path.relpath(p) for p in stale))
        print("trimmed protos and generated Swift are up to date (%d messages)" % len(emitted))
        return
    for old in os.listdir(OUT) if os.path.isdir(OUT) else []:
        if os.path.join(OUT, old) not in outputs:
            os.remove(os.path.join(OUT, old))
    for path, text in outputs.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    print("wrote %d files (%d messages)" % (len(outputs), len(emitted)))


if __name__ == "__main__":
    main()
