/// Why a form body could not be read at all, answered 400 (a malformed body) or 415 (not a form), with a message
/// that tells the client what to fix.
///
/// Problems with a field's value (a JSON part that is not JSON, text where a file belongs) are not these: they are
/// 422 validation failures filed under the field, alongside every other field's problems.
public enum MultipartError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `Content-Type` is not a form: 415. Carries what was sent (nil when no header came).
    case unsupportedMediaType(String?)
    /// `multipart/form-data` without a usable `boundary` parameter.
    case missingBoundary
    /// No `--boundary` line opens the body.
    case missingOpeningBoundary
    /// The body ends before the closing `--boundary--`.
    case unterminated
    /// A part's header block is not `Name: value` lines ended by an empty line.
    case malformedHeaders(part: Int)
    /// A part's headers exceed ``MultipartLimits/maximumHeaderBytes``.
    case headersTooLarge(part: Int, limit: Int)
    /// A part has no `Content-Disposition: form-data; name="…"`.
    case missingName(part: Int)
    /// More parts than ``MultipartLimits/maximumParts``.
    case tooManyParts(limit: Int)

    /// The HTTP status to answer with.
    public var status: Int {
        if case .unsupportedMediaType = self { return 415 }
        return 400
    }

    /// The sentence a client reads; parts are counted from 1.
    public var message: String {
        switch self {
        case .unsupportedMediaType(let sent):
            return "The request body must be multipart/form-data or application/x-www-form-urlencoded"
                + (sent.map { ", not \($0)." } ?? "; no Content-Type was sent.")
        case .missingBoundary:
            return "The multipart/form-data Content-Type has no boundary parameter."
        case .missingOpeningBoundary:
            return "The multipart body does not start with its boundary line."
        case .unterminated:
            return "The multipart body ends before its closing boundary."
        case .malformedHeaders(let part):
            return "The headers of part \(part) of the multipart body are malformed."
        case .headersTooLarge(let part, let limit):
            return "The headers of part \(part) of the multipart body are longer than \(limit) bytes."
        case .missingName(let part):
            return "Part \(part) of the multipart body has no Content-Disposition: form-data; name=\"…\" header."
        case .tooManyParts(let limit):
            return "The multipart body has more than \(limit) parts."
        }
    }

    /// `{"message": …}`.
    public var responseBody: JSONValue { ["message": .string(message)] }

    public var description: String { message }
}

/// How much of a form the server reads before refusing it: the body size itself is the server's limit.
public struct MultipartLimits: Sendable, Hashable {
    /// The most parts in one body.
    public var maximumParts: Int
    /// The most bytes in one part's header block.
    public var maximumHeaderBytes: Int

    public init(maximumParts: Int = 1000, maximumHeaderBytes: Int = 8192) {
        self.maximumParts = maximumParts
        self.maximumHeaderBytes = maximumHeaderBytes
    }
}
