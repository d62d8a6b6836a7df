#!/bin/bash
# Health check of the running OrangeBox lab: proves each part works through the same doors a
# console uses (OpenSSH into each endpoint as the lab user, sudo ip netns exec, lxc, juju).
# Prints PASS/FAIL lines and "N passed, N failed"; exits nonzero on any failure.
# Usage: sudo bash test/lab/health.sh      Env: OBX_LAB_DIR (default /tmp/orangebox-lab)
set -uo pipefail
LAB_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for f in common config keys neutron nova endpoints; do
  # shellcheck disable=SC1090
  . "$LAB_SRC/lib/$f.sh"
done

CMD_TIMEOUT=30          # seconds, hard bound on any single ssh command of a check
PING="ping -c 1 -W 2"   # one echo, 2 s to answer: the lab's links answer in < 1 ms

PASS=0; FAIL=0
t() {
  local name=$1 out; shift
  if out=$("$@" 2>&1); then PASS=$((PASS + 1)); echo "PASS $name"
  else FAIL=$((FAIL + 1)); echo "FAIL $name"; printf '%s\n' "$out" | tail -5 | sed 's/^/     /'; fi
}
SSH_OPTS=(-F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes
          -o "UserKnownHostsFile=$KNOWN_HOSTS" -o ConnectTimeout=5 -o LogLevel=ERROR -p "$SSH_PORT")
key_for() { if [ "$1" != controller ] && [ "${M_USERKEY[$1]}" = 0 ]; then echo "$JUJU_KEY"; else echo "$USER_KEY"; fi; }
# on ENDPOINT CMD: run CMD over SSH on that endpoint as the lab user (with the key it accepts).
# Every check goes through ssh, so bounding ssh bounds the check.
on() { local e=$1; shift; timeout $CMD_TIMEOUT ssh "${SSH_OPTS[@]}" -i "$(key_for "$e")" "$LAB_USER@$(ep_addr "$e")" "$@"; }
on_with() { local key=$1 e=$2; shift 2; timeout $CMD_TIMEOUT ssh "${SSH_OPTS[@]}" -i "$key" "$LAB_USER@$(ep_addr "$e")" "$@"; }
eq() { [ "$1" = "$2" ] || { echo "expected [$2], got [$1]"; return 1; }; }
not() { if "$@"; then echo "unexpectedly succeeded: $*"; return 1; fi; return 0; }

[ -f "$MANIFEST" ] || { echo "FAIL manifest $MANIFEST missing: the lab is not up"; echo "0 passed, 1 failed"; exit 1; }

# ---------------------------------------------------------------- processes
check_pidfiles() {
  local f bad=""
  for f in "$RUN_DIR"/*.pid; do alive "$f" || bad="$bad $(basename "$f")"; done
  [ -z "$bad" ] || { echo "dead:$bad"; return 1; }
}
t "every daemon up started is alive ($(ls "$RUN_DIR"/*.pid 2>/dev/null | wc -l) PID files)" check_pidfiles

# ---------------------------------------------------------------- host safety
t "host: no 198.51.100.0/24 address or route outside the lab namespaces" \
  bash -c '! ip -4 addr show | grep -q "inet 198\.51\.100\." && ! ip -4 route show table all | grep -q "198\.51\.100\."'

# ---------------------------------------------------------------- endpoints
for e in $(all_endpoints); do
  t "ssh $(ep_name "$e") ($(ep_addr "$e")) answers, hostname $(ep_hostname "$e")" eq "$(on "$e" hostname 2>&1)" "$(ep_hostname "$e")"
done
t "ssh 23 refuses the user key" not on_with "$USER_KEY" 23 true
for m in "${MACHINES[@]}"; do
  [ "${M_USERKEY[$m]}" = 1 ] && t "ssh $m accepts the Juju key too" on_with "$JUJU_KEY" "$m" true
done
t "ProxyJump through the controller (ssh -F ssh_config obx-24-via-controller)" \
  eq "$(timeout $CMD_TIMEOUT ssh -F "$SSH_CONFIG" obx-24-via-controller hostname 2>&1)" "${M_HOSTNAME[24]}"
t "per-machine /etc/hosts resolves lab hostnames (getent on 26)" \
  eq "$(on 26 "getent hosts ${M_HOSTNAME[22]}" | awk '{print $1}')" "${M_ADDR[22]}"

# ---------------------------------------------------------------- LXD per machine
check_lxc_list() {  # MACHINE: `lxc list` over SSH shows exactly this machine's containers
  local got want
  got=$(on "$1" 'lxc list --format csv -c n' | sort)
  want=$(containers_of "$1" | sort)
  eq "$got" "$want"
}
for m in "${MACHINES[@]}"; do t "machine $m: lxc list shows exactly its own containers ($(containers_of "$m" | wc -l))" check_lxc_list "$m"; done

check_profile() {  # INSTANCE
  local i=$1 p y
  p=$(port11 "${I_PORT[$i]}")
  y=$(on "${I_MACHINE[$i]}" "lxc profile show $i") || return 1
  for want in "  qbr$p:" "    parent: qbr$p" "    host_name: tap$p" "    hwaddr: ${I_MAC[$i]}" "    nictype: bridged" \
              "  limits.cpu: \"${I_CPU[$i]}\"" "  limits.memory: ${I_MEM[$i]}" "  boot.autostart: \"True\"" \
              "    lxc.console.logfile=/var/log/lxd/$i/console.log" "    path: /"; do
    grep -qxF -- "$want" <<<"$y" || { echo "profile $i lacks [$want]"; echo "$y"; return 1; }
  done
  eq "$(on "${I_MACHINE[$i]}" "lxc config get $i volatile.qbr$p.host_name")" "tap$p"
}
check_addresses() {  # MACHINE: each container has its deterministic IPv4 on eth0
  local m=$1 all n want
  all=$(on "$m" 'lxc list --format csv -c n4s')
  for n in $(containers_of "$m"); do
    if [ -n "${I_FIXED[$n]:-}" ]; then want=${I_FIXED[$n]}; else want=${J_ADDR[$n]}; fi
    grep -q "^$n,$want (eth0),RUNNING\$" <<<"$all" || { echo "$n: want $want RUNNING, got: $(grep "^$n," <<<"$all")"; return 1; }
  done
}
for i in "${INSTANCES[@]}"; do t "profile $i: nova-lxd shape (qbr nic, tap, fa:16:3e MAC, limits, console log)" check_profile "$i"; done
for m in "${MACHINES[@]}"; do t "machine $m: containers RUNNING with their fixed/static addresses" check_addresses "$m"; done
t "instance-0000000c hostname is its display name (lxc-test-1) and /bin/bash works" \
  eq "$(on 22 'lxc exec instance-0000000c -- /bin/bash -c hostname')" "${I_HOSTNAME[instance-0000000c]}"
t "Juju containers reach each other on the MAAS network (23/lxd/0 -> 22/lxd/0)" \
  on 23 "lxc exec juju-79fcc7-23-lxd-0 -- $PING ${J_ADDR[juju-79fcc7-22-lxd-0]}"

# ---------------------------------------------------------------- nova config per machine
check_nova() {  # MACHINE
  local m=$1 out
  out=$(on "$m" "stat -c '%a %U %G' /etc/nova/nova.conf; cat /etc/nova/nova.conf; cat /etc/nova/nova-compute.conf") || return 1
  eq "$(head -1 <<<"$out")" "640 root $(id -gn "$LAB_USER")" || return 1
  grep -qx "compute_driver = lxd.LXDDriver" <<<"$out" || { echo "no compute_driver = lxd.LXDDriver"; return 1; }
  grep -qx "my_ip = ${M_ADDR[$m]}" <<<"$out" || { echo "my_ip is not this machine's"; return 1; }
  grep -q REDACTED <<<"$out" && { echo "REDACTED placeholder present"; return 1; }
  nova_secrets_load
  local s
  for s in "$NOVA_NEUTRON_PASSWORD" "$NOVA_KEYSTONE_PASSWORD" "$NOVA_RABBIT_PASSWORD"; do
    [ ${#s} -ge 16 ] && grep -qE "^(password|rabbit_password) = $s\$" <<<"$out" || { echo "a secret is missing"; return 1; }
  done
}
for m in "${MACHINES[@]}"; do
  [ "${M_ROLE[$m]}" = compute ] && t "machine $m: /etc/nova/nova.conf 0640 root:$LAB_USER with secrets, compute_driver lxd.LXDDriver" check_nova "$m"
done
t "gateway 26 has no nova.conf (its /etc/nova is not a compute node's)" not on 26 'test -e /etc/nova/nova.conf'

# ---------------------------------------------------------------- nova-lxd plumbing and OVS
check_vif() {  # INSTANCE
  local i=$1 p m ids tag members
  p=$(port11 "${I_PORT[$i]}"); m=${I_MACHINE[$i]}
  members=$(on "$m" "ip -o link show master qbr$p" | awk -F': ' '{print $2}' | cut -d@ -f1 | sort | tr '\n' ' ')
  eq "$members" "qvb$p tap$p " || return 1
  ids=$(on "$m" "sudo -n ovs-vsctl get Interface qvo$p external_ids") || return 1
  for want in "iface-id=\"${I_PORT[$i]}\"" 'iface-status=active' "attached-mac=\"${I_MAC[$i]}\"" "vm-uuid=$i"; do
    grep -qF "$want" <<<"$ids" || { echo "qvo$p external_ids lack $want: $ids"; return 1; }
  done
  tag=$(on "$m" "sudo -n ovs-vsctl get Port qvo$p tag") || return 1
  eq "$tag" "${NET_VLAN[${I_NET[$i]}]}"
}
t "OVS br-int is a userspace (netdev) bridge" eq "$(on 22 'sudo -n ovs-vsctl get bridge br-int datapath_type')" netdev
for i in "${INSTANCES[@]}"; do t "$i: tap+qvb in qbr, qvo on br-int with external-ids and VLAN tag" check_vif "$i"; done
t "sudo is limited to ip/OVS tools (sudo -n id is refused)" not on 22 'sudo -n id'

# ---------------------------------------------------------------- the gateway: namespaces, DHCP, NAT
check_netns() {
  local got n
  got=$(on 26 'sudo -n ip netns' 2>&1) || return 1
  grep -q 'unable to resolve' <<<"$got" && { echo "$got"; return 1; }
  for n in "$QROUTER_NS" $(for x in "${NETS[@]}"; do qdhcp_ns "$x"; done); do
    grep -q "^$n" <<<"$got" || { echo "missing $n in: $got"; return 1; }
  done
}
t "gateway 26: sudo ip netns lists qrouter + ${#NETS[@]} qdhcp namespaces (no sudo warnings)" check_netns
check_leases() {
  local i
  for i in "${INSTANCES[@]}"; do
    grep -q "${I_MAC[$i]} ${I_FIXED[$i]} " "$(dhcp_dir "${I_NET[$i]}")/leases" || { echo "no lease $i ${I_MAC[$i]} ${I_FIXED[$i]}"; return 1; }
  done
}
t "dnsmasq (qdhcp) leased every instance its fixed address" check_leases
for i in "${INSTANCES[@]}"; do
  t "qrouter -> $i fixed ${I_FIXED[$i]} answers" on 26 "sudo -n ip netns exec $QROUTER_NS $PING ${I_FIXED[$i]}"
done
for i in "${INSTANCES[@]}"; do
  [ -n "${I_FLOATING[$i]}" ] || continue
  t "qrouter -> $i floating ${I_FLOATING[$i]} answers" on 26 "sudo -n ip netns exec $QROUTER_NS $PING ${I_FLOATING[$i]}"
done
in_echos() {  # INSTANCE -> ICMP InEchos counter inside the instance
  on "${I_MACHINE[$1]}" "lxc exec $1 -- cat /proc/net/snmp" |
    awk '/^Icmp:/ { if (!h) { for (i = 1; i <= NF; i++) if ($i == "InEchos") c = i; h = 1 } else print $c }'
}
check_dnat_reaches() {  # the floating ping really lands in the instance (not answered by qg- itself)
  local i=instance-0000000c before after
  before=$(in_echos $i) || return 1
  on 26 "sudo -n ip netns exec $QROUTER_NS ping -c 3 -i 0.2 -W 2 ${I_FLOATING[$i]}" >/dev/null || return 1
  after=$(in_echos $i) || return 1
  [ $((after - before)) -ge 3 ] || { echo "InEchos $before -> $after"; return 1; }
}
t "floating ${I_FLOATING[instance-0000000c]} is DNAT'd into instance-0000000c (its ICMP counter rises)" check_dnat_reaches
t "dead address $DEAD_FLOATING does not answer" not on 26 "sudo -n ip netns exec $QROUTER_NS ping -c 1 -W 1 $DEAD_FLOATING"
t "instance-00000012 (net B) reaches net A's DHCP port through the qrouter" \
  on 24 "lxc exec instance-00000012 -- $PING ${NET_DHCP_ADDR[${NETS[0]}]}"
check_mtu() { eq "$(on 22 'lxc exec instance-0000000c -- cat /sys/class/net/eth0/mtu')" "$INSTANCE_MTU"; }
t "instance MTU $INSTANCE_MTU from DHCP option 26" check_mtu

# ---------------------------------------------------------------- juju on the controller
check_juju_json() {
  on controller 'juju status --format=json' | node -e '
    const s = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const lab = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const bad = [];
    for (const m of lab.machines) {
      const j = s.machines[m.id];
      if (!j) { bad.push(`machine ${m.id} missing`); continue; }
      if (j["dns-name"] !== m.address) bad.push(`machine ${m.id} dns-name ${j["dns-name"]}`);
      if (j["juju-status"].current !== "started") bad.push(`machine ${m.id} ${j["juju-status"].current}`);
    }
    for (const c of lab.juju.containers) {
      const j = s.machines[c.hostMachineId]?.containers?.[c.machineId];
      if (!j || j["dns-name"] !== c.address || j["juju-status"].current !== "started") bad.push(`container ${c.machineId}`);
    }
    for (const [u, m] of Object.entries(lab.juju.units)) {
      const a = s.applications[u.split("/")[0]];
      if (!a?.units?.[u] || a.units[u].machine !== m) bad.push(`unit ${u}`);
    }
    if (s.model.name !== lab.juju.model) bad.push("model name");
    if (bad.length) { console.log(bad.join("\n")); process.exit(1); }' "$MANIFEST"
}
t "controller: juju status --format=json names the lab machines, containers and units" check_juju_json
check_juju_tabular() {
  local out h
  out=$(on controller 'juju status') || return 1
  for h in "Model " "App " "Unit " "Machine " "Relation " "nova-compute/1*" "neutron-gateway/0*" "23/lxd/0 "; do
    grep -qF -- "$h" <<<"$out" || { echo "missing [$h]"; return 1; }
  done
}
t "controller: juju status (tabular) has the walkthrough sections" check_juju_tabular
t "controller: juju ssh 23 -- hostname (machine 23 refuses the user key directly)" \
  eq "$(on controller 'juju ssh 23 -- hostname' 2>&1)" "${M_HOSTNAME[23]}"
t "controller: juju ssh keystone/0 reaches its container" eq "$(on controller 'juju ssh keystone/0 hostname' 2>&1)" juju-79fcc7-23-lxd-0
t "controller: juju is on a login shell's PATH" on controller 'bash -lc "command -v juju"'
t "compute 22: no juju command there" not on 22 'command -v juju'

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
