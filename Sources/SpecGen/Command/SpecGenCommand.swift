/// The `specgen` command line: a subcommand name, then that subcommand's arguments.
///
/// A hand-written parser instead of swift-argument-parser, so that SpecGen builds in seconds when the
/// build plugin needs it. New subcommands (`generate`, `diff`) slot in by conforming to ``Subcommand`` and
/// joining ``subcommands``.
enum SpecGenCommand {
    /// Every subcommand, in the order `specgen help` lists them.
    static var subcommands: [any Subcommand.Type] { [LintCommand.self, GenerateCommand.self, DiffCommand.self, ScaffoldCommand.self] }

    /// Runs the command line (`arguments` without the program name) and returns the exit status.
    static func run(_ arguments: [String], output: inout some TextOutputStream, errors: inout some TextOutputStream)
        -> Int32
    {
        guard let name = arguments.first else {
            print(usage, to: &errors)
            return ExitStatus.usage
        }
        if ["help", "-h", "--help"].contains(name) {
            print(usage, to: &output)
            return ExitStatus.success
        }
        guard let subcommand = subcommands.first(where: { $0.name == name }) else {
            print("specgen: unknown subcommand '\(name)'\n\n\(usage)", to: &errors)
            return ExitStatus.usage
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("-h") || rest.contains("--help") {
            print(subcommand.usage, to: &output)
            return ExitStatus.success
        }
        do {
            var arguments = ArgumentList(rest)
            let command = try subcommand.init(arguments: &arguments)
            try arguments.finish()
            return command.run(output: &output, errors: &errors)
        } catch {
            print("specgen \(name): \(error)\n\nusage: \(subcommand.usage)", to: &errors)
            return ExitStatus.usage
        }
    }

    /// The overall help text.
    static var usage: String {
        "usage: specgen <subcommand> [arguments]\n\nsubcommands:\n"
            + subcommands.map { "  \($0.usage)\n      \($0.abstract)" }.joined(separator: "\n")
    }
}

/// Exit statuses shared by every subcommand.
enum ExitStatus {
    /// Everything fine (warnings allowed).
    static let success: Int32 = 0
    /// The spec has errors.
    static let failure: Int32 = 1
    /// The command line was wrong, or a file could not be read.
    static let usage: Int32 = 2
}

/// One `specgen` subcommand.
protocol Subcommand {
    /// The word that selects it: `lint`.
    static var name: String { get }
    /// One line on what it does.
    static var abstract: String { get }
    /// Its synopsis: `lint SPEC`.
    static var usage: String { get }
    /// Takes its options and operands from `arguments`; throws an ``ArgumentError`` for bad ones.
    init(arguments: inout ArgumentList) throws(ArgumentError)
    /// Does the work; returns the exit status.
    func run(output: inout some TextOutputStream, errors: inout some TextOutputStream) -> Int32
}

/// What was wrong with a command line.
enum ArgumentError: Error, Equatable, CustomStringConvertible {
    case missingOperand(String)
    case missingValue(option: String)
    case unexpected(String)

    var description: String {
        switch self {
        case .missingOperand(let name): "missing \(name)"
        case .missingValue(let option): "option '\(option)' needs a value"
        case .unexpected(let argument): "unexpected argument '\(argument)'"
        }
    }
}

/// The arguments left to consume: options (`--output DIR`, `--output=DIR`, flags) and operands, in any order.
struct ArgumentList {
    private var remaining: [String]

    init(_ arguments: [String]) {
        self.remaining = arguments
    }

    /// Removes and returns the value of `--name VALUE` or `--name=VALUE`; nil when absent.
    mutating func option(_ name: String) throws(ArgumentError) -> String? {
        for (index, argument) in remaining.enumerated() {
            if argument == name {
                guard index + 1 < remaining.count, !remaining[index + 1].hasPrefix("--") else {
                    throw .missingValue(option: name)
                }
                let value = remaining[index + 1]
                remaining.removeSubrange(index...index + 1)
                return value
            }
            if argument.hasPrefix(name + "=") {
                remaining.remove(at: index)
                return String(argument.dropFirst(name.count + 1))
            }
        }
        return nil
    }

    /// Removes `--name` and says whether it was there.
    mutating func flag(_ name: String) -> Bool {
        guard let index = remaining.firstIndex(of: name) else { return false }
        remaining.remove(at: index)
        return true
    }

    /// Removes and returns the next operand (an argument not starting with `-`, or anything after `--`).
    mutating func operand(_ name: String) throws(ArgumentError) -> String {
        let separator = remaining.firstIndex(of: "--") ?? remaining.endIndex
        if let index = remaining[..<separator].firstIndex(where: { !$0.hasPrefix("-") || $0 == "-" }) {
            return remaining.remove(at: index)
        }
        guard separator + 1 < remaining.count else { throw .missingOperand(name) }
        return remaining.remove(at: separator + 1)
    }

    /// Throws for whatever nobody consumed.
    mutating func finish() throws(ArgumentError) {
        remaining.removeAll { $0 == "--" }
        if let first = remaining.first { throw .unexpected(first) }
    }
}

/// Writes to standard output or standard error through `print(_:to:)`.
struct StandardStream: TextOutputStream {
    /// 1 for standard output, 2 for standard error.
    let descriptor: Int32

    mutating func write(_ string: String) {
        var text = string
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }
}
