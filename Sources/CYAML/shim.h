#ifndef CEKI_CYAML_SHIM_H
#define CEKI_CYAML_SHIM_H
#include <yaml.h>
#endif
