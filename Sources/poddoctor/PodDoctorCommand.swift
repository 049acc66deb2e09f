import ArgumentParser
import Foundation
import KubeClient
import PodDoctor

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

    /// Runs the command; usage errors exit 2 (not ArgumentParser's 64), as the exit codes promise.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ExitCode {
            exit(withError: error)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                exit(withError: ExitCode(2))
            }
            // ArgumentParser's own outcomes (help, version) as it prints them; every other error
            // through the one mapping of exit codes and messages.
            if code == .success || String(reflecting: type(of: error)).contains("ArgumentParser") { exit(withError: error) }
            Failure(error).exit()
        }
    }
}
