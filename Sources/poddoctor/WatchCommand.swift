import ArgumentParser
import Foundation
import KubeClient
import KubeModel
import PodDiagnosis
import PodDoctor

/// `poddoctor watch`: prints a diagnosis whenever a pod starts failing or its cause changes.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watches pods and prints a diagnosis when one starts failing, its cause changes, or it recovers (one JSON object per line with -o json).",
        discussion: """
            Keeps a cache of each kind a diagnosis reads (one list+watch per kind, as controllers do) and diagnoses \
            from it; the only reads beyond the watches are the logs of a container whose failure is new or changed.
            """
    )

    enum Output: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var cluster: ClusterOptions

    @OptionGroup var logging: LogOptions

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Watch every namespace.")
    var allNamespaces = false

    @Option(name: [.short, .customLong("output")], help: "text or json.")
    var output: Output = .text

    @Option(name: .customLong("metrics-port"), help: "Serve /metrics (Prometheus), /healthz and /readyz on this port.")
    var metricsPort: UInt16?

    func run() async throws {
        let monitor = metricsPort.map { _ in WatchMonitor() }
        let client: KubernetesClient
        let namespace: String?
        do {
            try logging.bootstrap()
            let configuration = try cluster.load()
            var options = try cluster.clientOptions()
            let requests = monitor
            options.observer = { requests?.request($0) }
            // One connection per watched kind over HTTP/1.1 (HTTP/2 shares one).
            options.maxConnectionsPerHost = max(options.maxConnectionsPerHost, PodWatcher.connectionsNeeded())
            client = try KubernetesClient(configuration: configuration, options: options)
            namespace = allNamespaces ? nil : (cluster.namespace ?? configuration.namespace)
            // Reach the cluster once before watching: a watch retries forever, an unreachable cluster
            // at start must end with exit 3 instead.
            // One page of one pod (`list` would follow every continue token: one request per pod).
            var firstPage = client.pages(Pod.self, namespace: namespace, options: ListOptions(limit: 1), readAhead: false).makeAsyncIterator()
            _ = try await firstPage.next()
        } catch {
            Failure(error).exit()
        }
        if let metricsPort, let monitor {
            do {
                let server = try MonitorServer(monitor: monitor, port: metricsPort)
                // A port that cannot be served (in use, not allowed) ends the watch with a clear line, never silently.
                Task {
                    do { try await server.run() } catch is CancellationError {} catch {
                        Failure(UsageError("cannot serve /metrics on port \(metricsPort): \(error)")).exit()
                    }
                }
            } catch {
                Failure(UsageError("cannot serve metrics on port \(metricsPort): \(error)")).exit()
            }
        }
        let json = output == .json
        let text = TextReport(color: TextReport.terminalWantsColor)
        do {
            var watcher = PodWatcher(client: client, namespace: namespace)
            watcher.monitor = monitor
            try await watcher.run { pod in
                let server = client.serverTime()
                let moment = Moment(server ?? Date(), source: server == nil ? .localClock : .apiServer)
                let line = json ? ReportJSON.encode(DiagnosisReport(pods: [pod], moment: moment), pretty: false)
                                : text.render(pod: pod)
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        } catch is CancellationError {
            return
        } catch {
            Failure(error).exit()
        }
    }
}
