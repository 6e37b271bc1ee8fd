import CekiTestSupport
import Foundation
import Handlers
import Testing

/// STARTTLS against a real server (aiosmtpd with a certificate made for the run): the upgrade happens when
/// offered, the certificate is checked, and a failed check never falls back to clear text.
@Suite("SMTP STARTTLS")
struct StartTLSTests {
    private let mail = OutgoingMail(recipient: "someone@example.com", subject: "Hello", body: "Your code is 123456.")

    private func client(_ url: String) throws -> SMTPClient {
        SMTPClient(configuration: try #require(SMTPConfiguration(url: url, from: "no-reply@ceki.test")))
    }

    @Test func aServerOfferingSTARTTLSGetsTheMailOverTLSWithItsCertificateChecked() async throws {
        let sink = try SMTPSink(tls: true)
        let ca = try #require(sink.certificatePath)
        try await client(sink.url(username: "mailer", password: "pw") + "?ca=\(ca)").send(mail)
        let received = try sink.received()
        try #require(received.count == 1)
        #expect(received[0].tls)
        #expect(received[0].auth == ["mailer", "pw"])
        #expect(received[0].body.contains("123456"))
    }

    @Test func aCertificateThatDoesNotCheckOutFailsTheDeliveryInsteadOfFallingBackToClearText() async throws {
        let sink = try SMTPSink(tls: true)
        // The run's self-signed certificate is not among the system's authorities.
        await #expect {
            try await client(sink.url()).send(mail)
        } throws: { error in
            guard case SMTPError.tlsFailed(let reason) = error else { return false }
            return reason.contains("certificate")
        }
        #expect(try sink.received().isEmpty)
    }

    @Test func requiredSTARTTLSRefusesAServerThatDoesNotOfferIt() async throws {
        let sink = try SMTPSink()
        await #expect {
            try await client(sink.url() + "?starttls=required").send(mail)
        } throws: { error in
            if case SMTPError.tlsFailed = error { return true }
            return false
        }
        #expect(try sink.received().isEmpty)
    }

    @Test func aServerWithoutSTARTTLSGetsTheMailInClearTextByDefault() async throws {
        let sink = try SMTPSink()
        try await client(sink.url()).send(mail)
        #expect(try sink.received().map(\.tls) == [false])
    }

    @Test func theSinkReallyRequiresTLS() async throws {
        // With STARTTLS switched off, the TLS sink refuses the mail: the tests above did go through TLS.
        let sink = try SMTPSink(tls: true)
        await #expect(throws: SMTPError.self) {
            try await client(sink.url() + "?starttls=never").send(mail)
        }
        #expect(try sink.received().isEmpty)
    }

    @Test func theURLOptionsAreReadAndUnknownOnesRefused() throws {
        let configuration = try #require(SMTPConfiguration(url: "smtp://relay.example:587?starttls=required&ca=/etc/ca.pem"))
        #expect(configuration.port == 587)
        #expect(configuration.starttls == .required)
        #expect(configuration.certificateAuthorities == "/etc/ca.pem")
        #expect(SMTPConfiguration(url: "smtp://relay.example")?.starttls == .whenOffered)
        #expect(SMTPConfiguration(url: "smtp://relay.example?starttls=sometimes") == nil)
        #expect(SMTPConfiguration(url: "smtp://relay.example?tls=1") == nil)
    }
}
