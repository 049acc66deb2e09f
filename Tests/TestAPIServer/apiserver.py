#!/usr/bin/env python3
"""PodDoctor's test Kubernetes API server (Python 3.11 standard library only).

Imitates kube-apiserver v1.32 as recorded in shared/apiserver-recordings: read-only resources
from fixture folders, watch, pod logs, paging, selectors, metadata-only, auth; plus a control
API to change objects, inject faults and read what clients sent; optional CONNECT/SOCKS5
proxies and an nginx HTTP/2 front. See README.md beside this file.
"""

import argparse
import json
import os
import signal
import ssl
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import httpserve  # noqa: E402
import proxies  # noqa: E402
from store import Registry, Store, load_fixtures  # noqa: E402

CERTS = os.path.normpath(os.path.join(HERE, "..", "Fixtures", "certs"))


def parse_args(argv):
    p = argparse.ArgumentParser(description="PodDoctor test Kubernetes API server")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0 picks a free port")
    p.add_argument("--cert", default=os.path.join(CERTS, "server.pem"))
    p.add_argument("--key", default=os.path.join(CERTS, "server-key.pem"))
    p.add_argument("--plain-http", action="store_true", help="serve plain HTTP instead of TLS")
    p.add_argument("--client-ca", help="request client certificates and verify them with this CA")
    p.add_argument("--require-client-cert", action="store_true",
                   help="the TLS handshake fails without a valid client certificate")
    p.add_argument("--token", action="append", default=[], metavar="TOKEN[=USER]")
    p.add_argument("--basic", action="append", default=[], metavar="USER:PASS")
    p.add_argument("--forbid", action="append", default=[], metavar="VERB:RESOURCE[:NAMESPACE]")
    p.add_argument("--fixtures", action="append", default=[], metavar="DIR")
    p.add_argument("--connect-proxy", action="store_true")
    p.add_argument("--connect-proxy-auth", metavar="USER:PASS",
                   help="make the CONNECT proxy demand this Proxy-Authorization (Basic)")
    p.add_argument("--socks5-proxy", action="store_true")
    p.add_argument("--h2-frontend", action="store_true")
    p.add_argument("--continue-ttl", type=float, default=300.0)
    p.add_argument("--bookmark-interval", type=float, default=1.0,
                   help="seconds between watch BOOKMARK events (with allowWatchBookmarks)")
    p.add_argument("--max-records", type=int, default=100000,
                   help="keep at most this many request records (oldest dropped)")
    p.add_argument("--ignore-stdin", action="store_true",
                   help="do not exit on stdin EOF (for running by hand; stop with SIGTERM/SIGINT)")
    p.add_argument("--verbose", action="store_true", help="log every request to stderr")
    p.add_argument("--clock", metavar="RFC3339",
                   help="the server's clock stands at this time (its Date headers), as a cluster whose clock differs from the client's")
    opts = p.parse_args(argv)
    if opts.require_client_cert and not opts.client_ca:
        p.error("--require-client-cert needs --client-ca")
    return opts


def tls_context(opts):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(opts.cert, opts.key)
    ctx.set_alpn_protocols(["http/1.1"])
    if opts.client_ca:
        ctx.load_verify_locations(opts.client_ca)
        ctx.verify_mode = ssl.CERT_REQUIRED if opts.require_client_cert else ssl.CERT_OPTIONAL

    def sni(sock, name, _ctx):
        try:
            sock.poddoctor_sni = name
        except AttributeError:
            pass
        return None

    ctx.sni_callback = sni
    return ctx


def serve_in_thread(server):
    t = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    t.start()
    return t


def main(argv=None):
    opts = parse_args(sys.argv[1:] if argv is None else argv)
    registry = Registry()
    store = Store(registry, continue_ttl=opts.continue_ttl)
    try:
        load_fixtures(opts.fixtures, store)
    except (OSError, ValueError) as e:
        print("apiserver: cannot load fixtures: %s" % e, file=sys.stderr)
        return 2
    ctx = httpserve.Context(store, registry, opts)
    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    try:
        tls = None if opts.plain_http else tls_context(opts)
        main_srv = httpserve.Server((opts.host, opts.port), ctx, tls)
    except (OSError, ssl.SSLError) as e:
        print("apiserver: cannot start on %s:%d: %s" % (opts.host, opts.port, e), file=sys.stderr)
        return 2
    port = main_srv.server_address[1]
    host_for_clients = "[%s]" % opts.host if ":" in opts.host else opts.host
    ctx.server_address = "%s:%d" % (host_for_clients, port)
    servers = [main_srv]
    ready = {"port": port, "connect_proxy_port": None, "socks5_proxy_port": None,
             "h2_port": None, "h2_error": None, "pid": os.getpid()}
    front = None
    if opts.h2_frontend:
        if opts.plain_http:
            ready["h2_error"] = "--h2-frontend needs TLS (not with --plain-http)"
        else:
            backend = httpserve.Server(("127.0.0.1", 0), ctx, None, front=True)
            servers.append(backend)
            front = proxies.NginxFront(opts.host, backend.server_address[1], opts.cert, opts.key,
                                       opts.client_ca, opts.require_client_cert)
            serve_in_thread(backend)
            if front.start():
                ready["h2_port"] = front.port
            else:
                ready["h2_error"] = front.error
    if opts.connect_proxy:
        srv = proxies.start_proxy("connect", opts.host, ctx)
        servers.append(srv)
        ready["connect_proxy_port"] = srv.server_address[1]
    if opts.socks5_proxy:
        srv = proxies.start_proxy("socks5", opts.host, ctx)
        servers.append(srv)
        ready["socks5_proxy_port"] = srv.server_address[1]
    serve_in_thread(main_srv)

    if not opts.ignore_stdin:
        def watch_stdin():
            try:
                while True:
                    data = os.read(0, 65536)
                    if not data:
                        break
            except OSError:
                pass
            stop.set()

        threading.Thread(target=watch_stdin, daemon=True).start()

    sys.stdout.write(json.dumps(ready) + "\n")
    sys.stdout.flush()

    try:
        while not stop.wait(0.2):
            pass
    finally:
        ctx.stopping.set()
        store.close()
        if front is not None:
            front.stop()
        for srv in servers:
            try:
                srv.socket.close()
            except OSError:
                pass
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
