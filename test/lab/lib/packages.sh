# shellcheck shell=bash
# packages.sh: make sure the Debian packages the lab runs are installed (CI starts from a fresh
# machine). Only Debian's own archive, through apt; nothing else is downloaded.

APT_LOCK_TIMEOUT=600   # seconds: another apt run (unattended upgrades) may hold the lock at boot

packages_up() {
  step "apt packages"
  local missing="" p
  for p in $LAB_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    log "   installing:$missing"
    mkdir -p "$LOG_DIR"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=$APT_LOCK_TIMEOUT update -qq >"$LOG_DIR/apt.log" 2>&1 \
      || { tail -20 "$LOG_DIR/apt.log"; die "apt-get update failed"; }
    # No init system here, but package scripts would still start ssh / openvswitch through their
    # init scripts (a system sshd on 0.0.0.0:22 would collide with the lab endpoints). A temporary
    # policy-rc.d (Debian's documented switch; exit 101 = "action not allowed") prevents that.
    local policy=/usr/sbin/policy-rc.d own_policy=0 rc=0
    if [ ! -e $policy ]; then printf '#!/bin/sh\nexit 101\n' >$policy; chmod 755 $policy; own_policy=1; fi
    # shellcheck disable=SC2086
    apt-get -o DPkg::Lock::Timeout=$APT_LOCK_TIMEOUT install -y -qq --no-install-recommends $missing \
      >>"$LOG_DIR/apt.log" 2>&1 || rc=$?
    [ $own_policy = 1 ] && rm -f $policy
    [ $rc = 0 ] || { tail -20 "$LOG_DIR/apt.log"; die "apt-get install failed"; }
  fi
  command -v node >/dev/null || die "node is needed (the Juju stand-in and the manifest checks are Node)"
  step_done
}
