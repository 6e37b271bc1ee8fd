import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `TRUSTED_PROXIES`: the reverse proxies whose word about the client is taken (CIDRs or single addresses, IPv4 or
/// IPv6, comma-separated). Behind a proxy every connection comes from the proxy, so per-client rate limits would
/// throttle everyone at once; but a header anyone can send must not choose the key either. So the client is the
/// connection's peer unless that peer is trusted, and then the nearest address in `X-Forwarded-For` (or RFC 7239's
/// `Forwarded: for=`) that is not itself a trusted proxy, read from the right, the end a proxy appends to.
public struct TrustedProxies: Sendable, Equatable {
    /// One network: its address bytes (4 or 16) and how many leading bits must match.
    struct Network: Sendable, Equatable {
        let bytes: [UInt8]
        let prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var bits = prefix
            for (a, b) in zip(address, bytes) where bits > 0 {
                let mask: UInt8 = bits >= 8 ? 0xFF : ~(0xFF >> UInt8(bits))
                if a & mask != b & mask { return false }
                bits -= 8
            }
            return true
        }
    }

    let networks: [Network]

    /// No proxy is trusted: the peer is always the client (the default).
    public static let none = TrustedProxies(networks: [])

    /// The list as `TRUSTED_PROXIES` gives it, or the first entry that is not an address or a CIDR.
    public static func parse(_ text: String) -> Result<TrustedProxies, InvalidEntry> {
        var networks: [Network] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = Self.bytes(of: parts[0]) else { return .failure(InvalidEntry(entry: entry)) }
            let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let prefix, (0...(bytes.count * 8)).contains(prefix) else { return .failure(InvalidEntry(entry: entry)) }
            networks.append(Network(bytes: bytes, prefix: prefix))
        }
        return .success(TrustedProxies(networks: networks))
    }

    public struct InvalidEntry: Error, Equatable {
        public let entry: String
    }

    func trusts(_ address: String) -> Bool {
        guard let bytes = Self.bytes(of: address) else { return false }
        return networks.contains { $0.contains(bytes) }
    }

    /// The client of a request that came from `peer` with these headers.
    func client(peer: String, forwardedFor: String?, forwarded: String?) -> String {
        guard trusts(peer) else { return peer }
        let hops: [String]
        if let forwardedFor, !forwardedFor.isEmpty {
            hops = forwardedFor.split(separator: ",").map { Self.host(of: $0) }
        } else if let forwarded, !forwarded.isEmpty {
            hops = forwarded.split(separator: ",").compactMap { element in
                element.split(separator: ";").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
                    .first { $0.lowercased().hasPrefix("for=") }
                    .map { Self.host(of: $0.dropFirst(4)) }
            }
        } else {
            return peer
        }
        // From the right: the addresses our own proxies appended, then the first one they were told by someone else.
        for hop in hops.reversed() where !trusts(hop) {
            return Self.bytes(of: hop) != nil ? hop : peer
        }
        return hops.first.flatMap { Self.bytes(of: $0) != nil ? $0 : nil } ?? peer
    }

    /// `203.0.113.5`, `"[2001:db8::1]:4711"` or `203.0.113.5:80` → the address alone.
    static func host(of text: some StringProtocol) -> String {
        var value = text.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
        if value.hasPrefix("["), let end = value.firstIndex(of: "]") {
            return String(value[value.index(after: value.startIndex)..<end])
        }
        if value.filter({ $0 == ":" }).count == 1, let colon = value.firstIndex(of: ":") {
            return String(value[..<colon])  // IPv4 with a port
        }
        return value
    }

    /// The address's bytes (4 for IPv4, 16 for IPv6), nil when it is not one.
    static func bytes(of address: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, address, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
