# shellcheck shell=bash
# mgmt-net.sh: the MAAS management network Juju's containers sit on: one Linux bridge on the host
# with NO address (so the host neither routes nor answers for it). Containers get static
# addresses from 198.51.100.192/26 (config.sh J_ADDR) and reach each other over it.

mgmt_net_up() {
  step "MAAS management bridge $MGMT_BRIDGE (no host address)"
  if ! ip link show "$MGMT_BRIDGE" >/dev/null 2>&1; then
    ip link add "$MGMT_BRIDGE" type bridge stp_state 0
    mark mgmt-bridge
  fi
  host_link_quiet "$MGMT_BRIDGE"
  ip link set "$MGMT_BRIDGE" up
  if ip -4 addr show dev "$MGMT_BRIDGE" | grep -q inet; then die "$MGMT_BRIDGE carries a host address; refusing"; fi
  step_done
}

mgmt_net_down() {
  if marked mgmt-bridge; then ip link del "$MGMT_BRIDGE" 2>/dev/null || true; fi
  return 0
}
