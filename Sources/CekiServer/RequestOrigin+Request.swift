import Handlers
import Hummingbird

extension RequestOrigin {
    /// Runs `operation` with the origin of `request` set: the client address rate limits count (the peer, or what
    /// `X-Forwarded-For` / `Forwarded` name behind a trusted proxy) and the URL page links are made of. A REST
    /// operation and an MCP tool call set it the same way; the tool call passes the REST path and query its
    /// arguments stand for, so a list's links point where a client can follow them.
    static func serving<Result>(
        _ request: Request, _ context: CekiRequestContext, trustedProxies: TrustedProxies, path: String? = nil,
        query: String? = nil, _ operation: () async throws -> Result
    ) async throws -> Result {
        let url = RequestURL(
            base: "http://" + (request.head.authority ?? "localhost"), path: path ?? request.uri.path,
            query: query ?? request.uri.query ?? "")
        let client = trustedProxies.client(
            peer: context.clientAddress, forwardedFor: request.headers[.xForwardedFor],
            forwarded: request.headers[.forwarded])
        return try await $clientAddress.withValue(client) {
            try await $url.withValue(url) { try await operation() }
        }
    }
}
