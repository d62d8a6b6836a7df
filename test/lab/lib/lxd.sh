# shellcheck shell=bash
# lxd.sh: the LXD daemon (no systemd: lxcfs + lxd started by hand), its initial config, and one
# LXD project per lab machine (so each machine's `lxc list` shows only its own containers).

LXD_READY_TIMEOUT=120     # seconds; a cold start takes ~0.6 s here
LXD_SHUTDOWN_TIMEOUT=10   # seconds. Containers are deleted by then; an `lxc exec` a terminal left open would
                          # otherwise hold the shutdown for the full wait before the daemon is stopped by PID

lxd_running() { lxd waitready --timeout=1 >/dev/null 2>&1; }

# A FUSE mount whose lxcfs process is gone (the machine was suspended or restored, or lxcfs was
# killed) stays in the mount table but every access fails with "Transport endpoint is not
# connected": `mkdir -p` and `mountpoint` then fail and LXD cannot start containers. Such a mount
# serves nobody, so it is detached; a working lxcfs mount (ours or anyone's) is left alone.
lxcfs_mount_listed() { awk '$2 == "/var/lib/lxcfs" { found = 1 } END { exit !found }' /proc/self/mounts; }
lxcfs_clear_stale_mount() {
  lxcfs_mount_listed || return 0
  stat /var/lib/lxcfs >/dev/null 2>&1 && return 0
  warn "/var/lib/lxcfs is a stale lxcfs mount (its process is gone): detaching it"
  fusermount -u /var/lib/lxcfs 2>/dev/null || umount -l /var/lib/lxcfs 2>/dev/null ||
    die "could not detach the stale mount /var/lib/lxcfs: run 'umount -l /var/lib/lxcfs' and try again"
}

lxd_daemon_up() {
  step "lxcfs + lxd daemons"
  lxcfs_clear_stale_mount
  mkdir -p /var/lib/lxcfs "$LOG_DIR" "$RUN_DIR"
  if ! mountpoint -q /var/lib/lxcfs; then
    spawn "$RUN_DIR/lxcfs.pid" "$LOG_DIR/lxcfs.log" /usr/bin/lxcfs /var/lib/lxcfs
    wait_until 50 mountpoint -q /var/lib/lxcfs || die "lxcfs did not mount /var/lib/lxcfs"
  fi
  if ! lxd_running; then
    # Remember whether LXD had never been initialised: only then may down wipe /var/lib/lxd.
    [ -e /var/lib/lxd/database ] || mark lxd-fresh
    # LXD fetches image-server metadata at start; a proxy on a closed loopback port keeps that
    # attempt on this machine (not even a DNS query leaves it).
    spawn "$RUN_DIR/lxd.pid" "$LOG_DIR/lxd.out" env https_proxy=http://127.0.0.1:9 http_proxy=http://127.0.0.1:9 \
      /usr/bin/lxd --group lxd --logfile="$LOG_DIR/lxd.log"
    lxd waitready --timeout=$LXD_READY_TIMEOUT || die "lxd did not become ready (see $LOG_DIR/lxd.log)"
  fi
  step_done
}

lxd_init_up() {
  step "lxd init (dir pool, no LXD-managed network), projects per machine"
  if ! lxc storage show "$LXD_POOL" >/dev/null 2>&1; then
    # No networks: instance nics are bridged to nova-lxd's qbr bridges, Juju containers to br-maas.
    lxd init --preseed <<EOF
config:
  images.auto_update_interval: "0"
storage_pools:
- name: $LXD_POOL
  driver: dir
profiles:
- name: default
  devices:
    root: {path: /, pool: $LXD_POOL, type: disk}
EOF
    mark lxd-init
  fi
  local m p
  for m in "${MACHINES[@]}"; do
    p=$(lxd_project "$m")
    if ! lxc project show "$p" >/dev/null 2>&1; then
      # Own profiles (nova-lxd makes one per instance), shared images from the default project.
      lxc project create "$p" -c features.images=false -c features.profiles=true \
        -c features.storage.volumes=true >/dev/null
    fi
    lxc project set "$p" user.obx.machine "$m" >/dev/null 2>&1 || true
    # This machine's default profile: root disk + eth0 on the MAAS management bridge, as Juju's
    # containers get on a MAAS node. juju-default = Juju's per-model profile.
    lxc profile edit default --project "$p" <<EOF
description: Default LXD profile for ${M_HOSTNAME[$m]}
config: {}
devices:
  root: {path: /, pool: $LXD_POOL, type: disk}
  eth0: {name: eth0, nictype: bridged, parent: $MGMT_BRIDGE, type: nic}
EOF
    lxc profile show "$JUJU_PROFILE" --project "$p" >/dev/null 2>&1 || lxc profile create "$JUJU_PROFILE" --project "$p" >/dev/null
    lxc profile edit "$JUJU_PROFILE" --project "$p" <<EOF
description: Juju model default (${JUJU_MODEL_UUID_SHORT})
config:
  boot.autostart: "true"
devices: {}
EOF
  done
  step_done
}

# All lab containers, then profiles, projects and the image; LXD itself last.
lxd_objects_down() {
  lxd_running || return 0
  step "delete containers, profiles, projects, image"
  local m p n pids=()
  for m in "${MACHINES[@]}"; do
    p=$(lxd_project "$m")
    lxc project show "$p" >/dev/null 2>&1 || continue
    for n in $(lxc list --project "$p" --format csv -c n 2>/dev/null); do
      # in parallel: a forced delete takes ~1.4 s and they are independent
      lxc delete --force --project "$p" "$n" >/dev/null 2>&1 &
      pids+=($!)
    done
  done
  [ ${#pids[@]} -gt 0 ] && wait "${pids[@]}" 2>/dev/null
  for m in "${MACHINES[@]}"; do
    p=$(lxd_project "$m")
    lxc project show "$p" >/dev/null 2>&1 || continue
    for n in $(lxc profile list --project "$p" --format csv 2>/dev/null | cut -d, -f1); do
      [ "$n" = default ] || lxc profile delete "$n" --project "$p" >/dev/null 2>&1 || true
    done
    lxc project delete "$p" >/dev/null 2>&1 || warn "could not delete LXD project $p"
  done
  lxc image info "$IMAGE_ALIAS" >/dev/null 2>&1 && lxc image delete "$IMAGE_ALIAS" >/dev/null
  if marked lxd-init; then
    lxc profile device remove default root >/dev/null 2>&1 || true
    lxc storage delete "$LXD_POOL" >/dev/null 2>&1 || warn "could not delete storage pool $LXD_POOL"
  fi
  step_done
}

lxd_daemon_down() {
  step "stop lxd and lxcfs"
  if alive "$RUN_DIR/lxd.pid"; then
    lxd shutdown --timeout=$LXD_SHUTDOWN_TIMEOUT >/dev/null 2>&1 || true
    stop_pid "$RUN_DIR/lxd.pid"
  fi
  rm -f "$RUN_DIR/lxd.pid"
  if alive "$RUN_DIR/lxcfs.pid"; then
    stop_pid "$RUN_DIR/lxcfs.pid"
    mountpoint -q /var/lib/lxcfs && { fusermount -u /var/lib/lxcfs 2>/dev/null || umount -l /var/lib/lxcfs 2>/dev/null || true; }
  fi
  rm -f "$RUN_DIR/lxcfs.pid"
  lxcfs_clear_stale_mount
  # LXD had never been initialised before the lab: put /var/lib/lxd back to empty.
  if marked lxd-fresh && ! lxd_running; then
    local mnt
    for mnt in /var/lib/lxd/shmounts /var/lib/lxd/devlxd; do mountpoint -q $mnt && umount -l $mnt; done
    rm -rf /var/lib/lxd/* 2>/dev/null || true
    chmod 755 /var/lib/lxd 2>/dev/null || true
  fi
  # LXD's per-container log dirs and the console logs the nova profiles ask for.
  local n m
  for n in "${INSTANCES[@]}" "${JUJU_CONTAINERS[@]}"; do
    rm -rf "/var/log/lxd/$n"
    for m in "${MACHINES[@]}"; do rm -rf "/var/log/lxd/$(lxd_project "$m")_$n"; done
  done
  step_done
}
