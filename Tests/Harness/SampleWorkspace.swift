import Foundation

/// A temporary copy of `kubeconfig-samples/` whose addresses point at a running test server:
/// `127.0.0.1:6443`/`localhost:6443` become the server's port, `127.0.0.1:3128` the CONNECT proxy's,
/// `127.0.0.1:1080` the SOCKS5 proxy's. Links are copied as files, so relative paths work as in
/// the original folder. The copy is removed when this object goes away.
public final class SampleWorkspace: @unchecked Sendable {
    /// The copy's root folder.
    public let root: String

    /// Copies the samples and rewrites their addresses.
    public init(server: TestAPIServer) throws {
        root = NSTemporaryDirectory() + "poddoctor-samples-" + UUID().uuidString
        let copy = Process()
        copy.executableURL = URL(fileURLWithPath: "/bin/cp")
        copy.arguments = ["-rL", TestAPIServer.repositoryPath("kubeconfig-samples"), root]
        try copy.run()
        copy.waitUntilExit()
        guard copy.terminationStatus == 0 else {
            throw TestAPIServer.StartError(description: "could not copy kubeconfig-samples to \(root)")
        }
        var replacements = [("127.0.0.1:6443", "127.0.0.1:\(server.port)"), ("localhost:6443", "localhost:\(server.port)")]
        if let port = server.connectProxyPort { replacements.append(("127.0.0.1:3128", "127.0.0.1:\(port)")) }
        if let port = server.socks5ProxyPort { replacements.append(("127.0.0.1:1080", "127.0.0.1:\(port)")) }
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".yaml") {
            let path = (root as NSString).appendingPathComponent(file)
            var text = try String(contentsOfFile: path, encoding: .utf8)
            for (from, to) in replacements { text = text.replacingOccurrences(of: from, with: to) }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The absolute path of a file in the copy.
    public func path(_ relative: String) -> String {
        (root as NSString).appendingPathComponent(relative)
    }
}
