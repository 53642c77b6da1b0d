/* Log texts of ERROR_REPORT: in flash on the AVR (2 KiB of RAM cannot hold them), plain strings on
 * the host. PLM_TEXT is used only inside functions (PSTR's rule). */
#ifndef PLM_TEXT_H
#define PLM_TEXT_H
#include <stddef.h>
#include <string.h>
#ifdef __AVR__
#include <avr/pgmspace.h>
#define PLM_TEXT(s) PSTR(s)
static inline size_t plm_text_len(const char *t) { return strlen_P(t); }
static inline void plm_text_copy(void *dst, const char *t, size_t n) { memcpy_P(dst, t, n); }
#else
#define PLM_TEXT(s) (s)
static inline size_t plm_text_len(const char *t) { return strlen(t); }
static inline void plm_text_copy(void *dst, const char *t, size_t n) { memcpy(dst, t, n); }
#endif
#endif
