import ChainKeys
import Generated
import Metrics

/// Ceki's implementation of the generated `APIHandler` protocol: one method per operationId of
/// `spec/openapi.yaml`, spread over one extension per tag (`CekiAPI+User.swift`, …). An operation not implemented
/// here keeps the generated default, which answers 501 `{"message": "Not implemented"}` after routing,
/// authentication and validation, so unbuilt operations are visible rather than faked.
///
/// Failures are thrown as ``APIProblem``s, which the HTTP layer renders in the spec's shapes.
public struct CekiAPI: APIHandler {
    /// The database every operation works on.
    public let pool: PostgresPool
    /// People's login, registration and email changes.
    public let users: UserAccess
    /// Agents' registration, verification and keys.
    public let agents: AgentAccess
    /// Calendars.
    public let kals: Kals
    /// The view of a kal over a date range: schedules, slots, events.
    public let kalViews: KalViews
    /// People's schedules.
    public let schedules: Schedules
    /// A schedule's slots and events, its next slot, previews.
    public let scheduleViews: ScheduleViews
    /// Who takes part in a schedule, with which levels.
    public let scheduleParticipants: ScheduleParticipants
    /// Bookings of schedules' slots.
    public let bookings: Bookings
    /// Events put into schedules by hand.
    public let scheduleEvents: ScheduleEvents
    /// Payments and deposits on schedules.
    public let schedulePayments: SchedulePayments
    /// Events: attendees' answers, deletion.
    public let events: Events
    /// Contracts: create, the detail a member sees, change, archive, restore.
    public let contracts: Contracts
    /// A contract's members with their roles and levels.
    public let contractMembers: ContractMembers
    /// A contract's hands: titles, withdrawn invitations, answers.
    public let contractHands: ContractHands
    /// A contract's events: created, changed, commented.
    public let contractEvents: ContractEvents
    /// A contract's events listed.
    public let contractEventLists: ContractEventLists
    /// Schedules attached to contract events.
    public let contractEventExports: ContractEventExports
    /// A contract's kal seen through a hand's work schedule.
    public let contractKalViews: ContractKalViews
    /// Upcoming events and an event's children.
    public let eventLists: EventLists
    /// Answers kept per `Idempotency-Key`.
    public let idempotencyKeys: IdempotencyKeys
    /// Kals' Google Calendar links (503 throughout when `google` is nil).
    public let kalSyncs: KalSyncs
    /// Schedules of other people found by skills, words, price and free time.
    public let specialistSearch: SpecialistSearch
    /// Agents' wallets, addresses, ledger and usage.
    public let wallets: Wallets
    /// Billed agent calls and their charges.
    public let billing: Billing
    /// Deposits reported by the operator or a chain watcher.
    public let deposits: Deposits
    /// Agents' own and public profiles.
    public let agentProfiles: AgentProfiles
    /// The public directory of active agents.
    public let agentDirectory: AgentDirectory
    /// Agents' own schedules.
    public let agentSchedules: AgentSchedules
    /// Agents' billed search and profile views of people.
    public let agentSpecialists: AgentSpecialists
    /// Time tracking: hands' sessions, stopped into charges.
    public let timeLogs: TimeLogs
    /// Users' address books.
    public let contacts: Contacts
    /// Charges on contracts, their events and hands (priced and limited by `HandCharges`).
    public let contractCharges: ContractCharges
    /// Deposits into contracts and to hands.
    public let contractDeposits: ContractDeposits
    /// Approving, paying, deleting and listing a contract's transactions.
    public let contractTransactions: ContractTransactions
    /// A contract's bills.
    public let contractBills: ContractBills
    /// People's profiles: one's own, changes to it, and others' public ones.
    public let profiles: UserProfiles
    /// Reveals of other people's email addresses and phone numbers, logged and limited.
    public let reveals: UserReveals
    /// Corrections to events: proposed, voted, applied; one event in full with its history.
    public let eventCorrections: EventCorrections
    /// Peer corrections to people's profiles.
    public let userCorrections: UserCorrections
    /// Other people's profiles with their schedules, kals and corrections.
    public let otherUsers: OtherUsers
    /// Uploads: checked, shrunk, stored and attached.
    public let uploads: Uploads

    /// The API over `pool`, with codes, mails and Google tokens keyed by `secret`; Google Calendar only when
    /// `google` is given; agents' prices and rates from `billing`, their deposit addresses from `keyring` (none
    /// without one: choosing a currency is then a 503); the time tracked from `clock`; uploads kept as `files` says;
    /// billed calls, 402s and booking conflicts counted in `metrics` (docs/metrics.md).
    public init(
        pool: PostgresPool, secret: ServerSecret, limits: IdentityLimits = IdentityLimits(),
        tokens: UserTokens = UserTokens(), codePolicy: OneTimeCodePolicy = OneTimeCodePolicy(),
        google: GoogleCalendarConfiguration? = nil, billing: BillingConfiguration = BillingConfiguration(),
        keyring: DepositKeyring? = nil, clock: WallClock = .system, files: FileConfiguration = FileConfiguration(),
        metrics: any MetricsFactory = NOOPMetricsHandler.instance
    ) {
        self.pool = pool
        self.users = UserAccess(pool: pool, secret: secret, tokens: tokens, limits: limits, codePolicy: codePolicy)
        let wallets = Wallets(pool: pool, addresses: DepositAddresses(keyring: keyring), configuration: billing)
        self.wallets = wallets
        self.agents = AgentAccess(pool: pool, secret: secret, wallets: wallets, limits: limits, codePolicy: codePolicy)
        self.kals = Kals(pool: pool)
        self.kalViews = KalViews(pool: pool)
        self.schedules = Schedules(pool: pool)
        self.scheduleViews = ScheduleViews(pool: pool)
        self.scheduleParticipants = ScheduleParticipants(pool: pool)
        self.bookings = Bookings(pool: pool, secret: secret, tokens: tokens, metrics: metrics)
        self.scheduleEvents = ScheduleEvents(pool: pool)
        self.schedulePayments = SchedulePayments(pool: pool)
        self.events = Events(pool: pool, secret: secret)
        self.contracts = Contracts(pool: pool)
        self.contractMembers = ContractMembers(pool: pool, secret: secret)
        self.contractHands = ContractHands(pool: pool, secret: secret)
        self.contractEvents = ContractEvents(pool: pool)
        self.contractEventLists = ContractEventLists(pool: pool)
        self.contractEventExports = ContractEventExports(pool: pool)
        self.contractKalViews = ContractKalViews(pool: pool)
        self.eventLists = EventLists(pool: pool)
        self.idempotencyKeys = IdempotencyKeys(pool: pool)
        self.kalSyncs = KalSyncs(pool: pool, secret: secret, configuration: google)
        self.specialistSearch = SpecialistSearch(pool: pool)
        let billed = Billing(pool: pool, configuration: billing, metrics: metrics)
        self.billing = billed
        self.deposits = Deposits(pool: pool, configuration: billing)
        self.agentProfiles = AgentProfiles(pool: pool, accesses: AgentAccessLog(pool: pool))
        self.agentDirectory = AgentDirectory(pool: pool)
        self.agentSchedules = AgentSchedules(pool: pool, billing: billed)
        self.agentSpecialists = AgentSpecialists(billing: billed, search: specialistSearch)
        self.timeLogs = TimeLogs(pool: pool, clock: clock)
        self.contacts = Contacts(pool: pool)
        self.contractCharges = ContractCharges(pool: pool)
        self.contractDeposits = ContractDeposits(pool: pool)
        self.contractTransactions = ContractTransactions(pool: pool)
        self.contractBills = ContractBills(pool: pool)
        self.profiles = UserProfiles(pool: pool, passwords: users.passwords)
        self.reveals = UserReveals(pool: pool)
        self.eventCorrections = EventCorrections(pool: pool)
        self.userCorrections = UserCorrections(pool: pool)
        self.otherUsers = OtherUsers(pool: pool)
        self.uploads = Uploads(
            pool: pool, store: DiskFileStore(root: files.root),
            images: ImageProcessor(
                maximumPixels: files.maximumPixels, storedSide: files.imageSide, thumbnailSide: files.thumbnailSide))
    }
}

extension Principal {
    /// The signed-in user of a `userToken` call, with the token that proved it.
    var user: AuthenticatedUser {
        get throws(IdentityError) {
            guard scheme == "userToken", let credential else { throw .unauthenticated }
            return AuthenticatedUser(userID: Int(id), tokenID: Int(credential))
        }
    }

    /// The agent of an `agentKey` call.
    var agentID: Int {
        get throws(IdentityError) {
            guard scheme == "agentKey" else { throw .unauthenticated }
            return Int(id)
        }
    }
}

extension Optional where Wrapped == Principal {
    /// The principal of an operation whose security requires one; the HTTP layer guarantees it, so nil is a 401
    /// rather than a crash.
    var required: Principal {
        get throws(IdentityError) {
            guard let self else { throw .unauthenticated }
            return self
        }
    }
}
