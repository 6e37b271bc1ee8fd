import Handlers
import Hummingbird

/// `GET /files/<key>`: a stored upload, outside the spec (it is what `UploadedFile.url` points at). Keys are random
/// and unguessable, so the URL is the capability, as a storage bucket's object URLs are; a deleted file is 404.
///
/// The type sent is the one sniffed at upload, never the client's, and `X-Content-Type-Options: nosniff` keeps
/// browsers from guessing another; anything but an image is `Content-Disposition: attachment`, so a document
/// opens as a download and never as a page of this origin.
struct FileRoute {
    let uploads: Uploads

    func register(on router: Router<CekiRequestContext>) {
        let fileIO = FileIO()
        router.get("/files/:key") { _, context -> Response in
            guard let text = context.parameters.get("key"), let key = FileKey(text),
                let file = try await uploads.stored(key), let path = uploads.localPath(of: key)
            else { throw JSONErrorResponse(status: .notFound, message: "No such file.") }
            var headers = HTTPFields()
            headers[.contentType] = file.mime
            headers[.init("X-Content-Type-Options")!] = "nosniff"
            headers[.cacheControl] = "private, max-age=86400, immutable"
            if !file.isImage {
                let fallback = String(file.name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
                headers[.contentDisposition] =
                    "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(Self.percentEncoded(file.name))"
            }
            return Response(status: .ok, headers: headers, body: try await fileIO.loadFile(path: path, context: context))
        }
    }

    /// RFC 8187's encoding of a file name: unreserved ASCII as is, every other byte `%XX`.
    static func percentEncoded(_ name: String) -> String {
        var out = ""
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
