// Thin C shim over libedit for Swift.
//
// Swift cannot call C variadic functions (el_set, el_wset, el_get, history_w), and in Swift 6
// language mode the Glibc globals stdin/stdout/stderr are not concurrency-safe. Every such call
// is wrapped here in a small static inline function, so the Swift side never touches them.
#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H

#include <histedit.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

typedef unsigned char (*cel_func_t)(EditLine *, int);
typedef wchar_t *(*cel_wprompt_t)(EditLine *);

// MARK: locale

/// setlocale(LC_CTYPE, ""); if the resulting codeset is not UTF-8 (e.g. LANG unset), force
/// LC_CTYPE to C.UTF-8 so that wide-character input and output work. Returns 1 if UTF-8 is active.
/// Only LC_CTYPE is changed: LC_NUMERIC etc. stay "C" so number formatting elsewhere in the
/// process is unaffected.
static inline int cel_setup_locale(void) {
    setlocale(LC_CTYPE, "");
    const char *cs = nl_langinfo(CODESET);
    if (cs != NULL && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0)) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") != NULL) return 1;
    if (setlocale(LC_CTYPE, "en_US.UTF-8") != NULL) return 1;
    return 0;
}

// MARK: terminal helpers

static inline int cel_stdin_is_tty(void) { return isatty(STDIN_FILENO); }
static inline int cel_stdout_is_tty(void) { return isatty(STDOUT_FILENO); }

/// Terminal width in columns (80 when unknown).
static inline int cel_terminal_width(void) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 80;
}

/// Writes a UTF-8 string to the same stdio stream libedit writes to, and flushes it.
static inline void cel_write_stdout(const char *s) {
    fputs(s, stdout);
    fflush(stdout);
}

static inline void cel_flush_stdout(void) { fflush(stdout); }

// MARK: EditLine

/// A valid empty wide prompt, for when no prompt has been set.
static inline wchar_t *cel_empty_wprompt(void) {
    static wchar_t empty[1] = {0};
    return empty;
}

static inline EditLine *cel_init(const char *prog) {
    return el_init(prog, stdin, stdout, stderr);
}

static inline int cel_set_clientdata(EditLine *e, void *data) {
    return el_set(e, EL_CLIENTDATA, data);
}

static inline void *cel_get_clientdata(EditLine *e) {
    void *data = NULL;
    if (el_get(e, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/// Prompt function returning a wide string; `esc` brackets non-printing sequences (colour escapes).
static inline int cel_set_wprompt_esc(EditLine *e, cel_wprompt_t f, wchar_t esc) {
    return el_wset(e, EL_PROMPT_ESC, f, (int)esc);
}

static inline int cel_set_editor(EditLine *e, const char *mode) {
    return el_set(e, EL_EDITOR, mode);
}

static inline int cel_set_signal(EditLine *e, int on) {
    return el_set(e, EL_SIGNAL, on);
}

/// `setty -d <flag>`: changes a termios flag for the editing (raw) mode only, e.g. "-isig".
static inline int cel_setty_edit(EditLine *e, const char *flag) {
    return el_set(e, EL_SETTY, "-d", flag, (const char *)NULL);
}

static inline int cel_addfn(EditLine *e, const char *name, const char *help, cel_func_t f) {
    return el_set(e, EL_ADDFN, name, help, f);
}

static inline int cel_bind(EditLine *e, const char *key, const char *fn) {
    return el_set(e, EL_BIND, key, fn, (const char *)NULL);
}

/// Puts the terminal into raw (editing) mode before el_wgets draws the prompt, closing the
/// window in which early keystrokes would be echoed raw or lost.
static inline int cel_prep_term(EditLine *e, int on) {
    return el_set(e, EL_PREP_TERM, on);
}

static inline int cel_set_hist(EditLine *e, HistoryW *h) {
    return el_wset(e, EL_HIST, history_w, h);
}

// MARK: wide history

static inline int cel_history_setsize(HistoryW *h, int size) {
    HistEventW ev;
    return history_w(h, &ev, H_SETSIZE, size);
}

static inline int cel_history_setunique(HistoryW *h, int unique) {
    HistEventW ev;
    return history_w(h, &ev, H_SETUNIQUE, unique);
}

static inline int cel_history_load(HistoryW *h, const char *path) {
    HistEventW ev;
    return history_w(h, &ev, H_LOAD, path);
}

static inline int cel_history_save(HistoryW *h, const char *path) {
    HistEventW ev;
    return history_w(h, &ev, H_SAVE, path);
}

static inline int cel_history_enter(HistoryW *h, const wchar_t *line) {
    HistEventW ev;
    return history_w(h, &ev, H_ENTER, line);
}

#endif
