# shellcheck shell=bash
# neutron.sh: what the neutron-gateway machine (26) runs: qdhcp-<net> namespaces with dnsmasq and a
# qrouter-<router> namespace with qr- ports on every tenant network and a qg- port on the external
# network carrying floating /32s, DNAT'd with nftables inside the namespace (Neutron's
# PREROUTING/OUTPUT DNAT + float SNAT). Ports reach OVS by veth (the userspace datapath cannot
# move its internal ports into namespaces); each veth end has the Neutron device name on both
# sides, so `ovs-vsctl show` and `ip netns exec … ip a` read like on a real gateway.

DHCP_LEASE=86400s        # Neutron's default dhcp_lease_duration
NAT_TABLE=neutron-l3-agent

dhcp_dir() { echo "$LAB/gateway/dhcp/$1"; }
qdhcp_ns() { echo "qdhcp-$1"; }
dhcp_dev() { echo "tap$(port11 "${NET_DHCP_PORT[$1]}")"; }
qr_dev() { echo "qr-$(port11 "${NET_QR_PORT[$1]}")"; }
qg_dev() { echo "qg-$(port11 "$EXT_QG_PORT")"; }

# ns_port NS DEV MAC BRIDGE TAG PORT_ID: veth DEV (host end on OVS BRIDGE) <-> DEV inside NS.
ns_port() {
  local ns=$1 dev=$2 mac=$3 br=$4 tag=$5 port=$6
  if ! ip -n "$ns" link show "$dev" >/dev/null 2>&1; then
    ip link del "$dev" 2>/dev/null || true
    ip link add "$dev" type veth peer name "$dev" netns "$ns"
  fi
  host_link_quiet "$dev"; ip link set "$dev" up; tx_off "$dev"
  ip -n "$ns" link set "$dev" address "$mac"
  ip -n "$ns" link set "$dev" up; tx_off "$dev" "$ns"
  ovs_port "$br" "$dev" "$tag" "external-ids:iface-id=$port" external-ids:iface-status=active \
    "external-ids:attached-mac=$mac"
}

ns_ensure() { [ -e "/run/netns/$1" ] || ip netns add "$1"; ip -n "$1" link set lo up; }

dhcp_up() {  # NET
  local net=$1 ns dev d inst ip hash
  ns=$(qdhcp_ns "$net"); dev=$(dhcp_dev "$net"); d=$(dhcp_dir "$net")
  ns_ensure "$ns"
  ns_port "$ns" "$dev" "${NET_DHCP_MAC[$net]}" "$INT_BRIDGE" "${NET_VLAN[$net]}" "${NET_DHCP_PORT[$net]}"
  ip -n "$ns" addr replace "${NET_DHCP_ADDR[$net]}/$(net_prefix "$net")" dev "$dev"
  ip -n "$ns" route replace default via "${NET_GW[$net]}" dev "$dev"
  mkdir -p "$d"
  # Neutron's hosts file: one fixed MAC -> IP entry per port, so instance addresses are deterministic.
  : >"$d/host.new"
  for inst in "${INSTANCES[@]}"; do
    [ "${I_NET[$inst]}" = "$net" ] || continue
    ip=${I_FIXED[$inst]}
    echo "${I_MAC[$inst]},host-${ip//./-}.openstacklocal,$ip" >>"$d/host.new"
  done
  printf 'tag:tag0,option:router,%s\n' "${NET_GW[$net]}" >"$d/opts.new"
  hash=$(cat "$d/host.new" "$d/opts.new" | md5sum | cut -d' ' -f1)
  mv "$d/host.new" "$d/host"; mv "$d/opts.new" "$d/opts"
  if alive "$RUN_DIR/dnsmasq-$net.pid" && [ "$(cat "$d/hash" 2>/dev/null)" = "$hash" ]; then return 0; fi
  stop_pid "$RUN_DIR/dnsmasq-$net.pid"
  # Neutron's dnsmasq command line, minus DNS (--port=0) and with the daemon kept in the foreground
  # so its PID is ours; --user=root so it can write the lease file under the lab dir.
  spawn "$RUN_DIR/dnsmasq-$net.pid" "$LOG_DIR/dnsmasq-$net.out" ip netns exec "$ns" /usr/sbin/dnsmasq \
    --keep-in-foreground --no-hosts --no-resolv --strict-order --except-interface=lo --pid-file= \
    --dhcp-hostsfile="$d/host" --dhcp-optsfile="$d/opts" --dhcp-leasefile="$d/leases" \
    --dhcp-match=set:ipxe,175 --bind-interfaces --interface="$dev" \
    --dhcp-range="set:tag0,$(net_base "$net"),static,${NET_NETMASK[$net]},$DHCP_LEASE" \
    --dhcp-option-force=option:mtu,"$INSTANCE_MTU" --dhcp-lease-max=256 --conf-file= \
    --domain=openstacklocal --port=0 --no-ping --user=root --log-dhcp --log-facility="$d/dnsmasq.log"
  echo "$hash" >"$d/hash"
  wait_until 30 alive "$RUN_DIR/dnsmasq-$net.pid" || die "dnsmasq for $net did not stay up ($LOG_DIR/dnsmasq-$net.out)"
}

qrouter_up() {
  local ns=$QROUTER_NS net dev qg inst f
  ns_ensure "$ns"
  ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1     # inside this namespace only
  for net in "${NETS[@]}"; do
    dev=$(qr_dev "$net")
    ns_port "$ns" "$dev" "${NET_QR_MAC[$net]}" "$INT_BRIDGE" "${NET_VLAN[$net]}" "${NET_QR_PORT[$net]}"
    ip -n "$ns" addr replace "${NET_GW[$net]}/$(net_prefix "$net")" dev "$dev"
  done
  qg=$(qg_dev)
  ns_port "$ns" "$qg" "$EXT_QG_MAC" "$EXT_BRIDGE" "" "$EXT_QG_PORT"
  ip -n "$ns" addr replace "$EXT_QG_ADDR/$EXT_PREFIX" dev "$qg"
  for f in $(floating_addrs) $DEAD_FLOATING; do ip -n "$ns" addr replace "$f/32" dev "$qg"; done
  # Upstream gateway of the external network: nothing answers there (no host route, no uplink).
  ip -n "$ns" route replace default via "$(ext_upstream_gw)" dev "$qg"
  local rules_pre="" rules_post=""
  for inst in "${INSTANCES[@]}"; do
    f=${I_FLOATING[$inst]}; [ -n "$f" ] || continue
    rules_pre+="    ip daddr $f dnat to ${I_FIXED[$inst]}"$'\n'
    rules_post+="    oifname \"$qg\" ip saddr ${I_FIXED[$inst]} snat to $f"$'\n'
  done
  rules_pre+="    ip daddr $DEAD_FLOATING dnat to $DEAD_FIXED"$'\n'
  rules_post+="    oifname \"$qg\" ip saddr $DEAD_FIXED snat to $DEAD_FLOATING"$'\n'
  # Replace the whole table atomically (re-running up is a no-op for traffic).
  ip netns exec "$ns" nft -f - <<EOF
table ip $NAT_TABLE
delete table ip $NAT_TABLE
table ip $NAT_TABLE {
  chain PREROUTING {
    type nat hook prerouting priority dstnat; policy accept;
$rules_pre  }
  chain OUTPUT {
    type nat hook output priority -100; policy accept;
$rules_pre  }
  chain POSTROUTING {
    type nat hook postrouting priority srcnat; policy accept;
$rules_post    oifname "$qg" ip saddr 198.51.100.0/25 snat to $EXT_QG_ADDR
  }
}
EOF
}

floating_addrs() { local i; for i in "${INSTANCES[@]}"; do [ -n "${I_FLOATING[$i]}" ] && echo "${I_FLOATING[$i]}"; done; return 0; }
ext_upstream_gw() { local b=${EXT_CIDR%/*}; echo "${b%.*}.$(( ${b##*.} + 1 ))"; }

neutron_up() {
  step "Neutron gateway: $QROUTER_NS, ${#NETS[@]} x qdhcp + dnsmasq, floating IPs"
  local net
  [ -d /run/netns ] || mark run-netns     # ip netns creates (and bind-mounts) it on first use
  for net in "${NETS[@]}"; do dhcp_up "$net"; done
  qrouter_up
  step_done
}

neutron_down() {
  step "Neutron namespaces and dnsmasq"
  local net
  for net in "${NETS[@]}"; do stop_pid "$RUN_DIR/dnsmasq-$net.pid"; done
  for net in "${NETS[@]}"; do [ -e "/run/netns/$(qdhcp_ns "$net")" ] && ip netns del "$(qdhcp_ns "$net")"; done
  [ -e "/run/netns/$QROUTER_NS" ] && ip netns del "$QROUTER_NS"
  if marked run-netns && [ -d /run/netns ] && [ -z "$(ls -A /run/netns)" ]; then
    local i
    for i in 1 2 3 4; do mountpoint -q /run/netns || break; umount /run/netns 2>/dev/null || break; done
    rmdir /run/netns 2>/dev/null || true
  fi
  step_done
}
