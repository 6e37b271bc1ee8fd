import Testing

@testable import Generated
@testable import SpecGenRuntime

@Suite("format assertions")
struct FormatTests {
    @Test(
        "email",
        arguments: [
            ("joe.bloggs@example.com", true), ("te~st@example.com", true), ("\"joe bloggs\"@example.com", true),
            ("\"joe..bloggs\"@example.com", true), ("joe.bloggs@[127.0.0.1]", true), ("joe.bloggs@[IPv6:::1]", true),
            ("user+tag@sub.example.co.uk", true), ("user@localhost", true),
            ("2962", false), (".test@example.com", false), ("test.@example.com", false), ("te..st@example.com", false),
            ("joe.bloggs@invalid=domain.com", false), ("joe.bloggs@[127.0.0.300]", false), ("a@", false),
            ("@example.com", false), ("a b@example.com", false), ("a@-example.com", false), ("jöe@example.com", false),
        ])
    func email(_ text: String, _ valid: Bool) {
        #expect(StringFormat.email.accepts(text) == valid)
    }

    @Test("idn-email allows non-ASCII")
    func idnEmail() {
        #expect(StringFormat.idnEmail.accepts("jöe@exämple.com"))
        #expect(!StringFormat.idnEmail.accepts("jöe"))
    }

    @Test(
        "uri",
        arguments: [
            ("http://foo.bar/?baz=qux#quux", true), ("https://example.com:8080/a/b%20c?x=1&y=2", true),
            ("mailto:John.Doe@example.com", true), ("urn:oasis:names:specification:docbook:dtd:xml:4.1.2", true),
            ("tel:+1-816-555-1212", true), ("ldap://[2001:db8::7]/c=GB?objectClass?one", true),
            ("http://[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:80/", true), ("http://user:pw@host/", true),
            ("//foo.bar/?baz=qux#quux", false), ("/abc", false), ("\\\\WINDOWS\\fileshare", false), ("abc", false),
            ("http:// shouldfail.com", false), (":// should fail", false), ("bar,baz:foo", false),
            ("http://example.com/%zz", false), ("http://exa mple.com", false), ("http://[::1/", false),
            ("https://example.com:80a/", false), ("https://ünicode.example/", false),
        ])
    func uri(_ text: String, _ valid: Bool) {
        #expect(StringFormat.uri.accepts(text) == valid)
    }

    @Test("uri-reference takes relative references; iri takes non-ASCII")
    func uriReferenceAndIRI() {
        #expect(StringFormat.uriReference.accepts("/abc?x#y"))
        #expect(StringFormat.uriReference.accepts("../x"))
        #expect(StringFormat.uriReference.accepts(""))
        #expect(!StringFormat.uriReference.accepts("a:b:c d"))
        #expect(!StringFormat.uriReference.accepts("1a:b"))
        #expect(StringFormat.iri.accepts("https://ünicode.example/päth"))
        #expect(!StringFormat.iri.accepts("/relative"))
        #expect(StringFormat.iriReference.accepts("/päth"))
    }

    @Test(
        "date-time per RFC 3339",
        arguments: [
            ("1963-06-19T08:30:06.283185Z", true), ("1963-06-19T08:30:06Z", true), ("1937-01-01T12:00:27.87+00:20", true),
            ("1990-12-31T15:59:50.123-08:00", true), ("1963-06-19t08:30:06.283185z", true),
            ("1998-12-31T23:59:60Z", true), ("1998-12-31T15:59:60.123-08:00", true),
            ("1998-12-31T23:58:60Z", false), ("1998-12-31T22:59:60Z", false), ("1990-02-31T15:59:59.123-08:00", false),
            ("1990-12-31T15:59:59-24:00", false), ("06/19/1963 08:30:06 PST", false), ("2013-350T01:01:01", false),
            ("1963-06-19T08:30:06", false), ("1963-06-19 08:30:06Z", false), ("2024-05-01", false),
            ("1963-06-19T08:30:06.Z", false), ("1963-06-1৪T00:00:00Z", false),
        ])
    func dateTime(_ text: String, _ valid: Bool) {
        #expect(StringFormat.dateTime.accepts(text) == valid)
    }

    @Test(
        "date, with real days and leap years",
        arguments: [
            ("2024-02-29", true), ("2000-02-29", true), ("2023-12-31", true),
            ("2023-02-29", false), ("1900-02-29", false), ("2024-04-31", false), ("2024-13-01", false),
            ("2024-00-10", false), ("2024-1-01", false), ("20240101", false), ("2024-01-01T00:00:00Z", false),
        ])
    func date(_ text: String, _ valid: Bool) {
        #expect(StringFormat.date.accepts(text) == valid)
    }

    @Test("time needs an offset; leap seconds only at 23:59:60 UTC")
    func time() {
        #expect(StringFormat.time.accepts("08:30:06Z"))
        #expect(StringFormat.time.accepts("08:30:06.5+02:00"))
        #expect(StringFormat.time.accepts("23:59:60Z"))
        #expect(StringFormat.time.accepts("01:29:60+01:30"))
        #expect(!StringFormat.time.accepts("08:30:06"))
        #expect(!StringFormat.time.accepts("24:00:00Z"))
        #expect(!StringFormat.time.accepts("12:00:60Z"))
        #expect(!StringFormat.time.accepts("8:30:06Z"))
    }

    @Test(
        "duration per RFC 3339 appendix A",
        arguments: [
            ("P4DT12H30M5S", true), ("P4Y", true), ("PT0S", true), ("P0D", true), ("P1M", true), ("PT1M", true),
            ("PT36H", true), ("P1Y2M", true), ("P2W", true), ("P1Y2M3DT4H5M6S", true),
            ("PT1D", false), ("P", false), ("PT", false), ("P1YT", false), ("P2D1Y", false), ("P1", false),
            ("P1Y1D", false), ("PT1H1S", false), ("P1W1D", false), ("4DT12H30M5S", false),
        ])
    func duration(_ text: String, _ valid: Bool) {
        #expect(StringFormat.duration.accepts(text) == valid)
    }

    @Test("ipv4 and ipv6")
    func ipAddresses() {
        for valid in ["192.168.0.1", "0.0.0.0", "255.255.255.255"] { #expect(StringFormat.ipv4.accepts(valid)) }
        for invalid in ["256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.a", "", "1..2.3"] {
            #expect(!StringFormat.ipv4.accepts(invalid), "\(invalid)")
        }
        for valid in ["::1", "::", "2001:db8::7", "1:2:3:4:5:6:7:8", "::ffff:192.168.1.1", "fe80::", "1::8", "::abcd:1"] {
            #expect(StringFormat.ipv6.accepts(valid), "\(valid)")
        }
        for invalid in ["12345::", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "::ffff:256.1.1.1", "g::1", "1:2:3:4:5:6:7::8:9", "fe80::1%eth0"] {
            #expect(!StringFormat.ipv6.accepts(invalid), "\(invalid)")
        }
    }

    @Test("uuid, hostname, json-pointer, relative-json-pointer, regex")
    func others() {
        #expect(StringFormat.uuid.accepts("2EB8AA08-AA98-11EA-B4AA-73B441D16380"))
        #expect(StringFormat.uuid.accepts("00000000-0000-0000-0000-000000000000"))
        #expect(!StringFormat.uuid.accepts("2eb8aa08-aa98-11ea-b4aa-73b441d1638"))
        #expect(!StringFormat.uuid.accepts("2eb8aa08aa9811eab4aa73b441d16380"))
        #expect(StringFormat.hostname.accepts("www.example.com"))
        #expect(StringFormat.hostname.accepts("xn--4gbwdl.xn--wgbh1c"))
        #expect(!StringFormat.hostname.accepts("-a-host-name-that-starts-with--"))
        #expect(!StringFormat.hostname.accepts("not_a_valid_host_name"))
        #expect(!StringFormat.hostname.accepts(String(repeating: "a", count: 64) + ".com"))
        #expect(StringFormat.jsonPointer.accepts("/foo/bar~0/baz~1/%a"))
        #expect(StringFormat.jsonPointer.accepts(""))
        #expect(!StringFormat.jsonPointer.accepts("/foo/bar~"))
        #expect(!StringFormat.jsonPointer.accepts("foo"))
        #expect(StringFormat.relativeJSONPointer.accepts("1#"))
        #expect(StringFormat.relativeJSONPointer.accepts("0/foo"))
        #expect(!StringFormat.relativeJSONPointer.accepts("01/a"))
        #expect(StringFormat.regex.accepts("^[a-z]+$"))
        #expect(!StringFormat.regex.accepts("^(abc]"))
    }

    @Test("Unknown formats are annotations and accept anything")
    func unknownFormats() {
        #expect(StringFormat(name: "password").accepts(""))
        #expect(StringFormat(name: "date-time") == .dateTime)
        #expect(StringFormat(name: "int64").name == "int64")
    }

    @Test("Format failures read as Laravel's messages")
    func messages() {
        let schema = JSONSchemaRules.object(properties: [
            "email": .string(format: .email), "url": .string(format: .uri), "date": .string(format: .date),
            "id": .string(format: .uuid), "ip": .string(format: .ipv4),
        ])
        #expect(errors(schema, #"{"email": "x", "url": "x", "date": "x", "id": "x", "ip": "x"}"#) == [
            "email": ["The email field must be a valid email address."],
            "url": ["The url field must be a valid URL."],
            "date": ["The date field must be a valid date."],
            "id": ["The id field must be a valid UUID."],
            "ip": ["The ip field must be a valid IPv4 address."],
        ])
    }
}
