import Foundation

/// A strict reader of Prometheus's text exposition format (version 0.0.4), for the tests of `GET /metrics`:
/// every line must be a `# HELP`, a `# TYPE`, a comment or a sample; names and labels must be valid, a family's
/// `TYPE` must come once and before its samples, no series may repeat, and a histogram's buckets must be
/// cumulative, end in `le="+Inf"` and agree with its `_count`.
struct PrometheusExposition {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct Malformed: Error, CustomStringConvertible {
        var line: Int
        var reason: String
        var text: String
        var description: String { "line \(line): \(reason): \(text)" }
    }

    private(set) var samples: [Sample] = []
    /// Each family's declared type.
    private(set) var types: [String: String] = [:]

    init(_ text: String) throws {
        var seen = Set<String>()
        var familiesWithSamples = Set<String>()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            func fail(_ reason: String) -> Malformed { Malformed(line: number, reason: reason, text: String(line)) }
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let words = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
                guard words.count >= 3, words[0] == "#", words[1] == "TYPE" || words[1] == "HELP" else { continue }
                let name = String(words[2])
                guard Self.isMetricName(name) else { throw fail("bad metric name") }
                if words[1] == "TYPE" {
                    guard words.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(words[3])
                    else { throw fail("bad type") }
                    guard types[name] == nil else { throw fail("second TYPE for \(name)") }
                    guard !familiesWithSamples.contains(name) else { throw fail("TYPE after the samples of \(name)") }
                    types[name] = String(words[3])
                }
                continue
            }
            var reader = Reader(Array(line.utf8))
            guard let name = reader.name(), Self.isMetricName(name) else { throw fail("bad sample name") }
            var labels: [String: String] = [:]
            if reader.skip("{") {
                while !reader.skip("}") {
                    guard let label = reader.name(), Self.isLabelName(label) else { throw fail("bad label name") }
                    guard reader.skip("="), let value = reader.quoted() else { throw fail("bad label value") }
                    guard labels.updateValue(value, forKey: label) == nil else { throw fail("repeated label") }
                    if !reader.skip(",") {
                        guard reader.skip("}") else { throw fail("expected , or }") }
                        break
                    }
                }
            }
            guard reader.skip(" "), let valueText = reader.word(), let value = Self.number(valueText) else {
                throw fail("bad value")
            }
            if reader.skip(" ") {
                guard let timestamp = reader.word(), Int64(timestamp) != nil else { throw fail("bad timestamp") }
            }
            guard reader.atEnd else { throw fail("trailing text") }
            let key =
                name + "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                + "}"
            guard seen.insert(key).inserted else { throw fail("repeated series") }
            familiesWithSamples.insert(Self.family(of: name, types: types))
            samples.append(Sample(name: name, labels: labels, value: value))
        }
        try checkHistograms()
    }

    /// The value of the series `name` with exactly `labels`; 0 when it is not there (a counter not yet moved).
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double {
        samples.first { $0.name == name && $0.labels == labels }?.value ?? 0
    }

    /// Whether the series is there at all.
    func has(_ name: String, _ labels: [String: String] = [:]) -> Bool {
        samples.contains { $0.name == name && $0.labels == labels }
    }

    /// Every histogram series: cumulative buckets ending in +Inf, equal to `_count`.
    private func checkHistograms() throws {
        for (family, type) in types where type == "histogram" {
            var series: [[String: String]: [(le: Double, count: Double)]] = [:]
            for sample in samples where sample.name == family + "_bucket" {
                guard let le = sample.labels["le"].flatMap(Self.number) else {
                    throw Malformed(line: 0, reason: "bucket without le", text: family)
                }
                var rest = sample.labels
                rest["le"] = nil
                series[rest, default: []].append((le, sample.value))
            }
            for (labels, buckets) in series {
                let ordered = buckets.sorted { $0.le < $1.le }
                for (lower, upper) in zip(ordered, ordered.dropFirst()) where upper.count < lower.count {
                    throw Malformed(line: 0, reason: "buckets not cumulative", text: "\(family) \(labels)")
                }
                guard let last = ordered.last, last.le == .infinity,
                    samples.contains(where: {
                        $0.name == family + "_count" && $0.labels == labels && $0.value == last.count
                    }),
                    samples.contains(where: { $0.name == family + "_sum" && $0.labels == labels })
                else {
                    throw Malformed(
                        line: 0, reason: "no +Inf bucket matching _count and _sum", text: "\(family) \(labels)")
                }
            }
        }
    }

    static func family(of name: String, types: [String: String]) -> String {
        for suffix in ["_bucket", "_count", "_sum"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if types[base] == "histogram" || types[base] == "summary" { return base }
        }
        return name
    }

    static func number(_ text: String) -> Double? {
        switch text {
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default: return Double(text)
        }
    }

    static func isMetricName(_ name: String) -> Bool { name.wholeMatch(of: /[a-zA-Z_:][a-zA-Z0-9_:]*/) != nil }
    static func isLabelName(_ name: String) -> Bool { name.wholeMatch(of: /[a-zA-Z_][a-zA-Z0-9_]*/) != nil }

    /// A cursor over one line's bytes.
    struct Reader {
        let bytes: [UInt8]
        var index = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }

        /// A metric or label name (validated by the caller).
        mutating func name() -> String? {
            let start = index
            while index < bytes.count, Self.isNameByte(bytes[index]) { index += 1 }
            return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
        }

        /// ASCII letters, digits, `_` and `:`.
        static func isNameByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: ":")
        }

        /// Up to the next space or the end.
        mutating func word() -> String? {
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: " ") { index += 1 }
            return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
        }

        /// A double-quoted label value with `\\`, `\"` and `\n` escapes.
        mutating func quoted() -> String? {
            guard skip("\"") else { return nil }
            var value: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""): return String(decoding: value, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return nil }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\\"): value.append(escaped)
                    case UInt8(ascii: "\""): value.append(escaped)
                    case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
                    default: return nil
                    }
                default: value.append(byte)
                }
            }
            return nil
        }
    }
}
