import Foundation
import Generated

/// The optional profile an agent may give when it registers (`RegisterAgentRequest` beyond name, email and
/// currency), already validated by the spec's rules. List fields are kept as the JSON the client sent.
public struct AgentProfileDraft: Sendable, Equatable {
    public var avatar: String?
    public var ownerEmail: String?
    public var description: String?
    public var websiteURL: String?
    public var callbackURL: String?
    public var version: String?
    public var lastUpdatedAt: Date?
    public var limitations: String?
    public var sla: String?
    public var license: String?
    public var privacyURL: String?
    public var skills = PostgresJSON.emptyArray
    public var languages = PostgresJSON.emptyArray
    public var tags = PostgresJSON.emptyArray
    public var links = PostgresJSON.emptyArray
    public var inputFormats = PostgresJSON.emptyArray
    public var exampleRequests = PostgresJSON.emptyArray
    public var exampleResponses = PostgresJSON.emptyArray
    public var envRequirements = PostgresJSON.emptyArray

    public init() {}
}

extension PostgresJSON {
    /// `[]`, what a list column holds when nothing was given.
    public static let emptyArray = PostgresJSON(text: "[]")

    /// The JSON of a generated value (a spec type, an array of them), as a jsonb column stores it.
    public init(_ value: some JSONEncodable) {
        self.init(text: value.json.jsonText)
    }
}
