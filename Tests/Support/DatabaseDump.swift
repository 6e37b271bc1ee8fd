import Foundation
import Handlers

/// `pg_dump --data-only` of a whole database as text: what someone holding a copy of the database would see.
public enum DatabaseDump {
    /// The dump of the database `configuration` points at (its override included); throws when pg_dump fails.
    public static func text(of configuration: PostgresConfiguration) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pg_dump", "--data-only", "--dbname", connectionString(configuration)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw DumpFailed(status: process.terminationStatus) }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether `secret` appears in `dump` as a value of its own: anywhere for a long secret (a token, a key);
    /// for a short numeric code only where no letter, digit or `.` touches it, so that a timestamp's microseconds
    /// or a run of digits inside a hash or sealed (base64) text is not taken for a code stored in clear.
    public static func holds(_ secret: String, in dump: String) -> Bool {
        guard secret.count < 16 else { return dump.contains(secret) }
        let characters = Array(dump.utf8)
        let needle = Array(secret.utf8)
        func isBoundary(_ index: Int) -> Bool {
            guard characters.indices.contains(index) else { return true }
            let byte = characters[index]
            let isAlphanumeric =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            return !isAlphanumeric && byte != UInt8(ascii: ".")
        }
        var start = 0
        while start + needle.count <= characters.count {
            if characters[start..<start + needle.count].elementsEqual(needle), isBoundary(start - 1),
                isBoundary(start + needle.count)
            {
                return true
            }
            start += 1
        }
        return false
    }

    /// pg_dump exited with `status`.
    public struct DumpFailed: Error {
        public let status: Int32
    }

    /// The URL with its database replaced by the configuration's override.
    public static func connectionString(_ configuration: PostgresConfiguration) -> String {
        guard let database = configuration.databaseOverride, var components = URLComponents(string: configuration.url)
        else {
            return configuration.url
        }
        components.path = "/" + database
        return components.string ?? configuration.url
    }
}
