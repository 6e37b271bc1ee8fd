#ifndef CEKI_CLIBPQ_SHIM_H
#define CEKI_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
