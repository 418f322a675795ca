#!/usr/bin/env bash
# A stand-in for Anaplan Connect's AnaplanClient.sh in the tests of the Connect bundle (no Java): see
# anaplan-client-stand-in.mjs. STAND_IN_NODE names the Node binary to run it with.
exec "${STAND_IN_NODE:-node}" "$(dirname "$0")/anaplan-client-stand-in.mjs" "$@"
