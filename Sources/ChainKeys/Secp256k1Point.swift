import COpenSSL

/// A point of secp256k1 other than infinity: a public key, kept as its 33-byte compressed encoding (the form
/// extended keys carry), checked on the curve when made. The arithmetic is OpenSSL's EC_GROUP/EC_POINT, each
/// call with objects of its own that it frees: values of this type share nothing and are `Sendable`.
public struct Secp256k1Point: Equatable, Hashable, Sendable {
    /// `02` or `03` (the parity of y), then x: 33 bytes.
    public let compressed: [UInt8]

    /// Why bytes are not a point, or why a derivation step gives none.
    public enum PointError: Error, Equatable, Sendable {
        /// Not 33 bytes starting with 02 or 03, or x not on the curve (or not below the field's prime).
        case notOnCurve
        /// A scalar not below the group order n: BIP32 declares that child index invalid.
        case scalarOutOfRange
        /// The sum is the point at infinity: BIP32 declares that child index invalid.
        case pointAtInfinity
    }

    /// The point of a compressed encoding, refused when it is not one of the curve.
    public init(compressed bytes: [UInt8]) throws(PointError) {
        guard bytes.count == 33, bytes[0] == 0x02 || bytes[0] == 0x03 else { throw .notOnCurve }
        let reencoded = try? Curve.with { (curve) throws(PointError) in
            let point = try curve.point(from: bytes)
            defer { EC_POINT_free(point) }
            return try curve.encode(point, form: POINT_CONVERSION_COMPRESSED)
        }
        // OpenSSL reduces x modulo p; an x at or above p is refused here by the round trip.
        guard let reencoded, reencoded == bytes else { throw .notOnCurve }
        self.compressed = bytes
    }

    /// `04`, x, y: 65 bytes (Ethereum hashes the 64 after the prefix).
    public var uncompressed: [UInt8] {
        // A checked point always converts; failure would be OpenSSL's own.
        try! Curve.with { (curve) throws(PointError) in
            let point = try curve.point(from: compressed)
            defer { EC_POINT_free(point) }
            return try curve.encode(point, form: POINT_CONVERSION_UNCOMPRESSED)
        }
    }

    /// `scalar`·G + self: BIP32's CKDpub step, where the child key is point(parse256(IL)) + K_par.
    /// `scalar` is 32 big-endian bytes.
    public func addingGeneratorMultiple(_ scalar: [UInt8]) throws(PointError) -> Secp256k1Point {
        precondition(scalar.count == 32, "a secp256k1 scalar has 32 bytes")
        let sum = try Curve.with { (curve) throws(PointError) in
            guard let factor = BN_bin2bn(scalar, Int32(scalar.count), nil) else {
                preconditionFailure("BN_bin2bn failed")
            }
            defer { BN_free(factor) }
            guard BN_cmp(factor, EC_GROUP_get0_order(curve.group)) < 0 else { throw .scalarOutOfRange }
            let parent = try curve.point(from: compressed)
            defer { EC_POINT_free(parent) }
            guard let result = EC_POINT_new(curve.group) else { preconditionFailure("EC_POINT_new failed") }
            defer { EC_POINT_free(result) }
            guard EC_POINT_mul(curve.group, result, factor, parent, BN_value_one(), curve.context) == 1 else {
                preconditionFailure("EC_POINT_mul failed")
            }
            guard EC_POINT_is_at_infinity(curve.group, result) == 0 else { throw .pointAtInfinity }
            return try curve.encode(result, form: POINT_CONVERSION_COMPRESSED)
        }
        return Secp256k1Point(checked: sum)
    }

    /// An encoding OpenSSL has just produced from a point of the curve.
    private init(checked bytes: [UInt8]) {
        self.compressed = bytes
    }
}

/// The curve's group and a BN_CTX for the length of one closure, freed after it.
private struct Curve {
    let group: OpaquePointer
    let context: OpaquePointer

    static func with<Result>(
        _ body: (Curve) throws(Secp256k1Point.PointError) -> Result
    ) throws(Secp256k1Point.PointError) -> Result {
        guard let group = EC_GROUP_new_by_curve_name(NID_secp256k1) else {
            preconditionFailure("OpenSSL has no secp256k1")
        }
        defer { EC_GROUP_free(group) }
        guard let context = BN_CTX_new() else { preconditionFailure("BN_CTX_new failed") }
        defer { BN_CTX_free(context) }
        return try body(Curve(group: group, context: context))
    }

    /// A new EC_POINT (the caller frees it) from an octet encoding OpenSSL accepts.
    func point(from bytes: [UInt8]) throws(Secp256k1Point.PointError) -> OpaquePointer {
        guard let point = EC_POINT_new(group) else { preconditionFailure("EC_POINT_new failed") }
        guard EC_POINT_oct2point(group, point, bytes, bytes.count, context) == 1 else {
            EC_POINT_free(point)
            ERR_clear_error()
            throw Secp256k1Point.PointError.notOnCurve
        }
        return point
    }

    func encode(_ point: OpaquePointer, form: point_conversion_form_t) throws(Secp256k1Point.PointError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 65)
        let written = EC_POINT_point2oct(group, point, form, &bytes, bytes.count, context)
        guard written == (form == POINT_CONVERSION_COMPRESSED ? 33 : 65) else {
            throw Secp256k1Point.PointError.notOnCurve
        }
        return Array(bytes[0..<written])
    }
}
