/*
 * privdrop: the privilege drop of --user.  See privdrop.c.
 */
#ifndef INIT_PRIVDROP_H
#define INIT_PRIVDROP_H

#include "user.h"

/*
 * Become cr's uid, gid and exactly its groups, verified; for a non-root
 * uid also no capability left and no way back to root.  When init is not
 * root it only checks that it already is that user.  spec (as given) names
 * the failure.  Dies with INIT_EXIT_USAGE and one line on any failure.
 */
void privdrop_apply(const char *spec, const struct user_creds *cr);

#endif
