/// The `Generated` module holds what SpecGen writes from `spec/openapi.yaml` (types, validators, the
/// operation table, 501 stubs) beside the small runtime that this generated code calls. It imports Foundation
/// and nothing server-specific, so everything in it can be tested without a server.
public enum GeneratedModule {
    /// The version of the spec the generated code was made from; `0.0.0` until the plugin fills the module.
    public static let specVersion = "0.0.0"
}
