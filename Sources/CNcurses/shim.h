// Swift cannot see ncurses' macros and C globals (stdscr, COLS, A_BOLD...);
// these accessors give them to it.
#ifndef KPATH_CNCURSES_SHIM_H
#define KPATH_CNCURSES_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

extern int wcwidth(wchar_t);

static inline WINDOW *nc_stdscr(void) { return stdscr; }
static inline int nc_lines(void) { return LINES; }
static inline int nc_cols(void) { return COLS; }
static inline int nc_colors(void) { return COLORS; }
static inline FILE *nc_stdout(void) { return stdout; }
static inline FILE *nc_stdin(void) { return stdin; }
static inline int nc_has_cursor_addressing(void) { return tigetstr("cup") != NULL && tigetstr("cup") != (char *)-1; }
static const attr_t NC_A_NORMAL = A_NORMAL;
static const attr_t NC_A_BOLD = A_BOLD;
static const attr_t NC_A_REVERSE = A_REVERSE;
static const attr_t NC_A_UNDERLINE = A_UNDERLINE;
static const attr_t NC_A_DIM = A_DIM;
static inline int nc_key_f(int n) { return KEY_F(n); }
static inline const char *nc_codeset(void) { return nl_langinfo(CODESET); }
#endif
