import Handlers
import ServiceLifecycle

/// The Google Calendar sync as a service of the server's `ServiceGroup`, as the mail delivery runs: it starts
/// with the server and stops at graceful shutdown, between passes (a link claimed by an interrupted pass is due
/// again when its lease ends).
struct GoogleCalendarSyncService: Service {
    let sync: GoogleCalendarSync

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await sync.run()
        }
    }
}
