# shellcheck shell=bash
# keys.sh: SSH keys. The engineer's laptop key (USER_KEY, ed25519) and Juju's own key (JUJU_KEY,
# RSA like Juju 2.x's juju_id_rsa, kept in the controller's JUJU_DATA, owned by the lab user so the
# `juju ssh` stand-in can use it). One ed25519 host key per endpoint. Kept across `up` runs, so
# known_hosts stays valid; `down` deletes them with the lab dir.
# Also writes $LAB/known_hosts and an OpenSSH client config $LAB/ssh_config.

USER_KEY=$KEY_DIR/id_ed25519
JUJU_DATA_DIR=$EP_DIR/controller/juju
JUJU_KEY=$JUJU_DATA_DIR/ssh/juju_id_rsa
JUJU_KEY_BITS=3072
KNOWN_HOSTS=$LAB/known_hosts
SSH_CONFIG=$LAB/ssh_config

all_endpoints() { echo controller "${MACHINES[@]}"; }
ep_addr() { if [ "$1" = controller ]; then echo "$CONTROLLER_ADDR"; else echo "${M_ADDR[$1]}"; fi; }
ep_hostname() { if [ "$1" = controller ]; then echo "$CONTROLLER_HOSTNAME"; else echo "${M_HOSTNAME[$1]}"; fi; }
host_key() { echo "$(ep_dir "$1")/ssh_host_ed25519_key"; }
host_key_fp() { ssh-keygen -l -E sha256 -f "$(host_key "$1").pub" | awk '{print $2}'; }

keys_up() {
  step "SSH keys: user key, Juju key, host keys"
  mkdir -p "$KEY_DIR" "$JUJU_DATA_DIR/ssh"
  chmod 700 "$KEY_DIR"
  [ -f "$USER_KEY" ] || ssh-keygen -q -t ed25519 -N '' -C "engineer@laptop (orangebox lab)" -f "$USER_KEY"
  [ -f "$JUJU_KEY" ] || ssh-keygen -q -t rsa -b $JUJU_KEY_BITS -N '' -C "juju-client-key" -f "$JUJU_KEY"
  # ssh refuses a private key that its user cannot own: the stand-in runs as the lab user.
  chown -R "$LAB_USER:" "$JUJU_DATA_DIR"
  chmod 700 "$JUJU_DATA_DIR" "$JUJU_DATA_DIR/ssh"; chmod 600 "$JUJU_KEY"
  local e d
  for e in $(all_endpoints); do
    d=$(ep_dir "$e"); mkdir -p "$d"
    [ -f "$(host_key "$e")" ] || ssh-keygen -q -t ed25519 -N '' -C "$(ep_hostname "$e")" -f "$(host_key "$e")"
  done
  # known_hosts: every endpoint by address (what clients connect to) and by hostname alias.
  : >"$KNOWN_HOSTS.new"
  for e in $(all_endpoints); do
    printf '%s,%s %s\n' "$(ep_addr "$e")" "$(ep_hostname "$e")" "$(cut -d' ' -f1,2 "$(host_key "$e").pub")" >>"$KNOWN_HOSTS.new"
  done
  mv "$KNOWN_HOSTS.new" "$KNOWN_HOSTS"; chmod 644 "$KNOWN_HOSTS"
  cp "$KNOWN_HOSTS" "$JUJU_DATA_DIR/ssh/known_hosts"; chown "$LAB_USER:" "$JUJU_DATA_DIR/ssh/known_hosts"
  ssh_config_write
  step_done
}

ssh_config_write() {
  local m
  {
    echo "# OrangeBox lab: OpenSSH client config (ssh -F $SSH_CONFIG <alias>)"
    echo "# The user key is the engineer's laptop key. Machine 23 refuses it: use"
    echo "#   ssh -F $SSH_CONFIG obx-controller juju ssh 23"
    echo "Host *"
    echo "  User $LAB_USER"
    echo "  Port $SSH_PORT"
    echo "  IdentityFile $USER_KEY"
    echo "  IdentitiesOnly yes"
    echo "  UserKnownHostsFile $KNOWN_HOSTS"
    echo "  StrictHostKeyChecking yes"
    echo "  BatchMode yes"
    echo "  ConnectTimeout 5"
    echo
    echo "Host obx-controller $CONTROLLER_HOSTNAME"
    echo "  HostName $CONTROLLER_ADDR"
    for m in "${MACHINES[@]}"; do
      echo
      [ "${M_USERKEY[$m]}" = 1 ] || echo "# refuses the user key (Juju key only): this alias fails by design"
      echo "Host obx-$m ${M_HOSTNAME[$m]}"
      echo "  HostName ${M_ADDR[$m]}"
    done
    for m in "${MACHINES[@]}"; do
      [ "${M_USERKEY[$m]}" = 1 ] || continue
      echo
      echo "# the same machine reached through the controller (ProxyJump)"
      echo "Host obx-$m-via-controller"
      echo "  HostName ${M_ADDR[$m]}"
      echo "  ProxyJump obx-controller"
    done
  } >"$SSH_CONFIG"
  chmod 644 "$SSH_CONFIG"
}
