/// Splits a `multipart/form-data` body into parts while it arrives, so that a large file goes to disk chunk by
/// chunk and never sits whole in memory. It reads exactly what ``MultipartParser`` reads (the same line breaks,
/// preamble, padding, header rules and limits; a test holds the two to the same answers for every chunking), but
/// hands out each part's body as a run of chunks between a `partStart` and a `partEnd`.
///
/// It keeps back only the bytes that could still be the start of the next boundary (the boundary's length and two),
/// so memory stays bounded by the largest chunk fed plus the header limit.
///
/// ```swift
/// var parser = MultipartStreamParser(boundary: boundary)
/// for try await chunk in request.body {
///     for event in try parser.feed(chunk.readableBytesView) { … }
/// }
/// try parser.finish()
/// ```
public struct MultipartStreamParser: Sendable {
    /// What the body holds, in order.
    public enum Event: Sendable, Equatable {
        /// A part begins: its name, file name and `Content-Type` (its `body` is empty; the bytes follow).
        case partStart(MultipartPart)
        /// Some of the current part's bytes, in order.
        case bodyChunk([UInt8])
        /// The current part is complete.
        case partEnd
    }

    private enum State: Sendable {
        case preamble, afterBoundary, headers, body, closed
    }

    private let rules: MultipartParser
    /// `LF--boundary`: every boundary, the first included, follows a line break (one is put before the body).
    private let delimiter: [UInt8]
    private var buffer: [UInt8] = [UInt8(ascii: "\n")]
    private var start = 0
    private var state = State.preamble
    private var partCount = 0

    public init(boundary: String, limits: MultipartLimits = MultipartLimits()) {
        rules = MultipartParser(boundary: boundary, limits: limits)
        delimiter = [UInt8(ascii: "\n"), UInt8(ascii: "-"), UInt8(ascii: "-")] + Array(boundary.utf8)
    }

    /// Bytes read but not handed out yet: at most the last chunk fed and a boundary's length, or a header block.
    public var bufferedBytes: Int { buffer.count - start }

    /// Whether the closing boundary has been read (what follows it, the epilogue, is ignored).
    public var isClosed: Bool { state == .closed }

    /// Reads the next bytes of the body and returns what they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(MultipartError) -> [Event] {
        guard state != .closed else { return [] }
        buffer.append(contentsOf: bytes)
        var events: [Event] = []
        while try step(into: &events) {}
        compact()
        return events
    }

    /// Ends the body: a body cut short before its closing boundary is an error.
    public func finish() throws(MultipartError) {
        switch state {
        case .closed: return
        case .preamble: throw .missingOpeningBoundary
        default: throw .unterminated
        }
    }

    /// One move of the state machine; false when more bytes are needed.
    private mutating func step(into events: inout [Event]) throws(MultipartError) -> Bool {
        switch state {
        case .closed:
            return false
        case .preamble:
            switch findDelimiter() {
            case .found(let at):
                start = at + delimiter.count
                state = .afterBoundary
                return true
            case .undecided(let at):
                start = at
                return false
            case .none:
                start = max(start, buffer.count - delimiter.count)
                return false
            }
        case .afterBoundary:
            var cursor = start
            // `--` closes the body; otherwise optional padding and a line break open a part.
            guard cursor + 1 < buffer.count else { return false }
            if buffer[cursor] == UInt8(ascii: "-"), buffer[cursor + 1] == UInt8(ascii: "-") {
                state = .closed
                return false
            }
            while cursor < buffer.count, buffer[cursor] == UInt8(ascii: " ") || buffer[cursor] == UInt8(ascii: "\t") {
                cursor += 1
            }
            guard cursor < buffer.count else { return false }
            if buffer[cursor] == UInt8(ascii: "\n") {
                start = cursor + 1
            } else if buffer[cursor] == UInt8(ascii: "\r") {
                guard cursor + 1 < buffer.count else { return false }
                guard buffer[cursor + 1] == UInt8(ascii: "\n") else { throw .unterminated }
                start = cursor + 2
            } else {
                throw .unterminated
            }
            guard partCount < rules.limits.maximumParts else { throw .tooManyParts(limit: rules.limits.maximumParts) }
            partCount += 1
            state = .headers
            return true
        case .headers:
            guard let end = headerBlockEnd() else {
                if buffer.count - start > rules.limits.maximumHeaderBytes {
                    throw .headersTooLarge(part: partCount, limit: rules.limits.maximumHeaderBytes)
                }
                return false
            }
            let block = Array(buffer[start..<end])
            let (headers, _) = try rules.readHeaders(block, from: 0, part: partCount)
            events.append(.partStart(try rules.part(headers: headers, body: [], number: partCount)))
            start = end
            state = .body
            return true
        case .body:
            switch findDelimiter() {
            case .found(let at):
                let end = at > start && buffer[at - 1] == UInt8(ascii: "\r") ? at - 1 : at
                if end > start { events.append(.bodyChunk(Array(buffer[start..<end]))) }
                events.append(.partEnd)
                start = at + delimiter.count
                state = .afterBoundary
                return true
            case .undecided(let at):
                // Everything before the candidate (and its CR) is body for certain.
                emit(upTo: at - 1, into: &events)
                return false
            case .none:
                emit(upTo: buffer.count - delimiter.count - 1, into: &events)
                return false
            }
        }
    }

    private mutating func emit(upTo end: Int, into events: inout [Event]) {
        guard end > start else { return }
        events.append(.bodyChunk(Array(buffer[start..<end])))
        start = end
    }

    private enum Match {
        /// A boundary starts at the index (its LF).
        case found(Int)
        /// The bytes at the index match as far as they go: more are needed to tell.
        case undecided(Int)
        case none
    }

    /// The next `LF--boundary` from `start` that really ends there (`--`, padding or a line break follow).
    private func findDelimiter() -> Match {
        var index = start
        while index < buffer.count {
            guard let lf = buffer[index...].firstIndex(of: UInt8(ascii: "\n")) else { return .none }
            let available = buffer.count - lf
            if available < delimiter.count {
                return buffer[lf...].elementsEqual(delimiter.prefix(available)) ? .undecided(lf) : .none
            }
            if buffer[lf..<(lf + delimiter.count)].elementsEqual(delimiter) {
                let after = lf + delimiter.count
                guard after < buffer.count else { return .undecided(lf) }
                switch buffer[after] {
                case UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                    return .found(lf)
                default: break
                }
            }
            index = lf + 1
        }
        return .none
    }

    /// The index after the empty line that ends the header block starting at `start`, nil while it has not come.
    private func headerBlockEnd() -> Int? {
        var lineStart = start
        while let lf = buffer[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
            let lineEnd = lf > lineStart && buffer[lf - 1] == UInt8(ascii: "\r") ? lf - 1 : lf
            if lineEnd == lineStart { return lf + 1 }
            lineStart = lf + 1
        }
        return nil
    }

    /// Drops what has been handed out once it is most of the buffer, so the buffer never grows with the body.
    private mutating func compact() {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
    }
}
