import CYAML

/// Turns YAML text into a ``YAMLNode`` tree through libyaml's event API.
///
/// libyaml checks syntax and reports events; it types nothing and checks no semantics. This parser
/// adds what an OpenAPI reader needs on top: scalar styles and marks kept, aliases expanded (with a
/// cap on the expanded size and on nesting, so a hostile file fails fast), duplicate keys refused,
/// keys restricted to scalars, tags restricted to the JSON/core schema, one document per file.
struct YAMLParser: Sendable {
    /// Caps that keep a hostile or broken file from exhausting memory or time.
    struct Limits: Sendable {
        /// The most nodes the document may stand for once every alias is expanded. A real-world
        /// OpenAPI document (OpenAI's, ~2 MB) stands for a few hundred thousand.
        var maxExpandedNodes: Int = 5_000_000
        /// The deepest collection nesting allowed.
        var maxDepth: Int = 256
    }

    /// The caps in force.
    var limits = Limits()

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Parses a whole document given as text.
    func parse(_ text: String) throws(YAMLError) -> YAMLNode {
        try parse(bytes: Array(text.utf8))
    }

    /// Parses a whole document given as bytes (UTF-8, or UTF-16 with a BOM).
    func parse(bytes: [UInt8]) throws(YAMLError) -> YAMLNode {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            throw .syntax(problem: "libyaml could not initialise (out of memory)", context: nil, mark: .start)
        }
        defer { yaml_parser_delete(&parser) }
        let result: Result<YAMLNode, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = YAMLTreeBuilder(limits: limits)
            do throws(YAMLError) {
                return .success(try builder.run(parser: &parser, bytes: buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// The event loop: one libyaml event at a time onto a stack of open collections.
///
/// An explicit stack (rather than recursion) keeps deep files from overflowing the call stack.
private struct YAMLTreeBuilder {
    /// A collection whose end event has not arrived yet.
    private enum OpenCollection {
        case sequence(items: [YAMLNode], mark: YAMLMark, anchor: String?, size: Int)
        case mapping(
            entries: [YAMLMapping.Entry], mark: YAMLMark, anchor: String?, size: Int,
            pendingKey: YAMLScalar?, seen: [String: YAMLMark])
    }

    let limits: YAMLParser.Limits
    private var stack: [OpenCollection] = []
    private var anchors: [String: YAMLNode] = [:]
    private var root: YAMLNode?
    private var documents = 0
    /// Nodes produced so far, aliases counted at their expanded size.
    private var producedNodes = 0

    init(limits: YAMLParser.Limits) {
        self.limits = limits
    }

    mutating func run(
        parser: inout yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>
    ) throws(YAMLError) -> YAMLNode {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) != 0 else {
                throw Self.error(of: parser, bytes: bytes)
            }
            defer { yaml_event_delete(&event) }
            let mark = YAMLMark(event.start_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                guard let root else { throw .empty }
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 { throw .multipleDocuments(mark: mark) }
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                let scalar = YAMLScalar(
                    text: Self.string(data.value, count: data.length),
                    style: YAMLScalarStyle(data.style),
                    tag: try Self.checkedTag(data.tag, collection: false, mark: mark),
                    mark: mark)
                try count(1, at: mark)
                try complete(.scalar(scalar), anchor: Self.string(data.anchor))
            case YAML_ALIAS_EVENT:
                let name = Self.string(event.data.alias.anchor) ?? ""
                guard let node = anchors[name] else { throw .unknownAnchor(name, mark: mark) }
                try count(node.expandedSize, at: mark)
                try complete(node, anchor: nil)
            case YAML_SEQUENCE_START_EVENT:
                let data = event.data.sequence_start
                _ = try Self.checkedTag(data.tag, collection: true, mark: mark)
                try open(.sequence(items: [], mark: mark, anchor: Self.string(data.anchor), size: 1), at: mark)
            case YAML_MAPPING_START_EVENT:
                let data = event.data.mapping_start
                _ = try Self.checkedTag(data.tag, collection: true, mark: mark)
                try open(
                    .mapping(
                        entries: [], mark: mark, anchor: Self.string(data.anchor), size: 1, pendingKey: nil,
                        seen: [:]),
                    at: mark)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try close()
            default:
                break
            }
        }
    }

    // MARK: Building

    private mutating func open(_ collection: OpenCollection, at mark: YAMLMark) throws(YAMLError) {
        if stack.count >= limits.maxDepth { throw .tooDeep(limit: limits.maxDepth, mark: mark) }
        try count(1, at: mark)
        stack.append(collection)
    }

    private mutating func close() throws(YAMLError) {
        guard let collection = stack.popLast() else { return }
        switch collection {
        case .sequence(let items, let mark, let anchor, let size):
            try complete(.sequence(YAMLSequence(items: items, mark: mark, expandedSize: size)), anchor: anchor)
        case .mapping(let entries, let mark, let anchor, let size, _, _):
            try complete(
                .mapping(YAMLMapping(entries: entries, mark: mark, expandedSize: size)), anchor: anchor)
        }
    }

    /// Hands a finished node to the collection that holds it (or makes it the root).
    private mutating func complete(_ node: YAMLNode, anchor: String?) throws(YAMLError) {
        if let anchor { anchors[anchor] = node }
        guard let top = stack.popLast() else {
            root = node
            return
        }
        switch top {
        case .sequence(var items, let mark, let anchor, let size):
            items.append(node)
            stack.append(.sequence(items: items, mark: mark, anchor: anchor, size: size + node.expandedSize))
        case .mapping(var entries, let mark, let anchor, let size, let pendingKey, var seen):
            if let key = pendingKey {
                entries.append(YAMLMapping.Entry(key: key, value: node))
                stack.append(
                    .mapping(
                        entries: entries, mark: mark, anchor: anchor, size: size + node.expandedSize,
                        pendingKey: nil, seen: seen))
            } else {
                guard case .scalar(let key) = node else { throw .complexKey(mark: node.mark) }
                if key.style == .plain && key.tag == nil && key.text == "<<" { throw .mergeKey(mark: key.mark) }
                if let first = seen[key.text] { throw .duplicateKey(key.text, mark: key.mark, first: first) }
                seen[key.text] = key.mark
                stack.append(
                    .mapping(
                        entries: entries, mark: mark, anchor: anchor, size: size + 1, pendingKey: key,
                        seen: seen))
            }
        }
    }

    private mutating func count(_ nodes: Int, at mark: YAMLMark) throws(YAMLError) {
        producedNodes += nodes
        if producedNodes > limits.maxExpandedNodes {
            throw .tooManyNodes(limit: limits.maxExpandedNodes, mark: mark)
        }
    }

    // MARK: libyaml values

    /// The JSON/core tags; anything else is refused so that no value is typed by a rule we do not know.
    private static let coreScalarTags: Set<String> = [
        "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
    ]
    private static let coreCollectionTags: Set<String> = ["tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"]

    private static func checkedTag(
        _ pointer: UnsafeMutablePointer<yaml_char_t>?, collection: Bool, mark: YAMLMark
    ) throws(YAMLError) -> String? {
        guard let tag = string(pointer) else { return nil }
        let allowed = collection ? coreCollectionTags : coreScalarTags
        guard allowed.contains(tag) else { throw .unsupportedTag(tag, mark: mark) }
        return tag
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, count: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func error(of parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        if parser.error == YAML_READER_ERROR {
            return .invalidEncoding(
                problem: "\(problem) (byte \(parser.problem_offset))",
                mark: mark(ofOffset: parser.problem_offset, in: bytes))
        }
        let context = parser.context.map { String(cString: $0) }
        return .syntax(
            problem: problem, context: context, mark: YAMLMark(parser.problem_mark),
            contextMark: context == nil ? nil : YAMLMark(parser.context_mark))
    }

    /// The line and column of a byte offset, for reader errors, where libyaml gives only the offset.
    private static func mark(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> YAMLMark {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return YAMLMark(line: line, column: column)
    }
}

extension YAMLMark {
    /// Converts libyaml's zero-based mark.
    fileprivate init(_ mark: yaml_mark_t) {
        self.init(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}

extension YAMLScalarStyle {
    /// Converts libyaml's style; `ANY` never comes from the parser and counts as plain.
    fileprivate init(_ style: yaml_scalar_style_t) {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: self = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: self = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: self = .literal
        case YAML_FOLDED_SCALAR_STYLE: self = .folded
        default: self = .plain
        }
    }
}
