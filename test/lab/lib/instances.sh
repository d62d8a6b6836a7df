# shellcheck shell=bash
# instances.sh: the containers. Nova instances get one LXD profile each, named like the instance
# and shaped like the walkthrough's `lxc profile show instance-00000014` (what nova-lxd creates),
# and nothing else; Juju's containers get the machine's default profile + juju-default.
# Every container lives in its machine's LXD project.

ADDRESS_WAIT_TENTHS=300   # 30 s bound for DHCP/static addresses; they appear in ~1-2 s

nova_profile_yaml() {  # INSTANCE
  local inst=$1 p
  p=$(port11 "${I_PORT[$inst]}")
  cat <<EOF
config:
  boot.autostart: "True"
  limits.cpu: "${I_CPU[$inst]}"
  limits.memory: ${I_MEM[$inst]}
  raw.lxc: |
    lxc.console.logfile=/var/log/lxd/$inst/console.log
description: ""
devices:
  qbr$p:
    host_name: tap$p
    hwaddr: ${I_MAC[$inst]}
    nictype: bridged
    parent: qbr$p
    type: nic
  root:
    path: /
    pool: $LXD_POOL
    size: 0GB
    type: disk
EOF
}

# container_create PROJECT NAME CONF_TEXT PROFILE...: init from the lab image with exactly these
# profiles and push /etc/obx-lab.conf (read by the image's rcS) before the first start.
container_create() {
  local project=$1 name=$2 conf=$3; shift 3
  lxc info "$name" --project "$project" >/dev/null 2>&1 && return 0
  local args=() pr
  for pr in "$@"; do args+=(--profile "$pr"); done
  lxc init "$IMAGE_ALIAS" "$name" --project "$project" "${args[@]}" >/dev/null 2>&1 \
    || die "lxc init $name failed: $(lxc init "$IMAGE_ALIAS" "$name" --project "$project" "${args[@]}" 2>&1 | tail -1)"
  local tmp
  tmp=$(mktemp)
  printf '%s\n' "$conf" >"$tmp"
  lxc file push "$tmp" "$name/etc/obx-lab.conf" --project "$project" --mode 0644 >/dev/null
  rm -f "$tmp"
}

instances_up() {
  step "containers: ${#INSTANCES[@]} Nova instances + ${#JUJU_CONTAINERS[@]} Juju containers"
  local inst project name
  for inst in "${INSTANCES[@]}"; do
    project=$(lxd_project "${I_MACHINE[$inst]}")
    mkdir -p "/var/log/lxd/$inst"        # the profile's console log directory
    lxc profile show "$inst" --project "$project" >/dev/null 2>&1 || lxc profile create "$inst" --project "$project" >/dev/null
    nova_profile_yaml "$inst" | lxc profile edit "$inst" --project "$project"
    container_create "$project" "$inst" "OBX_HOSTNAME=${I_HOSTNAME[$inst]}" "$inst"
  done
  for name in "${JUJU_CONTAINERS[@]}"; do
    project=$(lxd_project "$(j_machine "$name")")
    container_create "$project" "$name" "OBX_ADDRESS=${J_ADDR[$name]}/$MGMT_PREFIX" default "$JUJU_PROFILE"
  done
  # Start what is not running, in parallel (each start is independent and takes ~0.3 s).
  local pids=() state
  while IFS=, read -r project name state; do
    [ "$state" = RUNNING ] && continue
    lxc start "$name" --project "$project" >"$LOG_DIR/start-$name.log" 2>&1 &
    pids+=($!)
  done < <(lab_containers_csv)
  local p rc=0
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  [ $rc = 0 ] || die "a container failed to start: $(cat "$LOG_DIR"/start-*.log | tail -3)"
  rm -f "$LOG_DIR"/start-*.log
  wait_until $ADDRESS_WAIT_TENTHS all_addresses_present || die "containers did not get their addresses: $(missing_addresses)"
  step_done
}

# PROJECT,NAME,STATE for every container of every lab project.
lab_containers_csv() {
  local m p
  for m in "${MACHINES[@]}"; do
    p=$(lxd_project "$m")
    lxc list --project "$p" --format csv -c ns 2>/dev/null | sed "s/^/$p,/"
  done
}

# Every container has its expected IPv4 address (DHCP fixed entry or static).
expected_address() {  # NAME
  if [ -n "${I_FIXED[$1]:-}" ]; then echo "${I_FIXED[$1]}"; else echo "${J_ADDR[$1]}"; fi
}
missing_addresses() {
  local all n
  all=$(lxc list --all-projects --format csv -c n4 2>/dev/null)
  for n in "${INSTANCES[@]}" "${JUJU_CONTAINERS[@]}"; do
    grep -q "^$n,.*$(expected_address "$n") (eth0)" <<<"$all" || printf '%s ' "$n"
  done
}
all_addresses_present() { [ -z "$(missing_addresses)" ]; }
