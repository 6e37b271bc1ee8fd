import Foundation
import Handlers
import CekiTestSupport
import Logging
import Testing

@Suite("Mail delivery over SMTP")
struct MailDeliveryTests {
    let secret = ServerSecret.random()
    var codes: OneTimeCodes { OneTimeCodes(secret: secret) }
    var outbox: MailOutbox { MailOutbox(secret: secret) }

    private func worker(_ pool: PostgresPool, _ transport: (any MailTransport)?, lease: Int = 300) -> MailDeliveryWorker
    {
        MailDeliveryWorker(pool: pool, outbox: outbox, transport: transport, lease: lease)
    }

    private func smtp(_ sink: SMTPSink, username: String? = nil, password: String? = nil) -> SMTPClient {
        SMTPClient(
            configuration: SMTPConfiguration(
                url: sink.url(username: username, password: password), from: "no-reply@ceki.test")!)
    }

    private func outboxRow(_ id: Int, _ pool: PostgresPool) async throws -> PostgresRow {
        try await pool.query(
            "SELECT sent_at IS NOT NULL AS sent, attempts, last_error, next_attempt_at > now() AS waiting FROM mail_outbox WHERE id = \(id)"
        )[0]
    }

    @Test func aLoginCodeArrivesOverSMTPAndTheCodeReadFromTheMailVerifies() async throws {
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let sink = try SMTPSink()
            let email = IdentityTestSupport.uniqueEmail()
            _ = try await IdentityTestSupport.queueLoginCode(codes: codes, outbox: outbox, email: email, pool: pool)
            #expect(try await worker(pool, smtp(sink)).deliverDue() == .init(sent: 1, failed: 0, kept: 0))
            let mails = try sink.received()
            try #require(mails.count == 1)
            #expect(mails[0].from == "no-reply@ceki.test" && mails[0].to == [email])
            #expect(mails[0].data.contains("Subject: Your Ceki login code"))
            let code = try #require(
                IdentityTestSupport.code(in: mails[0].data.components(separatedBy: "\r\n\r\n").dropFirst().joined()))
            #expect(try await codes.verify(.login, subject: email, code: code, field: "password", pool: pool) == email)
            #expect(
                try await pool.query("SELECT count(*) AS n FROM mail_outbox WHERE sent_at IS NULL")[0].decode(
                    Int.self, "n") == 0)
            // Nothing is sent twice.
            #expect(try await worker(pool, smtp(sink)).deliverDue() == .init())
        }
    }

    @Test func theClientAuthenticatesWithTheCredentialsInTheURL() async throws {
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let sink = try SMTPSink()
            _ = try await IdentityTestSupport.queueLoginCode(
                codes: codes, outbox: outbox, email: IdentityTestSupport.uniqueEmail(), pool: pool)
            try await worker(pool, smtp(sink, username: "mailer", password: "s%40cret")).deliverDue()
            #expect(try sink.received().first?.auth == ["mailer", "s@cret"])
        }
    }

    @Test func aMailRefusedByTheServerIsRetriedWithBackoffAndSentOnce() async throws {
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let sink = try SMTPSink(failFirst: 1)
            let id = try await pool.transaction { tx in
                try await outbox.enqueue(
                    OutgoingMail(recipient: "x@example.com", subject: "Hello", body: "one"), in: tx)
            }
            #expect(try await worker(pool, smtp(sink)).deliverDue() == .init(sent: 0, failed: 1, kept: 0))
            let failed = try await outboxRow(id, pool)
            #expect(try !failed.decode(Bool.self, "sent") && failed.decode(Int.self, "attempts") == 1)
            #expect(try failed.decode(Bool.self, "waiting"))
            #expect(try failed.decode(String.self, "last_error").contains("451"))
            #expect(try sink.received().isEmpty)
            // Not due yet: a pass now does nothing. When the backoff has passed, it goes out.
            #expect(try await worker(pool, smtp(sink)).deliverDue() == .init())
            try await pool.query("UPDATE mail_outbox SET next_attempt_at = now() WHERE id = \(id)")
            #expect(try await worker(pool, smtp(sink)).deliverDue().sent == 1)
            #expect(try sink.received().count == 1)
        }
    }

    @Test func anUnreachableServerLeavesTheMailQueuedWithItsError() async throws {
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let id = try await pool.transaction { tx in
                try await outbox.enqueue(
                    OutgoingMail(recipient: "x@example.com", subject: "Hello", body: "one"), in: tx)
            }
            let nowhere = SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: 1, timeout: 2))
            #expect(try await worker(pool, nowhere).deliverDue().failed == 1)
            let row = try await outboxRow(id, pool)
            #expect(try !row.decode(Bool.self, "sent") && row.decode(Int.self, "attempts") == 1)
            #expect(try row.decode(String.self, "last_error").contains("connect"))
        }
    }

    @Test func aMailClaimedByAWorkerThatDiedIsSentWhenItsLeaseEnds() async throws {
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let sink = try SMTPSink()
            _ = try await pool.transaction { tx in
                try await outbox.enqueue(
                    OutgoingMail(recipient: "x@example.com", subject: "Hello", body: "one"), in: tx)
            }
            // A worker claims the mail and dies before sending it: while the lease runs, nobody sends it...
            #expect(try await outbox.claimDue(limit: 10, lease: 300, pool: pool).count == 1)
            #expect(try await worker(pool, smtp(sink)).deliverDue() == .init())
            // ...and when the lease ends (aged in the database, not waited for), the next pass sends it.
            try await pool.query("UPDATE mail_outbox SET next_attempt_at = now() WHERE sent_at IS NULL")
            #expect(try await worker(pool, smtp(sink)).deliverDue().sent == 1)
            #expect(try sink.received().count == 1)
        }
    }

    @Test func aMailSealedUnderAnotherSecretIsParkedAndTheRestOfItsBatchIsSent() async throws {
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let sink = try SMTPSink()
            // Queued by an earlier process with a secret of its own (APP_SECRET unset), then two readable mails.
            let lost = try await pool.transaction { tx in
                try await MailOutbox(secret: .random()).enqueue(
                    OutgoingMail(recipient: "lost@example.com", subject: "Old", body: "unreadable now"), in: tx)
            }
            for n in 1...2 {
                _ = try await pool.transaction { tx in
                    try await outbox.enqueue(
                        OutgoingMail(recipient: "x\(n)@example.com", subject: "Hello", body: "mail \(n)"), in: tx)
                }
            }
            #expect(try await worker(pool, smtp(sink)).deliverDue() == .init(sent: 2, failed: 0, kept: 0))
            #expect(try sink.received().map(\.to) == [["x1@example.com"], ["x2@example.com"]])
            let row = try await outboxRow(lost, pool)
            #expect(try !row.decode(Bool.self, "sent") && row.decode(Bool.self, "waiting"))
            #expect(try row.decode(String.self, "last_error").contains("another APP_SECRET"))
            #expect(try await worker(pool, smtp(sink)).deliverDue() == .init())
        }
    }

    @Test func withoutSMTPTheMailIsLoggedAndKeptUnsent() async throws {
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let id = try await pool.transaction { tx in
                try await outbox.enqueue(
                    OutgoingMail(recipient: "x@example.com", subject: "Hello", body: "one"), in: tx)
            }
            #expect(try await worker(pool, nil).deliverDue() == .init(sent: 0, failed: 0, kept: 1))
            let row = try await outboxRow(id, pool)
            #expect(try !row.decode(Bool.self, "sent") && row.decode(Bool.self, "waiting"))
            #expect(try await worker(pool, nil).deliverDue() == .init())
        }
    }

    @Test func aRolledBackCodeLeavesNeitherCodeNorMail() async throws {
        struct Abort: Error {}
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let email = IdentityTestSupport.uniqueEmail()
            await #expect(throws: Abort.self) {
                try await pool.transaction { tx in
                    let issued = try await codes.issue(.login, subject: email, address: email, in: tx)
                    try await outbox.enqueue(.loginCode(issued, to: email), in: tx)
                    throw Abort()
                }
            }
            let counts = try await pool.query(
                "SELECT (SELECT count(*) FROM mail_outbox) AS mails, (SELECT count(*) FROM one_time_codes) AS codes")[0]
            #expect(try counts.decode(Int.self, "mails") == 0 && counts.decode(Int.self, "codes") == 0)
        }
    }

    @Test func linesStartingWithADotArriveIntact() async throws {
        try await IdentityTestSupport.withScratchDatabase { _, pool in
            let sink = try SMTPSink()
            let body = "first\n.\n..two dots\nlast"
            _ = try await pool.transaction { tx in
                try await outbox.enqueue(OutgoingMail(recipient: "x@example.com", subject: "Dots", body: body), in: tx)
            }
            try await worker(pool, smtp(sink)).deliverDue()
            let data = try #require(sink.received().first?.data)
            #expect(data.hasSuffix("\r\n\r\nfirst\r\n.\r\n..two dots\r\nlast\r\n"))
        }
    }
}

@Suite("Mail pieces")
struct MailPiecesTests {
    @Test func smtpURLsGiveHostPortAndCredentials() {
        #expect(
            SMTPConfiguration(url: "smtp://mail.example.com:2525")
                == SMTPConfiguration(host: "mail.example.com", port: 2525))
        #expect(SMTPConfiguration(url: "smtp://mail.example.com")?.port == 25)
        let withUser = SMTPConfiguration(url: "smtp://user%40x:p%3Ass@relay:587")
        #expect(withUser?.username == "user@x" && withUser?.password == "p:ss")
        #expect(SMTPConfiguration(url: "http://mail.example.com") == nil)
        #expect(SMTPConfiguration(url: "smtp://") == nil)
    }

    @Test func aSealedBodyHidesItsTextAndOpensOnlyWithTheSameSecret() throws {
        let secret = ServerSecret.random()
        let sealed = MailSeal(secret: secret).seal("Your login code is 123456.")
        #expect(!sealed.contains("123456"))
        #expect(try MailSeal(secret: secret).open(sealed) == "Your login code is 123456.")
        #expect(throws: IdentityError.unreadableMail) { try MailSeal(secret: .random()).open(sealed) }
        var tampered = Array(Data(base64Encoded: sealed)!)
        tampered[14] ^= 1
        #expect(throws: IdentityError.unreadableMail) {
            try MailSeal(secret: secret).open(Data(tampered).base64EncodedString())
        }
        #expect(MailSeal(secret: secret).seal("same") != MailSeal(secret: secret).seal("same"))
    }

    @Test func backoffDoublesFromThirtySecondsUpToAnHour() {
        #expect(
            (1...9).map { MailDeliveryWorker.backoff(afterAttempts: $0) } == [
                30, 60, 120, 240, 480, 960, 1920, 3600, 3600,
            ])
    }
}
