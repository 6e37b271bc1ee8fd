import CekiTestSupport
import Foundation
import Generated
import Handlers
import HummingbirdTesting
import Testing

extension TestServer {
    /// The agent directory's server and database (`ceki_test_agent_directory`).
    static let agentDirectory = Task { try await TestServer(suite: "agent_directory") }
}

/// `searchAgents` end to end: words over name, description, licence, tags and skills (each a prefix, all
/// needed), list filters that need every value, the licence exactly but ignoring case, only active agents, four
/// sort orders both ways, Laravel pages. Tests run in parallel on one database, so each gives its agents words of
/// its own and searches for them; the agents are written in SQL as an operator's import would.
@Suite("Agent directory over HTTP")
struct AgentDirectoryOverHTTPTests {
    /// Letters no other test's agents carry (the search splits words at anything else).
    static func uniqueWord() -> String {
        "q" + String((0..<11).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
    }

    struct Listing {
        var name: String
        var status = "active"
        var description: String?
        var license: String?
        var tags: [String] = []
        var skills: [String] = []
        var languages: [String] = []
        /// Minutes ago, for `created_at`, `last_accessed_at` and `last_updated_at` (nil: never).
        var created = 0
        var accessed: Int?
        var updated: Int?
    }

    /// Writes `listing` as a row of `agents`; its id.
    static func insert(_ server: TestServer, _ listing: Listing) async throws -> Int {
        func ago(_ minutes: Int?) -> String? { minutes.map { "\($0) minutes" } }
        return try await server.pool.query(
            """
            INSERT INTO agents (name, email, status, description, license, tags, skills, languages, created_at,
                                last_accessed_at, last_updated_at)
            VALUES (\(listing.name), \(TestServer.uniqueEmail("listed")), \(listing.status), \(listing.description),
                    \(listing.license), \(PostgresJSON(listing.tags))::jsonb, \(PostgresJSON(listing.skills))::jsonb,
                    \(PostgresJSON(listing.languages))::jsonb, now() - \(ago(listing.created))::interval,
                    now() - \(ago(listing.accessed))::interval, now() - \(ago(listing.updated))::interval)
            RETURNING id
            """)[0].decode(Int.self, "id")
    }

    static func ids(_ page: JSONResponse) -> [Int] {
        page["data"]?.arrayValue?.compactMap { $0["id"]?.int64Value.map(Int.init) } ?? []
    }

    static func search(_ client: some TestClientProtocol, _ query: String) async throws -> JSONResponse {
        let answer = try await client.call(.get, "/api/agent/agents?\(query)")
        #expect(answer.status == 200, "\(query): \(answer.json)")
        return answer
    }

    @Test func wordsFindNameDescriptionLicenceTagsAndSkillsOfActiveAgentsOnly() async throws {
        let server = try await TestServer.agentDirectory.value
        try await server.application.test(.live) { client in
            let (inName, inDescription, inTags, inSkills, inLicense) = (
                Self.uniqueWord(), Self.uniqueWord(), Self.uniqueWord(), Self.uniqueWord(), Self.uniqueWord()
            )
            let named = try await Self.insert(server, Listing(name: "Bot \(inName)", accessed: 1))
            let described = try await Self.insert(
                server, Listing(name: "Describer", description: "Books \(inDescription) consultations", accessed: 2))
            let tagged = try await Self.insert(server, Listing(name: "Tagger", tags: ["legal", inTags], accessed: 3))
            let skilled = try await Self.insert(server, Listing(name: "Skiller", skills: [inSkills], accessed: 4))
            let licensed = try await Self.insert(server, Listing(name: "Licensee", license: inLicense, accessed: 5))
            // Agents that are not active never show, whatever they match.
            for status in ["pending_deposit", "suspended", "banned"] {
                _ = try await Self.insert(
                    server,
                    Listing(
                        name: "Hidden \(inName)", status: status, description: inDescription, tags: [inTags],
                        skills: [inSkills]))
            }
            for (word, expected) in [
                (inName, named), (inDescription, described), (inTags, tagged), (inSkills, skilled),
                (inLicense, licensed),
            ] {
                let found = try await Self.search(client, "query=\(word)")
                #expect(Self.ids(found) == [expected] && found["total"] == 1, "\(word): \(found.json)")
            }
            // Each word a prefix, case ignored; every word needed.
            let prefix = try await Self.search(client, "query=\(inName.prefix(8).uppercased())")
            #expect(Self.ids(prefix) == [named])
            let both = try await Self.search(client, "query=bot%20\(inName)")
            #expect(Self.ids(both) == [named])
            let neither = try await Self.search(client, "query=\(inName)%20\(inDescription)")
            #expect(Self.ids(neither).isEmpty && neither["total"] == 0)
            // The answer is the public shape of each agent.
            let shown = try await Self.search(client, "query=\(inTags)")
            #expect(shown["data"]?[0]?["name"] == "Tagger" && shown["data"]?[0]?["tags"] == ["legal", .string(inTags)])
            #expect(shown["data"]?[0]?["email"] == nil && shown["data"]?[0]?["status"] == nil)
        }
    }

    @Test func listFiltersNeedEveryValueAndTheLicenceMatchesExactlyIgnoringCase() async throws {
        let server = try await TestServer.agentDirectory.value
        try await server.application.test(.live) { client in
            let (tag, otherTag, skill, language) = (
                Self.uniqueWord(), Self.uniqueWord(), Self.uniqueWord(), "l" + Self.uniqueWord().prefix(8)
            )
            let license = "MIT-\(Self.uniqueWord())"
            let both = try await Self.insert(
                server,
                Listing(
                    name: "Both", license: license, tags: [tag, otherTag], skills: [skill],
                    languages: [language, "en"],
                    accessed: 1))
            let one = try await Self.insert(
                server, Listing(name: "One", license: "Apache-2.0", tags: [tag], languages: [language], accessed: 2))
            _ = try await Self.insert(server, Listing(name: "Hidden", status: "suspended", tags: [tag, otherTag]))

            #expect(Self.ids(try await Self.search(client, "tags[]=\(tag)")) == [both, one])
            #expect(Self.ids(try await Self.search(client, "tags[]=\(tag)&tags[]=\(otherTag)")) == [both])
            #expect(Self.ids(try await Self.search(client, "skills[]=\(skill)")) == [both])
            #expect(Self.ids(try await Self.search(client, "languages[]=\(language)")) == [both, one])
            #expect(Self.ids(try await Self.search(client, "languages[]=\(language)&languages[]=en")) == [both])
            #expect(Self.ids(try await Self.search(client, "tags[]=\(tag)&skills[]=\(skill)")) == [both])
            #expect(Self.ids(try await Self.search(client, "tags[]=\(otherTag)&languages[]=zz")).isEmpty)
            // The licence: exactly, ignoring case; not a prefix or a word of it.
            #expect(Self.ids(try await Self.search(client, "license=\(license.lowercased())")) == [both])
            #expect(Self.ids(try await Self.search(client, "tags[]=\(tag)&license=apache-2.0")) == [one])
            #expect(Self.ids(try await Self.search(client, "license=\(license.prefix(6))")).isEmpty)
            // The filters combine with the words.
            #expect(Self.ids(try await Self.search(client, "query=one&tags[]=\(tag)")) == [one])
        }
    }

    @Test func theFourSortOrdersGoBothWaysAndLastAccessedDescendingIsTheDefault() async throws {
        let server = try await TestServer.agentDirectory.value
        try await server.application.test(.live) { client in
            let word = Self.uniqueWord()
            // Names, creation, access and update times in four different orders; `never` was never viewed or updated.
            let alpha = try await Self.insert(
                server, Listing(name: "Alpha", description: word, created: 30, accessed: 5, updated: 100))
            let bravo = try await Self.insert(
                server, Listing(name: "Bravo", description: word, created: 10, accessed: 50, updated: 1))
            let charlie = try await Self.insert(
                server, Listing(name: "Charlie", description: word, created: 20, accessed: 1, updated: 10))
            let never = try await Self.insert(server, Listing(name: "Delta", description: word, created: 40))
            func order(_ parameters: String) async throws -> [Int] {
                Self.ids(try await Self.search(client, "query=\(word)\(parameters)"))
            }
            #expect(try await order("") == [charlie, alpha, bravo, never])
            #expect(try await order("&sortBy=last_accessed_at&descending=false") == [bravo, alpha, charlie, never])
            #expect(try await order("&sortBy=name") == [never, charlie, bravo, alpha])
            #expect(try await order("&sortBy=name&descending=false") == [alpha, bravo, charlie, never])
            #expect(try await order("&sortBy=name&descending=0") == [alpha, bravo, charlie, never])
            #expect(try await order("&sortBy=created_at&descending=1") == [bravo, charlie, alpha, never])
            #expect(try await order("&sortBy=created_at&descending=false") == [never, alpha, charlie, bravo])
            #expect(try await order("&sortBy=last_updated_at") == [bravo, charlie, alpha, never])
            #expect(try await order("&sortBy=last_updated_at&descending=false") == [alpha, charlie, bravo, never])
        }
    }

    @Test func pagesHaveTheLaravelShapeAndAPagePastTheEndIsEmptyWithTheTotal() async throws {
        let server = try await TestServer.agentDirectory.value
        try await server.application.test(.live) { client in
            let word = Self.uniqueWord()
            var expected: [Int] = []
            for minute in 1...5 {
                expected.append(
                    try await Self.insert(server, Listing(name: "Paged \(minute)", tags: [word], accessed: minute)))
            }
            let first = try await Self.search(client, "tags[]=\(word)&perPage=2")
            #expect(
                first["current_page"] == 1 && first["per_page"] == 2 && first["total"] == 5 && first["last_page"] == 3)
            #expect(first["from"] == 1 && first["to"] == 2 && first["prev_page_url"] == .null)
            #expect(first["path"]?.stringValue?.hasSuffix("/api/agent/agents") == true, "\(first.json)")
            let next = try #require(first["next_page_url"]?.stringValue)
            #expect(next.contains("page=2") && next.contains("perPage=2") && next.contains(word), "\(next)")
            #expect(first["first_page_url"]?.stringValue?.contains("page=1") == true)
            #expect(first["last_page_url"]?.stringValue?.contains("page=3") == true)
            let labels = first["links"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
            #expect(labels.count == 5 && labels[1...3] == ["1", "2", "3"], "\(labels)")
            #expect(first["links"]?[1]?["active"] == true && first["links"]?[2]?["active"] == false)

            let second = try await Self.search(client, "tags[]=\(word)&perPage=2&page=2")
            let third = try await Self.search(client, "tags[]=\(word)&perPage=2&page=3")
            #expect(Self.ids(first) + Self.ids(second) + Self.ids(third) == expected)
            #expect(third["from"] == 5 && third["to"] == 5 && third["next_page_url"] == .null)
            #expect(third["prev_page_url"]?.stringValue?.contains("page=2") == true)

            let past = try await Self.search(client, "tags[]=\(word)&perPage=2&page=4")
            #expect(Self.ids(past).isEmpty && past["total"] == 5 && past["last_page"] == 3 && past["current_page"] == 4)
            #expect(past["from"] == .null && past["to"] == .null)
            let far = try await Self.search(client, "tags[]=\(word)&page=9223372036854775807")
            #expect(Self.ids(far).isEmpty && far["total"] == 5)
            // The default page size is 20.
            #expect(try await Self.search(client, "tags[]=\(word)")["per_page"] == 20)
        }
    }

    @Test func badParametersAre422NamingEach() async throws {
        let server = try await TestServer.agentDirectory.value
        try await server.application.test(.live) { client in
            let cases: [(String, String)] = [
                ("perPage=0", "perPage"), ("perPage=101", "perPage"), ("page=0", "page"), ("sortBy=price", "sortBy"),
                ("descending=yes", "descending"), ("query=\(String(repeating: "a", count: 201))", "query"),
                ("languages[]=\(String(repeating: "x", count: 11))", "languages[]"),
                ("license=\(String(repeating: "m", count: 101))", "license"),
            ]
            for (query, field) in cases {
                let refused = try await client.call(.get, "/api/agent/agents?\(query)")
                #expect(refused.status == 422, "\(query): \(refused.json)")
                #expect(
                    AgentFixtures.fields(refused).contains { $0 == field || $0.hasPrefix(field) },
                    "\(query): \(refused.json)")
            }
        }
    }
}
