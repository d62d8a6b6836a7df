# shellcheck shell=bash
# juju.sh: install the `juju` stand-in (test/lab/juju/juju.mjs, Node, no dependencies) on the
# controller endpoint only: its bin dir is on PATH only in the controller sshd's SetEnv. Juju itself
# is a snap and cannot be installed here. The stand-in reads lab.json and live state (sshd PIDs,
# `lxc list --all-projects`), and `juju ssh` really connects with the Juju key.

juju_up() {
  step "juju stand-in on the controller"
  local bin node
  bin=$(ep_bin_dir)
  node=$(command -v node)
  mkdir -p "$bin"
  install -m 0755 "$LAB_SRC/juju/juju.mjs" "$bin/juju.mjs"
  # absolute node path: the lab user's PATH may not contain the directory root's node lives in
  printf '#!/bin/sh\n# OrangeBox lab: Juju stand-in (see test/lab/juju/juju.mjs)\nexec %s %s "$@"\n' "$node" "$bin/juju.mjs" >"$bin/juju"
  chmod 755 "$bin/juju"
  su -s /bin/sh "$LAB_USER" -c "$node --version" >/dev/null 2>&1 \
    || die "$LAB_USER cannot run $node (is node installed under a private home?)"
  step_done
}
