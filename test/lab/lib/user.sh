# shellcheck shell=bash
# user.sh: the lab user (ubuntu, as in the walkthrough): plain shell rc (root's rc runs pyenv, slow),
# member of group lxd (so `lxc` works), sudo without password for `ip` and ovs-vsctl/ovs-ofctl/ovs-appctl only
# (ovs-appctl: the console's path analysis runs `ofproto/trace` and reads `dpif/show`, as root, like Neutron's agents),
# and for nft / iptables-save where installed (the console's firewall probe reads a machine's NAT rules with them).

PROFILE_BEGIN='# >>> orangebox-lab >>>'
PROFILE_END='# <<< orangebox-lab <<<'

user_up() {
  step "lab user $LAB_USER, sudoers $SUDOERS_FILE"
  if ! id "$LAB_USER" >/dev/null 2>&1; then
    # no subordinate uid/gid range: the user never runs containers of its own
    useradd -m -s /bin/bash -K SUB_UID_COUNT=0 -K SUB_GID_COUNT=0 "$LAB_USER"
    mark user-created
  fi
  # useradd leaves the account locked ('!'); sshd (UsePAM no) then refuses even key logins.
  # '*' = no password, not locked: key-only.
  usermod -p '*' "$LAB_USER"
  if ! id -nG "$LAB_USER" | tr ' ' '\n' | grep -qx lxd; then usermod -aG lxd "$LAB_USER"; mark user-lxd-group; fi
  local home
  home=$(getent passwd "$LAB_USER" | cut -d: -f6)
  # Login shells reset PATH in /etc/profile; re-add the endpoint's own bin dir (the controller's
  # `juju`) from OBX_LAB_BIN, which only the controller's sshd sets.
  if ! grep -qF "$PROFILE_BEGIN" "$home/.profile" 2>/dev/null; then
    {
      echo "$PROFILE_BEGIN"
      echo '[ -n "$OBX_LAB_BIN" ] && case ":$PATH:" in *":$OBX_LAB_BIN:"*) ;; *) PATH="$OBX_LAB_BIN:$PATH" ;; esac'
      echo "$PROFILE_END"
    } >>"$home/.profile"
    chown "$LAB_USER:" "$home/.profile"
  fi
  local ip_paths="" p
  for p in /usr/sbin/ip /usr/bin/ip /sbin/ip /bin/ip; do [ -e "$p" ] && ip_paths="$ip_paths$p, "; done
  for p in /usr/sbin/nft /usr/sbin/iptables-save; do [ -e "$p" ] && ip_paths="$ip_paths$p, "; done
  local tmp
  tmp=$(mktemp)
  cat >"$tmp" <<EOF
# OrangeBox lab (test/lab/up.sh): the lab user may run ip (ip netns exec …), nft/iptables-save and OVS tools as root.
$LAB_USER ALL=(root) NOPASSWD: ${ip_paths}$(command -v ovs-vsctl), $(command -v ovs-ofctl), $(command -v ovs-appctl)
# A namespace shell (sudo ip netns exec … bash -l) reads the lab user's profile, not this machine's
# root profile: that one runs pyenv, whose rehash lock, left by a shell killed while starting, made
# every later root login shell wait 60 s. The console's behaviour does not depend on which it reads.
Defaults:$LAB_USER env_keep += "HOME", !always_set_home
EOF
  visudo -cqf "$tmp" || die "generated sudoers drop-in does not parse"
  install -m 0440 -o root -g root "$tmp" "$SUDOERS_FILE"
  rm -f "$tmp"
  step_done
}

user_down() {
  step "sudoers drop-in, lab user"
  rm -f "$SUDOERS_FILE"
  if id "$LAB_USER" >/dev/null 2>&1; then
    if marked user-created; then
      userdel -r -f "$LAB_USER" >/dev/null 2>&1 || warn "userdel $LAB_USER failed"
      getent group "$LAB_USER" >/dev/null && groupdel "$LAB_USER" 2>/dev/null
    else
      marked user-lxd-group && gpasswd -d "$LAB_USER" lxd >/dev/null 2>&1
      local home
      home=$(getent passwd "$LAB_USER" | cut -d: -f6)
      [ -f "$home/.profile" ] && sed -i "/^$PROFILE_BEGIN\$/,/^$PROFILE_END\$/d" "$home/.profile"
    fi
  fi
  step_done
}
