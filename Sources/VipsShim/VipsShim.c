#include "VipsShim.h"
#include <vips/vips.h>

int ceki_vips_start(void) {
    if (VIPS_INIT("ceki") != 0) return -1;
    vips_cache_set_max(0);
    vips_concurrency_set(1);
    vips_block_untrusted_set(TRUE);
    return 0;
}

int ceki_vips_size(const char *path, int *width, int *height) {
    VipsImage *image = vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    if (image == NULL) return -1;
    *width = vips_image_get_width(image);
    *height = vips_image_get_height(image);
    g_object_unref(image);
    return 0;
}

int ceki_vips_resize(const char *input, const char *output, int max_side, int *width, int *height) {
    VipsImage *image = NULL;
    if (vips_thumbnail(input, &image, max_side, "height", max_side, "size", VIPS_SIZE_DOWN, NULL) != 0) return -1;
    int status = vips_image_write_to_file(image, output, "strip", TRUE, NULL);
    if (status == 0) {
        *width = vips_image_get_width(image);
        *height = vips_image_get_height(image);
    }
    g_object_unref(image);
    return status;
}

const char *ceki_vips_error(void) { return vips_error_buffer(); }

void ceki_vips_error_clear(void) { vips_error_clear(); }
