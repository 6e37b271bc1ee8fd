import Foundation

/// An operation's values → the request on the wire, by the operation's ``RequestRules``: parameters placed and
/// serialized by ``ParameterEncoding``, the body by its media type (JSON as compact JSON, forms by
/// ``FormEncoding``, text as UTF-8, bytes as they are). Beside the request it keeps what the server would read
/// from it (``EncodedRequest/sources``), so the client can run the server's own checks on exactly what it sends.
public enum RequestEncoding {
    /// `method` on `pathTemplate` (`/api/kals/{kal}`) with `values`, before any credentials are added.
    public static func encode(
        _ values: ClientRequestValues, method: String, path pathTemplate: String, rules: RequestRules
    ) -> EncodedRequest {
        var path = pathTemplate
        var pathTexts: [String: String] = [:]
        var query: [String] = []
        var headers: [(name: String, value: String)] = []
        var cookies: [String] = []
        for parameter in rules.parameters {
            guard let value = values.parameters[parameter.name] else { continue }
            switch parameter.location {
            case .path:
                let text = ParameterEncoding.path(parameter, value)
                path = path.replacingOccurrences(of: "{" + parameter.name + "}", with: text)
                // What the router hands the server: the segment percent-decoded.
                pathTexts[parameter.name] = PercentDecoding.decode(text, plusIsSpace: false)
            case .query:
                query += ParameterEncoding.query(parameter, value)
            case .header:
                headers.append((parameter.name, ParameterEncoding.header(parameter, value)))
            case .cookie:
                cookies.append(ParameterEncoding.cookie(parameter, value))
            }
        }
        if !cookies.isEmpty { headers.append(("Cookie", cookies.joined(separator: "; "))) }
        var body: [UInt8] = []
        if let content = values.body {
            let contentType: String
            (contentType, body) = encode(content, rules: rules)
            headers.append(("Content-Type", contentType))
        }
        let queryText = query.joined(separator: "&")
        let request = ClientRequest(
            method: method, path: queryText.isEmpty ? path : path + "?" + queryText, headers: headers, body: body)
        let sources = ParameterSources(
            path: pathTexts, query: QueryString(queryText),
            headers: Dictionary(headers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }))
        return EncodedRequest(request: request, sources: sources)
    }

    /// The `Content-Type` and bytes of a body.
    static func encode(_ body: ClientBody, rules: RequestRules) -> (contentType: String, bytes: [UInt8]) {
        switch body {
        case .json(let contentType, let value):
            return (contentType, value.encoded())
        case .form(let contentType, let value, let files):
            let formRules = rules.form ?? rules.media(for: contentType).flatMap(\.formRules) ?? FormRules()
            guard MediaTypeHeader(contentType).essence == "multipart/form-data" else {
                return (contentType, FormEncoding.urlencoded(value, rules: formRules))
            }
            let boundary = FormEncoding.boundary(avoiding: value, files: files)
            return (
                "multipart/form-data; boundary=\(boundary)",
                FormEncoding.multipart(value, files: files, rules: formRules, boundary: boundary)
            )
        case .text(let contentType, let text):
            return (contentType, Array(text.utf8))
        case .bytes(let raw):
            return (raw.contentType, raw.bytes)
        }
    }
}

/// A request ready to send, and what the server would read from it.
public struct EncodedRequest: Sendable {
    /// The request as it goes on the wire.
    public var request: ClientRequest
    /// The same request as the server's decoder sees it: path captures percent-decoded, the query parsed, the
    /// headers by name.
    public var sources: ParameterSources

    /// Runs the server's checks (``RequestRules/decode(_:body:parser:)``) on the request: what it would answer
    /// 400, 415 or 422 with is thrown here instead.
    public func check(_ rules: RequestRules) throws(RequestRejection) {
        _ = try rules.decode(sources, body: request.body)
    }
}

extension MediaRules {
    /// The form rules of a form media type; nil for any other reading.
    var formRules: FormRules? {
        if case .form(let rules) = reading { return rules }
        return nil
    }
}
