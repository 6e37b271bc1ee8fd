extension Migration {
    /// Every migration of the application, in order. The scripts live in `Database/Migrations/` and are built
    /// into the binary; a new file is added here with the next version number.
    public static let all: [Migration] = [
        Migration(version: 1, name: "foundation", sql: script(PackageResources.m0001_foundation_sql)),
        Migration(version: 2, name: "identity", sql: script(PackageResources.m0002_identity_sql)),
        Migration(version: 3, name: "registration", sql: script(PackageResources.m0003_registration_sql)),
        Migration(version: 4, name: "calendars", sql: script(PackageResources.m0004_calendars_sql)),
        Migration(version: 5, name: "schedules", sql: script(PackageResources.m0005_schedules_sql)),
        Migration(version: 6, name: "idempotency", sql: script(PackageResources.m0006_idempotency_sql)),
        Migration(version: 7, name: "schedule_payments_and_limits", sql: script(PackageResources.m0007_schedule_payments_and_limits_sql)),
        Migration(version: 8, name: "google_calendar", sql: script(PackageResources.m0008_google_calendar_sql)),
        Migration(version: 9, name: "specialist_search", sql: script(PackageResources.m0009_specialist_search_sql)),
        Migration(version: 10, name: "agent_billing", sql: script(PackageResources.m0010_agent_billing_sql)),
        Migration(version: 11, name: "contracts", sql: script(PackageResources.m0011_contracts_sql)),
        Migration(version: 12, name: "wallet_index_sequences", sql: script(PackageResources.m0012_wallet_index_sequences_sql)),
        Migration(version: 13, name: "ledger", sql: script(PackageResources.m0013_ledger_sql)),
        Migration(version: 15, name: "contract_invitations", sql: script(PackageResources.m0015_contract_invitations_sql)),
        Migration(version: 16, name: "contacts", sql: script(PackageResources.m0016_contacts_sql)),
        Migration(version: 18, name: "corrections", sql: script(PackageResources.m0018_corrections_sql)),
        Migration(version: 19, name: "people", sql: script(PackageResources.m0019_people_sql)),
        Migration(version: 20, name: "files", sql: script(PackageResources.m0020_files_sql)),
    ]

    private static func script(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
