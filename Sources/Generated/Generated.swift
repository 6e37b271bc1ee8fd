@_exported import SpecGenRuntime

/// The `Generated` module holds what SpecGen writes from `spec/openapi.yaml` (types, validators, the operation
/// table, 501 stubs); the runtime this code calls is the `SpecGenRuntime` library, re-exported so that importing
/// `Generated` is enough. Nothing in it is server-specific, so everything can be tested without a server.
public enum GeneratedModule {
    /// The version of the spec the generated code was made from; `0.0.0` until the plugin fills the module.
    public static let specVersion = "0.0.0"
}
