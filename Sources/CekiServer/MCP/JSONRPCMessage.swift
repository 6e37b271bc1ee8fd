import Generated

/// One JSON-RPC 2.0 message as MCP sends it, read from the request body: a request (a method and an id), a
/// notification (a method, no id) or a response to something the server asked (neither, which a server that asks
/// nothing ignores).
enum JSONRPCMessage {
    case request(id: JSONValue, method: String, params: JSONObject)
    case notification(method: String)
    case response
    /// Not a JSON-RPC message: answered with -32600 (and the id, when one could be read).
    case invalid(id: JSONValue, reason: String)

    init(_ value: JSONValue) {
        guard let object = value.objectValue else {
            self = .invalid(id: .null, reason: "A JSON-RPC message is an object.")
            return
        }
        let id = object["id"]
        if let id, !Self.isValidID(id) {
            self = .invalid(id: .null, reason: "A JSON-RPC id is a string or a number.")
            return
        }
        guard object["jsonrpc"]?.stringValue == "2.0" else {
            self = .invalid(id: id ?? .null, reason: #"The message must have "jsonrpc": "2.0"."#)
            return
        }
        guard let methodValue = object["method"] else {
            self = object["result"] != nil || object["error"] != nil
                ? .response : .invalid(id: id ?? .null, reason: "The message has no method.")
            return
        }
        guard let method = methodValue.stringValue else {
            self = .invalid(id: id ?? .null, reason: "The method is a string.")
            return
        }
        let params: JSONObject
        switch object["params"] {
        case nil, .some(.null): params = JSONObject()
        case .some(.object(let given)): params = given
        default:
            self = .invalid(id: id ?? .null, reason: "MCP's params are an object.")
            return
        }
        if let id {
            self = .request(id: id, method: method, params: params)
        } else {
            self = .notification(method: method)
        }
    }

    private static func isValidID(_ id: JSONValue) -> Bool {
        switch id {
        case .string, .number: true
        default: false
        }
    }
}

/// A JSON-RPC error: its code and message, sent as the `error` of a response.
struct JSONRPCError: Error {
    var code: Int
    var message: String

    static func parse(_ message: String) -> Self { Self(code: -32700, message: message) }
    static func invalidRequest(_ message: String) -> Self { Self(code: -32600, message: message) }
    static func methodNotFound(_ method: String) -> Self {
        Self(code: -32601, message: "The method \(method) is not one this server offers.")
    }
    static func invalidParams(_ message: String) -> Self { Self(code: -32602, message: message) }
    static func internalError(_ message: String) -> Self { Self(code: -32603, message: message) }
}

/// JSON-RPC response objects.
enum JSONRPCResponse {
    static func result(id: JSONValue, _ result: JSONValue) -> JSONValue {
        .object(["jsonrpc": "2.0", "id": id, "result": result])
    }

    static func error(id: JSONValue, _ error: JSONRPCError) -> JSONValue {
        .object([
            "jsonrpc": "2.0", "id": id,
            "error": .object(["code": .number(JSONNumber(error.code)), "message": .string(error.message)]),
        ])
    }
}
