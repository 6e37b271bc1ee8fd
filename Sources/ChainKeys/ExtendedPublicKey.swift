/// A BIP32 extended public key: a public key and a chain code, from which the public keys of its non-hardened
/// children follow without any private key. That is what lets the server hand out deposit addresses while
/// the funds stay spendable only by whoever holds the wallet's seed.
public struct ExtendedPublicKey: Equatable, Hashable, Sendable {
    /// The kinds of extended public key a deposit address is derived from (BIP32 and SLIP-132 version bytes).
    /// The version only labels the key: the same key under `xpub` and `zpub` has the same children.
    public enum Version: UInt32, CaseIterable, Sendable {
        case xpub = 0x0488_B21E
        /// Mainnet BIP84 (native SegWit) account key, as Sparrow, Electrum and hardware wallets export it.
        case zpub = 0x04B2_4746
        case tpub = 0x0435_87CF
        /// Testnet BIP84 account key.
        case vpub = 0x045F_1CF6

        /// The four-letter prefix the Base58 text starts with.
        public var name: String {
            switch self {
            case .xpub: "xpub"
            case .zpub: "zpub"
            case .tpub: "tpub"
            case .vpub: "vpub"
            }
        }

        /// The Bitcoin network the key is labelled for (test networks: tpub, vpub).
        public var network: BitcoinNetwork {
            switch self {
            case .xpub, .zpub: .mainnet
            case .tpub, .vpub: .testnet
            }
        }

        /// zpub and vpub say "BIP84 native SegWit": a Bitcoin-only label.
        public var isBitcoinSegWitOnly: Bool { self == .zpub || self == .vpub }
    }

    public let version: Version
    /// 0 for a master key, 3 for a BIP44/BIP84 account key.
    public let depth: UInt8
    /// The first four bytes of HASH160 of the parent's public key (0 for a master key).
    public let parentFingerprint: UInt32
    /// The index this key has under its parent (≥ 2³¹ when hardened).
    public let childNumber: UInt32
    /// 32 bytes.
    public let chainCode: [UInt8]
    public let publicKey: Secp256k1Point

    /// The first index that is hardened.
    public static let hardenedOffset: UInt32 = 0x8000_0000

    public init(
        version: Version, depth: UInt8, parentFingerprint: UInt32, childNumber: UInt32, chainCode: [UInt8],
        publicKey: Secp256k1Point
    ) {
        precondition(chainCode.count == 32, "a chain code has 32 bytes")
        self.version = version
        self.depth = depth
        self.parentFingerprint = parentFingerprint
        self.childNumber = childNumber
        self.chainCode = chainCode
        self.publicKey = publicKey
    }

    /// Parses the Base58Check text of an extended public key (`xpub…`, `zpub…`, `tpub…`, `vpub…`): version (4
    /// bytes), depth (1), parent fingerprint (4), child number (4), chain code (32), compressed key (33).
    public init(_ text: String) throws(ExtendedKeyError) {
        let bytes: [UInt8]
        do throws(Base58Check.DecodingError) {
            bytes = try Base58Check.decode(text)
        } catch {
            switch error {
            case .invalidCharacter(let character): throw .notBase58(character)
            case .tooShort: throw .wrongLength(0)
            case .checksumMismatch: throw .checksumMismatch
            }
        }
        guard bytes.count == 78 else { throw .wrongLength(bytes.count) }
        let versionBytes = Self.uint32(bytes, at: 0)
        guard let version = Version(rawValue: versionBytes) else {
            if let name = Self.privateVersions[versionBytes] { throw .privateKey(name) }
            if let name = Self.unsupportedPublicVersions[versionBytes] { throw .unsupportedVersion(name) }
            throw .unknownVersion(versionBytes)
        }
        let depth = bytes[4]
        let parentFingerprint = Self.uint32(bytes, at: 5)
        let childNumber = Self.uint32(bytes, at: 9)
        guard depth != 0 || (parentFingerprint == 0 && childNumber == 0) else { throw .inconsistentMasterKey }
        let publicKey: Secp256k1Point
        do {
            // A 0x00 prefix here is private key data under a public version: refused as not a point too.
            publicKey = try Secp256k1Point(compressed: Array(bytes[45..<78]))
        } catch {
            throw .invalidPublicKey
        }
        self.init(
            version: version, depth: depth, parentFingerprint: parentFingerprint, childNumber: childNumber,
            chainCode: Array(bytes[13..<45]), publicKey: publicKey)
    }

    /// The Base58Check text, as wallets export it.
    public var serialized: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(78)
        bytes += Self.bigEndian(version.rawValue)
        bytes.append(depth)
        bytes += Self.bigEndian(parentFingerprint)
        bytes += Self.bigEndian(childNumber)
        bytes += chainCode
        bytes += publicKey.compressed
        return Base58Check.encode(bytes)
    }

    /// The first four bytes of HASH160 of the public key: the parent fingerprint its children carry.
    public var fingerprint: UInt32 {
        Self.uint32(Digest.hash160(publicKey.compressed), at: 0)
    }

    /// The same key under another version (e.g. the `xpub` form of a `zpub`).
    public func relabelled(as version: Version) -> ExtendedPublicKey {
        ExtendedPublicKey(
            version: version, depth: depth, parentFingerprint: parentFingerprint, childNumber: childNumber,
            chainCode: chainCode, publicKey: publicKey)
    }

    /// BIP32's CKDpub: I = HMAC-SHA512(chain code, serP(K) ‖ ser32(index)); the child key is IL·G + K and its
    /// chain code IR. Hardened indices need the private key and are refused; an index whose IL is not below
    /// the group order, or whose key is the point at infinity, is ``ExtendedKeyError/invalidChild(_:)``.
    public func child(_ index: UInt32) throws(ExtendedKeyError) -> ExtendedPublicKey {
        guard index < Self.hardenedOffset else { throw .hardenedIndex(index) }
        guard depth < UInt8.max else { throw .depthLimit }
        let mac = Digest.hmacSHA512(key: chainCode, message: publicKey.compressed + Self.bigEndian(index))
        let childKey: Secp256k1Point
        do {
            childKey = try publicKey.addingGeneratorMultiple(Array(mac[0..<32]))
        } catch {
            throw .invalidChild(index)
        }
        return ExtendedPublicKey(
            version: version, depth: depth + 1, parentFingerprint: fingerprint, childNumber: index,
            chainCode: Array(mac[32..<64]), publicKey: childKey)
    }

    /// SLIP-132's private versions: named in the error so that the operator knows what was pasted.
    private static let privateVersions: [UInt32: String] = [
        0x0488_ADE4: "xprv", 0x049D_7878: "yprv", 0x04B2_430C: "zprv", 0x0295_B005: "Yprv", 0x02AA_7A99: "Zprv",
        0x0435_8394: "tprv", 0x044A_4E28: "uprv", 0x045F_18BC: "vprv", 0x0242_85B5: "Uprv", 0x0257_5048: "Vprv",
    ]

    /// SLIP-132's other public versions: nested SegWit (ypub, upub) and multisig (Ypub, Zpub, Upub, Vpub).
    private static let unsupportedPublicVersions: [UInt32: String] = [
        0x049D_7CB2: "ypub", 0x0295_B43F: "Ypub", 0x02AA_7ED3: "Zpub",
        0x044A_5262: "upub", 0x0242_89EF: "Upub", 0x0257_5483: "Vpub",
    ]

    private static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [
            UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value),
        ]
    }
}
