# shellcheck shell=bash
# common.sh: logging, step timing, process control by PID file, markers, network guard.
# Sourced by up.sh, down.sh and health.sh; defines functions only.

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
# All the lab's own traffic stays local: nothing here should ever need a proxy, and LXD is started
# with a proxy pointing at a closed loopback port (see lxd.sh).
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY

T_START=$(date +%s%N)
T_STEP=$T_START
log() { printf '%s\n' "$*"; }
warn() { printf 'WARN: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
fmt_ms() { printf '%d.%03ds' $(( $1 / 1000 )) $(( $1 % 1000 )); }
step() { T_STEP=$(date +%s%N); printf '== %s\n' "$*"; }
step_done() { printf '   ok (%s)\n' "$(fmt_ms "$(ms_since "$T_STEP")")"; }

require_root() { [ "$(id -u)" = 0 ] || die "run as root (the lab creates namespaces, bridges, users and daemons)"; }

# ---- processes we start: always detached, always with a PID file, stopped only by that PID ----
# A process counts as alive only if it exists and is not a zombie (PID 1 on these machines reaps
# orphans late, so a killed daemon can linger as a zombie for a while).
pid_alive() {
  local p=$1 st
  [ -n "$p" ] && [ -d "/proc/$p" ] || return 1
  st=$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null) || return 1
  [ "$st" != Z ] && [ "$st" != X ]
}
# A PID file outlives its process when the machine is restored from a snapshot or the daemon is
# killed, and the kernel may by then have given that PID to someone else's process. So spawn also
# writes PIDFILE.id: the boot and the process's start time. A PID file counts as ours only while
# that identity still matches; without it (stale, or written before this check) it is not ours.
proc_identity() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }   # the command name may hold spaces or ')': fields after it are plain
  printf '%s %s\n' "$(cat /proc/sys/kernel/random/boot_id)" "$(awk '{print $20}' <<<"$stat")"
}
pidfile_ours() {
  local f=$1 p
  p=$(cat "$f" 2>/dev/null) && pid_alive "$p" || return 1
  [ -f "$f.id" ] && [ "$(proc_identity "$p")" = "$(cat "$f.id" 2>/dev/null)" ]
}
alive() { [ -f "$1" ] && pidfile_ours "$1"; }
# spawn PIDFILE LOG CMD...: start CMD detached in its own session. setsid execs in place when its
# caller is not a process-group leader (true for `&` children of a non-interactive shell), and
# `ip netns exec`/`unshare` (without --fork)/`sh -c 'exec …'` exec in place too, so $! is the
# daemon's own PID.
spawn() {
  local pidf=$1 logf=$2; shift 2
  setsid "$@" >"$logf" 2>&1 </dev/null &
  echo $! >"$pidf"
  proc_identity $! >"$pidf.id" || rm -f "$pidf.id"   # gone already: the caller's wait says so
}
# stop_pid PIDFILE: TERM the recorded PID, wait (bounded) for it to go, KILL if it will not.
STOP_WAIT_TENTHS=50   # 5 s: every daemon here stops in well under a second on TERM
stop_pid() {
  local f=$1 p i
  [ -f "$f" ] || return 0
  p=$(cat "$f" 2>/dev/null)
  if pidfile_ours "$f"; then
    kill "$p" 2>/dev/null || true
    for ((i = 0; i < STOP_WAIT_TENTHS; i++)); do pid_alive "$p" || break; sleep 0.1; done
    pid_alive "$p" && kill -KILL "$p" 2>/dev/null || true
  fi
  rm -f "$f" "$f.id"
}
# children_of PID: direct children (sshd forks one per connection; they are ours to stop too).
children_of() { ps -o pid= --ppid "$1" 2>/dev/null | tr -d ' '; }

# wait_until TENTHS CMD...: poll CMD every 0.1 s, at most TENTHS times.
wait_until() {
  local n=$1 i; shift
  for ((i = 0; i < n; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}

# ---- markers: what up created (so down removes exactly that, and nothing that was there before) ----
mark() { mkdir -p "$STATE_DIR"; : >"$STATE_DIR/$1"; }
marked() { [ -f "$STATE_DIR/$1" ]; }

# ---- network safety ----
# The lab uses 198.51.100.0/24 only inside its own namespaces/containers, and loopback. Refuse to run
# if the host already uses that range, and never touch the ranges of this machine's
# package-registry mapping and uplink (see ../shared/lab-notes.md, NETWORK SAFETY).
guard_network() {
  if grep -Eq '^[^#]*198\.51\.100\.' /etc/hosts /etc/resolv.conf 2>/dev/null; then
    die "198.51.100.0/24 appears in /etc/hosts or /etc/resolv.conf; refusing to build the lab"
  fi
  if ip -4 route show table all | grep -q '198\.51\.100\.'; then
    die "the host already routes 198.51.100.0/24; refusing to build the lab"
  fi
  if ip -4 addr show | grep -q 'inet 198\.51\.100\.'; then
    die "a host interface carries a 198.51.100.0/24 address; refusing to build the lab"
  fi
}

# tx_off DEV [NS]: disable TX checksum offload on a veth end. The userspace OVS datapath reads and
# writes frames through AF_PACKET sockets, so a frame with a partial (offloaded) checksum would be
# forwarded as-is and dropped by the receiver (DHCP replies from dnsmasq were the visible symptom).
tx_off() {
  if [ -n "${2:-}" ]; then ip netns exec "$2" ethtool -K "$1" tx off >/dev/null 2>&1 || true
  else ethtool -K "$1" tx off >/dev/null 2>&1 || true; fi
}
# host_link_quiet DEV: no IPv6 link-local address on a host-side lab link (it carries no IP at all).
host_link_quiet() { ip link set dev "$1" addrgenmode none 2>/dev/null || true; }
