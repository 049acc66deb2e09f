import ArgumentParser
import KubeClient

/// The `poddoctor` command: finds out why Kubernetes pods keep failing.
@main
struct PodDoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poddoctor",
        abstract: "Finds out why a Kubernetes pod will not stay up, with the evidence and the fix.",
        discussion: "Try it without a cluster: poddoctor diagnose --from Examples/demo -A",
        version: UserAgent.version,
        subcommands: [DiagnoseCommand.self, WatchCommand.self, SnapshotCommand.self, CheckConnectionCommand.self]
    )
}
