/*
 * json.h — the streaming JSON writer lives in core (the CLI and the domain's
 * exports use it too); views include it from here.
 */
#ifndef WEB_JSON_H
#define WEB_JSON_H

#include "core/json.h"

#endif
