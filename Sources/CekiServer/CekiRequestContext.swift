import Hummingbird

/// Per-request state: the request id (in every log line, through the logger's metadata) and the client's
/// address, which rate limits are keyed by.
struct CekiRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client's IP address as rate limits see it: the connection's peer, `unknown` for a connection without
    /// one (tests' in-process transport). Behind a trusted proxy the operation middleware takes the client from
    /// `X-Forwarded-For` instead (`TrustedProxies`).
    let clientAddress: String

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}
