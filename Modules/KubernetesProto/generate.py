#!/usr/bin/env python3
"""Trims the upstream Kubernetes .proto files to the fields PodDoctor reads, then generates Swift.

    python3 Modules/KubernetesProto/generate.py            # trim + run protoc (needs protoc, protoc-gen-swift)
    python3 Modules/KubernetesProto/generate.py --check    # trim only; fail if trimmed/ is out of date

`keep.txt` lists, per message, the fields kept (`*` = every field, and every message below it;
`+` = every field, the messages below kept empty unless listed).
Field numbers and types stay as upstream, so the server's bytes decode unchanged; fields left out
are unknown to the generated code and skipped (BinaryDecodingOptions.discardUnknownFields). A
message that a kept field refers to but `keep.txt` does not list is kept empty: its presence is
seen (e.g. which kind of volume source is set), its contents are skipped.

protoc: Debian's `protobuf-compiler`; protoc-gen-swift: `swift build --product protoc-gen-swift`
in a checkout of apple/swift-protobuf at the version Package.swift names (PATH or $PROTOC_GEN_SWIFT).
"""
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
UPSTREAM = os.path.join(HERE, "upstream")
TRIMMED = os.path.join(HERE, "trimmed")
OUT = os.path.join(HERE, "..", "..", "Sources", "KubeClient", "Protobuf", "Generated")

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
SCALARS = {"string", "bytes", "bool", "int32", "int64", "uint32", "uint64", "double", "float", "sint32", "sint64",
           "fixed32", "fixed64", "sfixed32", "sfixed64"}
FIELD = re.compile(r"^  (optional |repeated )?(map<\s*(\w+)\s*,\s*([\w.]+)\s*>|[\w.]+) (\w+) = (\d+);")


def parse(path, package):
    """{message: [(line, field name, referenced message full name or None)]} in upstream order."""
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
                ref = None
                if typ not in SCALARS:
                    ref = typ[1:] if typ.startswith(".") else package + "." + typ
                messages[current].append((line.rstrip(), m.group(5), ref))
    return messages


def load_keep(path, messages):
    keep = {}
    with open(path) as f:
        for number, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].split()
            if not line:
                continue
            short, _, name = line[0].partition(".")
            if short not in PACKAGES:
                sys.exit("%s:%d: unknown package %r" % (path, number, short))
            full = PACKAGES[short][0] + "." + name
            if full not in messages:
                sys.exit("%s:%d: no message %s upstream" % (path, number, full))
            fields = set(line[1:])
            known = {name for _, name, _ in messages[full]}
            if not fields & {"*", "+"} and fields - known:
                sys.exit("%s:%d: %s has no field %s" % (path, number, full, ", ".join(sorted(fields - known))))
            keep[full] = fields
    return keep


def closure(keep, messages):
    """Every message to emit, with the fields it keeps (an empty set: kept empty)."""
    out = {}
    todo = [(name, fields) for name, fields in keep.items()]
    while todo:
        name, fields = todo.pop()
        if name in out and not (fields - out[name]):
            continue
        out[name] = out.get(name, set()) | fields
        for _, field, ref in messages[name]:
            if ref and fields & {"*", "+", field}:
                wanted = {"*"} if "*" in fields and ref not in keep else keep.get(ref, set())
                todo.append((ref, wanted))
    return out


def trimmed_file(short, emitted, messages):
    package, path, prefix = PACKAGES[short]
    body, imports = [], set()
    for name in sorted(n for n in emitted if n.rsplit(".", 1)[0] == package):
        fields = emitted[name]
        body.append("message %s {" % name.rsplit(".", 1)[1])
        for line, field, ref in messages[name]:
            if fields & {"*", "+", field}:
                body.append(line)
                if ref and ref.rsplit(".", 1)[0] != package:
                    imports.add(ref.rsplit(".", 1)[0])
        body.append("}")
        body.append("")
    if not body:
        return None
    head = ["// Generated by Modules/KubernetesProto/generate.py from upstream/%s (Apache License 2.0):" % path,
            "// only the fields PodDoctor reads (keep.txt); field numbers and types unchanged.", "",
            'syntax = "proto2";', "", "package %s;" % package, ""]
    for other in sorted(imports):
        head.append('import "%s";' % next(f for p, f, _ in PACKAGES.values() if p == other))
    head += ["", 'option swift_prefix = "%s";' % prefix, ""]
    return "\n".join(head + body)


def main():
    check = "--check" in sys.argv
    messages = {}
    for short, (package, path, _) in PACKAGES.items():
        messages.update(parse(os.path.join(UPSTREAM, path), package))
    emitted = closure(load_keep(os.path.join(HERE, "keep.txt"), messages), messages)
    stale = []
    written = []
    for short, (_, path, _) in PACKAGES.items():
        text = trimmed_file(short, emitted, messages)
        if text is None:
            continue
        target = os.path.join(TRIMMED, path)
        written.append(path)
        old = open(target).read() if os.path.exists(target) else None
        if old != text:
            stale.append(path)
            if not check:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "w") as f:
                    f.write(text)
    if check:
        if stale:
            sys.exit("trimmed protos out of date: " + ", ".join(stale))
        return
    protoc = shutil.which("protoc") or sys.exit("protoc not found (apt-get install protobuf-compiler)")
    plugin = os.environ.get("PROTOC_GEN_SWIFT") or shutil.which("protoc-gen-swift") or \
        sys.exit("protoc-gen-swift not found: set PROTOC_GEN_SWIFT")
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    subprocess.run([protoc, "--plugin=protoc-gen-swift=" + plugin, "-I", TRIMMED, "--swift_out=" + OUT,
                    "--swift_opt=Visibility=Internal", "--swift_opt=FileNaming=PathToUnderscores"] + written,
                   check=True)
    print("generated %d files into %s (%d messages)" % (len(written), os.path.relpath(OUT), len(emitted)))


if __name__ == "__main__":
    main()
