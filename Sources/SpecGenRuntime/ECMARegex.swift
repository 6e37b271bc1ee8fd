import Foundation
import Synchronization

// The translator is a module of its own (SpecGen runs it at generation time too); the compile tests pass its file to
// swiftc with this runtime, as part of the same module, where there is nothing to import (see RFC3339.swift).
// Re-exported: ``ECMARegexError`` is part of this module's API.
#if canImport(ECMARegexTranslation)
@_exported import ECMARegexTranslation
#endif

/// A JSON Schema `pattern`: an ECMA-262 regular expression, translated for ICU and compiled once.
///
/// Generated code writes patterns as string literals (`pattern: "^[a-z0-9-]+$"`); a literal that cannot be
/// translated stops the program at startup with the reason, which SpecGen reports at generation time first
/// (``ECMARegexTranslator`` is Foundation-free for that). ``matches(_:)`` searches anywhere in the string, as
/// JSON Schema requires: anchors must be written. Compiled expressions are shared process-wide by source text.
public struct ECMARegex: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The ECMA-262 source, as in the spec.
    public let source: String
    /// The ICU pattern that runs.
    public let translated: String
    private let compiled: CompiledPattern

    /// Translates and compiles `source`, or throws saying why it cannot run here.
    public init(_ source: String) throws(ECMARegexError) {
        try self.init(source, caching: true)
    }

    /// Translates and compiles `source`; `caching: false` for patterns that come from requests (`format: regex`),
    /// so that clients cannot grow the process-wide cache.
    init(_ source: String, caching: Bool) throws(ECMARegexError) {
        if caching, let cached = Self.cache.withLock({ $0[source] }) {
            self.source = source
            self.translated = cached.translated
            self.compiled = cached
            return
        }
        let translated = try ECMARegexTranslator.translate(source)
        let expression: NSRegularExpression
        do {
            expression = try NSRegularExpression(pattern: translated, options: [])
        } catch {
            throw ECMARegexError(
                reason: "this server's regex engine (ICU) refuses it (an unbounded lookbehind, or a construct ICU "
                    + "reads differently)", pattern: source, position: 0)
        }
        let compiled = CompiledPattern(translated: translated, expression: expression)
        if caching { Self.cache.withLock { $0[source] = compiled } }
        self.source = source
        self.translated = translated
        self.compiled = compiled
    }

    /// A pattern from generated code; an untranslatable one stops the program with the reason (SpecGen refuses
    /// such specs, so this only fires for hand-written literals).
    public init(stringLiteral source: String) {
        do {
            try self.init(source)
        } catch {
            preconditionFailure(error.description)
        }
    }

    /// Whether the pattern matches somewhere in `string`.
    public func matches(_ string: String) -> Bool {
        let range = NSRange(location: 0, length: string.utf16.count)
        return compiled.expression.firstMatch(in: string, options: [], range: range) != nil
    }

    public var description: String { "/\(source)/" }

    public static func == (lhs: ECMARegex, rhs: ECMARegex) -> Bool { lhs.source == rhs.source }

    public func hash(into hasher: inout Hasher) { hasher.combine(source) }

    /// Compiled expressions by ECMA source.
    private static let cache = Mutex<[String: CompiledPattern]>([:])
}

/// A compiled ICU expression. `NSRegularExpression` is immutable and documented thread-safe for matching.
private final class CompiledPattern: @unchecked Sendable {
    let translated: String
    let expression: NSRegularExpression

    init(translated: String, expression: NSRegularExpression) {
        self.translated = translated
        self.expression = expression
    }
}
