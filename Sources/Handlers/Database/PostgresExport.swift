/// The libpq layer is a module of its own, below the domain (it knows no table of ours). Handlers re-exports it so
/// that the server, the benchmarks and the tests reach the pool, queries, rows and errors with `import Handlers`,
/// and every file of this module sees them without an import of its own.
@_exported import Postgres
