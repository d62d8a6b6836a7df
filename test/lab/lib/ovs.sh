# shellcheck shell=bash
# ovs.sh: Open vSwitch in userspace. The kernel here has no openvswitch module, so bridges use
# datapath_type=netdev (ovs-vswitchd forwards frames itself, through AF_PACKET on each port).
# br-int = Neutron's integration bridge, br-ex = the external bridge the router's qg- port uses.

OVS_RUN=/var/run/openvswitch          # ovs-vsctl's default socket dir (so plain `ovs-vsctl` works)
OVS_DB=/var/lib/openvswitch/conf.db   # Debian's location (/etc/openvswitch/conf.db links here)
OVS_TIMEOUT=10                        # seconds for any ovs-vsctl call

ovs_db_ok() { ovs-vsctl --timeout=2 show >/dev/null 2>&1; }
ovs_switch_ok() { ovs-appctl --timeout=2 -t ovs-vswitchd version >/dev/null 2>&1; }

ovs_up() {
  step "Open vSwitch (userspace datapath): $INT_BRIDGE, $EXT_BRIDGE"
  [ -d "$OVS_RUN" ] || mark ovs-rundir
  mkdir -p "$OVS_RUN" /var/lib/openvswitch
  if ! ovs_db_ok; then
    if [ ! -s "$OVS_DB" ]; then ovsdb-tool create "$OVS_DB" /usr/share/openvswitch/vswitch.ovsschema; mark ovs-db; fi
    spawn "$RUN_DIR/ovsdb-server.pid" "$LOG_DIR/ovsdb-server.out" ovsdb-server "$OVS_DB" \
      --remote=punix:$OVS_RUN/db.sock --pidfile=$OVS_RUN/ovsdb-server.pid --log-file="$LOG_DIR/ovsdb-server.log"
    # Wait for the database to answer, not for the socket file: a db.sock left by an ovsdb-server
    # that no longer runs (the machine was restored, or it was killed) exists before ours binds.
    wait_until 50 ovs_db_ok || die "ovsdb-server did not come up (see $LOG_DIR/ovsdb-server.log)"
  fi
  ovs-vsctl --timeout=$OVS_TIMEOUT --no-wait init   # idempotent: the root record the bridges hang from
  if ! ovs_switch_ok; then
    spawn "$RUN_DIR/ovs-vswitchd.pid" "$LOG_DIR/ovs-vswitchd.out" ovs-vswitchd unix:$OVS_RUN/db.sock \
      --pidfile=$OVS_RUN/ovs-vswitchd.pid --log-file="$LOG_DIR/ovs-vswitchd.log"
    wait_until 50 ovs_switch_ok || die "ovs-vswitchd did not come up (see $LOG_DIR/ovs-vswitchd.log)"
  fi
  local br
  for br in $INT_BRIDGE $EXT_BRIDGE; do
    ovs-vsctl --timeout=$OVS_TIMEOUT --may-exist add-br "$br" -- set bridge "$br" datapath_type=netdev \
      -- set bridge "$br" external-ids:obx-lab=1
  done
  # Neutron's OVS agent marks br-int's MAC learning bridge like this; NORMAL forwarding is the default.
  ovs-vsctl --timeout=$OVS_TIMEOUT set bridge "$INT_BRIDGE" other-config:mac-aging-time=300
  step_done
}

# ovs_port BRIDGE PORT [TAG] [external-ids...]: (re)attach PORT with the given tag and external-ids,
# in one transaction like nova-lxd's `--if-exists del-port … -- add-port …`.
ovs_port() {
  local br=$1 port=$2 tag=${3:-}; shift 3 || shift $#
  ovs_port_is "$br" "$port" "$tag" "$@" && return 0   # re-running up must not bounce live ports
  local args=("--timeout=$OVS_TIMEOUT" -- --if-exists del-port "$port" -- add-port "$br" "$port")
  [ -n "$tag" ] && args+=("tag=$tag")
  if [ $# -gt 0 ]; then args+=(-- set Interface "$port"); args+=("$@"); fi
  ovs-vsctl "${args[@]}"
}

# ovs_port_is BRIDGE PORT TAG [external-ids:k=v...]: already attached exactly like that?
ovs_port_is() {
  local br=$1 port=$2 tag=${3:-} ids kv k v; shift 3 || shift $#
  [ "$(ovs-vsctl --timeout=$OVS_TIMEOUT port-to-br "$port" 2>/dev/null)" = "$br" ] || return 1
  [ "$(ovs-vsctl --timeout=$OVS_TIMEOUT get Port "$port" tag 2>/dev/null)" = "${tag:-[]}" ] || return 1
  ids=$(ovs-vsctl --timeout=$OVS_TIMEOUT get Interface "$port" external_ids 2>/dev/null) || return 1
  for kv in "$@"; do
    kv=${kv#external-ids:}; k=${kv%%=*}; v=${kv#*=}
    grep -qF -e "$k=$v" -e "$k=\"$v\"" -e "\"$k\"=\"$v\"" <<<"$ids" || return 1
  done
}

ovs_down() {
  step "Open vSwitch bridges and daemons"
  if ovs_db_ok; then
    local br
    for br in $INT_BRIDGE $EXT_BRIDGE; do
      # only bridges the lab created (tagged external-ids:obx-lab=1)
      [ "$(ovs-vsctl --timeout=5 --if-exists get bridge $br external-ids:obx-lab 2>/dev/null)" = '"1"' ] \
        && ovs-vsctl --timeout=5 --if-exists del-br $br
    done
  fi
  stop_pid "$RUN_DIR/ovs-vswitchd.pid"
  stop_pid "$RUN_DIR/ovsdb-server.pid"
  if marked ovs-db; then rm -f "$OVS_DB" /var/lib/openvswitch/.conf.db.~lock~; fi
  if marked ovs-rundir; then rmdir "$OVS_RUN" 2>/dev/null || true; fi
  step_done
}
