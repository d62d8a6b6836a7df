# shellcheck shell=bash
# vif.sh: nova-lxd's per-instance VIF plumbing on the compute node, exactly the commands of the
# walkthrough's nova-compute.log: Linux bridge qbr<port>, veth qvb<port> (in qbr) <-> qvo<port>
# (on br-int, with Neutron's external-ids), then LXD adds the container's host-side tap<port> to
# qbr<port> when it starts (the profile's nic: parent=qbr<port>, host_name=tap<port>).
# One host kernel: all compute "nodes" share this br-int (a real node has its own + br-tun).

vif_up() {  # INSTANCE
  local inst=$1 p qbr qvb qvo d
  p=$(port11 "${I_PORT[$inst]}"); qbr=qbr$p; qvb=qvb$p; qvo=qvo$p
  if ! ip link show "$qbr" >/dev/null 2>&1; then
    ip link add "$qbr" type bridge stp_state 0 mcast_snooping 0   # brctl addbr; stp off; no snooping
  fi
  host_link_quiet "$qbr"
  ip link show "$qvb" >/dev/null 2>&1 || ip link add "$qvb" type veth peer name "$qvo"
  for d in "$qvb" "$qvo"; do host_link_quiet "$d"; ip link set "$d" up; ip link set "$d" promisc on; tx_off "$d"; done
  ip link set "$qbr" up
  ip link set "$qvb" master "$qbr"
  # nova-lxd's vm-uuid is the instance *name* (see the walkthrough's log); the Nova uuid is in lab.json.
  ovs_port $INT_BRIDGE "$qvo" "${NET_VLAN[${I_NET[$inst]}]}" \
    "external-ids:iface-id=${I_PORT[$inst]}" external-ids:iface-status=active \
    "external-ids:attached-mac=${I_MAC[$inst]}" "external-ids:vm-uuid=$inst"
}

vifs_up() {
  step "nova-lxd VIFs: qbr/qvb/qvo for ${#INSTANCES[@]} instances"
  local inst
  for inst in "${INSTANCES[@]}"; do vif_up "$inst"; done
  step_done
}

vifs_down() {
  step "nova-lxd VIFs"
  local inst p
  for inst in "${INSTANCES[@]}"; do
    p=$(port11 "${I_PORT[$inst]}")
    if ovs_db_ok; then ovs-vsctl --timeout=5 --if-exists del-port "qvo$p" || true; fi
    ip link del "qvb$p" 2>/dev/null || true      # takes qvo with it
    ip link del "qbr$p" 2>/dev/null || true
  done
  step_done
}
