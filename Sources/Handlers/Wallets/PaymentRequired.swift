import Foundation
import Generated

/// The 402 of a billed call that was not performed (docs/domain.md "Billing"): what the call costs and what the
/// wallet holds, in the wallet's currency, where to deposit, and the same as x402 (version 2) payment
/// requirements, in the body's `accepts` and base64-encoded in the `PAYMENT-REQUIRED` header, so that an agent
/// framework that speaks x402 knows what to pay without reading our message.
public struct PaymentRequired: APIProblem {
    public var status: Int { 402 }
    public let message: String
    /// The spec's `PaymentRequiredError`.
    public let error: Types.PaymentRequiredError
    /// The URL of the call, for x402's `resource`.
    let resource: String

    public var responseBody: JSONValue { error.json }

    public var responseHeaders: [(name: String, value: String)] {
        let required: JSONValue = [
            "x402Version": .number(JSONNumber(2)),
            "error": .string(message),
            "resource": ["url": .string(resource), "description": .string(message), "mimeType": "application/json"],
            "accepts": .array(error.accepts.map(\.json)),
        ]
        return [("PAYMENT-REQUIRED", Data(required.jsonText.utf8).base64EncodedString())]
    }

    init(_ error: Types.PaymentRequiredError, resource: String) {
        self.message = error.message
        self.error = error
        self.resource = resource
    }
}
