import Generated
import Testing

@testable import Handlers

/// The one paginator every list uses: Laravel's `LengthAwarePaginator::toArray()` key for key.
@Suite("Paginator")
struct PaginatorTests {
    static let url = RequestURL(base: "http://api.test", path: "/api/events", query: "type=2&page=3&dates%5Bfrom%5D=x")

    @Test func aMiddlePageHasLaravelsKeysInLaravelsOrder() throws {
        let paginator = Paginator(PageRequest(page: 2, perPage: 10), total: 35, url: Self.url)
        let json = paginator.json(items: (11...20).map { .number(JSONNumber($0)) })
        #expect(
            json.objectValue?.map(\.key) == [
                "current_page", "data", "first_page_url", "from", "last_page", "last_page_url", "links",
                "next_page_url", "path", "per_page", "prev_page_url", "to", "total",
            ])
        #expect(json["current_page"] == 2 && json["last_page"] == 4 && json["total"] == 35 && json["per_page"] == 10)
        #expect(json["from"] == 11 && json["to"] == 20)
        // Other query parameters are kept, in the order sent; `page` comes last.
        #expect(json["first_page_url"] == "http://api.test/api/events?type=2&dates%5Bfrom%5D=x&page=1")
        #expect(json["next_page_url"] == "http://api.test/api/events?type=2&dates%5Bfrom%5D=x&page=3")
        #expect(json["prev_page_url"] == "http://api.test/api/events?type=2&dates%5Bfrom%5D=x&page=1")
        #expect(json["last_page_url"] == "http://api.test/api/events?type=2&dates%5Bfrom%5D=x&page=4")
        #expect(json["path"] == "http://api.test/api/events")
        let links = try #require(json["links"]?.arrayValue)
        #expect(links.compactMap { $0["label"]?.stringValue } == ["&laquo; Previous", "1", "2", "3", "4", "Next &raquo;"])
        #expect(links.map { $0["active"] == true } == [false, false, true, false, false, false])
        #expect(links[0]["url"] == json["prev_page_url"] && links[5]["url"] == json["next_page_url"])
    }

    @Test func anEmptyListIsOnePageWithNullBounds() {
        let json = Paginator(PageRequest(page: nil, perPage: 20), total: 0, url: Self.url).json(items: [])
        #expect(json["current_page"] == 1 && json["last_page"] == 1)
        #expect(json["from"] == .null && json["to"] == .null)
        #expect(json["next_page_url"] == .null && json["prev_page_url"] == .null)
        #expect(json["links"]?.arrayValue?.compactMap { $0["label"]?.stringValue } == ["&laquo; Previous", "1", "Next &raquo;"])
        #expect(json["links"]?[0]?["url"] == .null && json["links"]?[2]?["url"] == .null)
    }

    @Test func aHugePageNumberIsAnEmptyPageNotATrap() {
        let request = PageRequest(page: 1_000_000_000_000_000_000, perPage: 100)
        #expect(request.offset == nil)
        let json = Paginator(request, total: 5, url: Self.url).json(items: [])
        #expect(json["current_page"] == 1_000_000_000_000_000_000)
        #expect(json["from"] == .null && json["to"] == .null && json["next_page_url"] == .null)
        #expect(json["prev_page_url"] == "http://api.test/api/events?type=2&dates%5Bfrom%5D=x&page=999999999999999999")
        #expect(PageRequest(page: Int.max, perPage: 1).offset == Int.max - 1)
    }

    @Test func manyPagesShowLaravelsWindowWithGaps() {
        func labels(page: Int) -> [String] {
            let links = Paginator(PageRequest(page: page, perPage: 1), total: 50, url: Self.url).links()
            return links.dropFirst().dropLast().compactMap { $0["label"]?.stringValue }
        }
        #expect(labels(page: 1) == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "...", "49", "50"])
        #expect(labels(page: 25) == ["1", "2", "...", "22", "23", "24", "25", "26", "27", "28", "...", "49", "50"])
        #expect(labels(page: 48) == ["1", "2", "...", "41", "42", "43", "44", "45", "46", "47", "48", "49", "50"])
        // Fewer than 14 pages: all of them.
        #expect(Paginator(PageRequest(page: 1, perPage: 1), total: 13, url: Self.url).window().count == 13)
    }

    @Test func theGeneratedPageTypeReadsThePage() throws {
        let page = try Paginator(PageRequest(page: 1, perPage: 2), total: 3, url: Self.url)
            .page(Types.EventPage.self, items: [Types.Event]())
        #expect(page.total == 3 && page.lastPage == 2 && page.data.isEmpty && page.from == nil)
    }
}
