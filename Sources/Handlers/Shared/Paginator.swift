import Generated

/// One page of a list, asked for: `page` (from 1) and `per_page`, checked once for every list.
public struct PageRequest: Sendable, Hashable {
    public let page: Int
    public let perPage: Int

    /// The page asked for; nil means 1. The spec bounds `perPage` (1…100, or a list's own maximum) before the
    /// handler runs; `page` may be as large as Int64 allows, and a page past the end is simply empty.
    public init(page: Int?, perPage: Int) {
        self.page = max(page ?? 1, 1)
        self.perPage = max(perPage, 1)
    }

    /// How many rows come before this page; nil when that is beyond any list (a page number near 2^63 times the
    /// page size overflows), in which case the page is empty and no query needs to run.
    public var offset: Int? {
        let (product, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        return overflow ? nil : product
    }
}

/// Laravel's length-aware paginator (`LengthAwarePaginator::toArray()`), the one builder of every paginated list:
/// the 13 keys in Laravel's order, `links` with Laravel's window of pages, `from`/`to` null on an empty page,
/// and page URLs that keep the request's other query parameters.
public struct Paginator: Sendable {
    /// Pages shown on each side of the current one in `links`, as Laravel's `onEachSide(3)`.
    static let onEachSide = 3

    public let request: PageRequest
    /// The number of items in the whole list.
    public let total: Int
    /// The list's URL without query string (`path`).
    public let path: String
    /// The request's query items other than `page`, kept in every page URL.
    let otherQuery: [String]

    /// A paginator for `request` over `total` items, its URLs made from `url` (the request's own by default).
    public init(_ request: PageRequest, total: Int, url: RequestURL = RequestOrigin.url) {
        self.request = request
        self.total = max(total, 0)
        self.path = url.base + url.path
        self.otherQuery = url.query.split(separator: "&", omittingEmptySubsequences: true).map(String.init)
            .filter { item in
                let name = item.split(separator: "=", maxSplits: 1).first.map(String.init) ?? item
                return name != "page" && (PercentDecoding.decode(name, plusIsSpace: true) != "page")
            }
    }

    /// The last page: 1 for an empty list.
    public var lastPage: Int {
        total == 0 ? 1 : (total - 1) / request.perPage + 1
    }

    /// The generated page type (`Types.EventPage`, …) holding `items`, which are this page's rows.
    public func page<Page: JSONDecodable, Item: JSONEncodable>(_ type: Page.Type, items: [Item]) throws -> Page {
        try Page(json: json(items: items.map(\.json)))
    }

    /// The page as JSON, keys in Laravel's order.
    public func json(items: [JSONValue]) -> JSONValue {
        let current = request.page
        let first: JSONValue
        let last: JSONValue
        if items.isEmpty {
            (first, last) = (.null, .null)
        } else {
            let offset = request.offset ?? 0
            (first, last) = (.number(JSONNumber(offset + 1)), .number(JSONNumber(offset + items.count)))
        }
        var object = JSONObject()
        object["current_page"] = .number(JSONNumber(current))
        object["data"] = .array(items)
        object["first_page_url"] = .string(url(1))
        object["from"] = first
        object["last_page"] = .number(JSONNumber(lastPage))
        object["last_page_url"] = .string(url(lastPage))
        object["links"] = .array(links())
        object["next_page_url"] = current < lastPage ? .string(url(current + 1)) : .null
        object["path"] = .string(path)
        object["per_page"] = .number(JSONNumber(request.perPage))
        object["prev_page_url"] = current > 1 ? .string(url(current - 1)) : .null
        object["to"] = last
        object["total"] = .number(JSONNumber(total))
        return .object(object)
    }

    /// The URL of `page`: the path, the other query parameters as sent, then `page`.
    public func url(_ page: Int) -> String {
        path + "?" + (otherQuery + ["page=\(page)"]).joined(separator: "&")
    }

    /// Laravel's `linkCollection()`: previous, the window of page numbers (with "..." gaps), next.
    func links() -> [JSONValue] {
        let current = request.page
        func link(_ url: String?, _ label: String, active: Bool = false) -> JSONValue {
            ["url": url.map(JSONValue.string) ?? .null, "label": .string(label), "active": .bool(active)]
        }
        var links = [link(current > 1 ? url(current - 1) : nil, "&laquo; Previous")]
        for element in window() {
            if let page = element {
                links.append(link(url(page), String(page), active: page == current))
            } else {
                links.append(link(nil, "..."))
            }
        }
        links.append(link(current < lastPage ? url(current + 1) : nil, "Next &raquo;"))
        return links
    }

    /// The page numbers Laravel's `UrlWindow` shows, nil standing for a "..." gap: every page below 14 pages;
    /// otherwise the first two and last two, and a slider of `onEachSide` pages around the current one (near
    /// either end, the slider joins that end).
    func window() -> [Int?] {
        let side = Self.onEachSide
        let last = lastPage
        let current = request.page
        if last < side * 2 + 8 { return Array(1...last) }
        let window = side + 4
        let start: [Int?] = [1, 2]
        let finish: [Int?] = [last - 1, last]
        if current <= window {
            return (1...(window + side)).map(Optional.some) + [nil] + finish
        }
        if current > last - window {
            return start + [nil] + ((last - (window + side - 1))...last).map(Optional.some)
        }
        return start + [nil] + ((current - side)...(current + side)).map(Optional.some) + [nil] + finish
    }
}
