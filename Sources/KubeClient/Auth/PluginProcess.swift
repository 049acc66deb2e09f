import Foundation

/// An exec credential plugin's process, started in a process group of its own so that a timeout
/// stops it and everything it started (a helper that keeps the pipe open included).
///
/// Its standard output is read on a thread of its own with `poll`: the wall-clock limit holds even
/// while the plugin keeps writing, and the output is capped. Waiting blocks in `poll`/`waitpid`,
/// never spins.
struct PluginProcess {
    /// How the run ended.
    enum Outcome: Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
        case tooMuchOutput
    }

    /// The most a plugin may print (an ExecCredential is a few KiB).
    static let maximumOutput = 1 << 20

    /// Starts `executable` and reads its output to the end, the limit or the cap.
    static func run(
        executable: String, arguments: [String], environment: [String: String], interactive: Bool, timeout: TimeInterval?
    ) async throws -> (output: Data, outcome: Outcome) {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw POSIXError(.EMFILE) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addclose(&actions, pipe[1])
        if !interactive {
            // Not interactive: no stdin, and stderr nowhere (it may echo credentials into CI logs).
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A group of its own (not interactive: an interactive login stays in the terminal's group).
        if !interactive {
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT)
        }
        let group = interactive ? nil : pid
        let (output, ended) = await read(pipe[0], process: pid, group: group, timeout: timeout)
        close(pipe[0])
        let status = await wait(pid, group: group)
        if let ended { return (output, ended) }
        if status & 0x7F == 0 { return (output, .exited((status >> 8) & 0xFF)) }
        return (output, .signalled(status & 0x7F))
    }

    /// Stops the plugin and its group.
    static func stop(_ pid: pid_t, group: pid_t?) {
        if let group { kill(-group, SIGKILL) }
        kill(pid, SIGKILL)
    }

    /// Reads to the end of output; stops the plugin when the limit passes or it prints too much.
    private static func read(_ descriptor: Int32, process pid: pid_t, group: pid_t?, timeout: TimeInterval?) async -> (Data, Outcome?) {
        await withCheckedContinuation { continuation in
            Thread {
                let deadline = timeout.map { Date().addingTimeInterval($0) }
                var data = Data()
                var buffer = [UInt8](repeating: 0, count: 16_384)
                var outcome: Outcome?
                while true {
                    // The limit is checked on every round, however busily the plugin writes.
                    let left = deadline.map { $0.timeIntervalSinceNow }
                    if let left, left <= 0 {
                        stop(pid, group: group)
                        outcome = .timedOut
                        break
                    }
                    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                    let wait = left.map { Int32(min(1000, max(1, $0 * 1000))) } ?? -1
                    let ready = poll(&poller, 1, wait)
                    if ready < 0 {
                        if errno == EINTR { continue }
                        break
                    }
                    guard ready > 0 else { continue }
                    let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { break }
                    data.append(contentsOf: buffer[0..<count])
                    if data.count > maximumOutput {
                        stop(pid, group: group)
                        outcome = .tooMuchOutput
                        break
                    }
                }
                continuation.resume(returning: (data, outcome))
            }.start()
        }
    }

    /// Waits for the plugin's exit status; after the pipe closed, it gets 5 seconds before it is stopped.
    private static func wait(_ pid: pid_t, group: pid_t?) async -> Int32 {
        await withCheckedContinuation { continuation in
            let done = NSCondition()
            nonisolated(unsafe) var finished = false
            Thread {
                done.lock()
                let deadline = Date().addingTimeInterval(5)
                while !finished, done.wait(until: deadline) {}
                let late = !finished
                done.unlock()
                if late { stop(pid, group: group) }
            }.start()
            Thread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                done.lock()
                finished = true
                done.signal()
                done.unlock()
                continuation.resume(returning: status)
            }.start()
        }
    }
}
