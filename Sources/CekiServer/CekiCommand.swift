import ArgumentParser
import Foundation
import Handlers
import Hummingbird
import Logging
import ServiceLifecycle
import TerminalProgress

/// `ceki`: the server's command line. `ceki serve` (the default) applies pending migrations and serves;
/// `ceki migrate` only applies them. The `ceki` executable (Sources/Ceki) only runs this.
public struct CekiCommand: AsyncParsableCommand {
    public init() {}

    /// Parses `arguments` (the process's when nil) and runs the subcommand asked for, awaiting it, then exits
    /// as ArgumentParser does. The executable calls this rather than `main()`: from another module the call
    /// `await CekiCommand.main()` resolved to the synchronous `ParsableCommand.main()`, which refuses to run an
    /// asynchronous command ("needs availability annotation") and served nothing.
    public static func runFromCommandLine(_ arguments: [String]? = nil) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    public static let configuration = CommandConfiguration(
        commandName: "ceki",
        abstract: "The Ceki API server.",
        discussion: "Configuration comes from the environment: HOST, PORT, DATABASE_URL, DB_POOL_SIZE, "
            + "DB_TRANSACTION_POOL_SIZE, DB_STATEMENT_TIMEOUT_MS, LOG_LEVEL, LOG_FORMAT, APP_SECRET, SMTP_URL, MAIL_FROM, RATE_LIMIT_*, GOOGLE_*, "
            + "WALLET_*, BILLING_*, METRICS_TOKEN (see README.md).",
        subcommands: [Serve.self, Migrate.self, Wallet.self],
        defaultSubcommand: Serve.self)
}

extension CekiCommand {
    /// Applies pending migrations, then serves until SIGTERM or SIGINT, finishing the requests in flight.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply pending migrations and serve HTTP.")

        func run() async throws {
            let metrics = ServerMetrics()
            let (configuration, logger, pool) = try await CekiCommand.migratedDatabase(metrics: metrics)
            defer { pool.shutdown() }
            if configuration.secretIsEphemeral {
                logger.warning("APP_SECRET is not set: using a random secret; codes and queued mails die with this process")
            }
            if configuration.smtp == nil {
                logger.notice("SMTP_URL is not set: mails are logged and kept in the outbox, not sent")
            }
            let app = buildApplication(configuration: configuration, pool: pool, logger: logger, metrics: metrics)
            let mail = MailDeliveryService(
                worker: MailDeliveryWorker(
                    pool: pool, outbox: MailOutbox(secret: configuration.secret),
                    transport: configuration.smtp.map(SMTPClient.init(configuration:)),
                    logger: Logger(label: "ceki.mail"), metrics: metrics.factory))
            var services: [any Service] = [app, mail]
            if let google = configuration.google {
                services.append(
                    GoogleCalendarSyncService(
                        sync: GoogleCalendarSync(
                            pool: pool, configuration: google, secret: configuration.secret,
                            logger: Logger(label: "ceki.google"))))
            } else {
                logger.notice("GOOGLE_CLIENT_ID is not set: the Google Calendar operations answer 503")
            }
            let group = ServiceGroup(
                configuration: .init(
                    services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }

    /// Applies pending migrations and exits.
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

        func run() async throws {
            let configuration = try ServerConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
            let logger = LogBootstrap.run(configuration)
            let applied = try await CekiCommand.migrate(configuration, logger: logger)
            print(applied.isEmpty ? "no pending migration" : "applied \(applied.map { "\($0.version) \($0.name)" }.joined(separator: ", "))")
        }
    }
}

extension CekiCommand {
    /// Operators' wallet commands.
    struct Wallet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Operate on agents' wallets.", subcommands: [Deposit.self, Import.self])
    }

    /// `ceki wallet deposit --wallet ID --amount A --tx HASH [--confirmations N]`: records a deposit seen on the
    /// chain. Reporting the same transaction again credits nothing; with more confirmations it confirms a
    /// pending deposit. Prints the deposit as the ledger holds it (JSON) and the agent's status.
    struct Deposit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a deposit received at a wallet's address.")

        @Option(help: "The wallet's id.") var wallet: Int
        @Option(help: "The amount received, in the wallet's currency (a decimal like 20.5).") var amount: String
        @Option(name: .customLong("tx"), help: "The chain transaction's hash.") var txHash: String
        @Option(help: "Confirmations seen so far (default: as many as the chain needs).") var confirmations: Int?

        func run() async throws {
            let (configuration, _, pool) = try await CekiCommand.migratedDatabase()
            defer { pool.shutdown() }
            let billing = configuration.wallets.billing
            let deposits = Deposits(pool: pool, configuration: billing)
            do {
                let outcome = try await deposits.record(
                    to: .wallet(wallet), amount: amount, txHash: txHash,
                    confirmations: confirmations ?? billing.requiredConfirmations.values.max() ?? 1)
                print(outcome.transaction.json.jsonText)
                print(outcome.changed ? "recorded; agent is \(outcome.agentStatus.rawValue)"
                      : "already recorded; nothing changed; agent is \(outcome.agentStatus.rawValue)")
            } catch let problem as any APIProblem {
                throw ValidationError(problem.responseBody.jsonText)
            }
        }
    }
}

extension CekiCommand {
    /// `ceki wallet import FILE`: records the deposits of a chain watcher's export, one per line as
    /// `wallet,amount,tx[,confirmations]` (blank lines, `#` comments and a header line starting with `wallet` are
    /// skipped; `-` reads standard input). Each is recorded as `ceki wallet deposit` records one, so importing the
    /// same file again changes nothing. A refused line is reported on standard error with its number and the rest
    /// go on; the command prints a summary and fails when any line was refused. Its progress shows on a terminal.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the deposits listed in a CSV file.")

        @Argument(help: "The file: wallet,amount,tx[,confirmations] per line; - for standard input.") var file: String

        /// One line to record.
        struct Entry {
            var line: Int
            var wallet: Int
            var amount: String
            var txHash: String
            var confirmations: Int?
        }

        /// The entries of `text`, and the lines that are not entries (with their numbers).
        static func entries(_ text: String) -> (entries: [Entry], malformed: [String]) {
            var entries: [Entry] = []
            var malformed: [String] = []
            for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if line.isEmpty || line.hasPrefix("#") || (index == 0 && line.lowercased().hasPrefix("wallet")) {
                    continue
                }
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                guard (3...4).contains(fields.count), let wallet = Int(fields[0]),
                    fields.count == 3 || Int(fields[3]) != nil
                else {
                    malformed.append("line \(index + 1): expected wallet,amount,tx[,confirmations]: \(line)")
                    continue
                }
                entries.append(
                    Entry(
                        line: index + 1, wallet: wallet, amount: fields[1], txHash: fields[2],
                        confirmations: fields.count == 4 ? Int(fields[3]) : nil))
            }
            return (entries, malformed)
        }

        func run() async throws {
            let data =
                file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
            let (entries, malformed) = Self.entries(String(decoding: data, as: UTF8.self))
            let (configuration, _, pool) = try await CekiCommand.migratedDatabase()
            defer { pool.shutdown() }
            let billing = configuration.wallets.billing
            let deposits = Deposits(pool: pool, configuration: billing)
            let progress = TerminalProgress("importing deposits")
            var refused = malformed
            var recorded = 0
            var unchanged = 0
            for (index, entry) in entries.enumerated() {
                progress.update(index, of: entries.count, entry.txHash)
                do {
                    let outcome = try await deposits.record(
                        to: .wallet(entry.wallet), amount: entry.amount, txHash: entry.txHash,
                        confirmations: entry.confirmations ?? billing.requiredConfirmations.values.max() ?? 1)
                    if outcome.changed { recorded += 1 } else { unchanged += 1 }
                } catch let problem as any APIProblem {
                    refused.append("line \(entry.line): \(problem.responseBody.jsonText)")
                }
            }
            progress.update(entries.count, of: entries.count)
            progress.finish()
            for refusal in refused { FileHandle.standardError.write(Data((refusal + "\n").utf8)) }
            print("\(recorded) recorded, \(unchanged) already recorded, \(refused.count) refused")
            if !refused.isEmpty { throw ExitCode(1) }
        }
    }
}

extension CekiCommand {
    /// The environment's configuration, the process's logger, and a pool over the database with every pending
    /// migration applied: what the commands that work on the database start with. The caller shuts the pool down.
    /// With `metrics`, the pool records its statements' latency there.
    static func migratedDatabase(metrics: ServerMetrics? = nil) async throws -> (ServerConfiguration, Logger, PostgresPool) {
        let configuration = try ServerConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
        let logger = LogBootstrap.run(configuration)
        try await migrate(configuration, logger: logger)
        return (
            configuration, logger,
            PostgresPool(configuration: configuration.database, logger: logger, metrics: metrics?.factory)
        )
    }
}

extension CekiCommand {
    /// Applies pending migrations, with their progress on the terminal (when standard error is one: there the line
    /// replaces the per-migration log lines, which would break it; elsewhere nothing is drawn and they are logged).
    @discardableResult
    static func migrate(_ configuration: ServerConfiguration, logger: Logger) async throws -> [Migration] {
        let progress = TerminalProgress("migrating")
        defer { progress.finish() }
        var migratorLogger = logger
        if progress.isShown { migratorLogger.logLevel = max(logger.logLevel, .notice) }
        return try await Migrator(configuration: configuration.database, logger: migratorLogger).migrate {
            done, total, next in
            progress.update(done, of: total, next.map { "\($0.version) \($0.name)" } ?? "")
        }
    }
}

enum LogBootstrap {
    /// Installs the process-wide log handler once and returns the server's logger.
    static func run(_ configuration: ServerConfiguration) -> Logger {
        let level = configuration.logLevel
        switch configuration.logFormat {
        case .json:
            LoggingSystem.bootstrap { label in
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        var logger = Logger(label: "ceki")
        logger.logLevel = level
        return logger
    }
}
