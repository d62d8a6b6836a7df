#!/bin/bash
# Tear the OrangeBox lab down (idempotent): everything up.sh made, every process it started (by PID).
# Usage: sudo bash test/lab/down.sh      Env: OBX_LAB_DIR (default /tmp/orangebox-lab)
set -euo pipefail
LAB_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for f in common config packages user keys lxd ovs mgmt-net neutron vif image instances nova endpoints juju openstack manifest faults; do
  # shellcheck disable=SC1090
  . "$LAB_SRC/lib/$f.sh"
done

require_root
if [ ! -d "$LAB" ]; then echo "== nothing to do: $LAB does not exist (lab is down)"; exit 0; fi

faults_down
endpoints_down
lxd_objects_down
vifs_down
neutron_down
ovs_down
mgmt_net_down
lxd_daemon_down
nova_down
openstack_down
user_down
rm -rf "$LAB"
echo "== down done in $(fmt_ms "$(ms_since "$T_START")")"
