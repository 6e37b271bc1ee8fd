// specgen: spec/openapi.yaml → OpenAPI model → (later) Swift code. See SpecGenCommand for the subcommands.
var standardOutput = StandardStream(descriptor: 1)
var standardError = StandardStream(descriptor: 2)
exitProcess(
    SpecGenCommand.run(Array(CommandLine.arguments.dropFirst()), output: &standardOutput, errors: &standardError))
