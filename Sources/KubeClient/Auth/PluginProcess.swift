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

    /// Serialises pipe creation and spawning, so no plugin inherits another's pipe.
    static let spawnLock = NSLock()

    /// The most a plugin may print (an ExecCredential is a few KiB).
    static let maximumOutput = 1 << 20

    /// Starts `executable` and reads its output to the end, the limit or the cap.
    static func run(
        executable: String, arguments: [String], environment: [String: String], interactive: Bool, timeout: TimeInterval?
    ) async throws -> (output: Data, outcome: Outcome) {
        let (pid, descriptor) = try spawnLock.withLock {
            try spawn(executable: executable, arguments: arguments, environment: environment, interactive: interactive)
        }
        let pipe = [descriptor]
        let group = interactive ? nil : pid
        if let group { LiveGroups.shared.add(group) }
        defer { if let group { LiveGroups.shared.remove(group) } }
        let (output, ended) = await read(pipe[0], process: pid, group: group, timeout: timeout)
        close(pipe[0])
        let status = await wait(pid, group: group)
        if let ended { return (output, ended) }
        if status & 0x7F == 0 { return (output, .exited((status >> 8) & 0xFF)) }
        return (output, .signalled(status & 0x7F))
    }

    /// Creates the output pipe (close-on-exec) and spawns the plugin; under ``spawnLock``, so no other
    /// plugin starting at the same time (a fleet) inherits this pipe (pipe2 is not exported to Swift).
    private static func spawn(executable: String, arguments: [String], environment: [String: String], interactive: Bool) throws -> (pid_t, Int32) {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { throw POSIXError(.EMFILE) }
        _ = fcntl(pipe[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(pipe[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        if !interactive {
            // Not interactive: no stdin, and stderr nowhere (it may echo credentials into CI logs).
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A clean signal state (the spawning thread may block signals; Ctrl-C must reach a login), and
        // a group of its own when not interactive (an interactive login stays in the terminal's group).
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if !interactive {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
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
        return (pid, pipe[0])
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

/// The process groups of plugins running now: stopped when PodDoctor itself is interrupted
/// (Ctrl-C, a CI job's SIGTERM), so no plugin outlives it.
final class LiveGroups: @unchecked Sendable {
    static let shared = LiveGroups()
    private let lock = NSLock()
    private var groups = Set<pid_t>()
    private var sources: [DispatchSourceSignal] = []

    func add(_ group: pid_t) {
        lock.withLock {
            groups.insert(group)
            guard sources.isEmpty else { return }
            // The first plugin installs the handlers: stop every live group, then end as the signal would.
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler { [weak self] in
                    self?.stopAll()
                    signal(signalNumber, SIG_DFL)
                    kill(getpid(), signalNumber)
                }
                source.resume()
                sources.append(source)
            }
        }
    }

    func remove(_ group: pid_t) { lock.withLock { _ = groups.remove(group) } }

    func stopAll() {
        for group in lock.withLock({ groups }) { kill(-group, SIGKILL) }
    }
}
