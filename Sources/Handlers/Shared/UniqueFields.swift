/// Runs `body`, turning a unique violation of one of `constraints` (constraint or unique index name → request
/// field) into a 422 on that field with Laravel's words ("The slug has already been taken."). The one helper every
/// insert or update that can collide uses, instead of a `catch` per call site; the database decides, so two racing
/// requests cannot both pass a check made beforehand.
public func mappingUniqueViolations<Result>(
    _ constraints: [String: String], _ body: () async throws -> Result
) async throws -> Result {
    do {
        return try await body()
    } catch PostgresError.server(let error) where error.isUniqueViolation {
        guard let constraint = error.constraint, let field = constraints[constraint] else {
            throw PostgresError.server(error)
        }
        throw Problem.invalid(field, "The \(field.split(separator: ".").last.map(String.init) ?? field) has already been taken.")
    }
}
