#ifndef ESIMTOOL_CLIBYAML_SHIM_H
#define ESIMTOOL_CLIBYAML_SHIM_H

// The system libyaml (Debian: libyaml-dev), the C library Yams wraps. Only ESIMYAML
// imports this module; it reads events and builds its own nodes, so no libyaml pointer
// outlives a parse.
#include <yaml.h>

#endif
