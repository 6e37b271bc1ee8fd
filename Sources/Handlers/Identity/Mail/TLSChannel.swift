import COpenSSL
import Foundation

/// A TLS client session over a connected blocking socket (OpenSSL), for SMTP's STARTTLS: the server's certificate
/// must chain to the trusted authorities and name the host (DNS name or IP address) the client connected to.
final class TLSChannel {
    private let context: OpaquePointer
    private let connection: OpaquePointer

    /// Performs the handshake on `socket`; throws when it fails or the certificate does not check out.
    init(socket: Int32, host: String, certificateAuthorities: String?) throws {
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw Self.failure("cannot create a TLS context") }
        self.context = context
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        let loaded =
            certificateAuthorities.map { SSL_CTX_load_verify_locations(context, $0, nil) }
            ?? SSL_CTX_set_default_verify_paths(context)
        guard loaded == 1, let connection = SSL_new(context) else {
            SSL_CTX_free(context)
            throw Self.failure("cannot load the certificate authorities \(certificateAuthorities ?? "of the system")")
        }
        self.connection = connection
        if Self.isIPAddress(host) {
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(connection), host)
        } else {
            SSL_set1_host(connection, host)
            // SNI (the SSL_set_tlsext_host_name macro).
            _ = host.withCString {
                SSL_ctrl(connection, SSL_CTRL_SET_TLSEXT_HOSTNAME, Int(TLSEXT_NAMETYPE_host_name), UnsafeMutableRawPointer(mutating: $0))
            }
        }
        SSL_set_fd(connection, socket)
        guard SSL_connect(connection) == 1 else {
            let verification = SSL_get_verify_result(connection)
            let reason =
                verification != X509_V_OK
                ? String(cString: X509_verify_cert_error_string(verification)) : Self.openSSLError()
            throw SMTPError.tlsFailed(reason)
        }
    }

    deinit {
        SSL_free(connection)
        SSL_CTX_free(context)
    }

    /// Writes some of `bytes`; returns how many, or 0 when the connection failed.
    func send(_ bytes: UnsafeRawBufferPointer) -> Int {
        let written = SSL_write(connection, bytes.baseAddress, Int32(min(bytes.count, Int(Int32.max))))
        return written > 0 ? Int(written) : 0
    }

    /// Reads into `buffer`; returns how many bytes, or 0 at the end of the stream or on failure.
    func receive(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let read = SSL_read(connection, buffer.baseAddress, Int32(min(buffer.count, Int(Int32.max))))
        return read > 0 ? Int(read) : 0
    }

    private static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    private static func openSSLError() -> String {
        let code = ERR_get_error()
        guard code != 0 else { return "the TLS handshake failed" }
        var text = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &text, text.count)
        return text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    private static func failure(_ reason: String) -> SMTPError {
        .tlsFailed("\(reason): \(openSSLError())")
    }
}
