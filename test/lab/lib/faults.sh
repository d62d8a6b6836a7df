# shellcheck shell=bash
# faults.sh: the lab's fault injections (test/lab/faults.sh NAME on|off), one function pair each,
# what each one touches, and what a console should find. Sourced by ../faults.sh and ../down.sh.
# Each fault is on or off by what the lab shows (a tag, a link state, a rule, a process), not by a
# marker; the marker ($STATE_DIR/fault-NAME) remembers what `off` and `down` must put back.
# Needs common.sh, config.sh, ovs.sh, neutron.sh (and manifest.sh's js helpers for `list --json`).

FAULTS=(vlan-tag qbr-down tap-mtu nat-rule dnsmasq stale-port)

# ---------------------------------------------------------------- what each fault touches
# The issue's own example ("qvo1896322c-d4 has VLAN tag 4, the network's DHCP and router ports use
# tag 2"): the walkthrough's instance on node03ob64 put on a local VLAN no lab network uses (1-3).
FAULT_VLAN_INSTANCE=instance-0000000c
FAULT_VLAN_WRONG_TAG=4
# The walkthrough's other instance, on the other compute node (node05ob64).
FAULT_QBR_INSTANCE=instance-00000014
# The instance on private2, a chain of its own; 1400 is below the instance's MTU (1456, DHCP
# option 26), so a full-size DF packet from the instance no longer fits through its tap.
FAULT_MTU_INSTANCE=instance-00000012
FAULT_MTU=1400
# lxc-test-0's floating address loses its DNAT and SNAT rules; the /32 stays on qg- (what a
# half-applied L3 agent update leaves: Neutron still has the floating IP, the router no NAT).
FAULT_NAT_INSTANCE=instance-00000002
# private3: no instance depends on its leases, so stopping its dnsmasq breaks nothing else.
FAULT_DHCP_NET=ac7bafe8-3c37-48ba-8c24-98be14f4d9f7
# A leftover qvo: nova-lxd removed the container and the veth, the OVS port stayed. Its iface-id
# names no Neutron port and its vm-uuid no container; Neutron's OVS agent puts a port it cannot bind
# on the dead VLAN 4095, and OVS says it cannot open the device (ofport -1).
FAULT_STALE_PORT_ID=5ca1ab1e-0d1d-4e57-a1e0-00000000dead
FAULT_STALE_VM=instance-000000ff
FAULT_STALE_MAC=fa:16:3e:00:00:ff
FAULT_STALE_TAG=4095

fault_marker() { echo "$STATE_DIR/fault-$1"; }
fault_fn() { echo "fault_${1//-/_}"; }   # vlan-tag -> fault_vlan_tag (its _on/_off/_is_on/_what)
fault_known() { local f; for f in "${FAULTS[@]}"; do [ "$f" = "$1" ] && return 0; done; return 1; }
inst_dev() { echo "$1$(port11 "${I_PORT[$2]}")"; }   # PREFIX INSTANCE -> qvo1896322c-d4
machine_label() { echo "machine $1 ${M_HOSTNAME[$1]}"; }
stale_qvo() { echo "qvo$(port11 "$FAULT_STALE_PORT_ID")"; }
ovs() { ovs-vsctl --timeout="$OVS_TIMEOUT" "$@"; }

# ---------------------------------------------------------------- vlan-tag
vlan_tag_now() { ovs get Port "$(inst_dev qvo "$FAULT_VLAN_INSTANCE")" tag; }
vlan_tag_want() { echo "${NET_VLAN[${I_NET[$FAULT_VLAN_INSTANCE]}]}"; }
fault_vlan_tag_is_on() { [ "$(vlan_tag_now)" != "$(vlan_tag_want)" ]; }
fault_vlan_tag_what() {
  echo "$(inst_dev qvo "$FAULT_VLAN_INSTANCE") on $INT_BRIDGE ($FAULT_VLAN_INSTANCE, $(machine_label "${I_MACHINE[$FAULT_VLAN_INSTANCE]}")): tag $(vlan_tag_now), network ${NET_NAME[${I_NET[$FAULT_VLAN_INSTANCE]}]} uses $(vlan_tag_want)"
}
fault_vlan_tag_on() { ovs set Port "$(inst_dev qvo "$FAULT_VLAN_INSTANCE")" tag="$FAULT_VLAN_WRONG_TAG"; }
fault_vlan_tag_off() { ovs set Port "$(inst_dev qvo "$FAULT_VLAN_INSTANCE")" tag="$(vlan_tag_want)"; }

# ---------------------------------------------------------------- qbr-down
qbr_dev() { inst_dev qbr "$FAULT_QBR_INSTANCE"; }
fault_qbr_down_is_on() { ! ip -o link show "$(qbr_dev)" | grep -q '<[^>]*\bUP\b'; }
fault_qbr_down_what() {
  local state=up; fault_qbr_down_is_on && state=down
  echo "$(qbr_dev) ($FAULT_QBR_INSTANCE, $(machine_label "${I_MACHINE[$FAULT_QBR_INSTANCE]}")): link $state"
}
fault_qbr_down_on() { ip link set "$(qbr_dev)" down; }
fault_qbr_down_off() { ip link set "$(qbr_dev)" up; }

# ---------------------------------------------------------------- tap-mtu
tap_dev() { inst_dev tap "$FAULT_MTU_INSTANCE"; }
tap_mtu_now() { cat "/sys/class/net/$(tap_dev)/mtu"; }
fault_tap_mtu_is_on() { [ "$(tap_mtu_now)" = "$FAULT_MTU" ]; }
fault_tap_mtu_what() { echo "$(tap_dev) ($FAULT_MTU_INSTANCE, $(machine_label "${I_MACHINE[$FAULT_MTU_INSTANCE]}")): MTU $(tap_mtu_now), the instance's is $INSTANCE_MTU"; }
fault_tap_mtu_on() {
  # The marker keeps the MTU to put back (LXD gave the tap its bridge's, 1500 here).
  [ -s "$(fault_marker tap-mtu)" ] || tap_mtu_now >"$(fault_marker tap-mtu)"
  ip link set "$(tap_dev)" mtu "$FAULT_MTU"
}
fault_tap_mtu_off() {
  local mtu
  mtu=$(cat "$(fault_marker tap-mtu)" 2>/dev/null) || mtu=""
  # No marker (turned on by hand): the MTU of the qvb beside it on the same qbr.
  [[ $mtu =~ ^[0-9]+$ ]] || mtu=$(cat "/sys/class/net/$(inst_dev qvb "$FAULT_MTU_INSTANCE")/mtu")
  ip link set "$(tap_dev)" mtu "$mtu"
}

# ---------------------------------------------------------------- nat-rule
nat_floating() { echo "${I_FLOATING[$FAULT_NAT_INSTANCE]}"; }
nat_rules() { ip netns exec "$QROUTER_NS" nft list table ip "$NAT_TABLE" 2>/dev/null | grep -F -e "daddr $(nat_floating) dnat" -e "snat to $(nat_floating)" || true; }
fault_nat_rule_is_on() { [ -z "$(nat_rules)" ]; }
fault_nat_rule_what() {
  echo "$(nat_floating) ($FAULT_NAT_INSTANCE's floating address, fixed ${I_FIXED[$FAULT_NAT_INSTANCE]}) in $QROUTER_NS ($(machine_label "$GATEWAY_MACHINE")): $(nat_rules | wc -l) NAT rules in table ip $NAT_TABLE"
}
fault_nat_rule_on() {
  # Delete by handle each rule that names the floating address (DNAT in PREROUTING and OUTPUT, SNAT).
  local chain handle
  for chain in PREROUTING OUTPUT POSTROUTING; do
    ip netns exec "$QROUTER_NS" nft -a list chain ip "$NAT_TABLE" "$chain" \
      | grep -F -e "daddr $(nat_floating) dnat" -e "snat to $(nat_floating)" | sed -n 's/.*# handle \([0-9]*\)$/\1/p' \
      | while read -r handle; do ip netns exec "$QROUTER_NS" nft delete rule ip "$NAT_TABLE" "$chain" handle "$handle"; done
  done
}
# The L3 agent's way back: the router's table rewritten whole from what Neutron knows (as up does).
fault_nat_rule_off() { qrouter_up; }

# ---------------------------------------------------------------- dnsmasq
dnsmasq_pidfile() { echo "$RUN_DIR/dnsmasq-$FAULT_DHCP_NET.pid"; }
fault_dnsmasq_is_on() { ! alive "$(dnsmasq_pidfile)"; }
fault_dnsmasq_what() {
  local state="not running"
  alive "$(dnsmasq_pidfile)" && state="running, PID $(cat "$(dnsmasq_pidfile)")"
  echo "dnsmasq of $(qdhcp_ns "$FAULT_DHCP_NET") (network ${NET_NAME[$FAULT_DHCP_NET]}, $(machine_label "$GATEWAY_MACHINE")): $state"
}
fault_dnsmasq_on() { stop_pid "$(dnsmasq_pidfile)"; }   # TERM by the lab's PID file, as a crash would leave it
fault_dnsmasq_off() { dhcp_up "$FAULT_DHCP_NET"; }

# ---------------------------------------------------------------- stale-port
fault_stale_port_is_on() { [ "$(ovs port-to-br "$(stale_qvo)" 2>/dev/null)" = "$INT_BRIDGE" ]; }
fault_stale_port_what() {
  local state=absent; fault_stale_port_is_on && state="present, tag $(ovs get Port "$(stale_qvo)" tag)"
  echo "$(stale_qvo) on $INT_BRIDGE (vm-uuid $FAULT_STALE_VM: no container; iface-id $FAULT_STALE_PORT_ID: no port): $state"
}
fault_stale_port_on() {
  # OVS keeps the record although the device does not exist (ovs-vsctl warns; the port is still added).
  ovs --may-exist add-port "$INT_BRIDGE" "$(stale_qvo)" tag="$FAULT_STALE_TAG" -- set Interface "$(stale_qvo)" \
    "external-ids:iface-id=$FAULT_STALE_PORT_ID" external-ids:iface-status=active \
    "external-ids:attached-mac=$FAULT_STALE_MAC" "external-ids:vm-uuid=$FAULT_STALE_VM" 2>/dev/null || fault_stale_port_is_on
}
fault_stale_port_off() { ovs --if-exists del-port "$INT_BRIDGE" "$(stale_qvo)"; }

# ---------------------------------------------------------------- on, off, list
# fault_set NAME on|off: idempotent; prints what it touched and how it is now.
fault_set() {
  local name=$1 want=$2 verb fn
  fault_known "$name" || die "no fault '$name' (faults: ${FAULTS[*]})"
  fn=$(fault_fn "$name")
  if [ "$want" = on ]; then
    if "${fn}_is_on"; then verb="already on"
    else mkdir -p "$STATE_DIR"; [ -f "$(fault_marker "$name")" ] || : >"$(fault_marker "$name")"; "${fn}_on"; verb=on; fi
    "${fn}_is_on" || die "$name did not take: $("${fn}_what")"
  else
    if "${fn}_is_on"; then "${fn}_off"; verb=off; else verb="already off"; fi
    "${fn}_is_on" && die "$name is still on: $("${fn}_what")"
    rm -f "$(fault_marker "$name")"
  fi
  printf '%s %s: %s\n' "$name" "$verb" "$("${fn}_what")"
}

fault_list() {
  local name state fn
  for name in "${FAULTS[@]}"; do
    fn=$(fault_fn "$name")
    state=off; "${fn}_is_on" && state=on
    printf '%-10s %-3s %s\n' "$name" "$state" "$("${fn}_what")"
  done
}

# faults_down: what down does before it removes the lab. Most faults go with what they changed
# (the qvo, qbr, tap, namespace and its table, the dnsmasq PID file); the stale port is not the
# lab's own, so it is removed here. Every marker goes; nothing here may stop down.
faults_down() {
  step "fault injections"
  if ovs_db_ok; then fault_stale_port_off 2>/dev/null || true; fi
  rm -f "$STATE_DIR"/fault-*
  step_done
}

# ---------------------------------------------------------------- facts for tests (list --json)
# What a console should find for each fault: the health object (kind, name, machine) and, for the
# path analysis, a path from the qrouter namespace that crosses it and the hop where it breaks.
# This lab's machines share one kernel and one OVS: every machine with an OVS (compute nodes and
# the gateway) shows br-int's ports, where a real cloud shows each on its own node only.
ovs_machines_but() {  # MACHINE... -> the other machines that show br-int
  local m x
  for m in "${MACHINES[@]}"; do
    [ "${M_ROLE[$m]}" = control ] && continue
    for x in "$@"; do [ "$x" = "$m" ] && continue 2; done
    echo "$m"
  done
  return 0
}

fault_json() {  # NAME
  local name=$1 kind obj machines hop inst="" target="" breaks=false note shared=""
  case $name in
    vlan-tag) inst=$FAULT_VLAN_INSTANCE; kind=ovs-port; obj=$(inst_dev qvo "$inst"); machines=${I_MACHINE[$inst]}
      hop=$obj; target=${I_FIXED[$inst]}; breaks=true; shared=$(ovs_machines_but "$machines")
      note="tag $FAULT_VLAN_WRONG_TAG, the network's DHCP and router ports use $(vlan_tag_want)" ;;
    qbr-down) inst=$FAULT_QBR_INSTANCE; kind=bridge; obj=$(qbr_dev); machines=${I_MACHINE[$inst]}
      hop=$obj; target=${I_FIXED[$inst]}; breaks=true; note="link down" ;;
    tap-mtu) inst=$FAULT_MTU_INSTANCE; kind=interface; obj=$(tap_dev); machines=${I_MACHINE[$inst]}
      hop=$obj; target=${I_FIXED[$inst]}
      note="MTU $FAULT_MTU below the instance's $INSTANCE_MTU (its qbr follows: a Linux bridge takes its ports' lowest MTU): a ping fits, the largest DF ICMP payload is $((FAULT_MTU - 28))" ;;
    nat-rule) inst=$FAULT_NAT_INSTANCE; kind=floating-ip; obj=$(nat_floating); machines=$GATEWAY_MACHINE
      hop=$QROUTER_NS; target=$obj
      note="no DNAT/SNAT for $obj: the address stays on qg-, so from the qrouter namespace the router itself answers, not the instance" ;;
    dnsmasq) kind=namespace; obj=$(qdhcp_ns "$FAULT_DHCP_NET"); machines=$GATEWAY_MACHINE; hop=$obj
      note="dnsmasq of network ${NET_NAME[$FAULT_DHCP_NET]} stopped: no DHCP on it" ;;
    stale-port) kind=ovs-port; obj=$(stale_qvo); hop=$obj
      # One br-int serves every machine of this lab: each compute node's OVS shows the port.
      machines=$(for m in "${MACHINES[@]}"; do if [ "${M_ROLE[$m]}" = compute ]; then echo "$m"; fi; done)
      # shellcheck disable=SC2086
      shared=$(ovs_machines_but $machines)
      note="vm-uuid $FAULT_STALE_VM names no container, iface-id $FAULT_STALE_PORT_ID no port" ;;
  esac
  # shellcheck disable=SC2086
  printf '{"name":%s,"object":{"kind":%s,"name":%s},"machineIds":%s,"sharedBy":%s,"instance":%s,"note":%s,"path":' \
    "$(js "$name")" "$(js "$kind")" "$(js "$obj")" "$(js_list $machines)" "$(js_list $shared)" "$(js_or_null "$inst")" "$(js "$note")"
  if [ -n "$target" ]; then
    printf '{"fromNamespace":%s,"fromMachineId":%s,"toAddress":%s,"hop":%s,"pingBreaks":%s}}' \
      "$(js "$QROUTER_NS")" "$(js "$GATEWAY_MACHINE")" "$(js "$target")" "$(js "$hop")" "$breaks"
  else printf 'null}'; fi
}

faults_json() {
  local name first=1
  printf '['
  for name in "${FAULTS[@]}"; do [ $first = 1 ] || printf ','; first=0; fault_json "$name"; done
  printf ']\n'
}
