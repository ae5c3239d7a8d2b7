/* Pictures that data puts into documents: PNG and JPEG, named by a path
 * relative to the data file or given inline as a data: URI. A picture is
 * believed only after it was decoded whole by the real decoder (libpng,
 * libjpeg-turbo): a name, a header or a magic number can lie, a truncated or
 * corrupt file is refused before any document is written. The limits below
 * keep a hostile file from costing more than a real picture would
 * (docs/pictures.md). */
#ifndef VB_MEDIA_MEDIA_H
#define VB_MEDIA_MEDIA_H
#include <stddef.h>

typedef enum vb_media_type { VB_MEDIA_NONE = 0, VB_MEDIA_PNG = 1, VB_MEDIA_JPEG = 2 } vb_media_type;

/* Limits. A picture file (or the bytes of a data: URI) over VB_MEDIA_MAX_BYTES
 * is refused without being read; a picture over VB_MEDIA_MAX_PIXELS pixels,
 * or with a side over VB_MEDIA_MAX_SIDE, is refused from its header, before
 * anything is decoded. A scan of an A4 page at 300 dpi is 2480 × 3508 = 8.7
 * million pixels. */
enum {
  VB_MEDIA_MAX_BYTES = 20 * 1024 * 1024,
  VB_MEDIA_MAX_PIXELS = 40 * 1000 * 1000,
  VB_MEDIA_MAX_SIDE = 20000
};

typedef struct vb_media_info {
  vb_media_type type;
  unsigned width, height; /* pixels */
  double dpi_x, dpi_y;    /* the resolution the file states, 0 when it states none */
} vb_media_info;

/* Why a picture was refused. */
typedef enum vb_media_error {
  VB_MEDIA_OK = 0,
  VB_MEDIA_E_FORMAT,     /* neither PNG nor JPEG (whatever its name says) */
  VB_MEDIA_E_CORRUPT,    /* the decoder found it broken or truncated */
  VB_MEDIA_E_PIXELS,     /* more pixels than VB_MEDIA_MAX_PIXELS / VB_MEDIA_MAX_SIDE */
  VB_MEDIA_E_SIZE,       /* more bytes than VB_MEDIA_MAX_BYTES */
  VB_MEDIA_E_MISSING,    /* no such file */
  VB_MEDIA_E_UNREADABLE, /* a directory, no permission, a read error */
  VB_MEDIA_E_OUTSIDE,    /* a path outside the data file's folder (not allowed) */
  VB_MEDIA_E_URI,        /* a malformed data: URI */
  VB_MEDIA_E_EMPTY       /* an empty file */
} vb_media_error;

/* The type the bytes start like (magic number), or VB_MEDIA_NONE. */
vb_media_type vb_media_sniff(const unsigned char *bytes, size_t len);

/* Decode the picture whole, row by row (memory: one row), checking every
 * CRC and marker; refuse it when it is not a complete PNG or JPEG within the
 * limits. On success fills *info. Warnings of the decoders (a premature end
 * of the JPEG data, say) are refusals too. */
vb_media_error vb_media_check(const unsigned char *bytes, size_t len, vb_media_info *info);

/* Only the header: type, size and resolution, without decoding the pixels
 * (what the document model needs to lay a picture out). */
vb_media_error vb_media_probe(const unsigned char *bytes, size_t len, vb_media_info *info);

/* "png", "jpeg" (the extension of the part that holds it). */
const char *vb_media_ext(vb_media_type t);
/* "image/png", "image/jpeg". */
const char *vb_media_mime(vb_media_type t);

/* --- where a picture comes from -------------------------------------------- */

/* 1 when ref is a data: URI. */
int vb_media_is_data_uri(const char *ref, size_t len);

/* Decode a data: URI ("data:image/png;base64,…", or percent-encoded) into
 * *bytes (malloc'd). The media type written in the URI is not trusted: the
 * bytes are what counts. */
vb_media_error vb_media_decode_uri(const char *ref, size_t len, unsigned char **bytes,
                                   size_t *out_len);

/* The file a reference names: ref is a path relative to base_dir (the data
 * file's folder; "." when it has none) or absolute. Unless allow_outside,
 * the real path (symbolic links followed) must be inside the real base_dir.
 * *resolved (malloc'd) is the real path on success. */
vb_media_error vb_media_resolve(const char *ref, const char *base_dir, int allow_outside,
                                char **resolved);

/* Read a resolved file whole (refusing one over VB_MEDIA_MAX_BYTES before
 * reading it). */
vb_media_error vb_media_read(const char *path, unsigned char **bytes, size_t *len);

/* The folder of a data file's path ("." when it has none), malloc'd. */
char *vb_media_base_dir(const char *data_path);

#endif
