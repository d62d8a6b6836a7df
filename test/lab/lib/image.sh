# shellcheck shell=bash
# image.sh: build and import the container image locally (these machines reach no image server):
# busybox-static as init and userland, ~1 MB. Its rcS reads /etc/obx-lab.conf (pushed per
# container by instances.sh): a static address (Juju containers on the MAAS network) or DHCP
# (Nova instances, answered by the qdhcp namespace's dnsmasq with a fixed MAC->IP entry).

# Bump when the image's contents change: up replaces an older image (running containers keep theirs).
IMAGE_REVISION=4

image_up() {
  step "busybox image ($IMAGE_ALIAS r$IMAGE_REVISION)"
  if lxc image info "$IMAGE_ALIAS" 2>/dev/null | grep -q "obx.revision: \"\?$IMAGE_REVISION\"\?$"; then
    log "   already imported"; step_done; return 0
  fi
  lxc image info "$IMAGE_ALIAS" >/dev/null 2>&1 && lxc image delete "$IMAGE_ALIAS" >/dev/null
  local d=$LAB/image R
  rm -rf "$d"; mkdir -p "$d"; R=$d/rootfs
  mkdir -p "$R"/{bin,sbin,etc/init.d,proc,sys,dev,tmp,root,run,var/log,usr/bin,usr/sbin,usr/share/udhcpc}
  cp /bin/busybox "$R/bin/busybox"
  local a
  for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -sf /bin/busybox "$R/bin/$a"; done
  ln -sf /bin/busybox "$R/sbin/init"
  # /bin/bash is NOT bash: busybox ash, so the walkthrough's `lxc exec instance-0000000c /bin/bash`
  # works; it reads /etc/obx-shrc for an Ubuntu-like prompt (root@lxc-test-1:~#).
  printf '#!/bin/sh\nENV=/etc/obx-shrc; export ENV\nexec /bin/busybox ash "$@"\n' >"$R/bin/bash"
  chmod 755 "$R/bin/bash"
  printf '%s\n' "PS1='\\u@\\h:\\w\\\$ '" >"$R/etc/obx-shrc"
  echo 'root:x:0:0:root:/root:/bin/sh' >"$R/etc/passwd"
  echo 'root:x:0:' >"$R/etc/group"
  printf '::sysinit:/etc/init.d/rcS\n::shutdown:/bin/umount -a -r\n' >"$R/etc/inittab"
  cat >"$R/etc/init.d/rcS" <<'EOF'
#!/bin/sh
# OrangeBox lab container init (busybox). /etc/obx-lab.conf may set:
#   OBX_HOSTNAME  hostname inside the container (Nova: the instance's display name)
#   OBX_ADDRESS   static address/prefix for eth0 (Juju containers on the MAAS network); else DHCP
mkdir -p /run /tmp /var/log
ip link set lo up
OBX_HOSTNAME=; OBX_ADDRESS=
[ -r /etc/obx-lab.conf ] && . /etc/obx-lab.conf
[ -n "$OBX_HOSTNAME" ] && hostname "$OBX_HOSTNAME"
for i in /sys/class/net/eth*; do
  [ -e "$i" ] || continue
  n=${i##*/}
  ip link set "$n" up
  if [ -n "$OBX_ADDRESS" ]; then
    ip addr add "$OBX_ADDRESS" dev "$n"
  else
    udhcpc -b -t 60 -T 1 -O mtu -i "$n" -s /usr/share/udhcpc/default.script >/var/log/udhcpc-"$n".log 2>&1 &
  fi
done
EOF
  chmod 755 "$R/etc/init.d/rcS"
  cat >"$R/usr/share/udhcpc/default.script" <<'EOF'
#!/bin/sh
case "$1" in
  deconfig) ip addr flush dev "$interface"; ip link set "$interface" up ;;
  bound|renew)
    ip addr flush dev "$interface"
    ip addr add "$ip/${mask:-24}" broadcast "${broadcast:-+}" dev "$interface"
    [ -n "$mtu" ] && ip link set dev "$interface" mtu "$mtu"
    [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
    ;;
esac
exit 0
EOF
  chmod 755 "$R/usr/share/udhcpc/default.script"
  cat >"$d/metadata.yaml" <<EOF
architecture: x86_64
creation_date: $(date +%s)
properties:
  description: OrangeBox lab busybox image
  os: busybox
  release: "$(/bin/busybox | head -1 | awk '{print $2}')"
  obx.revision: "$IMAGE_REVISION"
EOF
  tar -C "$d" -czf "$d/image.tar.gz" metadata.yaml rootfs
  lxc image import "$d/image.tar.gz" --alias "$IMAGE_ALIAS" >/dev/null
  rm -rf "$d"
  step_done
}
