#ifndef ESIMTOOL_MARKUP_BASELINE_H
#define ESIMTOOL_MARKUP_BASELINE_H

#include <stddef.h>

// The benchmark baseline: the same work as ESIMMarkup, written against libxml2
// directly in C. Plain C types only, so this header does not pull in libxml2.

/// Parses each page once with htmlCtxtReadMemory and frees it. Returns the total
/// number of elements seen (so the work cannot be skipped), or -1 on failure.
long esim_baseline_parse(const unsigned char *const *pages, const size_t *sizes, size_t count);

/// Parses each page and evaluates each rule (compiled once) on it, reading the text of
/// the first node each rule selects. Returns the total number of bytes of text read,
/// or -1 on failure; `hits` receives how many rules matched something.
long esim_baseline_extract(const unsigned char *const *pages, const size_t *sizes, size_t count,
                           const char *const *rules, size_t ruleCount, long *hits);

/// Parses one page and frees it; for peak-memory measurements in a fresh process.
long esim_baseline_parse_one(const unsigned char *page, size_t size);

#endif
