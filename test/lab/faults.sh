#!/bin/bash
# Fault injections on the running lab, each one what a field engineer meets on a nova-lxd cloud.
# Usage: sudo bash test/lab/faults.sh NAME on|off   one fault (idempotent; prints what it touched)
#        sudo bash test/lab/faults.sh all off       every fault off
#        sudo bash test/lab/faults.sh list          each fault, on or off, and its object now
#        bash test/lab/faults.sh list --json        what each touches and what a console should find
# Faults: vlan-tag qbr-down tap-mtu nat-rule dnsmasq stale-port (README.md, "Fault injections").
# `npm run lab:down` removes every fault with the lab. Env: OBX_LAB_DIR (default /tmp/orangebox-lab)
set -euo pipefail
LAB_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for f in common config ovs neutron manifest faults; do
  # shellcheck disable=SC1090
  . "$LAB_SRC/lib/$f.sh"
done

usage() { die "usage: faults.sh NAME on|off | all off | list [--json]   (faults: ${FAULTS[*]})"; }

# The facts need no root and no running lab: they are the lab's names.
if [ "${1:-}" = list ] && [ "${2:-}" = --json ]; then faults_json; exit 0; fi

require_root
[ -f "$MANIFEST" ] || die "the lab is not up ($MANIFEST is missing): run \`npm run lab:up\`"
mkdir -p "$STATE_DIR"
# One change at a time: two callers turning faults on and off must not interleave.
exec 9>"$STATE_DIR/faults.lock"
flock -w 60 9 || die "another faults.sh has held $STATE_DIR/faults.lock for 60 s"

case "${1:-} ${2:-}" in
  "list ") fault_list ;;
  "all off") for f in "${FAULTS[@]}"; do fault_set "$f" off; done ;;
  *" on" | *" off") [ $# = 2 ] || usage; fault_set "$1" "$2" ;;
  *) usage ;;
esac
