import Foundation

@testable import SpecGen

/// What tests of the `specgen` command line share: running it in-process with its output captured, and spec
/// files to run it on.
protocol CommandLineTesting {}

/// Collects what a command prints.
struct CapturedOutput: TextOutputStream {
    var text = ""
    mutating func write(_ string: String) { text += string }
}

extension CommandLineTesting {
    /// Runs `specgen` with `arguments`; returns the exit status and what it printed to each stream.
    func run(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
        var output = CapturedOutput()
        var errors = CapturedOutput()
        let status = SpecGenCommand.run(arguments, output: &output, errors: &errors)
        return (status, output.text, errors.text)
    }

    /// A new temporary `.yaml` file holding `contents`; returns its path.
    func temporaryFile(_ contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("specgen-\(UUID().uuidString).yaml")
            .path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
