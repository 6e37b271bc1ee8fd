extension OperationDiff {
    /// Compares the request body: whether there is one and must be sent, its media types, and each media
    /// type's schema as something clients send (field `body`).
    mutating func compareRequestBody() {
        switch (old.requestBody, new.requestBody) {
        case (nil, nil):
            return
        case (nil, let body?):
            record(.requestBodyAdded(required: body.required), at: FieldPath("body"), on: .request)
        case (_?, nil):
            record(.requestBodyRemoved, at: FieldPath("body"), on: .request)
        case (let before?, let after?):
            if !before.required, after.required { record(.fieldMadeRequired, at: FieldPath("body"), on: .request) }
            if before.required, !after.required { record(.fieldMadeOptional, at: FieldPath("body"), on: .request) }
            compareContent(before.content, after.content, on: .request) { mediaType, single in
                FieldPath(single ? "body" : "body(\(mediaType))")
            }
        }
    }

    /// Compares the responses by status: a documented status must stay; each remaining response's headers and
    /// bodies are compared as something clients read (fields `response 200 …`).
    mutating func compareResponses() {
        for response in old.responses {
            let prefix = "response \(response.status)"
            guard let counterpart = new.responses.first(where: { $0.status == response.status }) else {
                record(.responseRemoved, at: FieldPath(prefix: prefix), on: .response)
                continue
            }
            compareHeaders(response.headers, counterpart.headers, prefix: prefix)
            compareContent(response.content, counterpart.content, on: .response) { mediaType, single in
                FieldPath(prefix: single ? prefix : "\(prefix) (\(mediaType))")
            }
        }
        for response in new.responses where !old.responses.contains(where: { $0.status == response.status }) {
            record(.responseAdded, at: FieldPath(prefix: "response \(response.status)"), on: .response)
        }
    }

    /// Compares the media types of a body by their essence (`application/json`), then their schemas. A body with
    /// one media type names its fields plainly; with several, `field(media)` says which one.
    private mutating func compareContent(
        _ before: [MediaType], _ after: [MediaType], on side: ChangeSide,
        field: (String, Bool) -> FieldPath
    ) {
        let single = before.count == 1 && after.count <= 1
        for mediaType in before {
            let place = field(mediaType.essence, single)
            guard let counterpart = after.first(where: { $0.essence == mediaType.essence }) else {
                record(.mediaTypeRemoved(mediaType.essence), at: place, on: side)
                continue
            }
            compareSchemas(
                mediaType.schema.map { [$0] } ?? [], counterpart.schema.map { [$0] } ?? [], at: place, on: side)
        }
        for mediaType in after where !before.contains(where: { $0.essence == mediaType.essence }) {
            record(.mediaTypeAdded(mediaType.essence), at: field(mediaType.essence, single), on: side)
        }
    }

    /// Compares response headers like response properties: a header clients could rely on must stay.
    private mutating func compareHeaders(_ before: OrderedMap<Header>, _ after: OrderedMap<Header>, prefix: String) {
        for header in before {
            let field = FieldPath(prefix: prefix, "header.\(header.name)")
            guard let counterpart = after.first(where: { $0.name.lowercased() == header.name.lowercased() })?.value
            else {
                record(.fieldRemoved(refusedWhenSent: false), at: field, on: .response)
                continue
            }
            if header.value.required, !counterpart.required { record(.fieldMadeOptional, at: field, on: .response) }
            if !header.value.required, counterpart.required { record(.fieldMadeRequired, at: field, on: .response) }
            compareSchemas([header.value.schema], [counterpart.schema], at: field, on: .response)
        }
        for header in after where !before.contains(where: { $0.name.lowercased() == header.name.lowercased() }) {
            record(
                .fieldAdded(required: header.value.required), at: FieldPath(prefix: prefix, "header.\(header.name)"),
                on: .response)
        }
    }
}
