import Foundation
import Synchronization

/// Turns a time zone name from a schedule or a request into a `TimeZone`, accepting only real tz database zones.
///
/// Foundation is more lenient than a schedule should be: it also accepts abbreviations ("PST") and bare offsets
/// ("GMT+5", "UTC-03:00"). Bare offsets are a trap because POSIX reads their sign the other way round (the tz
/// database's "Etc/GMT+5" is five hours *behind* UTC, Foundation's "GMT+5" five hours ahead), and neither kind
/// follows a place's daylight saving time. So a name is accepted when Foundation can load it and the system's
/// tz database (`$TZDIR`, else /usr/share/zoneinfo) has a zone file of that name. On a machine without that
/// folder, names of the form "Area/Location" plus "UTC" and "GMT" are accepted as Foundation loads them.
enum SchedulingTimeZones {
    /// The zone named `identifier`, or nil when it is not a tz database zone. Accepted zones are remembered (at
    /// most the database's few hundred names): the file checks and the environment read cost more than a week of
    /// slots, and the specialist search asks for thousands of schedules' zones per request.
    static func zone(named identifier: String) -> TimeZone? {
        if let known = accepted.withLock({ $0[identifier] }) { return known }
        guard let zone = lookUp(identifier) else { return nil }
        accepted.withLock { $0[identifier] = zone }
        return zone
    }

    private static let accepted = Mutex<[String: TimeZone]>([:])

    private static func lookUp(_ identifier: String) -> TimeZone? {
        guard isPlausibleName(identifier), let zone = TimeZone(identifier: identifier) else { return nil }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: databasePath, isDirectory: &isDirectory), isDirectory.boolValue {
            let path = databasePath + "/" + identifier
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { return nil }
            return zone
        }
        return identifier.contains("/") || identifier == "UTC" || identifier == "GMT" ? zone : nil
    }

    /// The folder holding the system's compiled zone files.
    private static let databasePath: String = {
        if let directory = ProcessInfo.processInfo.environment["TZDIR"], !directory.isEmpty { return directory }
        return "/usr/share/zoneinfo"
    }()

    /// Zone names are ASCII path-like words ("America/Argentina/Buenos_Aires", "Etc/GMT+5"); anything else,
    /// and any "." or ".." component, is refused before it touches the file system. The files of the folder
    /// that are not zones (leap second lists, tables, the host's own `localtime`) are refused by name.
    private static func isPlausibleName(_ identifier: String) -> Bool {
        guard !identifier.isEmpty, identifier.utf8.count <= 64,
            identifier.utf8.allSatisfy({ byte in
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == 0x5F || byte == 0x2D || byte == 0x2B || byte == 0x2F
            })
        else { return false }
        let components = identifier.split(separator: "/", omittingEmptySubsequences: false)
        guard components.allSatisfy({ !$0.isEmpty && $0.first != "." && $0.first != "-" }) else { return false }
        return !["localtime", "posixrules", "leapseconds", "leap-seconds", "Factory"].contains(identifier)
    }
}
