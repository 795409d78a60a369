#ifndef ESIMTOOL_CLIBXML2_SHIM_H
#define ESIMTOOL_CLIBXML2_SHIM_H

// Debian builds libxml2 against the system ICU, and <libxml/encoding.h> then
// includes <unicode/ucnv.h>. Foundation on Linux carries its own ICU, and the two
// sets of declarations clash in one Clang module ("UErrorCode has different
// definitions"). We never call libxml2's ICU API, so switch it off before any
// other libxml2 header is read.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

// `xmlFree` is a global function pointer, which Swift imports as a mutable
// global; a static inline wrapper is callable from Swift 6 without data-race
// diagnostics.
static inline void esim_xmlFree(void *pointer) {
    xmlFree(pointer);
}

#endif
