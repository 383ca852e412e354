/*
 * privdrop: the privilege drop of --user.  See privdrop.c.
 */
#ifndef INIT_PRIVDROP_H
#define INIT_PRIVDROP_H

#include <stdint.h>

#include "user.h"

/*
 * Resolve spec (USER[:GROUP]) into cr from /etc/passwd and /etc/group,
 * with user_resolve()'s rules.  Dies with INIT_EXIT_USAGE for a bad spec
 * or unknown name, INIT_EXIT_SYS when a file that exists cannot be read.
 */
void privdrop_resolve(const char *spec, struct user_creds *cr);

/*
 * Become cr's uid, gid and exactly its groups, verified; for a non-root
 * uid also no capability left but those of keep (bit N for capability N,
 * then in every set, ambient too) and, unless keep holds CAP_SETUID, no
 * way back to root.  A kept capability missing from the bounding set
 * dies with INIT_EXIT_SYS before anything changes.  When init is not
 * root it only checks that it already is that user.  spec (as given) names
 * the failure.  Dies with one line: INIT_EXIT_USAGE when init is not root
 * and not already that user, INIT_EXIT_SYS when a call fails or a check
 * finds the drop incomplete.
 */
void privdrop_apply(const char *spec, const struct user_creds *cr,
		    uint64_t keep);

/*
 * --clear-bounding: drop every capability but those of keep from the
 * bounding set, so that no setuid-root or file-capability program run
 * later can gain one, then verify.  Needs CAP_SETPCAP: call it before
 * privdrop_apply.  Dies with 122.
 */
void privdrop_bounding(uint64_t keep);

#endif
