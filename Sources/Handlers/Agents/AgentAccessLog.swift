import Foundation
import Synchronization

/// Records `agents.last_accessed_at` for public profile reads without writing on the read's path.
///
/// Every read of an active agent's profile is an access, but writing each one would turn a storm of views into a
/// storm of row updates (an agents row carries a generated search document and five indexes, so each update
/// rewrites them all). Reads only note the agent here; a flush writes the noted agents in one statement, once a
/// second while there is something to write, and an agent written less than a minute ago is not noted again. The
/// statement itself keeps the once-a-minute rule in the database, so several servers agree. What a server noted
/// in its last second is lost if it stops abruptly: an access time, never money (docs/agents.md "Profiles, directory, schedules").
public final class AgentAccessLog: Sendable {
    /// How often pending accesses are written.
    let flushInterval: Duration
    /// How long an agent's recorded access stands before another is written.
    let resolution: Duration
    private let pool: PostgresPool
    private let state = Mutex(State())

    private struct State {
        var pending: Set<Int> = []
        /// When each agent's access was last written by this server.
        var written: [Int: ContinuousClock.Instant] = [:]
        var flushing = false
    }

    public init(pool: PostgresPool, flushInterval: Duration = .seconds(1), resolution: Duration = .seconds(60)) {
        self.pool = pool
        self.flushInterval = flushInterval
        self.resolution = resolution
    }

    /// Notes a read of `agent`'s public profile; it is written within about `flushInterval`.
    public func record(_ agent: Int) {
        let now = ContinuousClock.now
        let startFlushing = state.withLock { state -> Bool in
            if let written = state.written[agent], now - written < resolution { return false }
            state.pending.insert(agent)
            guard !state.flushing else { return false }
            state.flushing = true
            return true
        }
        // One flushing task at a time, alive only while there is something to write.
        if startFlushing { Task { await self.flushWhilePending() } }
    }

    private func flushWhilePending() async {
        while true {
            try? await Task.sleep(for: flushInterval)
            let now = ContinuousClock.now
            let batch = state.withLock { state -> [Int] in
                let batch = Array(state.pending)
                state.pending.removeAll(keepingCapacity: true)
                if batch.isEmpty { state.flushing = false }
                state.written = state.written.filter { now - $0.value < resolution }
                for agent in batch { state.written[agent] = now }
                return batch
            }
            if batch.isEmpty { return }
            do {
                try await write(batch)
            } catch {
                // Forget that they were written, so the next read of each notes it again.
                state.withLock { state in for agent in batch { state.written[agent] = nil } }
            }
        }
    }

    private func write(_ agents: [Int]) async throws {
        let seconds = Int(resolution.components.seconds)
        try await pool.query(
            """
            UPDATE agents SET last_accessed_at = now()
            WHERE id = ANY(\(agents)::bigint[]) AND status = 'active'
              AND (last_accessed_at IS NULL OR last_accessed_at < now() - \(seconds) * interval '1 second')
            """)
    }
}
