/// The URL name of a kal or schedule when its owner gives none: the label in lower-case ASCII letters and digits,
/// every other run of characters one `-` ("Paid consultations!" → `paid-consultations`), at most 60 characters;
/// `fallback` (the noun, `kal`) when nothing is left. A taken slug gets the first free `-2`, `-3`, … suffix.
enum URLSlug {
    static func base(of label: String, fallback: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in label.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash, !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
                if slug.count >= 60 { break }
            } else {
                pendingDash = true
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? fallback : slug
    }

    /// The first of `base`, `base-2`, `base-3`, … not in `taken`.
    static func first(_ base: String, notIn taken: Set<String>) -> String {
        if !taken.contains(base) { return base }
        var suffix = 2
        while taken.contains("\(base)-\(suffix)") { suffix += 1 }
        return "\(base)-\(suffix)"
    }
}
