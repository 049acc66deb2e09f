import ArgumentParser
import KubeClient

/// The `poddoctor` command: finds out why Kubernetes pods keep failing.
@main
struct PodDoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poddoctor",
        abstract: "Finds out why a Kubernetes pod will not stay up, with the evidence and the fix.",
        discussion: "Diagnosis commands arrive with the next releases; today `check-connection` tests reaching an API server.",
        version: UserAgent.version,
        subcommands: [CheckConnectionCommand.self]
    )
}
