import Handlers
import ServiceLifecycle

/// The mail delivery worker as a service of the server's `ServiceGroup`: it starts with the server and stops
/// at graceful shutdown, between passes (a mail claimed by an interrupted pass is due again when its lease ends).
struct MailDeliveryService: Service {
    let worker: MailDeliveryWorker

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await worker.run()
        }
    }
}
