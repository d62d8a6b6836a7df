#!/bin/bash
# nova-lxd-plumbing.sh: what nova-compute (nova-lxd) and the Neutron agents do as root when the
# `openstack` stand-in creates or deletes a server or (dis)associates a floating IP, through the
# lab's own functions (instances.sh, vif.sh, neutron.sh). Installed root-owned by openstack.sh and
# run by the lab user through a sudoers rule for exactly this file; every argument is checked.
# Each server it plugs (and each floating IP it adds to a lab instance) is one root-owned file under
# $LAB/openstack/plumbing/, which config.sh reads: up, health, down and lab.json see them too.
# Usage: nova-lxd-plumbing spawn NAME MACHINE UUID PORT MAC NET FIXED HOSTNAME CPU MEMORY
#        nova-lxd-plumbing destroy NAME
#        nova-lxd-plumbing floating NAME ADDRESS|none
set -euo pipefail
# sudo keeps the lab user's HOME (user.sh): lxc must not read or write the lab user's client config as root.
export HOME=/root; unset LXD_CONF
LAB_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for f in common config lxd ovs neutron vif instances; do
  # shellcheck disable=SC1090
  . "$LAB_SRC/lib/$f.sh"
done
require_root

PLUMBING=$LAB/openstack/plumbing
UUID_RE='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
LAB_ADDR_RE='^198\.51\.100\.([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])$'
START_WAIT_TENTHS=300    # 30 s for the new container's DHCP address (it takes ~1-2 s)

# Neutron's DHCP agent releases a deleted port's lease (dhcp_release); else dnsmasq keeps the address
# for the old MAC ("not using configured address … because it is leased to …") and a new server
# given that address never gets it. Stop, drop the lease, start again with the new hosts file.
dhcp_refresh() {  # NET ADDRESS
  stop_pid "$RUN_DIR/dnsmasq-$1.pid"
  local leases
  leases=$(dhcp_dir "$1")/leases
  [ ! -f "$leases" ] || sed -i "/ ${2//./\\.} /d" "$leases"
  dhcp_up "$1"
}

# The L3 agent writes each port's MAC into the router's ARP table (nud permanent) when a port
# appears and removes it when the port goes: a recycled address must not be sent to the old MAC.
router_arp() {  # NET ADDRESS MAC|none
  if [ "$3" = none ]; then ip -n "$QROUTER_NS" neigh del "$2" dev "$(qr_dev "$1")" 2>/dev/null || true
  else ip -n "$QROUTER_NS" neigh replace "$2" lladdr "$3" dev "$(qr_dev "$1")" nud permanent; fi
}

need() { [[ $2 =~ $3 ]] || die "bad $1: '$2'"; }
server_file() { echo "$PLUMBING/servers/$1.sh"; }
floating_file() { echo "$PLUMBING/floating/$1.sh"; }
is_created() { [ -f "$(server_file "$1")" ]; }

spawn_server() {
  local name=$1 machine=$2 uuid=$3 port=$4 mac=$5 net=$6 fixed=$7 host=$8 cpu=$9 mem=${10}
  need name "$name" '^instance-[0-9a-f]{8}$'
  [ "${M_ROLE[$machine]:-}" = compute ] || die "machine $machine is not a compute node"
  need uuid "$uuid" "$UUID_RE"; need port "$port" "$UUID_RE"
  need mac "$mac" '^fa:16:3e(:[0-9a-f]{2}){3}$'
  [ -n "${NET_NAME[$net]:-}" ] || die "network $net has no DHCP namespace in this lab"
  need address "$fixed" "$LAB_ADDR_RE"; need hostname "$host" '^[A-Za-z0-9][A-Za-z0-9-]{0,62}$'
  need cpu "$cpu" '^[1-9][0-9]?$'; need memory "$mem" '^[1-9][0-9]{1,5}MB$'
  local i
  for i in "${INSTANCES[@]}"; do
    [ "$i" != "$name" ] || die "$name exists"
    [ "${I_FIXED[$i]}" != "$fixed" ] || die "$fixed is $i's address"
    [ "${I_MAC[$i]}" != "$mac" ] || die "$mac is $i's MAC"
  done
  mkdir -p "$PLUMBING/servers"; chmod 755 "$LAB/openstack" "$PLUMBING" "$PLUMBING/servers"
  cat >"$(server_file "$name").new" <<EOF
# $name: created through the openstack stand-in ($(date -u +%FT%TZ))
INSTANCES+=($name); I_MACHINE[$name]=$machine; I_UUID[$name]=$uuid; I_PORT[$name]=$port; I_MAC[$name]=$mac
I_NET[$name]=$net; I_FIXED[$name]=$fixed; I_FLOATING[$name]=""; I_HOSTNAME[$name]=$host; I_CPU[$name]=$cpu; I_MEM[$name]=$mem
EOF
  mv "$(server_file "$name").new" "$(server_file "$name")"
  # shellcheck disable=SC1090
  . "$(server_file "$name")"
  # nova-lxd's order (the walkthrough's log): interfaces, then the container, then start.
  vif_up "$name"
  local project
  project=$(lxd_project "$machine")
  mkdir -p "/var/log/lxd/$name"
  lxc profile show "$name" --project "$project" >/dev/null 2>&1 || lxc profile create "$name" --project "$project" >/dev/null
  nova_profile_yaml "$name" | lxc profile edit "$name" --project "$project"
  container_create "$project" "$name" "OBX_HOSTNAME=$host" "$name"
  dhcp_refresh "$net" "$fixed"
  router_arp "$net" "$fixed" "$mac"
  lxc start "$name" --project "$project"
  wait_until $START_WAIT_TENTHS bash -c "lxc list --project '$project' --format csv -c n4 | grep -q '^$name,.*$fixed (eth0)'" \
    || die "$name did not get its address $fixed"
}

destroy_server() {
  local name=$1
  need name "$name" '^instance-[0-9a-f]{8}$'
  is_created "$name" || die "$name was not created through the stand-in; the lab's own instances stay"
  local project p net floating
  project=$(lxd_project "${I_MACHINE[$name]}"); p=$(port11 "${I_PORT[$name]}"); net=${I_NET[$name]}; floating=${I_FLOATING[$name]}
  lxc delete --force "$name" --project "$project" >/dev/null 2>&1 || true
  lxc profile delete "$name" --project "$project" >/dev/null 2>&1 || true
  rm -rf "/var/log/lxd/$name"
  ovs-vsctl --timeout=5 --if-exists del-port "qvo$p" || true
  ip link del "qvb$p" 2>/dev/null || true
  ip link del "qbr$p" 2>/dev/null || true
  rm -f "$(server_file "$name")"
  # the arrays still hold it: drop it before the DHCP hosts file and NAT are rebuilt
  local kept=() i
  for i in "${INSTANCES[@]}"; do [ "$i" = "$name" ] || kept+=("$i"); done
  INSTANCES=("${kept[@]}")
  dhcp_refresh "$net" "${I_FIXED[$name]}"
  router_arp "$net" "${I_FIXED[$name]}" none
  if [ -n "$floating" ]; then qrouter_up; unplug_floating "$floating"; fi
}

unplug_floating() { ip -n "$QROUTER_NS" addr del "$1/32" dev "$(qg_dev)" 2>/dev/null || true; }

set_floating() {
  local name=$1 address=$2
  need name "$name" '^instance-[0-9a-f]{8}$'
  [ -n "${I_MACHINE[$name]:-}" ] || die "no instance $name"
  local old=${I_FLOATING[$name]}
  if [ "$address" = none ]; then
    [ -n "$old" ] || die "$name has no floating IP"
    if is_created "$name"; then sed -i 's/I_FLOATING\[[^]]*\]="[^"]*"/I_FLOATING['"$name"']=""/' "$(server_file "$name")"
    elif [ -f "$(floating_file "$name")" ]; then rm -f "$(floating_file "$name")"
    else die "$name's floating IP is the lab's own; it stays"; fi
    I_FLOATING[$name]=""
  else
    need address "$address" "$LAB_ADDR_RE"
    [ -z "${I_FLOATING[$name]}" ] || die "$name already has floating IP ${I_FLOATING[$name]}"
    local i
    for i in "${INSTANCES[@]}"; do [ "${I_FLOATING[$i]}" != "$address" ] || die "$address is $i's floating IP"; done
    [ "$address" != "$DEAD_FLOATING" ] || die "$address is the lab's dead floating IP"
    if is_created "$name"; then sed -i 's/I_FLOATING\[[^]]*\]="[^"]*"/I_FLOATING['"$name"']="'"$address"'"/' "$(server_file "$name")"
    else
      mkdir -p "$PLUMBING/floating"; chmod 755 "$PLUMBING/floating"
      printf '# floating IP associated through the openstack stand-in\nI_FLOATING[%s]="%s"\n' "$name" "$address" >"$(floating_file "$name")"
    fi
    I_FLOATING[$name]=$address
  fi
  qrouter_up
  [ "$address" != none ] || unplug_floating "$old"
}

case "${1:-}" in
  spawn) [ $# = 11 ] || die "usage: spawn NAME MACHINE UUID PORT MAC NET FIXED HOSTNAME CPU MEMORY"; shift; spawn_server "$@" ;;
  destroy) [ $# = 2 ] || die "usage: destroy NAME"; destroy_server "$2" ;;
  floating) [ $# = 3 ] || die "usage: floating NAME ADDRESS|none"; set_floating "$2" "$3" ;;
  *) die "usage: nova-lxd-plumbing spawn|destroy|floating …" ;;
esac
