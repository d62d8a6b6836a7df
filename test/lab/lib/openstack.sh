# shellcheck shell=bash
# openstack.sh: install the `openstack` stand-in (test/lab/openstack/*.mjs, Node, no dependencies)
# on the controller endpoint only (same bin dir as `juju`, on PATH only in the controller sshd's
# SetEnv), its Keystone record (admin's password as an scrypt hash), the rc file ~ubuntu/novarc
# an engineer sources, and the root helper that does nova-lxd's plumbing for `server create`,
# runnable by the lab user through a sudoers rule for exactly that file.
# The admin password is random per lab, kept across `up` runs in secrets.env (tests scan for it),
# and written in clear only there and in novarc (0600, the lab user's).

OPENSTACK_CLIENT_DIR=$OPENSTACK_DIR/client
OPENSTACK_SBIN=$OPENSTACK_DIR/sbin
OPENSTACK_SUDOERS=/etc/sudoers.d/orangebox-lab-openstack
OPENSTACK_AUTH_URL=http://$KEYSTONE_ADDR:5000/v3
OPENSTACK_RC_NAME=novarc          # the name the walkthrough era's charms docs use for the admin rc file
OPENSTACK_RC_MARK='# OrangeBox lab admin credentials (test/lab/up.sh)'
PLUMBING_LIBS="common config lxd ovs neutron vif instances"

openstack_rc_path() { echo "$(getent passwd "$LAB_USER" | cut -d: -f6)/$OPENSTACK_RC_NAME"; }

openstack_password_load() {
  nova_secrets_load
  if [ -z "${OPENSTACK_ADMIN_PASSWORD:-}" ]; then
    umask 077; echo "OPENSTACK_ADMIN_PASSWORD=$(nova_secret)" >>"$SECRETS_FILE"; umask 022
    # shellcheck disable=SC1090
    . "$SECRETS_FILE"
  fi
}

openstack_up() {
  step "openstack stand-in on the controller, ~$LAB_USER/$OPENSTACK_RC_NAME, nova-lxd plumbing helper"
  openstack_password_load
  local bin node f rc
  bin=$(ep_bin_dir); node=$(command -v node)
  install -d -m 0755 -o root -g root "$OPENSTACK_DIR" "$OPENSTACK_CLIENT_DIR" "$OPENSTACK_SBIN" "$OPENSTACK_SBIN/lib" \
    "$OPENSTACK_DIR/hypervisor-type" "$OPENSTACK_DIR/plumbing"
  install -d -m 0700 -o "$LAB_USER" -g "$(id -gn "$LAB_USER")" "$OPENSTACK_DIR/state"
  for f in "$LAB_SRC"/openstack/*.mjs; do install -m 0644 "$f" "$OPENSTACK_CLIENT_DIR/"; done
  printf '#!/bin/sh\n# OrangeBox lab: python-openstackclient stand-in (see test/lab/openstack/openstack.mjs)\nexec %s %s "$@"\n' \
    "$node" "$OPENSTACK_CLIENT_DIR/openstack.mjs" >"$bin/openstack"
  chmod 755 "$bin/openstack"
  # Keystone keeps a hash, not the password: the stand-in (running as the lab user) checks OS_PASSWORD against it.
  OBX_PW=$OPENSTACK_ADMIN_PASSWORD "$node" -e '
    const c = require("crypto"); const salt = c.randomBytes(16);
    process.stdout.write(JSON.stringify({ username: "admin", projectName: "admin", authUrl: process.argv[1],
      salt: salt.toString("hex"), scrypt: c.scryptSync(process.env.OBX_PW, salt, 32).toString("hex") }) + "\n");' \
    "$OPENSTACK_AUTH_URL" >"$OPENSTACK_DIR/keystone.json.new"
  chown "root:$(id -gn "$LAB_USER")" "$OPENSTACK_DIR/keystone.json.new"; chmod 640 "$OPENSTACK_DIR/keystone.json.new"
  mv "$OPENSTACK_DIR/keystone.json.new" "$OPENSTACK_DIR/keystone.json"
  # The root helper: a root-owned copy of the lab's functions, with this lab's dir fixed (sudo drops the environment).
  for f in $PLUMBING_LIBS; do install -m 0644 "$LAB_SRC/lib/$f.sh" "$OPENSTACK_SBIN/lib/$f.sh"; done
  sed "s|^set -euo pipefail\$|set -euo pipefail\nexport OBX_LAB_DIR=$LAB|" "$LAB_SRC/lib/nova-lxd-plumbing.sh" >"$OPENSTACK_SBIN/nova-lxd-plumbing"
  chmod 755 "$OPENSTACK_SBIN/nova-lxd-plumbing"
  local tmp
  tmp=$(mktemp)
  printf '# OrangeBox lab (test/lab/up.sh): the openstack stand-in runs nova-lxd'"'"'s plumbing as root, this file only.\n%s ALL=(root) NOPASSWD: %s\n' \
    "$LAB_USER" "$OPENSTACK_SBIN/nova-lxd-plumbing" >"$tmp"
  visudo -cqf "$tmp" || die "generated sudoers drop-in for the openstack stand-in does not parse"
  install -m 0440 -o root -g root "$tmp" "$OPENSTACK_SUDOERS"
  rm -f "$tmp"
  rc=$(openstack_rc_path)
  umask 077
  cat >"$rc.new" <<EOF
$OPENSTACK_RC_MARK
export OS_USERNAME=admin
export OS_PASSWORD=$OPENSTACK_ADMIN_PASSWORD
export OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_AUTH_URL=$OPENSTACK_AUTH_URL
export OS_IDENTITY_API_VERSION=3
export OS_REGION_NAME=RegionOne
EOF
  umask 022
  chown "$LAB_USER:" "$rc.new"; mv "$rc.new" "$rc"
  step_done
}

openstack_down() {
  step "openstack stand-in: sudoers drop-in, ~$LAB_USER/$OPENSTACK_RC_NAME"
  rm -f "$OPENSTACK_SUDOERS"
  local rc
  if id "$LAB_USER" >/dev/null 2>&1; then
    rc=$(openstack_rc_path)
    if [ -f "$rc" ] && [ "$(head -1 "$rc")" = "$OPENSTACK_RC_MARK" ]; then rm -f "$rc"; fi
  fi
  step_done
}
