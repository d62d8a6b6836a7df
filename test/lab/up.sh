#!/bin/bash
# Bring the OrangeBox lab up (idempotent): real LXD, OVS (userspace), Neutron-like namespaces with
# dnsmasq and NAT, one sshd per machine, the juju and openstack stand-ins, lab.json; then run health.sh.
# Usage: sudo bash test/lab/up.sh      Env: OBX_LAB_DIR (default /tmp/orangebox-lab), OBX_SKIP_HEALTH=1
set -euo pipefail
LAB_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for f in common config packages user keys lxd ovs mgmt-net neutron vif image instances nova endpoints juju openstack manifest; do
  # shellcheck disable=SC1090
  . "$LAB_SRC/lib/$f.sh"
done

require_root
guard_network
mkdir -p "$LAB" "$RUN_DIR" "$LOG_DIR" "$STATE_DIR" "$EP_DIR"
chmod 755 "$LAB" "$RUN_DIR" "$EP_DIR"
chmod 700 "$STATE_DIR"

packages_up
user_up
keys_up
lxd_daemon_up
ovs_up
mgmt_net_up
neutron_up
vifs_up
lxd_init_up
image_up
instances_up
nova_up
endpoints_up
juju_up
openstack_up
manifest_write
UP_MS=$(ms_since "$T_START")
echo "== up done in $(fmt_ms "$UP_MS") (manifest: $MANIFEST)"
echo "$UP_MS" >"$STATE_DIR/up-ms"

if [ "${OBX_SKIP_HEALTH:-0}" != 1 ]; then
  echo "== health check"
  bash "$LAB_SRC/health.sh"
fi
