import CekiTestSupport
import Foundation
import Generated
import Handlers
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import CekiServer

extension TestServer {
    /// Behind a trusted proxy (the tests' own 127.0.0.1), with two login codes per client an hour.
    static let proxied = Task {
        try await TestServer(suite: "proxied") { configuration in
            configuration.trustedProxies = try TrustedProxies.parse("127.0.0.0/8, ::1").get()
            configuration.limits.codePerClient.limit = 2
        }
    }
}

/// The client address rate limits count (issue #17, "Two instances, behind a proxy"): `X-Forwarded-For` and
/// `Forwarded` are believed only from a trusted proxy, and then read from the right past the trusted hops.
@Suite("Trusted proxies")
struct TrustedProxiesTests {
    let proxies = try! TrustedProxies.parse("10.0.0.0/8, 192.168.1.7, 2001:db8::/32").get()

    @Test func anUntrustedPeerIsTheClientWhateverItClaims() {
        #expect(proxies.client(peer: "203.0.113.9", forwardedFor: "1.2.3.4", forwarded: nil) == "203.0.113.9")
        #expect(TrustedProxies.none.client(peer: "10.0.0.1", forwardedFor: "1.2.3.4", forwarded: nil) == "10.0.0.1")
    }

    @Test func behindTrustedProxiesTheNearestUntrustedHopIsTheClient() {
        // A client's own spoofed entry comes first; the proxies appended the real one after it.
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: "6.6.6.6, 198.51.100.4, 10.9.9.9", forwarded: nil) == "198.51.100.4")
        #expect(proxies.client(peer: "192.168.1.7", forwardedFor: "198.51.100.4", forwarded: nil) == "198.51.100.4")
        #expect(proxies.client(peer: "2001:db8::5", forwardedFor: "2001:db9::1", forwarded: nil) == "2001:db9::1")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: nil, forwarded: nil) == "10.1.2.3")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: "not-an-address", forwarded: nil) == "10.1.2.3")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: "10.0.0.2, 10.0.0.3", forwarded: nil) == "10.0.0.2")
    }

    @Test func rfc7239ForwardedIsReadToo() {
        let header = #"for=192.0.2.60;proto=http;by=203.0.113.43, for="[2001:db8:cafe::17]:4711""#
        // 2001:db8::/32 is trusted above, so the nearest untrusted hop is the IPv4 one.
        #expect(proxies.client(peer: "10.0.0.1", forwardedFor: nil, forwarded: header) == "192.0.2.60")
        #expect(proxies.client(peer: "10.0.0.1", forwardedFor: nil, forwarded: "for=198.51.100.7:8080") == "198.51.100.7")
    }

    @Test func theSettingIsReadAndABadEntryStopsTheServer() throws {
        let base = ["DATABASE_URL": "postgresql://localhost/ceki"]
        let read = try ServerConfiguration.fromEnvironment(base.merging(["TRUSTED_PROXIES": "10.0.0.0/8, ::1"]) { $1 })
        #expect(read.trustedProxies.trusts("10.200.0.1") && read.trustedProxies.trusts("::1"))
        #expect(!read.trustedProxies.trusts("11.0.0.1"))
        #expect(try ServerConfiguration.fromEnvironment(base).trustedProxies == .none)
        for bad in ["10.0.0.0/33", "proxy.example.com", "10.0.0.0/x"] {
            #expect(throws: ServerConfiguration.InvalidSetting.self) {
                try ServerConfiguration.fromEnvironment(base.merging(["TRUSTED_PROXIES": bad]) { $1 })
            }
        }
    }

    static func ask(_ client: some TestClientProtocol, from address: String) async throws -> Int {
        try await client.call(
            .post, "/api/loginrequest", json: ["email": .string(TestServer.uniqueEmail("proxied"))],
            headers: [HTTPField.Name("X-Forwarded-For")!: "\(address), 127.0.0.1"]
        ).status
    }

    @Test func perClientLimitsCountTheForwardedClientBehindATrustedProxy() async throws {
        let server = try await TestServer.proxied.value
        try await server.application.test(.live) { client in
            let first = try await Self.ask(client, from: "198.51.100.1")
            #expect(first == 200)
            #expect(try await Self.ask(client, from: "198.51.100.1") == 200)
            #expect(try await Self.ask(client, from: "198.51.100.1") == 429, "the third code for one client an hour")
            #expect(try await Self.ask(client, from: "198.51.100.2") == 200, "another client behind the same proxy is not throttled")
        }
    }
}
