import Hummingbird

/// Per-request state: the request id (in every log line, through the logger's metadata) and, once the
/// identity layer lands, the authenticated principal.
struct CekiRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }
}
