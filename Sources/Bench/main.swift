// ceki-bench: the benchmarks scripts/bench runs. Figures go to docs/benchmarks.md; never run by the tests.
import Foundation

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "pool":
    try await PoolBenchmark.run(arguments: Array(arguments.dropFirst()))
case "slots":
    try SlotBenchmark.run()
case "validation":
    ValidationBenchmark.run()
case "search":
    try await SearchBenchmark.run()
case "agents-seed":
    try await AgentSeedCommand.run()
default:
    FileHandle.standardError.write(Data("usage: ceki-bench pool|slots|validation|search|agents-seed\n".utf8))
    exit(2)
}
