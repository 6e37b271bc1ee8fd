import Foundation
import Postgres
import PostgresTestSupport
import Testing

@Suite("PostgreSQL values round-trip exactly")
struct PostgresValueRoundTripTests {
    let pool = TestDatabase.pool

    @Test(arguments: ["", "plain", "ünïcødé ✓", "emoji 👩‍💻 and 日本語", "quote ' and \" and \\ and \n newline", "NULL", "{1,2}"])
    func textRoundTrips(_ text: String) async throws {
        let rows = try await pool.query("SELECT \(text)::text AS value, length(\(text)::text) AS characters")
        #expect(try rows[0].decode(String.self, "value") == text)
        // length() counts code points, not grapheme clusters.
        #expect(try rows[0].decode(Int.self, "characters") == text.unicodeScalars.count)
    }

    @Test func nullDecodesAsNilAndIsAnErrorForANonOptional() async throws {
        let none: String? = nil
        let rows = try await pool.query("SELECT \(none)::text AS value")
        #expect(try rows[0].decode(String?.self, "value") == nil)
        #expect(throws: PostgresError.self) { try rows[0].decode(String.self, "value") }
    }

    @Test(arguments: ["0.000000000000000001", "123456789012345678.123456789012345678", "-0.5", "1000000", "0"])
    func numericWithEighteenDecimalsIsExact(_ literal: String) async throws {
        let amount = try #require(Decimal(string: literal, locale: nil))
        let rows = try await pool.query("SELECT \(amount)::numeric(38,18) AS amount, (\(amount)::numeric(38,18))::text AS text")
        #expect(try rows[0].decode(Decimal.self, "amount") == amount)
        let text = try rows[0].decode(String.self, "text")
        #expect(try #require(Decimal(string: text, locale: nil)) == amount)
    }

    @Test func integersAtTheirLimits() async throws {
        let rows = try await pool.query("SELECT \(Int64.max)::bigint AS big, \(Int64.min)::bigint AS small, \(Int32.max)::int AS int")
        #expect(try rows[0].decode(Int64.self, "big") == .max)
        #expect(try rows[0].decode(Int64.self, "small") == .min)
        #expect(try rows[0].decode(Int32.self, "int") == .max)
        #expect(throws: PostgresError.self) { try rows[0].decode(Int32.self, "big") }
    }

    @Test func booleans() async throws {
        let rows = try await pool.query("SELECT \(true)::bool AS yes, \(false)::bool AS no")
        #expect(try rows[0].decode(Bool.self, "yes") == true)
        #expect(try rows[0].decode(Bool.self, "no") == false)
    }

    /// Instants on both sides of Europe/Berlin's spring-forward and fall-back (2026-03-29 and 2026-10-25,
    /// both at 01:00 UTC), read back as the same instants whatever zone the session shows them in.
    @Test(arguments: [
        "2026-03-29T00:59:59.999999Z", "2026-03-29T01:00:00Z", "2026-03-29T01:30:00.5Z",
        "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "1969-12-31T23:59:59.25Z", "2000-02-29T12:00:00Z",
    ])
    func timestamptzAcrossDaylightSavingTransitionsIsTheSameInstant(_ iso: String) async throws {
        let instant = try #require(ISO8601ParseHelper.parse(iso))
        let rows = try await pool.query(
            "SELECT \(instant)::timestamptz AS at, to_char(\(instant)::timestamptz AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD HH24:MI') AS berlin")
        let back = try rows[0].decode(Date.self, "at")
        #expect(abs(back.timeIntervalSince(instant)) < 0.000_001)
        let offsetHours = TimeZone(identifier: "Europe/Berlin")!.secondsFromGMT(for: instant) / 3600
        #expect(offsetHours == 1 || offsetHours == 2)
        #expect(try rows[0].decode(String.self, "berlin").count == 16)
    }

    @Test func timestampsWithOtherOffsetsDecodeToTheSameInstant() async throws {
        let rows = try await pool.query("SELECT '2026-10-25 02:30:00+02'::timestamptz AS at")
        let expected = try #require(ISO8601ParseHelper.parse("2026-10-25T00:30:00Z"))
        #expect(try rows[0].decode(Date.self, "at") == expected)
    }

    @Test func calendarDates() async throws {
        let leapDay = try #require(CalendarDate(year: 2028, month: 2, day: 29))
        let rows = try await pool.query("SELECT \(leapDay)::date AS day, (\(leapDay)::date + 1) AS next")
        #expect(try rows[0].decode(CalendarDate.self, "day") == leapDay)
        #expect(try rows[0].decode(CalendarDate.self, "next") == CalendarDate(year: 2028, month: 3, day: 1))
        #expect(CalendarDate(year: 2027, month: 2, day: 29) == nil)
    }

    @Test func jsonbKeepsItsDocument() async throws {
        struct Settings: Codable, Equatable {
            var timezone: String
            var msp: Int
            var days: [Int]
        }
        let settings = Settings(timezone: "Europe/Berlin", msp: 30, days: [1, 2, 3])
        let rows = try await pool.query("SELECT \(try PostgresJSON(encoding: settings))::jsonb AS settings, (\(try PostgresJSON(encoding: settings))::jsonb ->> 'timezone') AS zone")
        #expect(try rows[0].decode(PostgresJSON.self, "settings").decode(Settings.self) == settings)
        #expect(try rows[0].decode(String.self, "zone") == "Europe/Berlin")
    }

    @Test func arraysOfIntegersTextAndNulls() async throws {
        let numbers = [1, -2, 3_000_000_000]
        let words: [String?] = ["a b", "with \"quotes\"", "back\\slash", "comma,inside", "{braces}", nil, "NULL", ""]
        let rows = try await pool.query("SELECT \(numbers)::bigint[] AS numbers, \(words)::text[] AS words, cardinality(\(words)::text[]) AS n")
        #expect(try rows[0].decode([Int].self, "numbers") == numbers)
        #expect(try rows[0].decode([String?].self, "words") == words)
        #expect(try rows[0].decode(Int.self, "n") == words.count)
        let empty: [Int] = []
        #expect(try await pool.query("SELECT \(empty)::int[] AS e")[0].decode([Int].self, "e") == [])
    }

    @Test func uuidsAndDoubles() async throws {
        let id = UUID()
        let rows = try await pool.query("SELECT \(id)::uuid AS id, \(0.1)::float8 AS tenth")
        #expect(try rows[0].decode(UUID.self, "id") == id)
        #expect(try rows[0].decode(Double.self, "tenth") == 0.1)
    }

    @Test func aValueCannotBeSplicedIntoTheStatement() async throws {
        let hostile = "x'; DROP TABLE schema_migrations; --"
        let query: PostgresQuery = "SELECT \(hostile)::text AS value"
        #expect(query.sql == "SELECT $1::text AS value")
        #expect(try await pool.query(query)[0].decode(String.self, "value") == hostile)
    }
}

/// ISO 8601 instants with optional fractional seconds, for test inputs.
enum ISO8601ParseHelper {
    static func parse(_ text: String) -> Date? {
        (try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)))
            ?? (try? Date(text, strategy: .iso8601))
    }
}
