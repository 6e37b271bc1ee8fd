import Foundation
import Generated
import Handlers
import Hummingbird

/// Where a chain watcher reports deposits (outside the spec: no API client calls it; docs/deposit-addresses.md
/// "The webhook"): `POST /webhooks/deposits` with a JSON body `{"address", "currency", "amount", "tx_hash",
/// "confirmations"}`, signed with the shared `WALLET_WEBHOOK_SECRET`: `X-Ceki-Timestamp` is the Unix time in
/// seconds, within five minutes of ours, and `X-Ceki-Signature` is `sha256=` and the hex HMAC-SHA256 of
/// `<timestamp>.<raw body>`. Reporting the same transaction again credits nothing. Answers 200 with the
/// deposit as the ledger holds it, 401 for a bad or stale signature, 404 for an address that is no wallet's,
/// 409 for a transaction reported before with another amount, 422 for a bad body, 503 without a secret.
struct DepositWebhookRoute: Sendable {
    static let path = "/webhooks/deposits"
    /// How far the timestamp may be from the server's clock, in seconds.
    static let tolerance = 300
    let deposits: Deposits
    let secret: String?

    func register(on router: Router<CekiRequestContext>) {
        router.post(RouterPath(Self.path)) { request, context in
            let body = Array(buffer: try await request.body.collect(upTo: 64 * 1024))
            do {
                guard let secret else {
                    throw Problem.unavailable(
                        "The deposit webhook is not configured on this server (WALLET_WEBHOOK_SECRET is unset).")
                }
                try Self.verify(
                    body: body, timestamp: request.headers[.init("X-Ceki-Timestamp")!],
                    signature: request.headers[.init("X-Ceki-Signature")!], secret: secret, now: Date())
                let report = try Self.report(body)
                let outcome = try await deposits.record(
                    to: .address(report.address, report.currency), amount: report.amount, txHash: report.txHash,
                    confirmations: report.confirmations)
                return OperationMiddleware<CekiAPI>.json(
                    status: 200,
                    body: [
                        "transaction": outcome.transaction.json, "credited": .bool(outcome.changed),
                        "agent_status": .string(outcome.agentStatus.rawValue),
                    ])
            } catch let problem as any APIProblem {
                return OperationMiddleware<CekiAPI>.json(
                    status: problem.status, body: problem.responseBody, headers: problem.responseHeaders)
            }
        }
    }

    /// 401 unless `signature` is the HMAC of `<timestamp>.<body>` under `secret` and `timestamp` is recent.
    static func verify(body: [UInt8], timestamp: String?, signature: String?, secret: String, now: Date) throws(Problem) {
        let refused = Problem.unauthenticated("The deposit report's signature or timestamp is missing, wrong or stale.")
        guard let timestamp, let seconds = Int(timestamp), abs(Int(now.timeIntervalSince1970) - seconds) <= tolerance,
            let signature, signature.hasPrefix("sha256="),
            let given = Secrets.bytes(fromHex: String(signature.dropFirst("sha256=".count)))
        else { throw refused }
        let expected = Secrets.hmacSHA256(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + body)
        guard Secrets.constantTimeEquals(given, expected) else { throw refused }
    }

    /// A watcher's report, or one 422 naming each bad field.
    struct Report {
        var address: String
        var currency: Types.CryptoCurrency
        var amount: String
        var txHash: String
        var confirmations: Int
    }

    static func report(_ body: [UInt8]) throws(Problem) -> Report {
        guard let json = try? JSONParser().parse(String(decoding: body, as: UTF8.self)), json.objectValue != nil else {
            throw Problem.invalid("body", "The body must be a JSON object.")
        }
        var problems = ValidationErrors()
        let address = json["address"]?.stringValue
        if address?.isEmpty != false { problems.add(.custom("The address field is required."), at: "address") }
        let currency = json["currency"]?.stringValue.flatMap(Types.CryptoCurrency.init(rawValue:))
        if currency == nil { problems.add(.custom("The currency must be one of BTC, ETH, USDT, USDC."), at: "currency") }
        let amount = json["amount"]?.stringValue
        if amount == nil { problems.add(.custom("The amount must be a decimal string like \"20.5\"."), at: "amount") }
        let hash = json["tx_hash"]?.stringValue
        if hash == nil { problems.add(.custom("The tx_hash field is required."), at: "tx_hash") }
        let confirmations = json["confirmations"]?.int64Value.map { Int($0) }
        if confirmations == nil {
            problems.add(.custom("The confirmations field must be an integer."), at: "confirmations")
        }
        try problems.throwIfAny()
        guard let address, let currency, let amount, let hash, let confirmations else {
            throw Problem.invalid(problems)
        }
        return Report(address: address, currency: currency, amount: amount, txHash: hash, confirmations: confirmations)
    }
}
