#ifndef ESIM_CSQLITE_SHIM_H
#define ESIM_CSQLITE_SHIM_H

#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro Swift cannot import: bound text is copied.
static inline void esim_sqlite3_bind_text_copy(sqlite3_stmt *statement, int index, const char *text, int length) {
    sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}

#endif
