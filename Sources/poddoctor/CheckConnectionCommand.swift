import ArgumentParser
import Foundation
import KubeClient
import PodDoctor

/// `poddoctor check-connection`: reaches the cluster's `/version` with the kubeconfig's credentials.
struct CheckConnectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-connection",
        abstract: "Connects to the cluster as kubectl would and prints the server's version and the protocol used."
    )

    @OptionGroup var cluster: ClusterOptions

    func run() async throws {
        do {
            let configuration = try cluster.load()
            let client = try KubernetesClient(configuration: configuration, options: try cluster.clientOptions())
            let report = try await ConnectionCheck(client: client).run()
            let version = report.version.gitVersion ?? "unknown version"
            let context = configuration.contextName.map { "context \($0), " } ?? ""
            print("\(report.url): Kubernetes \(version) over \(report.httpVersion) (\(context)namespace \(configuration.namespace))")
        } catch {
            Failure(error).exit()
        }
    }
}
