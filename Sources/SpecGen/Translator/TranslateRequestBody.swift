/// An operation's request body → how the runtime reads it and what type the handler gets.
///
/// One JSON or form media type is read as it always was (`RequestRules(body:form:)`, `body: Types.Note`). Anything
/// else is listed media type by media type (`RequestRules(content: […])`), read by the request's `Content-Type`:
///
/// ```swift
/// RequestRules(content: [.json("application/json", Schemas.note), .text("text/plain", .string(maxLength: 200))])
/// public var body: Content?                    // several media types: an enum over them
/// public enum Content: Sendable { case applicationJson(Types.Note); case textPlain(String) }
/// public var body: RawBody                     // one media type read as bytes
/// ```
///
/// JSON (`application/json`, `+json`, `text/json`) and forms are typed by their schema, `text/*` is a `String`,
/// any other media type (`application/octet-stream`, `application/xml`, `image/*`) a ``RawBody``.
struct RequestBodyTranslator {
    var document: OpenAPIDocument
    var names: SchemaNames

    /// How a body is read.
    enum Layout {
        /// One JSON or form media type: today's `body:`/`form:` rules.
        case single(MediaType)
        /// Several media types, or one that is text or bytes: `content:` rules, one per media type.
        case content([MediaType])
    }

    static func layout(_ body: RequestBody) -> Layout {
        if body.content.count == 1, let media = body.content.first, media.kind == .json || media.isForm {
            return .single(media)
        }
        return .content(body.content)
    }

    private var rules: SchemaRulesTranslator { SchemaRulesTranslator(names: names) }

    /// `.json("application/json", Schemas.note)`, `.form(…, FormRules(…))`, `.text("text/plain")`,
    /// `.bytes("application/octet-stream", maxLength: 1024)`.
    func mediaRules(_ media: MediaType) -> SwiftExpression {
        var arguments = [SwiftArgument(nil, .string(media.contentType))]
        let schema = media.schema.map(rules.rules)
        switch media.kind {
        case .json:
            if let schema { arguments.append(SwiftArgument(nil, schema)) }
            return .call(.member(nil, "json"), arguments)
        case .multipartForm, .urlEncodedForm:
            arguments.append(SwiftArgument(nil, schema ?? .member(nil, "any")))
            arguments.append(SwiftArgument(nil, FormBodyTranslator(document: document, names: names).rules(media)))
            return .call(.member(nil, "form"), arguments)
        case .text:
            if let schema { arguments.append(SwiftArgument(nil, schema)) }
            return .call(.member(nil, "text"), arguments)
        case .other:
            if let maximum = maximumBytes(media) { arguments.append(SwiftArgument("maxLength", .number(String(maximum)))) }
            return .call(.member(nil, "bytes"), arguments)
        }
    }

    /// The `maxLength` of a body read as bytes: its schema's, when the schema is a string (`format: binary`).
    func maximumBytes(_ media: MediaType) -> Int? {
        guard let schema = media.schema, let object = document.resolved(schema)?.object,
            object.nonNullTypes.map({ $0 == [.string] }) ?? true
        else { return nil }
        return object.maxLength
    }

    /// The Swift type of one media type's body: its schema's type for JSON and forms (`JSONValue` without a
    /// schema), `String` for text, `RawBody` for bytes.
    func payloadType(
        _ media: MediaType, types: TypeTranslator, scope: inout SwiftNameScope, nested: inout [SwiftDeclaration]
    ) -> String {
        switch media.kind {
        case .json, .multipartForm, .urlEncodedForm:
            guard let schema = media.schema else { return "JSONValue" }
            return types.swiftType(schema, suggested: "RequestBody", scope: &scope, nested: &nested)
        case .text: return "String"
        case .other: return "RawBody"
        }
    }

    /// The value of one media type's body in `Input(request:principal:)`: `try String(json: request.body ?? .null)`
    /// or `try request.rawBody()`.
    static func decodedPayload(_ media: MediaType, type: String) -> SwiftExpression {
        if media.kind == .other {
            return .tryExpression(.call(.member(.identifier("request"), "rawBody"), []))
        }
        let source: SwiftExpression = .binary(.member(.identifier("request"), "body"), "??", .member(nil, "null"))
        if type == "JSONValue" { return source }
        return .tryExpression(.call(.identifier(type), [SwiftArgument("json", source)]))
    }

    /// The cases of `enum Content`, one per media type, named after it: `applicationJson`, `textPlain`, `image`.
    static func caseNames(_ content: [MediaType]) -> [String] {
        var scope = SwiftNameScope(reserved: ["clientBody", "init", "self", "Type"])
        return content.map { scope.claim($0.essence == "*/*" ? "any" : SwiftName.memberName($0.essence)) }
    }
}

extension OperationTranslator {
    /// The `body` of an `Input` whose body is read by media type: the one media type's type (`String`, `RawBody`),
    /// or `enum Content` with a case per media type, decoded by the media type the request was read as. Returns how
    /// a client sends it (the `body:` of `clientRequest`).
    func contentBody(
        _ body: RequestBody, _ content: [MediaType], typeScope: inout SwiftNameScope,
        nested: inout [SwiftDeclaration], members: inout [SwiftDeclaration], decode: inout [SwiftStatement],
        initParameters: inout [SwiftParameter], assignments: inout [SwiftStatement]
    ) -> SwiftExpression? {
        let translator = RequestBodyTranslator(document: document, names: names)
        let hasFiles = content.contains { $0.kind == .multipartForm }
        let payloads = content.map { translator.payloadType($0, types: types, scope: &typeScope, nested: &nested) }
        let type: String
        let doc: String
        let decoded: [SwiftStatement]
        let clientBody: SwiftExpression?
        let target: SwiftExpression = .member(.identifier("self"), "body")
        if content.count == 1, let media = content.first {
            clientBody = ClientTranslator.singleBody(media, isRequired: body.required, hasFiles: hasFiles)
            type = payloads[0]
            doc = "The request body (`\(media.contentType)`), validated by ``rules``."
            if !body.required && media.kind == .other {
                decoded = [.assignment(target, .member(.identifier("request"), "raw"))]
            } else if !body.required {
                decoded = [
                    .assignment(
                        target,
                        .tryExpression(
                            .call(
                                .identifier("Optional<\(type)>"),
                                [
                                    SwiftArgument(
                                        "json",
                                        .binary(.member(.identifier("request"), "body"), "??", .member(nil, "null")))
                                ])))
                ]
            } else {
                decoded = [.assignment(target, RequestBodyTranslator.decodedPayload(media, type: type))]
            }
        } else {
            type = typeScope.claim("Content")
            doc = "The request body, in the media type it was sent as, validated by ``rules``."
            let caseNames = RequestBodyTranslator.caseNames(content)
            let cases = zip(content, zip(caseNames, payloads)).map { media, named -> SwiftDeclaration in
                .enumCase(
                    SwiftEnumCase(
                        doc: DocComment("A `\(media.contentType)` body."), name: named.0,
                        associatedValues: [SwiftAssociatedValue(label: nil, type: named.1)]))
            }
            nested.append(
                .type(
                    SwiftTypeDeclaration(
                        doc: DocComment("The request body by media type, as the request's `Content-Type` said."),
                        kind: .enum, name: type, conformances: ["Sendable"],
                        members: cases + [
                            ClientTranslator.contentClientBody(content, caseNames: caseNames, hasFiles: hasFiles)
                        ])))
            clientBody = ClientTranslator.contentBody(isRequired: body.required, hasFiles: hasFiles)
            var switchCases = zip(content, zip(caseNames, payloads)).map { media, named in
                SwiftSwitchCase(
                    literal: .string(media.contentType),
                    body: [
                        .assignment(
                            target,
                            .call(
                                .member(nil, named.0),
                                [SwiftArgument(nil, RequestBodyTranslator.decodedPayload(media, type: named.1))]))
                    ])
            }
            switchCases.append(
                SwiftSwitchCase(
                    caseName: nil,
                    body: [
                        body.required
                            ? .throwError(.member(.identifier("JSONDecodingError"), "missingBody"))
                            : .assignment(target, .nilLiteral)
                    ]))
            decoded = [.switchOver(.member(.identifier("request"), "mediaType"), switchCases)]
        }
        let fullType = body.required ? type : type + "?"
        members.append(
            .variable(
                SwiftVariable(doc: DocComment.paragraphs([body.description, doc]), name: "body", type: fullType)))
        initParameters.append(
            SwiftParameter(label: nil, name: "body", type: fullType, defaultValue: body.required ? nil : .nilLiteral))
        assignments.append(.assignment(target, .identifier("body")))
        decode += decoded
        let forms = content.filter { $0.kind == .multipartForm }
        if !forms.isEmpty {
            let formTranslator = FormBodyTranslator(document: document, names: names)
            var fileFields: [String] = []
            for form in forms { fileFields += formTranslator.fileFields(form).filter { !fileFields.contains($0) } }
            filesMember(
                fileFields, members: &members, decode: &decode, initParameters: &initParameters,
                assignments: &assignments)
        }
        return clientBody
    }
}
