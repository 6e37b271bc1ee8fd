import Handlers
import Hummingbird

/// Where Google sends the user's browser back after the consent screen (outside the spec: no API client calls
/// it): `GET /google/oauth/callback?code=…&state=…` (or `error=…`). The signed state says which user and kal
/// asked; the code is exchanged with the state's PKCE verifier and the account's tokens are kept sealed
/// (docs/google-calendar.md "The callback"). Answers JSON: 200 with the kal, 400 for a bad, altered or expired
/// state or a refusal, 502 when Google's token endpoint fails, 503 when Google is not configured.
struct GoogleOAuthCallbackRoute: Sendable {
    static let path = "/google/oauth/callback"
    let kalSyncs: KalSyncs

    func register(on router: Router<CekiRequestContext>) {
        router.get(RouterPath(Self.path)) { request, _ in
            let query = request.uri.queryParameters
            let claims: GoogleOAuthState.Claims
            do {
                claims = try await kalSyncs.completeAuthorization(
                    code: query["code"].map(String.init), state: query["state"].map(String.init),
                    error: query["error"].map(String.init))
            } catch let failure as KalSyncs.CallbackFailure {
                throw JSONErrorResponse(status: .init(code: failure.status), message: failure.message)
            }
            let body =
                #"{"message":"Your Google account is linked: choose a calendar to sync with setupKalSync.","kal_id":"#
                + "\(claims.kalID)}"
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: body)))
        }
    }
}
