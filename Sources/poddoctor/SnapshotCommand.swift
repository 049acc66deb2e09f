import ArgumentParser
import Foundation
import KubeClient
import PodDoctor

/// `poddoctor snapshot`: saves what a diagnosis reads, to diagnose it elsewhere with `--from`.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Saves the objects and logs a diagnosis reads into a folder (never Secret data).",
        discussion: "Diagnose it later, anywhere: poddoctor diagnose --from DIR -A"
    )

    @Argument(help: "A pod name (default: every pod of the namespace).")
    var pod: String?

    @OptionGroup var cluster: ClusterOptions

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Every namespace.")
    var allNamespaces = false

    @Option(name: [.customShort("f"), .customLong("folder")], help: "The folder to write.")
    var folder: String

    @Flag(name: .customLong("redact"), help: "Replace names and IP addresses (v4 and v6) by placeholders, consistently.")
    var redact = false

    @Flag(name: .customLong("include-configmap-data"), help: "Keep ConfigMap data values (by default only their keys are kept).")
    var includeConfigMapData = false

    func run() async throws {
        do {
            let configuration = try cluster.load()
            let client = try KubernetesClient(configuration: configuration, options: try cluster.clientOptions())
            let namespace = cluster.namespace ?? configuration.namespace
            let scope: DiagnosisScope = pod.map { .pod(name: $0, namespace: namespace) } ?? (allNamespaces ? .allNamespaces : .namespace(namespace))
            var gatherer = EvidenceGatherer(client: client)
            gatherer.slimHealthyPods = false
            // The snapshot records the API server's moment, so it is judged as of then wherever it is read.
            let gathered = try await gatherer.gather(scope)
            let written: (objects: Int, logs: Int)
            do {
                written = try SnapshotWriter(redact: redact, includeConfigMapData: includeConfigMapData).write(gathered.objects, to: folder, takenAt: gathered.moment.date)
            } catch let error as SnapshotError {
                throw error
            } catch {
                throw SnapshotError(file: folder, message: "cannot be written: \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("poddoctor: wrote \(written.objects) objects and \(written.logs) logs to \(folder)\n".utf8))
        } catch {
            Failure(error).exit()
        }
    }
}
