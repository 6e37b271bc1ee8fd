/// The spec as a reader sees it, for the server to serve: `Reference.swift` holds the reference page
/// (``ReferencePage``, `GET /docs`) and the document as JSON (``DocumentJSON``, `GET /openapi.json`), both made
/// at build time, as multi-line raw string literals (fast to compile, whatever they hold).
struct ReferenceTranslator {
    let document: OpenAPIDocument
    /// The document's JSON text; nil when it could not be made (the constant is then empty).
    let json: String?

    func file() -> SwiftFile {
        let title = "\(document.info.title) \(document.info.version)"
        return SwiftFile(
            name: "Reference.swift", imports: [],
            declarations: [
                .type(
                    SwiftTypeDeclaration(
                        doc: DocComment("The reference of \(title), rendered from the spec when it was built."),
                        kind: .enum, name: "Reference",
                        members: [
                            .variable(
                                SwiftVariable(
                                    doc: DocComment(
                                        "The HTML reference page: every operation by tag, its rules, security and responses (`GET /docs`)."
                                    ),
                                    isStatic: true, isLet: true, name: "html", type: "String",
                                    value: .multilineRawString(ReferencePage.render(document)))),
                            .variable(
                                SwiftVariable(
                                    doc: DocComment("The spec document as JSON (`GET /openapi.json`)."),
                                    isStatic: true, isLet: true, name: "openAPIJSON", type: "String",
                                    value: .multilineRawString(json ?? ""))),
                        ]))
            ])
    }
}
