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

    @Option(name: .customLong("contexts"), help: "Snapshot these contexts (comma-separated), one folder each inside --folder.")
    var contexts: String?

    @Flag(name: .customLong("all-contexts"), help: "Snapshot every context of the kubeconfig, one folder each inside --folder.")
    var allContexts = false

    func run() async throws {
        if contexts != nil || allContexts { return try await runFleet() }
        do {
            let configuration = try cluster.load()
            let client = try KubernetesClient(configuration: configuration, options: try cluster.clientOptions())
            let namespace = cluster.namespace ?? configuration.namespace
            let gathered = try await Self.gather(client: client, pod: pod, allNamespaces: allNamespaces, namespace: namespace)
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

    /// Reads what the flags name in `namespace`, healthy pods kept whole. The snapshot records the API
    /// server's moment, so it is judged as of then wherever it is read.
    private static func gather(client: KubernetesClient, pod: String?, allNamespaces: Bool, namespace: String) async throws -> EvidenceGatherer.Gathered {
        let scope: DiagnosisScope = pod.map { .pod(name: $0, namespace: namespace) } ?? (allNamespaces ? .allNamespaces : .namespace(namespace))
        var gatherer = EvidenceGatherer(client: client)
        gatherer.slimHealthyPods = false
        return try await gatherer.gather(scope)
    }

    /// One folder per context (`FOLDER/CONTEXT`), read concurrently; `diagnose --from FOLDER` reads them back as a fleet.
    private func runFleet() async throws {
        do {
            let (fleet, names) = try cluster.fleet(contexts: contexts, all: allContexts)
            let pod = pod, allNamespaces = allNamespaces, namespaceFlag = cluster.namespace
            let writer = SnapshotWriter(redact: redact, includeConfigMapData: includeConfigMapData)
            let folder = folder
            let results = await fleet.read(names) { configuration, client in
                try await Self.gather(client: client, pod: pod, allNamespaces: allNamespaces, namespace: namespaceFlag ?? configuration.namespace)
            }
            var written = 0
            for (context, result) in results.sorted(by: { $0.context < $1.context }) {
                switch result {
                case .success(let gathered):
                    let path = "\(folder)/\(SnapshotWriter.pathComponent(context))"
                    let counts = try writer.write(gathered.objects, to: path, takenAt: gathered.moment.date)
                    FileHandle.standardError.write(Data("poddoctor: \(context): wrote \(counts.objects) objects and \(counts.logs) logs to \(path)\n".utf8))
                    written += 1
                case .failure(let error):
                    FileHandle.standardError.write(Data("poddoctor: \(context): not read: \(Failure(error).message)\n".utf8))
                }
            }
            if written == 0 {
                FileHandle.standardError.write(Data("poddoctor: no context could be read\n".utf8))
                Foundation.exit(Failure.cluster)
            }
        } catch {
            Failure(error).exit()
        }
    }
}
