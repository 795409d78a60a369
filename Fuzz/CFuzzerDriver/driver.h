#ifndef ESIMTOOL_FUZZER_DRIVER_H
#define ESIMTOOL_FUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry point for a program that has its own `main` (compiler-rt's
/// FuzzerInterface.h). SwiftPM links an executable's `main` to the Swift entry point, so
/// libFuzzer's own `main` never runs: the harness's `@main` calls this instead. Defined
/// only in a build with `-sanitize=fuzzer` (the harness calls it only then).
int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));

#endif
