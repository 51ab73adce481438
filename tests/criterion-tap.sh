#!/bin/sh
# Runs a Criterion test binary with TAP on stdout for automake's TAP driver.
# (--output keeps Criterion's "Synthesis" line on stderr, in the test log;
# the CRITERION_OUTPUTS variable would drop it.)
exec "$@" --output=tap:/dev/stdout
