# shellcheck shell=bash
# manifest.sh: write $LAB/lab.json, the machine-readable description of the running lab that the
# tests (test/lab/lab-manifest.ts) and the Juju stand-in read. Values are lab constants (no quotes
# or backslashes), still escaped by js() to be safe; the result is checked with JSON.parse.

js() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }
js_or_null() { if [ -n "$1" ]; then js "$1"; else printf null; fi; }
js_bool() { if [ "$1" = 1 ]; then printf true; else printf false; fi; }
js_list() { local first=1 x; printf '['; for x in "$@"; do [ $first = 1 ] || printf ','; first=0; js "$x"; done; printf ']'; }
# What up made, without what the `openstack` stand-in added (config.sh: STANDIN_SERVER/STANDIN_FLOATING).
own_instance() { [ -z "${STANDIN_SERVER[$1]:-}" ]; }
own_floating() { own_instance "$1" && [ -z "${STANDIN_FLOATING[$1]:-}" ] && [ -n "${I_FLOATING[$1]}" ]; }
own_floating_addrs() { local i; for i in "${INSTANCES[@]}"; do own_floating "$i" && echo "${I_FLOATING[$i]}"; done; return 0; }

join_by() { local sep=$1 first=1 x; shift; for x in "$@"; do [ $first = 1 ] || printf '%s' "$sep"; first=0; printf '%s' "$x"; done; }

manifest_instance() {  # INSTANCE
  local i=$1 p net
  p=$(port11 "${I_PORT[$i]}"); net=${I_NET[$i]}
  printf '{"name":%s,"uuid":%s,"displayName":%s,"portId":%s,"mac":%s,"fixedAddress":%s,"floatingAddress":%s,' \
    "$(js "$i")" "$(js "${I_UUID[$i]}")" "$(js "${I_HOSTNAME[$i]}")" "$(js "${I_PORT[$i]}")" "$(js "${I_MAC[$i]}")" \
    "$(js "${I_FIXED[$i]}")" "$(js_or_null "$(own_floating "$i" && echo "${I_FLOATING[$i]}")")"
  printf '"network":%s,"networkName":%s,"vlanTag":%s,"ovsVmUuid":%s,"profile":%s,' \
    "$(js "$net")" "$(js "${NET_NAME[$net]}")" "${NET_VLAN[$net]}" "$(js "$i")" "$(js "$i")"
  printf '"devices":{"bridge":%s,"tap":%s,"qvb":%s,"qvo":%s},"limits":{"cpu":%s,"memory":%s},"mtu":%s}' \
    "$(js "qbr$p")" "$(js "tap$p")" "$(js "qvb$p")" "$(js "qvo$p")" "$(js "${I_CPU[$i]}")" "$(js "${I_MEM[$i]}")" "$INSTANCE_MTU"
}

manifest_endpoint_common() {  # ENDPOINT
  local e=$1
  printf '"hostname":%s,"address":%s,"port":%s,"hostKeyFingerprint":%s,"hostKey":%s,"sshdPidFile":%s' \
    "$(js "$(ep_hostname "$e")")" "$(js "$(ep_addr "$e")")" "$SSH_PORT" "$(js "$(host_key_fp "$e")")" \
    "$(js "$(cut -d' ' -f1,2 "$(host_key "$e").pub")")" "$(js "$RUN_DIR/sshd-$(ep_name "$e").pid")"
}

manifest_machine() {  # MACHINE
  local m=$1 first=1 i c
  printf '{"id":%s,' "$(js "$m")"
  manifest_endpoint_common "$m"
  printf ',"role":%s,"userKeyAccepted":%s,"jujuKeyAccepted":true,"lxdProject":%s,"maasInstanceId":%s,"zone":%s,' \
    "$(js "${M_ROLE[$m]}")" "$(js_bool "${M_USERKEY[$m]}")" "$(js "$(lxd_project "$m")")" \
    "$(js "${M_INSTANCE_ID[$m]}")" "$(js "${M_ZONE[$m]}")"
  mapfile -t c < <(for i in $(containers_of "$m"); do own_instance "$i" && echo "$i"; done; true)
  printf '"containers":%s,"instances":[' "$(js_list "${c[@]}")"
  for i in "${INSTANCES[@]}"; do
    [ "${I_MACHINE[$i]}" = "$m" ] && own_instance "$i" || continue
    [ $first = 1 ] || printf ','; first=0
    manifest_instance "$i"
  done
  printf '],"nova":'
  if [ "${M_ROLE[$m]}" = compute ]; then printf '{"confDir":"/etc/nova","novaConf":"/etc/nova/nova.conf","novaComputeConf":"/etc/nova/nova-compute.conf","computeDriver":"lxd.LXDDriver"}'
  else printf null; fi
  printf '}'
}

manifest_gateway() {
  local net first i f qr_addrs=()
  printf '{"machineId":%s,"router":{"id":%s,"namespace":%s},"namespaces":[' \
    "$(js "$GATEWAY_MACHINE")" "$(js "$ROUTER_UUID")" "$(js "$QROUTER_NS")"
  for net in "${NETS[@]}"; do qr_addrs+=("${NET_GW[$net]}/$(net_prefix "$net")"); done
  qr_addrs+=("$EXT_QG_ADDR/$EXT_PREFIX")
  for f in $(own_floating_addrs) $DEAD_FLOATING; do qr_addrs+=("$f/32"); done
  printf '{"name":%s,"kind":"qrouter","addresses":%s}' "$(js "$QROUTER_NS")" "$(js_list "${qr_addrs[@]}")"
  for net in "${NETS[@]}"; do
    printf ',{"name":%s,"kind":"qdhcp","network":%s,"addresses":%s}' "$(js "$(qdhcp_ns "$net")")" "$(js "$net")" \
      "$(js_list "${NET_DHCP_ADDR[$net]}/$(net_prefix "$net")")"
  done
  mapfile -t f < <(own_floating_addrs)
  printf '],"floatingAddresses":%s,"floatingIps":[' "$(js_list "${f[@]}")"
  first=1
  for i in "${INSTANCES[@]}"; do
    own_floating "$i" || continue
    [ $first = 1 ] || printf ','; first=0
    printf '{"address":%s,"fixedAddress":%s,"instance":%s}' "$(js "${I_FLOATING[$i]}")" "$(js "${I_FIXED[$i]}")" "$(js "$i")"
  done
  printf '],"deadAddress":%s,"deadFixedAddress":%s,"deadAddressNote":%s,' "$(js "$DEAD_FLOATING")" "$(js "$DEAD_FIXED")" \
    "$(js "floating IP on qg- whose DNAT target $DEAD_FIXED has no instance behind it: must not answer")"
  printf '"externalNetwork":{"id":%s,"name":%s,"cidr":%s,"gatewayPortAddress":%s,"device":%s,"bridge":%s,"portId":%s,"mac":%s},' \
    "$(js "$EXT_NET_UUID")" "$(js "$EXT_NET_NAME")" "$(js "$EXT_CIDR")" "$(js "$EXT_QG_ADDR")" "$(js "$(qg_dev)")" "$(js "$EXT_BRIDGE")" \
    "$(js "$EXT_QG_PORT")" "$(js "$EXT_QG_MAC")"
  printf '"natTable":%s}' "$(js "ip $NAT_TABLE")"
}

manifest_networks() {
  local net first=1
  printf '['
  for net in "${NETS[@]}"; do
    [ $first = 1 ] || printf ','; first=0
    printf '{"id":%s,"name":%s,"cidr":%s,"gateway":%s,"dhcpAddress":%s,"vlanTag":%s,"dhcpNamespace":%s,"dhcpDevice":%s,"dhcpPortId":%s,"dhcpMac":%s,"routerDevice":%s,"routerPortId":%s,"routerMac":%s}' \
      "$(js "$net")" "$(js "${NET_NAME[$net]}")" "$(js "${NET_CIDR[$net]}")" "$(js "${NET_GW[$net]}")" \
      "$(js "${NET_DHCP_ADDR[$net]}")" "${NET_VLAN[$net]}" "$(js "$(qdhcp_ns "$net")")" "$(js "$(dhcp_dev "$net")")" \
      "$(js "${NET_DHCP_PORT[$net]}")" "$(js "${NET_DHCP_MAC[$net]}")" "$(js "$(qr_dev "$net")")" "$(js "${NET_QR_PORT[$net]}")" \
      "$(js "${NET_QR_MAC[$net]}")"
  done
  printf ']'
}

manifest_juju() {
  local m first n
  printf '{"model":%s,"controller":%s,"cloud":%s,"version":%s,"series":%s,"command":"juju","commandEndpoint":"controller","dataDir":%s,' \
    "$(js "$JUJU_MODEL")" "$(js "$JUJU_CONTROLLER")" "$(js "$JUJU_CLOUD")" "$(js "$JUJU_VERSION")" "$(js "$JUJU_SERIES")" "$(js "$JUJU_DATA_DIR")"
  printf '"containersByMachine":{'
  first=1
  for m in "${MACHINES[@]}"; do
    local cs=()
    for n in "${JUJU_CONTAINERS[@]}"; do [ "$(j_machine "$n")" = "$m" ] && cs+=("$n"); done
    [ $first = 1 ] || printf ','; first=0
    printf '%s:%s' "$(js "$m")" "$(js_list "${cs[@]}")"
  done
  printf '},"containers":['
  first=1
  for n in "${JUJU_CONTAINERS[@]}"; do
    [ $first = 1 ] || printf ','; first=0
    printf '{"name":%s,"machineId":%s,"hostMachineId":%s,"address":%s,"unit":%s,"lxdProject":%s}' \
      "$(js "$n")" "$(js "$(j_juju_id "$n")")" "$(js "$(j_machine "$n")")" "$(js "${J_ADDR[$n]}")" \
      "$(js "${J_UNIT[$n]}")" "$(js "$(lxd_project "$(j_machine "$n")")")"
  done
  printf '],"units":{'
  first=1
  for m in "${MACHINES[@]}"; do
    [ -n "${M_PRINCIPAL[$m]}" ] || continue
    [ $first = 1 ] || printf ','; first=0
    printf '%s:%s' "$(js "${M_PRINCIPAL[$m]}")" "$(js "$m")"
  done
  for n in "${JUJU_CONTAINERS[@]}"; do printf ',%s:%s' "$(js "${J_UNIT[$n]}")" "$(js "$(j_juju_id "$n")")"; done
  printf '},"subordinates":{'
  first=1
  for m in "${MACHINES[@]}"; do
    [ -n "${M_PRINCIPAL[$m]}" ] || continue
    [ $first = 1 ] || printf ','; first=0
    # shellcheck disable=SC2086
    printf '%s:%s' "$(js "${M_PRINCIPAL[$m]}")" "$(js_list ${M_SUBORDINATES[$m]})"
  done
  printf '}}'
}

manifest_write() {
  step "manifest $MANIFEST"
  nova_secrets_load
  local m first=1 tmp=$MANIFEST.new
  {
    printf '{"version":%s,"createdAt":%s,"labDir":%s,"user":%s,"userKey":%s,"userPublicKey":%s,"jujuKey":%s,"jujuPublicKey":%s,' \
      "$MANIFEST_VERSION" "$(js "$(date -u +%Y-%m-%dT%H:%M:%SZ)")" "$(js "$LAB")" "$(js "$LAB_USER")" "$(js "$USER_KEY")" \
      "$(js "$(cut -d' ' -f1,2 "$USER_KEY.pub")")" "$(js "$JUJU_KEY")" "$(js "$(cut -d' ' -f1,2 "$JUJU_KEY.pub")")"
    printf '"knownHosts":%s,"sshConfig":%s,"sshPort":%s,' "$(js "$KNOWN_HOSTS")" "$(js "$SSH_CONFIG")" "$SSH_PORT"
    printf '"controller":{"name":"controller",'
    manifest_endpoint_common controller
    printf ',"role":"controller","userKeyAccepted":true,"jujuKeyAccepted":false,"allowsTcpForwarding":true,"jujuCommand":%s},' \
      "$(js "$(ep_bin_dir)/juju")"
    printf '"machines":['
    for m in "${MACHINES[@]}"; do [ $first = 1 ] || printf ','; first=0; manifest_machine "$m"; done
    printf '],"networks":'; manifest_networks
    printf ',"gateway":'; manifest_gateway
    printf ',"ovs":{"integrationBridge":%s,"externalBridge":%s,"datapathType":"netdev"}' "$(js "$INT_BRIDGE")" "$(js "$EXT_BRIDGE")"
    printf ',"mgmtNetwork":{"bridge":%s,"cidr":%s}' "$(js "$MGMT_BRIDGE")" "$(js "$MGMT_CIDR")"
    printf ',"nova":{"secrets":{"neutron/password":%s,"keystone_authtoken/password":%s,"oslo_messaging_rabbit/rabbit_password":%s}}' \
      "$(js "$NOVA_NEUTRON_PASSWORD")" "$(js "$NOVA_KEYSTONE_PASSWORD")" "$(js "$NOVA_RABBIT_PASSWORD")"
    printf ',"openstack":{"command":%s,"commandEndpoint":"controller","rcFile":%s,"authUrl":%s,"username":"admin","projectName":"admin","region":"RegionOne","stateDir":%s,"hypervisorTypeDir":%s,"clientVersion":"7.4.0"}' \
      "$(js "$(ep_bin_dir)/openstack")" "$(js "$(openstack_rc_path)")" "$(js "$OPENSTACK_AUTH_URL")" "$(js "$OPENSTACK_DIR/state")" \
      "$(js "$OPENSTACK_DIR/hypervisor-type")"
    printf ',"juju":'; manifest_juju
    printf '}\n'
  } >"$tmp"
  node -e 'const fs=require("fs");const p=process.argv[1];fs.writeFileSync(p,JSON.stringify(JSON.parse(fs.readFileSync(p,"utf8")),null,2)+"\n")' "$tmp" \
    || die "generated lab.json is not valid JSON ($tmp)"
  chmod 644 "$tmp"; mv "$tmp" "$MANIFEST"
  step_done
}
