import CekiTestSupport
import Generated
import Handlers
import HummingbirdTesting
import Testing

@testable import CekiServer

/// The AgentAuth operations end to end: HTTP, the real database, the mail through a real SMTP server.
@Suite("Agent registration and keys over HTTP")
struct AgentAuthOverHTTPTests {
    /// Registers an agent; returns its email and API key.
    private func register(_ client: some TestClientProtocol, currency: String? = nil) async throws -> (
        email: String, key: String, body: JSONResponse
    ) {
        let email = TestServer.uniqueEmail("agent")
        var body: JSONValue = ["name": "Booking Bot", "email": .string(email), "tags": ["booking"]]
        if let currency, case .object(var object) = body {
            object["currency"] = .string(currency)
            body = .object(object)
        }
        let response = try await client.call(.post, "/api/agent/register", json: body)
        #expect(response.status == 201, "\(response.json)")
        return (email, try #require(response["api_key"]?.stringValue), response)
    }

    @Test func registrationAnswersTheKeyOnceAWalletAndMailsAVerificationCode() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let (email, key, response) = try await register(client)
            #expect(key.wholeMatch(of: /ceki_[a-z0-9]{32}/) != nil)
            #expect(response["status"] == "pending_deposit")
            #expect(response["email_verified"] == false)
            #expect(response["wallet"]?["currency"] == "USDT")
            #expect(response["wallet"]?["balance"] == "0")
            #expect(response["wallet"]?["deposit_address"]?.stringValue?.hasPrefix("0x") == true)
            #expect(
                response["message"]
                    == "Registration successful. Deposit 20.00 USDT (~$20.00) to activate your account. Verify your email to access user profiles."
            )
            let mail = try await server.mail(to: email)
            #expect(mail.data.contains("Subject:"))
            // The key works at once (the key check runs before the operation, which may itself be unbuilt).
            // The profile operation is not built yet (501, undocumented): only the key's acceptance matters here.
            let profile = try await client.call(.get, "/api/agent/profile", bearer: key, contract: .unchecked)
            #expect(profile.status != 401 && profile.status != 403)
            // The tags were stored with the agent.
            let rows = try await server.pool.query("SELECT tags::text AS tags FROM agents WHERE email = \(email)")
            #expect(try rows[0].decode(String.self, "tags") == #"["booking"]"#)
        }
    }

    @Test func aBitcoinWalletGetsABech32AddressAndTheDollarValueInTheMessage() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let (_, _, response) = try await register(client, currency: "BTC")
            #expect(response["wallet"]?["currency"] == "BTC")
            #expect(response["wallet"]?["deposit_address"]?.stringValue?.hasPrefix("bc1q") == true)
            #expect(response["message"]?.stringValue?.contains("the equivalent of $20.00 in BTC") == true)
        }
    }

    @Test func aSecondRegistrationWithTheSameEmailIs422OnEmail() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let (email, _, _) = try await register(client)
            let again = try await client.call(
                .post, "/api/agent/register", json: ["name": "Other", "email": .string(email.uppercased())])
            #expect(again.status == 422)
            #expect(again["errors"]?["email"] == ["The email has already been taken."])
        }
    }

    @Test func theEmailIsVerifiedWithTheMailedCodeAndNotWithAWrongOne() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let (email, _, _) = try await register(client)
            let code = try await server.code(sentTo: email)
            let wrong = try await client.call(
                .post, "/api/agent/verify-email", json: ["email": .string(email), "code": .string(Self.other(code))])
            #expect(wrong.status == 422)
            #expect(wrong["errors"]?["code"] == ["The code is wrong or has expired."])
            let right = try await client.call(
                .post, "/api/agent/verify-email", json: ["email": .string(email), "code": .string(code)])
            #expect(right.status == 200, "\(right.json)")
            #expect(right["email_verified"] == true)
            #expect(right["status"] == "pending_deposit")
            #expect(right["message"] == "Email verified successfully.")
        }
    }

    @Test func aResentCodeReplacesThePreviousOneAndAnotherResendWithinTheMinuteIs429() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let (email, _, _) = try await register(client)
            let first = try await server.code(sentTo: email)
            let resent = try await client.call(.post, "/api/agent/resend-verification", json: ["email": .string(email)])
            #expect(resent.status == 200)
            #expect(resent.json == ["message": "Verification code resent"])
            let second = try await server.code(sentTo: email, count: 2)
            // One code per address per minute: the next resend is refused, with the seconds to wait.
            let throttled = try await client.call(.post, "/api/agent/resend-verification", json: ["email": .string(email)])
            #expect(throttled.status == 429)
            let retryAfter = try #require(throttled.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...60).contains(retryAfter))
            #expect(throttled["message"]?.stringValue?.hasPrefix("Too many attempts.") == true)
            if first != second {
                let old = try await client.call(
                    .post, "/api/agent/verify-email", json: ["email": .string(email), "code": .string(first)])
                #expect(old.status == 422, "the replaced code still works")
            }
            let new = try await client.call(
                .post, "/api/agent/verify-email", json: ["email": .string(email), "code": .string(second)])
            #expect(new.status == 200)
        }
    }

    @Test func aRegeneratedKeyReplacesTheOldOneAtOnce() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let (_, oldKey, _) = try await register(client)
            let regenerated = try await client.call(.post, "/api/agent/regenerate-key", bearer: oldKey)
            #expect(regenerated.status == 200)
            let newKey = try #require(regenerated["api_key"]?.stringValue)
            #expect(newKey != oldKey && newKey.wholeMatch(of: /ceki_[a-z0-9]{32}/) != nil)
            let withOld = try await client.call(.post, "/api/agent/regenerate-key", bearer: oldKey)
            #expect(withOld.status == 401)
            #expect(withOld.json == ["message": "Unauthenticated."])
            let withNew = try await client.call(.post, "/api/agent/regenerate-key", bearer: newKey)
            #expect(withNew.status == 200)
        }
    }

    @Test(arguments: [("suspended", "This agent is suspended."), ("banned", "This agent is banned")])
    func aStoppedAgentGets403SayingWhich(status: String, message: String) async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let (email, key, _) = try await register(client)
            try await server.pool.query("UPDATE agents SET status = \(status) WHERE email = \(email)")
            for (method, path) in [("POST", "/api/agent/regenerate-key"), ("GET", "/api/agent/profile")] {
                let response = try await client.call(.init(method)!, path, bearer: key)
                #expect(response.status == 403, "\(method) \(path)")
                #expect(response["message"]?.stringValue?.hasPrefix(message) == true, "\(response.json)")
            }
        }
    }

    @Test func aUserTokenIsNoAgentKey() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let response = try await client.call(
                .post, "/api/agent/regenerate-key", bearer: String(repeating: "ab", count: 32))
            #expect(response.status == 401)
        }
    }

    /// A six-digit code other than `code`.
    static func other(_ code: String) -> String {
        String(format: "%06d", (Int(code)! + 1) % 1_000_000)
    }

    @Test func aNameHoldingNULIsRefusedNotCut() async throws {
        let server = try await TestServer.identity.value
        try await server.application.test(.live) { client in
            let email = TestServer.uniqueEmail("nul")
            let response = try await client.call(
                .post, "/api/agent/register", json: ["name": "a\u{0}b", "email": .string(email)])
            #expect(response.status == 422)
            #expect(response["errors"] == ["name": ["The field must not contain the NUL character (U+0000)."]])
            let rows = try await server.pool.query("SELECT count(*) AS n FROM agents WHERE email = \(email)")
            #expect(try rows[0].decode(Int.self, "n") == 0)
        }
    }
}
