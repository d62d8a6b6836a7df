# shellcheck shell=bash disable=SC2034
# config.sh: the lab's topology, in one place. Everything else reads these names.
# Shaped on the field walkthrough (/work/shared/seed): Juju model "default" on MAAS, machines 22/24
# (nova-compute + lxd), 23 (control plane in LXD containers), 26 (neutron-gateway, node02ob64).

# ---------------------------------------------------------------- lab dir and format
OBX_LAB_DIR=${OBX_LAB_DIR:-/tmp/orangebox-lab}
LAB=$OBX_LAB_DIR
RUN_DIR=$LAB/run            # PID files of every daemon up starts
LOG_DIR=$LAB/logs
STATE_DIR=$LAB/state        # markers: what up created, so down removes exactly that
KEY_DIR=$LAB/keys           # the engineer's laptop key
EP_DIR=$LAB/endpoints       # one dir per SSH endpoint (sshd config, host key, hosts, lxd-conf, etc-nova)
MANIFEST=$LAB/lab.json
MANIFEST_VERSION=1          # bump when lab.json changes shape (lab-manifest.ts checks it)

# ---------------------------------------------------------------- packages (installed if missing)
LAB_PACKAGES="lxd lxd-client lxcfs dnsmasq-base nftables busybox-static openssh-server iputils-ping ethtool openvswitch-switch sudo"

# ---------------------------------------------------------------- the lab user
LAB_USER=ubuntu             # as in the walkthrough (ubuntu@OrangeBox64, ubuntu@node02ob64)
SSH_PORT=22                 # every endpoint listens on its own loopback address, so all can use 22
SUDOERS_FILE=/etc/sudoers.d/orangebox-lab

# ---------------------------------------------------------------- SSH endpoints
# The controller is the MAAS/Juju client host the engineer works from (the walkthrough's prompt).
CONTROLLER_HOSTNAME=OrangeBox64
CONTROLLER_ADDR=127.0.1.1
# Juju machines. Addresses end in the machine id so they are easy to read in logs.
MACHINES=(22 23 24 26)
declare -A M_HOSTNAME=([22]=node03ob64 [23]=node04ob64 [24]=node05ob64 [26]=node02ob64)
declare -A M_ADDR=([22]=127.0.1.22 [23]=127.0.1.23 [24]=127.0.1.24 [26]=127.0.1.26)
declare -A M_ROLE=([22]=compute [23]=control [24]=compute [26]=gateway)
# 23 accepts only the Juju key: a console must fall back to `juju ssh 23` via the controller.
declare -A M_USERKEY=([22]=1 [23]=0 [24]=1 [26]=1)
# MAAS system ids and zones from the walkthrough's machine table.
declare -A M_INSTANCE_ID=([22]=4y3hfm [23]=4y3hfs [24]=4y3hgr [26]=4y3hfn)
declare -A M_ZONE=([22]=zone1 [23]=zone2 [24]=zone0 [26]=zone1)
# One LXD project per machine = that machine's own LXD; named after the machine's hostname.
lxd_project() { echo "${M_HOSTNAME[$1]}"; }
ep_name() { if [ "$1" = controller ]; then echo controller; else echo "machine-$1"; fi; }
ep_dir() { echo "$EP_DIR/$(ep_name "$1")"; }

# ---------------------------------------------------------------- LXD
LXD_POOL=default
IMAGE_ALIAS=obx-busybox     # locally built busybox image (no image server on these machines)
JUJU_MODEL_UUID_SHORT=79fcc7  # the walkthrough's juju-79fcc7-<machine>-lxd-<n> container names
JUJU_PROFILE=juju-default   # Juju's per-model LXD profile (juju-<model>)
# Juju's own containers sit on the MAAS management network: a host bridge with NO host address.
MGMT_BRIDGE=br-maas
MGMT_PREFIX=26
MGMT_CIDR=198.51.100.192/26
JUJU_CONTAINERS=(juju-79fcc7-22-lxd-0 juju-79fcc7-23-lxd-0 juju-79fcc7-23-lxd-1 juju-79fcc7-23-lxd-2
                 juju-79fcc7-23-lxd-3 juju-79fcc7-23-lxd-4 juju-79fcc7-24-lxd-0)
# Static addresses (read by the image's rcS from /etc/obx-lab.conf) and the unit each one hosts.
declare -A J_ADDR=([juju-79fcc7-22-lxd-0]=198.51.100.200 [juju-79fcc7-23-lxd-0]=198.51.100.201
                   [juju-79fcc7-23-lxd-1]=198.51.100.202 [juju-79fcc7-23-lxd-2]=198.51.100.203
                   [juju-79fcc7-23-lxd-3]=198.51.100.204 [juju-79fcc7-23-lxd-4]=198.51.100.205
                   [juju-79fcc7-24-lxd-0]=198.51.100.206)
declare -A J_UNIT=([juju-79fcc7-22-lxd-0]=mysql/0 [juju-79fcc7-23-lxd-0]=keystone/0
                   [juju-79fcc7-23-lxd-1]=glance/0 [juju-79fcc7-23-lxd-2]=rabbitmq-server/0
                   [juju-79fcc7-23-lxd-3]=nova-cloud-controller/0 [juju-79fcc7-23-lxd-4]=neutron-api/0
                   [juju-79fcc7-24-lxd-0]=openstack-dashboard/0)
j_machine() { local n=${1#juju-"$JUJU_MODEL_UUID_SHORT"-}; echo "${n%%-*}"; }           # 23
j_juju_id() { local n=${1#juju-"$JUJU_MODEL_UUID_SHORT"-}; echo "${n%%-*}/lxd/${n##*-}"; } # 23/lxd/0
# Control-plane addresses nova.conf points at (the containers above).
KEYSTONE_ADDR=198.51.100.201; GLANCE_ADDR=198.51.100.202; RABBIT_ADDR=198.51.100.203
NCC_ADDR=198.51.100.204; NEUTRON_API_ADDR=198.51.100.205

# ---------------------------------------------------------------- Neutron: networks on the gateway (26)
GATEWAY_MACHINE=26
ROUTER_UUID=35fea0f3-ca4d-4bdf-a3b7-c00194bbd566        # the walkthrough's qrouter
QROUTER_NS=qrouter-$ROUTER_UUID
# Tenant networks: the walkthrough's three qdhcp namespaces. Each has a qdhcp namespace with
# dnsmasq, a router port (qr-) and an OVS local VLAN tag on br-int.
NETS=(f8ec06d8-c199-45b8-bc72-56ee2c806fed 2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f ac7bafe8-3c37-48ba-8c24-98be14f4d9f7)
declare -A NET_NAME=([f8ec06d8-c199-45b8-bc72-56ee2c806fed]=private
                     [2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f]=private2
                     [ac7bafe8-3c37-48ba-8c24-98be14f4d9f7]=private3)
declare -A NET_CIDR=([f8ec06d8-c199-45b8-bc72-56ee2c806fed]=198.51.100.0/27
                     [2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f]=198.51.100.32/27
                     [ac7bafe8-3c37-48ba-8c24-98be14f4d9f7]=198.51.100.64/27)
declare -A NET_NETMASK=([f8ec06d8-c199-45b8-bc72-56ee2c806fed]=255.255.255.224
                        [2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f]=255.255.255.224
                        [ac7bafe8-3c37-48ba-8c24-98be14f4d9f7]=255.255.255.224)
declare -A NET_GW=([f8ec06d8-c199-45b8-bc72-56ee2c806fed]=198.51.100.1
                   [2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f]=198.51.100.33
                   [ac7bafe8-3c37-48ba-8c24-98be14f4d9f7]=198.51.100.65)
declare -A NET_DHCP_ADDR=([f8ec06d8-c199-45b8-bc72-56ee2c806fed]=198.51.100.2
                          [2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f]=198.51.100.34
                          [ac7bafe8-3c37-48ba-8c24-98be14f4d9f7]=198.51.100.66)
# OVS local VLAN per network on br-int (what the neutron-openvswitch agent allocates).
declare -A NET_VLAN=([f8ec06d8-c199-45b8-bc72-56ee2c806fed]=1
                     [2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f]=2
                     [ac7bafe8-3c37-48ba-8c24-98be14f4d9f7]=3)
# Neutron port ids of the router interface (qr-) and DHCP port (tap) on each network.
declare -A NET_QR_PORT=([f8ec06d8-c199-45b8-bc72-56ee2c806fed]=cdbf7fe2-ce3e-4753-a5c7-659a7ce084fd
                        [2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f]=b2448589-2b47-432c-9813-d542dec2d17c
                        [ac7bafe8-3c37-48ba-8c24-98be14f4d9f7]=9ee5f7e3-a5ef-4f3b-b365-dface86519d2)
declare -A NET_QR_MAC=([f8ec06d8-c199-45b8-bc72-56ee2c806fed]=fa:16:3e:6c:81:69
                       [2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f]=fa:16:3e:8b:15:31
                       [ac7bafe8-3c37-48ba-8c24-98be14f4d9f7]=fa:16:3e:3c:10:47)
declare -A NET_DHCP_PORT=([f8ec06d8-c199-45b8-bc72-56ee2c806fed]=9fab3b71-9d32-4b6d-a472-3727798ea95d
                          [2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f]=cd36d805-5229-4c86-ab50-feb0bd8f4788
                          [ac7bafe8-3c37-48ba-8c24-98be14f4d9f7]=ba973390-193a-4abc-89d0-83321c3859ad)
declare -A NET_DHCP_MAC=([f8ec06d8-c199-45b8-bc72-56ee2c806fed]=fa:16:3e:67:aa:a7
                         [2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f]=fa:16:3e:85:01:f2
                         [ac7bafe8-3c37-48ba-8c24-98be14f4d9f7]=fa:16:3e:73:7c:a1)
net_prefix() { echo "${NET_CIDR[$1]#*/}"; }
net_base() { local c=${NET_CIDR[$1]}; echo "${c%/*}"; }
# The external (provider) network: the router's gateway port qg- carries the floating /32s.
EXT_NET_UUID=a06c3967-ffef-4ed7-9a14-f6fa409eb3ba
EXT_NET_NAME=ext_net
EXT_CIDR=198.51.100.128/26
EXT_PREFIX=26
EXT_QG_PORT=adbbe7ab-461b-4572-be64-b6248befe07b
EXT_QG_MAC=fa:16:3e:88:01:46
EXT_QG_ADDR=198.51.100.130
EXT_BRIDGE=br-ex
INT_BRIDGE=br-int
# A floating IP still associated with a port whose instance is gone: DNAT to an unused fixed
# address, so it must NOT answer. (Documented in README as the lab's "dead" address.)
DEAD_FLOATING=198.51.100.140
DEAD_FIXED=198.51.100.29
# Neutron device names: prefix + first 11 characters of the port id.
port11() { echo "${1:0:11}"; }

# ---------------------------------------------------------------- Nova instances (nova-lxd)
# Names, the 0c MAC and the 14 port/MAC come from the walkthrough; fixed addresses keep the
# walkthrough's host parts (.4 .12 .7) where the network allows.
INSTANCES=(instance-00000002 instance-0000000c instance-00000012 instance-00000014)
declare -A I_MACHINE=([instance-00000002]=22 [instance-0000000c]=22 [instance-00000012]=24 [instance-00000014]=24)
declare -A I_UUID=([instance-00000002]=a6c6a525-0c2c-4bdd-9983-450beea30ae4
                   [instance-0000000c]=8cc01bae-aeca-4454-be6b-a610cf5c9a09
                   [instance-00000012]=9ea71e0e-e227-474e-96c0-b89a9e0fad05
                   [instance-00000014]=196c0452-88fb-4702-915b-ffe7fb31a6a8)
declare -A I_PORT=([instance-00000002]=060a1db8-02d9-4e62-bc72-709575abf714
                   [instance-0000000c]=1896322c-d426-41bf-9973-bbc8d8d22745
                   [instance-00000012]=c397384b-56b3-44a7-946e-943c12ff588a
                   [instance-00000014]=9e0c6af1-30bc-418d-b82f-c025c935d987)
declare -A I_MAC=([instance-00000002]=fa:16:3e:9f:1b:8e [instance-0000000c]=fa:16:3e:54:f9:9d
                  [instance-00000012]=fa:16:3e:f5:ed:19 [instance-00000014]=fa:16:3e:e4:a3:bf)
declare -A I_NET=([instance-00000002]=f8ec06d8-c199-45b8-bc72-56ee2c806fed
                  [instance-0000000c]=f8ec06d8-c199-45b8-bc72-56ee2c806fed
                  [instance-00000012]=2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f
                  [instance-00000014]=f8ec06d8-c199-45b8-bc72-56ee2c806fed)
declare -A I_FIXED=([instance-00000002]=198.51.100.4 [instance-0000000c]=198.51.100.12
                    [instance-00000012]=198.51.100.39 [instance-00000014]=198.51.100.20)
# "" = no floating IP. The walkthrough pinged .136 and .133 from the qrouter namespace.
declare -A I_FLOATING=([instance-00000002]=198.51.100.133 [instance-0000000c]=198.51.100.136
                       [instance-00000012]="" [instance-00000014]=198.51.100.138)
# Nova display names become the container's hostname (the walkthrough's root@lxc-test-1).
declare -A I_HOSTNAME=([instance-00000002]=lxc-test-0 [instance-0000000c]=lxc-test-1
                       [instance-00000012]=lxc-test-2 [instance-00000014]=lxc-test-3)
# Flavors: m1.small like the walkthrough's instance-00000014, m1.tiny for the others.
declare -A I_CPU=([instance-00000002]=1 [instance-0000000c]=1 [instance-00000012]=1 [instance-00000014]=1)
declare -A I_MEM=([instance-00000002]=512MB [instance-0000000c]=512MB [instance-00000012]=512MB [instance-00000014]=2048MB)
INSTANCE_MTU=1456           # the walkthrough's instance MTU (VXLAN overhead), served by DHCP option 26

containers_of() {  # MACHINE -> that machine's container names (nova instances first, then Juju's)
  local m=$1 n
  for n in "${INSTANCES[@]}"; do [ "${I_MACHINE[$n]}" = "$m" ] && echo "$n"; done
  for n in "${JUJU_CONTAINERS[@]}"; do [ "$(j_machine "$n")" = "$m" ] && echo "$n"; done
  return 0
}

# ---------------------------------------------------------------- the Juju model (juju status stand-in)
JUJU_MODEL=default; JUJU_CONTROLLER=maas; JUJU_CLOUD=maas
JUJU_VERSION=2.0.1          # the walkthrough's Juju
JUJU_SERIES=xenial
# Principal units on the machines themselves, and their subordinates (the walkthrough's numbering:
# nova-compute/1* on 22 with lxd/0*, neutron-openvswitch/0*, ntp/0*; ntp/3 under neutron-gateway/0).
declare -A M_PRINCIPAL=([22]=nova-compute/1 [23]="" [24]=nova-compute/2 [26]=neutron-gateway/0)
declare -A M_SUBORDINATES=([22]="lxd/0 neutron-openvswitch/0 ntp/0" [23]=""
                           [24]="lxd/2 neutron-openvswitch/2 ntp/2" [26]="ntp/3")

# ---------------------------------------------------------------- the `openstack` stand-in's additions
# Servers created (and floating IPs associated) through test/lab/openstack: its root helper
# (lib/nova-lxd-plumbing.sh) writes one root-owned file each, appending to the arrays above, so up,
# health, down and lab.json treat them like the lab's own instances.
# lab.json describes only what up made: STANDIN_SERVER / STANDIN_FLOATING name what the stand-in added
# (its own state file describes those, and they may be gone before the next up rewrites lab.json).
OPENSTACK_DIR=$LAB/openstack
declare -A STANDIN_SERVER=() STANDIN_FLOATING=()
for _plumbed in "$OPENSTACK_DIR"/plumbing/servers/*.sh "$OPENSTACK_DIR"/plumbing/floating/*.sh; do
  # shellcheck disable=SC1090
  [ -f "$_plumbed" ] && [ "$(stat -c %u "$_plumbed")" = 0 ] || continue
  . "$_plumbed"
  case $_plumbed in */servers/*) STANDIN_SERVER[$(basename "$_plumbed" .sh)]=1 ;; *) STANDIN_FLOATING[$(basename "$_plumbed" .sh)]=1 ;; esac
done
unset _plumbed
