import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("Response headers")
struct ResponseHeaderTests {
    @Test func presentValuesAreWrittenInSimpleStyleAndAbsentOnesLeftOut() {
        let headers = ResponseHeader.list([
            "Retry-After": 60.json, "X-Missing": nil, "X-Null": .null, "X-Flag": true.json, "X-Tags": ["a", "b"],
            "X-Name": "Anna".json,
        ])
        #expect(headers.map(\.description) == ["Retry-After: 60", "X-Flag: true", "X-Tags: a,b", "X-Name: Anna"])
    }
}
