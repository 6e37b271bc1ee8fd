/// The render stage: structured Swift (``SwiftFile``) → source text, four-space indented, one declaration per
/// line group, calls broken over lines when they would pass ``lineLimit`` columns.
struct SwiftRenderer {
    /// Where a call's arguments move to their own lines.
    var lineLimit = 110

    /// The library generated code calls (the `SpecGenRuntime` product). Imported only where it is a module of its
    /// own: the runtime's sources may instead be compiled into the same module as the generated files.
    static let runtimeModule = "SpecGenRuntime"

    /// The whole file, with a header saying where it comes from.
    func render(_ file: SwiftFile, header: String) -> String {
        var lines = ["// " + header, "// Do not edit: change spec/openapi.yaml and rebuild.", ""]
        for module in file.imports { lines.append("import " + module) }
        lines += ["#if canImport(\(Self.runtimeModule))", "import \(Self.runtimeModule)", "#endif", ""]
        for (index, declaration) in file.declarations.enumerated() {
            if index > 0 { lines.append("") }
            lines += render(declaration, indent: 0)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Declarations

    func render(_ declaration: SwiftDeclaration, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent * 4)
        switch declaration {
        case .type(let type):
            var head =
                (type.isPublic && type.kind != .extension ? "public " : "") + type.kind.rawValue + " " + type.name
            if !type.conformances.isEmpty { head += ": " + type.conformances.joined(separator: ", ") }
            var lines = docLines(type.doc, pad: pad) + [pad + head + " {"]
            var previousIsCompact = false
            for (index, member) in type.members.enumerated() {
                let isCompact = Self.isCompact(member)
                if index > 0 && !(isCompact && previousIsCompact) { lines.append("") }
                lines += render(member, indent: indent + 1)
                previousIsCompact = isCompact
            }
            return lines + [pad + "}"]
        case .variable(let variable):
            var head = variable.isPublic ? "public " : ""
            if variable.isStatic { head += "static " }
            head += (variable.isLet ? "let " : "var ") + variable.name
            if let type = variable.type { head += ": " + type }
            var lines = docLines(variable.doc, pad: pad)
            if variable.isRequirement {
                return lines + [pad + head + " { get }"]
            }
            if let getter = variable.getter {
                lines.append(pad + head + " {")
                lines += getter.flatMap { render($0, indent: indent + 1) }
                return lines + [pad + "}"]
            }
            if let value = variable.value {
                return lines + assignmentLines(prefix: pad + head + " = ", value, indent: indent)
            }
            return lines + [pad + head]
        case .function(let function):
            var head = function.isPublic ? "public " : ""
            if function.isStatic { head += "static " }
            head += function.name.map { "func " + $0 } ?? "init"
            var tail = ")"
            if function.isAsync { tail += " async" }
            if let throwsType = function.throwsType {
                tail += throwsType.isEmpty ? " throws" : " throws(\(throwsType))"
            }
            if let returnType = function.returnType { tail += " -> " + returnType }
            let parameters = function.parameters.map(parameter)
            var lines = docLines(function.doc, pad: pad)
            let opening = function.body == nil ? "" : " {"
            let oneLine = pad + head + "(" + parameters.joined(separator: ", ") + tail + opening
            if oneLine.count <= lineLimit || parameters.isEmpty {
                lines.append(oneLine)
            } else {
                let inner = String(repeating: " ", count: (indent + 1) * 4)
                lines.append(pad + head + "(")
                lines += parameters.enumerated().map { inner + $1 + ($0 == parameters.count - 1 ? "" : ",") }
                lines.append(pad + tail + opening)
            }
            guard let body = function.body else { return lines }
            return lines + body.flatMap { render($0, indent: indent + 1) } + [pad + "}"]
        case .enumCase(let enumCase):
            var text = "case " + enumCase.name
            if !enumCase.associatedValues.isEmpty {
                text += "("
                text += enumCase.associatedValues.map { value in
                    (value.label.map { $0 + ": " } ?? "") + value.type
                        + (value.defaultValue.map { " = " + inline($0, indent: indent) } ?? "")
                }
                .joined(separator: ", ")
                text += ")"
            }
            if let raw = enumCase.rawValue { text += " = " + inline(raw, indent: indent) }
            return docLines(enumCase.doc, pad: pad) + [pad + text]
        case .typeAlias(let doc, let name, let type):
            return docLines(doc, pad: pad) + [pad + "public typealias " + name + " = " + type]
        case .verbatim(let text):
            return text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.isEmpty ? "" : pad + $0
            }
        }
    }

    /// Whether a member is one undocumented line (a case, a stored property) that sits with its neighbours
    /// without a blank line.
    private static func isCompact(_ member: SwiftDeclaration) -> Bool {
        switch member {
        case .enumCase(let enumCase): enumCase.doc.lines.isEmpty
        case .variable(let variable): variable.doc.lines.isEmpty && variable.getter == nil && variable.value == nil
        default: false
        }
    }

    private func parameter(_ parameter: SwiftParameter) -> String {
        var text = ""
        if let label = parameter.label, label != parameter.name { text += label + " " }
        text += parameter.name + ": " + parameter.type
        if let value = parameter.defaultValue { text += " = " + inline(value, indent: 0) }
        return text
    }

    private func docLines(_ doc: DocComment, pad: String) -> [String] {
        doc.lines.map { line in
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed.removeLast() }
            return trimmed.isEmpty ? pad + "///" : pad + "/// " + trimmed
        }
    }

    // MARK: - Statements

    func render(_ statement: SwiftStatement, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent * 4)
        switch statement {
        case .expression(let expression):
            return assignmentLines(prefix: pad, expression, indent: indent)
        case .binding(let isLet, let name, let value):
            return assignmentLines(prefix: pad + (isLet ? "let " : "var ") + name + " = ", value, indent: indent)
        case .assignment(let target, let value):
            return assignmentLines(prefix: pad + inline(target, indent: indent) + " = ", value, indent: indent)
        case .returnValue(let value):
            guard let value else { return [pad + "return"] }
            return assignmentLines(prefix: pad + "return ", value, indent: indent)
        case .throwError(let value):
            return assignmentLines(prefix: pad + "throw ", value, indent: indent)
        case .ifLet(let name, let value, let then):
            var lines = assignmentLines(prefix: pad + "if let " + name + " = ", value, indent: indent)
            lines[lines.count - 1] += " {"
            return lines + then.flatMap { render($0, indent: indent + 1) } + [pad + "}"]
        case .guardLet(let name, let value, let otherwise):
            return [pad + "guard let " + name + " = " + inline(value, indent: indent) + " else {"]
                + otherwise.flatMap { render($0, indent: indent + 1) } + [pad + "}"]
        case .switchOver(let subject, let cases):
            var lines = [pad + "switch " + inline(subject, indent: indent) + " {"]
            for switchCase in cases {
                if let literal = switchCase.literal {
                    lines.append(pad + "case " + inline(literal, indent: indent) + ":")
                } else if let name = switchCase.caseName {
                    let bindings =
                        switchCase.bindings.allSatisfy({ $0 == "_" })
                        ? ""
                        : "(" + switchCase.bindings.map { $0 == "_" ? "_" : "let " + $0 }.joined(separator: ", ") + ")"
                    lines.append(pad + "case ." + name + bindings + ":")
                } else {
                    lines.append(pad + "default:")
                }
                lines += switchCase.body.flatMap { render($0, indent: indent + 1) }
            }
            return lines + [pad + "}"]
        }
    }

    /// `prefix` followed by the expression, broken over lines when too long.
    private func assignmentLines(prefix: String, _ value: SwiftExpression, indent: Int) -> [String] {
        let text = inline(value, indent: indent)
        if prefix.count + text.count <= lineLimit && !text.contains("\n") { return [prefix + text] }
        let broken = multiline(value, indent: indent)
        return [prefix + broken[0]] + broken.dropFirst()
    }

    // MARK: - Expressions

    /// The expression on one line (closures with statements may still span lines).
    func inline(_ expression: SwiftExpression, indent: Int) -> String {
        switch expression {
        case .identifier(let name): return name
        case .member(let base, let name): return (base.map { inline($0, indent: indent) } ?? "") + "." + name
        case .call(let callee, let arguments, let trailing):
            var text = inline(callee, indent: indent)
            if !arguments.isEmpty || trailing == nil {
                text += "(" + arguments.map { argument($0, indent: indent) }.joined(separator: ", ") + ")"
            }
            if let trailing { text += " " + inline(.closure(trailing), indent: indent) }
            return text
        case .string(let text): return SwiftLiteral.quoted(text)
        case .rawString(let text): return SwiftLiteral.raw(text)
        case .multilineRawString(let text): return SwiftLiteral.multilineRaw(text)
        case .number(let text): return text
        case .bool(let value): return value ? "true" : "false"
        case .nilLiteral: return "nil"
        case .array(let items): return "[" + items.map { inline($0, indent: indent) }.joined(separator: ", ") + "]"
        case .dictionary(let entries):
            if entries.isEmpty { return "[:]" }
            return "["
                + entries.map { inline($0.key, indent: indent) + ": " + inline($0.value, indent: indent) }
                .joined(separator: ", ") + "]"
        case .closure(let statements):
            if statements.count == 1, case .expression(let single) = statements[0] {
                return "{ " + inline(single, indent: indent) + " }"
            }
            if statements.count == 1, case .returnValue(let value?) = statements[0] {
                return "{ " + inline(value, indent: indent) + " }"
            }
            let pad = String(repeating: " ", count: indent * 4)
            return "{\n" + statements.flatMap { render($0, indent: indent + 1) }.joined(separator: "\n") + "\n" + pad
                + "}"
        case .tryExpression(let inner): return "try " + inline(inner, indent: indent)
        case .awaitExpression(let inner): return "await " + inline(inner, indent: indent)
        case .optionalChain(let inner): return inline(inner, indent: indent) + "?"
        case .binary(let lhs, let op, let rhs):
            return inline(lhs, indent: indent) + " " + op + " " + inline(rhs, indent: indent)
        case .subscripted(let base, let key):
            return inline(base, indent: indent) + "[" + inline(key, indent: indent) + "]"
        }
    }

    private func argument(_ argument: SwiftArgument, indent: Int) -> String {
        (argument.label.map { $0 + ": " } ?? "") + inline(argument.value, indent: indent)
    }

    /// The expression over several lines: each argument, array element or dictionary entry on its own line.
    /// The first line continues the caller's line; the last closes the bracket at `indent`.
    private func multiline(_ expression: SwiftExpression, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent * 4)
        let inner = String(repeating: " ", count: (indent + 1) * 4)
        func items(_ parts: [(String, SwiftExpression)], open: String, close: String, lastComma: Bool = true)
            -> [String]
        {
            var lines = [open]
            for (index, (label, value)) in parts.enumerated() {
                let comma = index == parts.count - 1 && !lastComma ? "" : ","
                let text = inline(value, indent: indent + 1)
                let broken = inner.count + label.count + text.count + 1 <= lineLimit && !text.contains("\n")
                    ? [] : multiline(value, indent: indent + 1)
                if broken.count < 2 {
                    // Fits, or cannot be broken (a long literal): one line however long.
                    lines.append(inner + label + text + comma)
                } else {
                    lines.append(inner + label + broken[0])
                    lines += broken.dropFirst().dropLast()
                    lines.append(broken.last! + comma)
                }
            }
            lines.append(pad + close)
            return lines
        }
        switch expression {
        case .call(let callee, let arguments, let trailing) where !arguments.isEmpty:
            var lines = items(
                arguments.map { ($0.label.map { $0 + ": " } ?? "", $0.value) },
                open: inline(callee, indent: indent) + "(",
                close: ")", lastComma: false)
            if let trailing {
                lines[lines.count - 1] += " " + inline(.closure(trailing), indent: indent)
            }
            return lines
        case .array(let elements) where !elements.isEmpty:
            return items(elements.map { ("", $0) }, open: "[", close: "]")
        case .dictionary(let entries) where !entries.isEmpty:
            return items(entries.map { (inline($0.key, indent: indent + 1) + ": ", $0.value) }, open: "[", close: "]")
        case .tryExpression(let inner):
            let broken = multiline(inner, indent: indent)
            return ["try " + broken[0]] + broken.dropFirst()
        case .awaitExpression(let inner):
            let broken = multiline(inner, indent: indent)
            return ["await " + broken[0]] + broken.dropFirst()
        default:
            return inline(expression, indent: indent).split(separator: "\n", omittingEmptySubsequences: false).map(
                String.init)
        }
    }
}

/// Swift string literals for any text.
enum SwiftLiteral {
    /// `"text"` with every character that needs it escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value):
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// `#"text"#` with as many `#` as needed, for patterns as written; falls back to ``quoted(_:)`` for text
    /// with line breaks or control characters (which raw strings cannot hold readably).
    static func raw(_ text: String) -> String {
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return quoted(text) }
        var hashes = "#"
        while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
        return hashes + "\"" + text + "\"" + hashes
    }

    /// `#"""`, the text's lines, `"""#` (the delimiters on lines of their own at column 0, so no indentation is
    /// stripped), with as many `#` as needed that nothing in the text ends the literal or starts an escape.
    /// Control characters other than tab and line feed, and carriage returns (which a literal would read as
    /// line feeds), are written as `\#u{…}` escapes.
    static func multilineRaw(_ text: String) -> String {
        var hashes = "#"
        while text.contains("\"\"\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
        var body = ""
        body.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || scalar.value == 0x7F {
                body += "\\" + hashes + "u{" + String(scalar.value, radix: 16) + "}"
            } else {
                body.unicodeScalars.append(scalar)
            }
        }
        return hashes + "\"\"\"\n" + body + "\n\"\"\"" + hashes
    }
}
