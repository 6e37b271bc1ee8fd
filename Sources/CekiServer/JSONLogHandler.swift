import Foundation
import Logging

/// Writes one JSON object per log line to standard error (`{"ts":…,"level":…,"msg":…,"request_id":…}`), so
/// that logs can be searched by field. The request id travels as logger metadata (`hb.request.id`).
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String) {
        self.label = label
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let level = event.level
        let message = event.message
        let explicit = event.metadata
        var fields: [(String, String)] = [
            ("ts", Date().formatted(.iso8601.year().month().day().timeZone(separator: .omitted).time(includingFractionalSeconds: true))),
            ("level", level.rawValue),
            ("logger", label),
            ("msg", message.description),
        ]
        let merged = explicit.map { metadata.merging($0) { $1 } } ?? metadata
        for key in merged.keys.sorted() {
            let name = key == "hb.request.id" ? "request_id" : key
            fields.append((name, "\(merged[key]!)"))
        }
        var line = "{"
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { line += "," }
            line += JSONLogHandler.quote(key) + ":" + JSONLogHandler.quote(value)
        }
        line += "}\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
