import Foundation
import Generated

/// What validating a request costs next to only decoding it: a large `registerAgent` body (every field filled,
/// every array at its `maxItems`) parsed, validated, and for reference decoded by Foundation.
///
/// The schema is written by hand in the form SpecGen prints, from the seed's `registerAgent` section; the item
/// schemas of the object arrays were lost in the seed's rendering and are representative guesses. Run from the
/// bench executable (`ValidationBenchmark.run()`), built in release mode; prints a Markdown table.
enum ValidationBenchmark {
    /// The registerAgent request body schema.
    static let registerAgentBody: JSONSchemaRules = .object(
        properties: [
            "name": .string(maxLength: 255),
            "email": .string(format: .email),
            "currency": .string(enum: ["BTC", "ETH", "USDT", "USDC"], nullable: true),
            "avatar": .string(maxLength: 500, format: .uri, nullable: true),
            "owner_email": .string(maxLength: 255, format: .email, nullable: true),
            "description": .string(maxLength: 5000, nullable: true),
            "website_url": .string(maxLength: 500, format: .uri, nullable: true),
            "callback_url": .string(maxLength: 500, format: .uri, nullable: true),
            "version": .string(maxLength: 50, nullable: true),
            "last_updated_at": .string(format: .dateTime, nullable: true),
            "limitations": .string(maxLength: 5000, nullable: true),
            "sla": .string(maxLength: 500, nullable: true),
            "license": .string(maxLength: 100, nullable: true),
            "privacy_url": .string(maxLength: 500, format: .uri, nullable: true),
            "skills": .array(items: .string(maxLength: 100), maxItems: 100, nullable: true),
            "languages": .array(items: .string(maxLength: 10), maxItems: 50, nullable: true),
            "tags": .array(items: .string(maxLength: 100), maxItems: 50, nullable: true),
            "links": .array(
                items: .object(
                    properties: ["title": .string(maxLength: 100), "url": .string(maxLength: 500, format: .uri)],
                    required: ["url"]),
                maxItems: 20, nullable: true),
            "input_formats": .array(
                items: .object(
                    properties: ["type": .string(maxLength: 50), "description": .string(maxLength: 500, nullable: true)],
                    required: ["type"]),
                maxItems: 50, nullable: true),
            "example_requests": .array(
                items: .object(
                    properties: ["title": .string(maxLength: 255), "body": .any], required: ["title"]),
                maxItems: 20, nullable: true),
            "example_responses": .array(
                items: .object(
                    properties: ["title": .string(maxLength: 255), "status": .integer(minimum: 100, maximum: 599)],
                    required: ["title"]),
                maxItems: 20, nullable: true),
            "env_requirements": .array(
                items: .object(
                    properties: ["name": .string(maxLength: 100), "version": .string(maxLength: 50, nullable: true)],
                    required: ["name"]),
                maxItems: 50, nullable: true),
        ],
        required: ["name", "email"])

    /// A list operation's query parameters: paging, filters, a tag array and a date range.
    static let searchParameters: [ParameterRules] = [
        .query("page", .integer(minimum: 1)),
        .query("per_page", .integer(minimum: 1, maximum: 100)),
        .query("q", .string(maxLength: 255)),
        .query("status", .string(enum: ["draft", "active", "closed"])),
        .query("archived", .boolean()),
        .query("tags", .array(items: .string(maxLength: 50), maxItems: 20)),
        .query(
            "dates", .object(properties: ["from": .string(format: .date), "to": .string(format: .date)]),
            style: .deepObject),
        .query("min_amount", .number(minimum: 0, multipleOf: "0.01")),
        .path("kal", .integer(minimum: 1)),
    ]

    /// The raw query for ``searchParameters``.
    static let searchQuery =
        "page=3&per_page=50&q=plumber+near+me&status=active&archived=0&"
        + (0..<10).map { "tags[]=tag-\($0)" }.joined(separator: "&")
        + "&dates[from]=2024-01-01&dates[to]=2024-12-31&min_amount=19.99"

    /// A valid body with every field present and every array full.
    static func largeBody(valid: Bool) -> [UInt8] {
        let text = String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", count: 80)
        var body: JSONObject = [
            "name": "Research Assistant Agent",
            "email": .string("agent-\(UUID().uuidString.lowercased())@example.com"),
            "currency": "USDT",
            "avatar": "https://cdn.example.com/avatars/agent.png",
            "owner_email": "owner@example.org",
            "description": .string(String(text.prefix(4900))),
            "website_url": "https://agent.example.com/",
            "callback_url": "https://agent.example.com/callbacks/ceki?source=registration",
            "version": "2.4.1",
            "last_updated_at": "2024-05-01T14:30:00.250+02:00",
            "limitations": .string(String(text.prefix(3000))),
            "sla": "99.9% monthly uptime, responses within 2 seconds",
            "license": "Apache-2.0",
            "privacy_url": "https://agent.example.com/privacy",
        ]
        body["skills"] = .array((0..<100).map { .string("skill number \($0) with a descriptive name") })
        body["languages"] = .array((0..<50).map { .string("lang-\($0)") })
        body["tags"] = .array((0..<50).map { .string("tag-\($0)") })
        body["links"] = .array(
            (0..<20).map { ["title": .string("Link \($0)"), "url": .string("https://docs.example.com/page/\($0)#top")] })
        body["input_formats"] = .array(
            (0..<50).map { ["type": .string("application/x-format-\($0)"), "description": "A supported format"] })
        body["example_requests"] = .array(
            (0..<20).map { ["title": .string("Example \($0)"), "body": ["query": "find a plumber", "limit": 10]] })
        body["example_responses"] = .array((0..<20).map { ["title": .string("Response \($0)"), "status": 200] })
        body["env_requirements"] = .array((0..<50).map { ["name": .string("dependency-\($0)"), "version": "1.0"] })
        if !valid {
            body["email"] = "not-an-email"
            body["currency"] = "DOGE"
            body["name"] = .string(String(repeating: "x", count: 300))
            body["skills"] = .array((0..<100).map { $0 % 10 == 0 ? .number(JSONNumber($0)) : .string("skill \($0)") })
            body["links"] = .array((0..<20).map { ["title": .string("Link \($0)"), "url": .string("not a url \($0)")] })
        }
        return JSONValue.object(body).encoded()
    }

    /// What Foundation's `JSONDecoder` would decode the same body into, for the "decode only" reference.
    struct RegisterAgentBody: Decodable {
        struct Link: Decodable { var title: String?; var url: String }
        struct InputFormat: Decodable { var type: String; var description: String? }
        struct ExampleRequest: Decodable { var title: String }
        struct ExampleResponse: Decodable { var title: String; var status: Int? }
        struct Requirement: Decodable { var name: String; var version: String? }
        var name: String
        var email: String
        var currency: String?
        var avatar: String?
        var owner_email: String?
        var description: String?
        var website_url: String?
        var callback_url: String?
        var version: String?
        var last_updated_at: String?
        var limitations: String?
        var sla: String?
        var license: String?
        var privacy_url: String?
        var skills: [String]?
        var languages: [String]?
        var tags: [String]?
        var links: [Link]?
        var input_formats: [InputFormat]?
        var example_requests: [ExampleRequest]?
        var example_responses: [ExampleResponse]?
        var env_requirements: [Requirement]?
    }

    /// Runs each case for about a second and prints the Markdown table.
    static func run() {
        let body = largeBody(valid: true)
        let invalidBody = largeBody(valid: false)
        let parser = JSONParser()
        let parsed = (try? parser.parse(body)) ?? .null
        precondition(registerAgentBody.validate(parsed).isEmpty, "the benchmark body must be valid")
        let invalidErrors = registerAgentBody.validate((try? parser.parse(invalidBody)) ?? .null)
        precondition(invalidErrors.count > 20, "the invalid body must have many errors")

        print("## Request validation: registerAgent, \(body.count) bytes, every array full\n")
        print("| case | µs per body | MB/s |")
        print("|---|---:|---:|")
        let data = Data(body)
        let cases: [(String, () -> Void)] = [
            ("Foundation JSONDecoder into a Codable struct (decode only, no checks)", {
                _ = try? JSONDecoder().decode(RegisterAgentBody.self, from: data)
            }),
            ("Foundation JSONSerialization (parse only)", {
                _ = try? JSONSerialization.jsonObject(with: data)
            }),
            ("JSONParser (parse only, exact numbers)", {
                _ = try? parser.parse(body)
            }),
            ("validate an already parsed body", {
                _ = registerAgentBody.validate(parsed)
            }),
            ("parse + validate (what a request pays)", {
                _ = try? registerAgentBody.decodeBody(body)
            }),
            ("invalid body: parse + validate + encode the 422 (\(invalidErrors.count) errors)", {
                do {
                    _ = try registerAgentBody.decodeBody(invalidBody)
                } catch let rejection as RequestRejection {
                    _ = rejection.responseBody.encoded()
                } catch {}
            }),
        ]
        for (name, work) in cases {
            let microseconds = measure(work)
            let megabytesPerSecond = Double(body.count) / microseconds
            print("| \(name) | \(format(microseconds)) | \(format(megabytesPerSecond)) |")
        }
        print("")

        var parameterErrors = ValidationErrors()
        _ = ParameterDecoding.decode(
            searchParameters, from: ParameterSources(path: ["kal": "7"], query: QueryString(searchQuery)),
            into: &parameterErrors)
        precondition(parameterErrors.isEmpty, "the benchmark query must be valid")
        let parameterTime = measure {
            var errors = ValidationErrors()
            _ = ParameterDecoding.decode(
                searchParameters, from: ParameterSources(path: ["kal": "7"], query: QueryString(searchQuery)),
                into: &errors)
        }
        print("| query: split, decode and validate \(searchParameters.count) parameters (\(searchQuery.utf8.count) bytes, tags[] and dates[from]) | \(format(parameterTime)) | |")
        print("")
    }

    /// Microseconds per call: the best of ten rounds of at least 100 ms each, after a warm-up. The best round
    /// rather than the mean, because the machine is shared and other work only ever adds time.
    private static func measure(_ work: () -> Void) -> Double {
        for _ in 0..<20 { work() }
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<10 {
            var iterations = 0
            let start = clock.now
            var elapsed = Duration.zero
            while elapsed < .milliseconds(100) {
                for _ in 0..<5 { work() }
                iterations += 5
                elapsed = clock.now - start
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            best = min(best, seconds * 1e6 / Double(iterations))
        }
        return best
    }

    private static func format(_ value: Double) -> String {
        String(format: value >= 100 ? "%.0f" : "%.1f", value)
    }
}
