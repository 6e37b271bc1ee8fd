import CekiTestSupport
import Generated
import Handlers
import HummingbirdTesting
import Testing

@testable import CekiServer

/// People's one-time-code login, logout and email change end to end: HTTP, the real database, the code read from
/// the mail a real SMTP server received.
@Suite("User login over HTTP")
struct UserLoginOverHTTPTests {
    /// A user row (registration has its own tests); returns the email.
    private func makeUser(_ server: TestServer) async throws -> String {
        let email = TestServer.uniqueEmail("person")
        try await server.pool.query("INSERT INTO users (email, name) VALUES (\(email), 'Anna K.')")
        return email
    }

    /// Requests a code and logs in with it; returns the token.
    private func logIn(_ client: some TestClientProtocol, _ server: TestServer, _ email: String) async throws
        -> String
    {
        let before = try await server.mailCount(to: email)
        let requested = try await client.call(.post, "/api/loginrequest", json: ["email": .string(email)])
        #expect(requested.status == 200)
        let code = try await server.code(sentTo: email, count: before + 1)
        let login = try await client.call(
            .post, "/api/login", json: ["email": .string(email), "password": .string(code)])
        #expect(login.status == 200, "\(login.json)")
        return try #require(login["token"]?.stringValue)
    }

    @Test func aMailedCodeLogsInAndLogoutEndsThatTokenOnly() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let email = try await makeUser(server)
            let requested = try await client.call(.post, "/api/loginrequest", json: ["email": .string(email)])
            #expect(requested.status == 200)
            #expect(requested.json == ["message": "OTP sent", "countdown": 60])
            let code = try await server.code(sentTo: email)
            let login = try await client.call(
                .post, "/api/login", json: ["email": .string(email), "password": .string(code)])
            #expect(login.status == 200)
            let token = try #require(login["token"]?.stringValue)
            #expect(token.wholeMatch(of: /[0-9a-f]{64}/) != nil)
            #expect(login["user"]?["email"] == .string(email))
            #expect(login["user"]?["name"] == "Anna K.")
            #expect(login["user"]?["email_verified_at"]?.stringValue != nil)
            #expect(login["user"]?["skills"] == [])
            // The code was single use.
            let reused = try await client.call(
                .post, "/api/login", json: ["email": .string(email), "password": .string(code)])
            #expect(reused.status == 422)

            try await server.pool.query("DELETE FROM rate_limits WHERE key LIKE \("%" + email + "%")")
            let second = try await logIn(client, server, email)
            let loggedOut = try await client.call(.post, "/api/logout", bearer: token)
            #expect(loggedOut.status == 200)
            #expect(loggedOut.json == ["message": "Logged out successfully"])
            let again = try await client.call(.post, "/api/logout", bearer: token)
            #expect(again.status == 401, "a logged-out token still works")
            let other = try await client.call(.post, "/api/logout", bearer: second)
            #expect(other.status == 200, "logout ended the user's other token too")
        }
    }

    @Test func anUnknownAddressGetsTheSameAnswerAndNoMail() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let email = TestServer.uniqueEmail("nobody")
            let requested = try await client.call(.post, "/api/loginrequest", json: ["email": .string(email)])
            #expect(requested.status == 200)
            #expect(requested.json == ["message": "OTP sent", "countdown": 60])
            let queued = try await server.pool.query("SELECT count(*) AS n FROM mail_outbox WHERE recipient = \(email)")
            #expect(try queued[0].decode(Int.self, "n") == 0)
        }
    }

    @Test func aSecondCodeWithinTheCountdownIs429WithRetryAfter() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let email = try await makeUser(server)
            #expect(try await client.call(.post, "/api/loginrequest", json: ["email": .string(email)]).status == 200)
            let again = try await client.call(.post, "/api/loginrequest", json: ["email": .string(email)])
            #expect(again.status == 429)
            let retryAfter = try #require(again.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...60).contains(retryAfter))
            #expect(again.json == ["message": .string("Too many attempts. Try again in \(retryAfter) second\(retryAfter == 1 ? "" : "s").")])
        }
    }

    @Test func theSixthGuessFailsEvenWithTheRightCode() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let email = try await makeUser(server)
            #expect(try await client.call(.post, "/api/loginrequest", json: ["email": .string(email)]).status == 200)
            let code = try await server.code(sentTo: email)
            var answers: [JSONValue?] = []
            for _ in 1...5 {
                let wrong = try await client.call(
                    .post, "/api/login",
                    json: ["email": .string(email), "password": .string(AgentAuthOverHTTPTests.other(code))])
                #expect(wrong.status == 422)
                answers.append(wrong["errors"]?["password"])
            }
            #expect(answers.first == ["The code is wrong or has expired."])
            let right = try await client.call(
                .post, "/api/login", json: ["email": .string(email), "password": .string(code)])
            #expect(right.status == 422)
            #expect(right["errors"]?["password"] == ["Too many wrong codes: this code no longer works. Request a new code."])
        }
    }

    @Test func tooManyChecksFromOneClientAre429() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            // 10 code checks a minute per address and client: the 11th is refused before the code is looked at.
            let email = TestServer.uniqueEmail("guesser")
            var statuses: [Int] = []
            for _ in 1...11 {
                statuses.append(
                    try await client.call(.post, "/api/login", json: ["email": .string(email), "password": "000000"])
                        .status)
            }
            #expect(statuses.prefix(10).allSatisfy { $0 == 422 })
            #expect(statuses.last == 429)
        }
    }

    @Test func anEmailChangeIsConfirmedWithTheCodeMailedToTheNewAddress() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let email = try await makeUser(server)
            let token = try await logIn(client, server, email)
            let newEmail = TestServer.uniqueEmail("moved")
            let requested = try await client.call(
                .post, "/api/profile/email", json: ["email": .string(newEmail)], bearer: token)
            #expect(requested.status == 200, "\(requested.json)")
            #expect(requested["message"] == "OTP sent")
            #expect(requested["expires_at"]?.stringValue != nil)
            let code = try await server.code(sentTo: newEmail)
            let confirmed = try await client.call(
                .post, "/api/profile/email/confirm", json: ["email": .string(newEmail), "otp": .string(code)],
                bearer: token)
            #expect(confirmed.status == 200, "\(confirmed.json)")
            #expect(confirmed["user"]?["email"] == .string(newEmail))
        }
    }

    @Test func anEmailChangeToAnotherAccountsAddressIs422() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let email = try await makeUser(server)
            let taken = try await makeUser(server)
            let token = try await logIn(client, server, email)
            let requested = try await client.call(
                .post, "/api/profile/email", json: ["email": .string(taken)], bearer: token)
            #expect(requested.status == 422)
            #expect(requested["errors"]?["email"] == ["The email has already been taken."])
        }
    }

    @Test func anOperationWithOptionalCredentialsAdmitsAnonymousCallersAndRefusesDeadTokens() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            // bookScheduleSlot: `userToken` optional. It is not built yet, so a caller who gets past the credential
            // check meets validation or the 501, never a 401.
            let email = try await makeUser(server)
            let token = try await logIn(client, server, email)
            let anonymous = try await client.call(.post, "/api/schedules/1/book", json: [:])
            #expect(anonymous.status != 401)
            let signedIn = try await client.call(.post, "/api/schedules/1/book", json: [:], bearer: token)
            #expect(signedIn.status != 401)
            #expect(try await client.call(.post, "/api/logout", bearer: token).status == 200)
            let loggedOut = try await client.call(.post, "/api/schedules/1/book", json: [:], bearer: token)
            #expect(loggedOut.status == 401, "a dead token passed as anonymous")
        }
    }

    @Test func theDatabaseHoldsNoTokenKeyOrCodeInClearAfterTheFlows() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let email = try await makeUser(server)
            let token = try await logIn(client, server, email)
            let agentEmail = TestServer.uniqueEmail("agent")
            let registered = try await client.call(
                .post, "/api/agent/register", json: ["name": "Dump Bot", "email": .string(agentEmail)])
            let key = try #require(registered["api_key"]?.stringValue)
            let agentCode = try await server.code(sentTo: agentEmail)
            let loginCode = try await server.code(sentTo: email)
            let text = try DatabaseDump.text(of: server.database)
            #expect(text.contains(agentEmail))  // the dump is of the right database
            for secret in [token, key, String(key.dropFirst(9)), agentCode, loginCode] {
                #expect(!DatabaseDump.holds(secret, in: text), "the dump holds a secret in clear")
            }
        }
    }
}
