import Foundation
import Handlers
import Testing

@Suite("One-time codes")
struct OneTimeCodesTests {
    let codes = OneTimeCodes(secret: .random())

    @Test func anIssuedCodeIsSixDigitsValidForTenMinutes() async throws {
        let pool = try await IdentityTestSupport.pool()
        let email = IdentityTestSupport.uniqueEmail()
        let issued = try await IdentityTestSupport.issue(codes, .login, subject: email, pool: pool)
        #expect(issued.code.count == 6 && issued.code.allSatisfy(\.isNumber))
        let lifetime = issued.expiresAt.timeIntervalSinceNow
        #expect(lifetime > 590 && lifetime <= 600)
    }

    @Test func theRightCodeVerifiesOnceAndOnlyOnce() async throws {
        let pool = try await IdentityTestSupport.pool()
        let email = IdentityTestSupport.uniqueEmail()
        let issued = try await IdentityTestSupport.issue(codes, .login, subject: email, pool: pool)
        let address = try await codes.verify(
            .login, subject: email.uppercased(), code: issued.code, field: "password", pool: pool)
        #expect(address == email)
        await #expect(throws: IdentityError.invalidCode(field: "password")) {
            try await codes.verify(.login, subject: email, code: issued.code, field: "password", pool: pool)
        }
    }

    @Test func aWrongCodeIsRefusedAndTheRightOneStillWorksAfterIt() async throws {
        let pool = try await IdentityTestSupport.pool()
        let email = IdentityTestSupport.uniqueEmail()
        let issued = try await IdentityTestSupport.issue(codes, .login, subject: email, pool: pool)
        await #expect(throws: IdentityError.invalidCode(field: "password")) {
            try await codes.verify(
                .login, subject: email, code: IdentityTestSupport.wrong(issued.code), field: "password", pool: pool)
        }
        try await codes.verify(.login, subject: email, code: issued.code, field: "password", pool: pool)
    }

    @Test func anAddressWithoutACodeGetsTheSameAnswerAsAWrongCode() async throws {
        let pool = try await IdentityTestSupport.pool()
        await #expect(throws: IdentityError.invalidCode(field: "password")) {
            try await codes.verify(
                .login, subject: IdentityTestSupport.uniqueEmail(), code: "123456", field: "password", pool: pool)
        }
    }

    @Test func theSixthGuessFailsEvenWithTheRightCode() async throws {
        let pool = try await IdentityTestSupport.pool()
        let email = IdentityTestSupport.uniqueEmail()
        let issued = try await IdentityTestSupport.issue(codes, .login, subject: email, pool: pool)
        let wrong = IdentityTestSupport.wrong(issued.code)
        for attempt in 1...5 {
            let expected: IdentityError =
                attempt < 5 ? .invalidCode(field: "password") : .codeExhausted(field: "password")
            await #expect(throws: expected) {
                try await codes.verify(.login, subject: email, code: wrong, field: "password", pool: pool)
            }
        }
        await #expect(throws: IdentityError.codeExhausted(field: "password")) {
            try await codes.verify(.login, subject: email, code: issued.code, field: "password", pool: pool)
        }
    }

    @Test func parallelGuessesCannotGetPastTheLimit() async throws {
        let pool = try await IdentityTestSupport.pool()
        let email = IdentityTestSupport.uniqueEmail()
        let issued = try await IdentityTestSupport.issue(codes, .login, subject: email, pool: pool)
        let guesses = 40
        // Every guess is right: without an atomic count, more than five would be checked and one would pass
        // after the limit; and without the single-use update, more than one would succeed.
        let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<guesses {
                group.addTask {
                    do {
                        try await codes.verify(.login, subject: email, code: issued.code, field: "password", pool: pool)
                        return "ok"
                    } catch let error as IdentityError {
                        switch error {
                        case .invalidCode: return "invalid"
                        case .codeExhausted, .tooManyAttempts: return "refused"
                        default: return "other"
                        }
                    }
                }
            }
            return try await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        }
        #expect(outcomes["ok"] == 1)
        #expect(outcomes["other"] == nil)
        #expect((outcomes["ok"] ?? 0) + (outcomes["invalid"] ?? 0) <= 5)
        #expect((outcomes["refused"] ?? 0) >= guesses - 5)
        let attempts = try await pool.query(
            "SELECT attempts FROM one_time_codes WHERE purpose = 'login' AND subject = \(email)")
        #expect(try attempts[0].decode(Int.self, "attempts") == guesses)
    }

    @Test func aNewCodeKillsTheOldOne() async throws {
        let pool = try await IdentityTestSupport.pool()
        let email = IdentityTestSupport.uniqueEmail()
        let first = try await IdentityTestSupport.issue(codes, .login, subject: email, pool: pool)
        var second = try await IdentityTestSupport.issue(codes, .login, subject: email, pool: pool)
        while second.code == first.code {
            second = try await IdentityTestSupport.issue(codes, .login, subject: email, pool: pool)
        }
        await #expect(throws: IdentityError.invalidCode(field: "password")) {
            try await codes.verify(.login, subject: email, code: first.code, field: "password", pool: pool)
        }
        try await codes.verify(.login, subject: email, code: second.code, field: "password", pool: pool)
    }

    @Test func aNewCodeAfterFiveWrongGuessesWorksButDoesNotResetTheAccountsFailures() async throws {
        let pool = try await IdentityTestSupport.pool()
        let strict = OneTimeCodes(secret: .random(), policy: OneTimeCodePolicy(failuresPerWindow: 7))
        let email = IdentityTestSupport.uniqueEmail()
        let first = try await IdentityTestSupport.issue(strict, .login, subject: email, pool: pool)
        for _ in 1...5 {
            _ = try? await strict.verify(
                .login, subject: email, code: IdentityTestSupport.wrong(first.code), field: "password", pool: pool)
        }
        let second = try await IdentityTestSupport.issue(strict, .login, subject: email, pool: pool)
        // The new code takes guesses again (attempt 6 of the account)...
        await #expect(throws: IdentityError.invalidCode(field: "password")) {
            try await strict.verify(
                .login, subject: email, code: IdentityTestSupport.wrong(second.code), field: "password", pool: pool)
        }
        _ = try? await strict.verify(
            .login, subject: email, code: IdentityTestSupport.wrong(second.code), field: "password", pool: pool)
        // ...but the account's eighth guess is over its limit of seven, even with the right code.
        do {
            try await strict.verify(.login, subject: email, code: second.code, field: "password", pool: pool)
            Issue.record("the eighth guess of the window passed")
        } catch IdentityError.tooManyAttempts(let retryAfter) {
            #expect(retryAfter > 3000 && retryAfter <= 3600)
        }
    }

    @Test func aSuccessClearsTheAccountsFailures() async throws {
        let pool = try await IdentityTestSupport.pool()
        let strict = OneTimeCodes(secret: .random(), policy: OneTimeCodePolicy(failuresPerWindow: 3))
        let email = IdentityTestSupport.uniqueEmail()
        for _ in 1...3 {
            let issued = try await IdentityTestSupport.issue(strict, .login, subject: email, pool: pool)
            _ = try? await strict.verify(
                .login, subject: email, code: IdentityTestSupport.wrong(issued.code), field: "password", pool: pool)
            _ = try? await strict.verify(
                .login, subject: email, code: IdentityTestSupport.wrong(issued.code), field: "password", pool: pool)
            try await strict.verify(.login, subject: email, code: issued.code, field: "password", pool: pool)
        }
    }

    @Test func anExpiredCodeIsRefused() async throws {
        let pool = try await IdentityTestSupport.pool()
        let email = IdentityTestSupport.uniqueEmail()
        let issued = try await IdentityTestSupport.issue(codes, .login, subject: email, pool: pool)
        try await pool.query(
            "UPDATE one_time_codes SET expires_at = now() - interval '1 second' WHERE subject = \(email)")
        await #expect(throws: IdentityError.invalidCode(field: "password")) {
            try await codes.verify(.login, subject: email, code: issued.code, field: "password", pool: pool)
        }
    }

    @Test func aCodeForOnePurposeProvesNothingForAnother() async throws {
        let pool = try await IdentityTestSupport.pool()
        let email = IdentityTestSupport.uniqueEmail()
        let issued = try await IdentityTestSupport.issue(codes, .agentEmail, subject: email, pool: pool)
        await #expect(throws: IdentityError.invalidCode(field: "password")) {
            try await codes.verify(.login, subject: email, code: issued.code, field: "password", pool: pool)
        }
        try await codes.verify(.agentEmail, subject: email, code: issued.code, field: "code", pool: pool)
    }

    @Test func aCodeFromAnotherServerSecretIsRefused() async throws {
        let pool = try await IdentityTestSupport.pool()
        let email = IdentityTestSupport.uniqueEmail()
        let issued = try await IdentityTestSupport.issue(codes, .login, subject: email, pool: pool)
        let otherServer = OneTimeCodes(secret: .random())
        await #expect(throws: IdentityError.invalidCode(field: "password")) {
            try await otherServer.verify(.login, subject: email, code: issued.code, field: "password", pool: pool)
        }
    }

    @Test func anEmailChangeCodeConfirmsOnlyTheAddressItWasSentTo() async throws {
        let pool = try await IdentityTestSupport.pool()
        let newAddress = IdentityTestSupport.uniqueEmail("new")
        let subject = "user:\(Int.random(in: 1...Int(Int32.max)))"
        let issued = try await IdentityTestSupport.issue(
            codes, .emailChange, subject: subject, address: newAddress, pool: pool)
        await #expect(throws: IdentityError.invalidCode(field: "otp")) {
            try await codes.verify(
                .emailChange, subject: subject, code: issued.code, expectedAddress: IdentityTestSupport.uniqueEmail(),
                field: "otp", pool: pool)
        }
        let confirmed = try await codes.verify(
            .emailChange, subject: subject, code: issued.code, expectedAddress: newAddress.uppercased(), field: "otp",
            pool: pool)
        #expect(confirmed == newAddress)
    }
}
