#ifndef CEKI_VIPS_SHIM_H
#define CEKI_VIPS_SHIM_H

/// libvips's entry points are C variadics (`vips_thumbnail(path, &out, width, "height", h, NULL)`), which Swift
/// cannot call; these wrap the few Ceki uses with fixed arguments. Each returns 0 on success and -1 on failure,
/// with libvips's message in ceki_vips_error().

/// Starts libvips once for the process: no operation cache (every upload is new), one worker thread per image
/// (the server runs several requests at once), and loaders libvips marks untrusted blocked.
int ceki_vips_start(void);

/// The image's size in pixels from its header alone (nothing is decoded), so a decompression bomb is refused
/// before it is expanded.
int ceki_vips_size(const char *path, int *width, int *height);

/// Shrinks the image at `input` to fit `max_side` × `max_side` (never enlarging), shrinking while decoding where
/// the format allows, and writes it to `output`, whose suffix picks the format (`.jpg`, `.png`, `.webp`).
/// Metadata (EXIF, GPS) is stripped; the orientation is applied first. The written size goes to width/height.
int ceki_vips_resize(const char *input, const char *output, int max_side, int *width, int *height);

/// The last failure's message (libvips keeps one buffer for the process), and clearing it.
const char *ceki_vips_error(void);
void ceki_vips_error_clear(void);

#endif
