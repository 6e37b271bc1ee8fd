import Foundation
import Testing

@testable import Generated
@testable import SpecGenRuntime

/// The spec's deposit amounts (`format: decimal`, at most 10^9, 18 fraction digits) through the generated
/// operation: kept exactly as sent, and a value that `NUMERIC(38,18)` cannot hold is a 422 on `amount`.
@Suite("Exact amounts in the generated operations")
struct ExactAmountTests {
    func decode(_ amount: String) throws(RequestRejection) -> Operations.CreateContractDeposit.Input? {
        let body = #"{"date": "2026-03-01T10:00:00Z", "amount": \#(amount)}"#
        let request = try Operations.CreateContractDeposit.rules.decode(
            ParameterSources(path: ["contract": "7"], query: ""), body: Array(body.utf8))
        return try? Operations.CreateContractDeposit.Input(request: request, principal: nil)
    }

    func rejectedFields(_ amount: String) -> [String] {
        do {
            _ = try decode(amount)
            return []
        } catch {
            guard case .invalid(let errors) = error else { return ["not a 422: \(error)"] }
            return errors.fields.map(\.key)
        }
    }

    @Test func anAmountKeepsEveryDigitAsSent() throws {
        let input = try #require(try decode("12.500000000000000001"))
        let amount: JSONNumber = input.body.amount
        #expect(amount.literal == "12.500000000000000001")
        #expect(amount.decimalValue == Decimal(string: "12.500000000000000001"))
        #expect(try #require(try decode("1000000000")).body.amount.literal == "1000000000")
    }

    @Test func oneDigitPastTheColumnIsA422OnAmount() {
        #expect(rejectedFields("12.5000000000000000001") == ["amount"])
        #expect(rejectedFields("1000000000.01") == ["amount"])
        #expect(rejectedFields("0.5") == ["amount"])
        #expect(rejectedFields("1e400") == ["amount"])
        #expect(rejectedFields("12.50") == [])
    }
}
