import Foundation
import Generated

/// Uploads (`uploadFiles`, and the files `registerUser` and `updateCurrentUser` carry): each file checked by its
/// content, never its name (docs/files.md), images shrunk with libvips and given a thumbnail, everything stored
/// under random names and recorded as the caller's, and optionally attached to schedules, hire postings and events
/// the caller may change.
///
/// Every problem of a request is one 422: a file over its field's limit, of the wrong kind or unreadable, an image
/// with too many pixels, an id that names nothing the caller sees. Nothing is stored unless all of it can be.
public struct Uploads: Sendable {
    let pool: PostgresPool
    let store: any FileStore
    let images: ImageProcessor
    let schedules: Schedules

    public init(pool: PostgresPool, store: any FileStore, images: ImageProcessor) {
        self.pool = pool
        self.store = store
        self.images = images
        self.schedules = Schedules(pool: pool)
    }

    /// Where files wait while they arrive.
    public var incomingDirectory: String { store.incomingDirectory }

    /// Where a stored file is read from, for the route that serves files.
    public func localPath(of key: FileKey) -> String? { store.localPath(of: key) }

    /// A stored file (or thumbnail) by key as the serving route needs it; nil when there is none or it was deleted.
    public func stored(_ key: FileKey) async throws -> StoredFile? {
        let rows = try await pool.query(
            """
            SELECT mime, name, kind FROM files
            WHERE (storage_key = \(key.value) OR thumbnail_key = \(key.value)) AND deleted_at IS NULL
            """)
        guard let row = rows.first else { return nil }
        return StoredFile(
            mime: try row.decode(String.self, "mime"), name: try row.decode(String.self, "name"),
            isImage: try row.decode(String.self, "kind") == "image")
    }

    /// What the serving route sends with a file.
    public struct StoredFile: Sendable, Hashable {
        public let mime: String
        public let name: String
        public let isImage: Bool
    }

    /// Stages the files of a form decoded whole (`registerUser`, `updateCurrentUser`, `uploadFiles` called
    /// directly) as the streaming route stages its own, keyed as errors name them (`docs.0`).
    public func stage(_ files: UploadedFiles) throws -> [StagedFile] {
        var staged: [StagedFile] = []
        var counts: [String: Int] = [:]
        do {
            for file in files.all {
                guard let field = FileField.named(file.field) else { continue }
                let index = counts[file.field, default: 0]
                counts[file.field] = index + 1
                staged.append(
                    try StagedFile.write(
                        file.bytes, field: field, key: field.key(at: index), filename: file.filename,
                        into: incomingDirectory))
            }
        } catch {
            Self.discard(staged)
            throw Problem.unavailable("The file store could not take the upload; try again later.")
        }
        return staged
    }

    /// `uploadFiles`: stores `staged` (the request's files, in the order sent) for the caller and attaches them to
    /// the records `body` names. The staged files are gone from the incoming folder when this returns.
    public func upload(_ body: Types.UploadFilesRequest, files staged: [StagedFile], by caller: Caller) async throws
        -> [Types.UploadedFile]
    {
        guard case .user(let owner) = caller else {
            Self.discard(staged)
            throw Problem.unauthenticated
        }
        var problems = ValidationErrors()
        let targets: AttachTargets
        do {
            targets = try await attachTargets(body, caller: caller, problems: &problems)
        } catch {
            Self.discard(staged)
            throw error
        }
        if staged.isEmpty {
            problems.add(.custom("Send at least one file: images, image, docs, video or videos."), at: "images")
        }
        let prepared = await prepare(staged, problems: &problems)
        defer { prepared.discard() }
        try problems.throwIfAny()
        return try await commit(prepared) { tx in
            let recorded = try await Self.record(prepared, owner: owner, on: tx)
            let ids = recorded.map(\.id)
            if !targets.schedules.isEmpty {
                try await tx.query(
                    """
                    UPDATE schedules SET files = files || \(ids)::bigint[], updated_at = now()
                    WHERE id = ANY(\(targets.schedules)::bigint[])
                    """)
            }
            if !targets.events.isEmpty {
                try await tx.query(
                    """
                    UPDATE events SET files = files || \(ids)::bigint[], updated_at = now()
                    WHERE id = ANY(\(targets.events)::bigint[])
                    """)
            }
            return recorded
        }
    }

    /// Checks each staged file against its field and prepares what will be stored; problems go to `problems`
    /// under the file's key (`images.0`). The result holds every local file made, to be discarded by the caller.
    public func prepare(_ staged: [StagedFile], problems: inout ValidationErrors) async -> PreparedUpload {
        var upload = PreparedUpload(files: [], localPaths: staged.map(\.path))
        for file in staged {
            if file.isOverLimit {
                problems.add(.custom(file.field.tooLarge(at: file.key)), at: file.key)
                continue
            }
            let wanted = Self.kindPhrase(file.field.kind)
            guard let type = SniffedType.sniff(file.head) else {
                problems.add(
                    .custom("The \(file.key) field must be \(wanted); this file is of a type Ceki does not take."),
                    at: file.key)
                continue
            }
            guard type.kind == file.field.kind else {
                problems.add(.custom("The \(file.key) field must be \(wanted); this file is \(type.description)."), at: file.key)
                continue
            }
            let keys = FileKey.random(fileExtension: type.fileExtension)
            guard type.kind == .image else {
                upload.files.append(
                    PreparedFile(
                        staged: file, type: type, key: keys.file, thumbnailKey: nil, path: file.path,
                        thumbnailPath: nil, size: file.size, sha256: file.sha256, width: nil, height: nil))
                continue
            }
            let storedPath = store.incomingDirectory + "/" + keys.file.value
            let thumbnailPath = store.incomingDirectory + "/" + keys.thumbnail.value
            upload.localPaths += [storedPath, thumbnailPath]
            do {
                let resized = try await images.resize(file.path, stored: storedPath, thumbnail: thumbnailPath)
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: storedPath)))
                upload.files.append(
                    PreparedFile(
                        staged: file, type: type, key: keys.file, thumbnailKey: keys.thumbnail, path: storedPath,
                        thumbnailPath: thumbnailPath, size: bytes.count, sha256: Secrets.hex(Secrets.sha256(bytes)),
                        width: resized.width, height: resized.height))
            } catch ImageProcessor.Refusal.tooManyPixels(let width, let height) {
                problems.add(
                    .custom(
                        "The \(file.key) field is an image of \(width) × \(height) pixels; at most "
                            + "\(images.maximumPixels / 1_000_000) million pixels are taken."),
                    at: file.key)
            } catch ImageProcessor.Refusal.unreadable(let reason) {
                problems.add(.custom("The \(file.key) field could not be read as \(type.description): \(reason)."), at: file.key)
            } catch {
                problems.add(.custom("The \(file.key) field could not be processed: \(error)."), at: file.key)
            }
        }
        return upload
    }

    /// Stores the prepared files and runs `records` (which writes their rows) in one transaction; when the
    /// transaction fails, the stored objects are removed again, so no file is kept without its record.
    public func commit<Result: Sendable>(
        _ prepared: PreparedUpload, _ records: (PostgresTransaction) async throws -> Result
    ) async throws -> Result {
        try await storing(prepared) { try await pool.transaction(records) }
    }

    /// Stores the prepared files, then runs `body`, which records them in a transaction of its own (a
    /// registration's, a profile change's); when it fails, the stored objects are removed again.
    public func storing<Result>(_ prepared: PreparedUpload, _ body: () async throws -> Result) async throws -> Result {
        do {
            try prepared.store(into: store)
        } catch {
            throw Problem.unavailable("The file store could not take the upload; try again later.")
        }
        do {
            return try await body()
        } catch {
            prepared.unstore(from: store)
            throw error
        }
    }

    /// Records a profile's files (`registerUser`, `updateCurrentUser`) as `owner`'s and makes them the profile's:
    /// the `ava` its avatar, the first of `docs` its CV (the others stay the owner's uploads, to be used by id).
    public static func recordProfileFiles(_ prepared: PreparedUpload, owner: Int, on tx: PostgresTransaction)
        async throws
    {
        guard !prepared.isEmpty else { return }
        let recorded = zip(prepared.files.map(\.staged.field.name), try await record(prepared, owner: owner, on: tx))
        let ava = recorded.first { $0.0 == "ava" }?.1.id
        let cv = recorded.first { $0.0 == "docs" }?.1.id
        try await tx.query(
            """
            UPDATE users SET ava_id = coalesce(\(ava), ava_id), cv_id = coalesce(\(cv), cv_id), updated_at = now()
            WHERE id = \(owner)
            """)
    }

    /// Writes the rows of `prepared` as `owner`'s files, answered as the spec's `UploadedFile`s in order.
    public static func record(_ prepared: PreparedUpload, owner: Int, on tx: PostgresTransaction)
        async throws -> [Types.UploadedFile]
    {
        var recorded: [Types.UploadedFile] = []
        for file in prepared.files {
            let rows = try await tx.query(
                """
                INSERT INTO files AS f (user_id, kind, name, mime, size, sha256, storage_key, thumbnail_key, width, height)
                VALUES (\(owner), \(file.type.kind.rawValue), \(file.displayName), \(file.type.mime), \(file.size),
                        \(file.sha256), \(file.key.value), \(file.thumbnailKey?.value), \(file.width), \(file.height))
                RETURNING \(UploadedFileJSON.sql) AS file
                """)
            recorded.append(try rows[0].decode(Types.UploadedFile.self, json: "file"))
        }
        return recorded
    }

    /// The schedules (hire postings among them) and events the files go to. One the caller cannot see, or a
    /// `job` that is not a hire posting, is a problem of that id; one the caller sees but may not change is 403.
    private func attachTargets(_ body: Types.UploadFilesRequest, caller: Caller, problems: inout ValidationErrors)
        async throws -> AttachTargets
    {
        var targets = AttachTargets()
        for (field, ids) in [("job", body.job ?? []), ("schedule", body.schedule ?? [])] {
            for (index, id) in ids.enumerated() {
                let found: (schedule: Types.Schedule, grant: Grant)
                do {
                    found = try await schedules.find(id, for: caller)
                } catch let problem as Problem where problem.status == 404 {
                    problems.add(.custom("The selected \(field).\(index) is invalid: no schedule \(id) of yours."), at: "\(field).\(index)")
                    continue
                }
                if field == "job", found.schedule.typeId.rawValue != 3 {
                    problems.add(.custom("Schedule \(id) is not a hire posting (type 3)."), at: "\(field).\(index)")
                    continue
                }
                try found.grant.requireWrite(
                    3, "Only the owner of schedule \(id), or a participant with write level 3, may attach files to it.")
                targets.schedules.append(id)
            }
        }
        for (index, id) in (body.event ?? []).enumerated() {
            let found: Events.Found
            do {
                found = try await Events.find(id, for: caller, lock: false, on: pool)
            } catch let problem as Problem where problem.status == 404 {
                problems.add(.custom("The selected event.\(index) is invalid: no event \(id) you can see."), at: "event.\(index)")
                continue
            }
            try found.grant.requireWrite(
                3, "Only the creator of event \(id), its kal's owner or a participant with write level 3 may attach files to it.")
            targets.events.append(id)
        }
        return targets
    }

    private struct AttachTargets {
        var schedules: [Int] = []
        var events: [Int] = []
    }

    static func kindPhrase(_ kind: SniffedType.Kind) -> String {
        switch kind {
        case .image: "an image (JPEG, PNG, GIF or WebP)"
        case .video: "a video (MP4, QuickTime, WebM or AVI)"
        case .document: "a document (PDF, Word, Excel, PowerPoint, OpenDocument, RTF or plain text)"
        }
    }

    /// Removes staged files from the incoming folder.
    public static func discard(_ staged: [StagedFile]) {
        for file in staged { unlink(file.path) }
    }
}

/// The spec's `UploadedFile` of a `files` row `f`; its URLs are `APP_URL/files/<key>` (`file_url`, m0020).
enum UploadedFileJSON {
    static let sql: SQLFragment = """
        jsonb_build_object('id', f.id, 'kind', f.kind, 'name', f.name, 'mime', f.mime, 'size', f.size,
                           'url', file_url(f.storage_key), 'thumbnail_url', file_url(f.thumbnail_key),
                           'width', f.width, 'height', f.height, 'created_at', f.created_at)
        """
}
