import ArgumentParser
import Foundation
import KubeClient
import PodDoctor

/// `poddoctor check-connection`: reaches an API server's `/version` over verified TLS.
struct CheckConnectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-connection",
        abstract: "Connects to an API server and prints its version and the protocol used."
    )

    @Option(name: .long, help: "The API server URL, e.g. https://127.0.0.1:6443.")
    var server: String

    @Option(name: .long, help: "A PEM file of the certificate authority to trust (default: the system store).")
    var certificateAuthority: String?

    @Option(name: .long, help: "The name to verify the server certificate against, when it differs from the URL's host.")
    var tlsServerName: String?

    @Flag(name: .long, help: "Do not verify the server's certificate (insecure).")
    var insecureSkipTLSVerify = false

    @Option(name: .long, help: "A proxy URL (http://, https:// or socks5://); default: HTTPS_PROXY/NO_PROXY.")
    var proxyURL: String?

    func run() async throws {
        var tls = TLSConfiguration(insecureSkipVerify: insecureSkipTLSVerify, serverName: tlsServerName)
        if let certificateAuthority {
            guard let pem = FileManager.default.contents(atPath: certificateAuthority) else {
                throw ValidationError("cannot read the certificate authority file \(certificateAuthority)")
            }
            tls.certificateAuthorityPEM = Array(pem)
        }
        let configuration = TransportConfiguration(
            tls: tls, proxy: proxyURL.map { ProxyConfiguration.url($0) } ?? .environment()
        )
        do {
            let transport = try CurlTransport(configuration: configuration)
            let report = try await ConnectionCheck(server: server, transport: transport).run()
            let version = report.version.gitVersion ?? "unknown version"
            print("\(report.url): Kubernetes \(version) over \(report.httpVersion) in \(report.duration.formatted(.units(allowed: [.milliseconds])))")
        } catch let error as TransportError {
            FileHandle.standardError.write(Data("poddoctor: \(error)\n".utf8))
            throw ExitCode(3)
        }
    }
}
