# shellcheck shell=bash
# nova.sh: each compute machine's /etc/nova (shaped on the walkthrough's nova.conf and
# nova-compute.conf). Written to the endpoint's etc-nova dir; that machine's sshd bind-mounts it on
# /etc/nova inside its own mount namespace (endpoints.sh), so /etc/nova differs per machine.
# Service passwords are random per lab (kept across `up` runs), never "REDACTED": the console
# must mask them itself. nova.conf is 0640 root:<lab user's group> (readable like the nova group).

SECRET_LEN=32            # Juju's OpenStack charms generate 32+ character service passwords
SECRETS_FILE=$STATE_DIR/secrets.env

# 512 random bytes keep ~120 alphanumerics: enough for one secret, and no SIGPIPE under pipefail.
nova_secret() { local s; s=$(head -c 512 /dev/urandom | tr -dc 'A-Za-z0-9'); echo "${s:0:$SECRET_LEN}"; }

nova_secrets_load() {
  mkdir -p "$STATE_DIR"
  if [ ! -s "$SECRETS_FILE" ]; then
    umask 077
    {
      echo "NOVA_NEUTRON_PASSWORD=$(nova_secret)"
      echo "NOVA_KEYSTONE_PASSWORD=$(nova_secret)"
      echo "NOVA_RABBIT_PASSWORD=$(nova_secret)"
    } >"$SECRETS_FILE"
    umask 022
  fi
  # shellcheck disable=SC1090
  . "$SECRETS_FILE"
}

nova_conf() {  # MACHINE
  local my_ip=${M_ADDR[$1]}
  cat <<EOF
[DEFAULT]
verbose=True
debug=True
dhcpbridge_flagfile=/etc/nova/nova.conf
dhcpbridge=/usr/bin/nova-dhcpbridge
logdir=/var/log/nova
state_path=/var/lib/nova
force_dhcp_release=True
use_syslog = False
ec2_private_dns_show_ip=True
api_paste_config=/etc/nova/api-paste.ini
enabled_apis=osapi_compute,metadata
auth_strategy=keystone
my_ip = $my_ip

vnc_enabled = False
novnc_enabled = False
libvirt_vif_driver = nova.virt.libvirt.vif.LibvirtGenericVIFDriver
security_group_api = neutron
firewall_driver = nova.virt.firewall.NoopFirewallDriver
network_api_class = nova.network.neutronv2.api.API
use_neutron = True
volume_api_class = nova.volume.cinder.API
reserved_host_memory = 512



[neutron]
url = http://$NEUTRON_API_ADDR:9696
auth_url = http://$KEYSTONE_ADDR:35357
auth_type = password
project_domain_name = default
user_domain_name = default
project_name = services
username = nova
password = $NOVA_NEUTRON_PASSWORD
signing_dir = 
[keystone_authtoken]
auth_uri = http://$KEYSTONE_ADDR:5000
auth_url = http://$KEYSTONE_ADDR:35357
auth_type = password
project_domain_name = default
user_domain_name = default
project_name = services
username = nova
password = $NOVA_KEYSTONE_PASSWORD
signing_dir = 


[glance]
api_servers = http://$GLANCE_ADDR:9292
[libvirt]
rbd_user = 
rbd_secret_uuid = 
live_migration_uri = qemu+ssh://%s/system

# Disable tunnelled migration so that selective
# live block migration can be supported.
live_migration_tunnelled = False



[oslo_messaging_rabbit]
rabbit_userid = nova
rabbit_virtual_host = openstack
rabbit_password = $NOVA_RABBIT_PASSWORD
rabbit_host = $RABBIT_ADDR


[cinder]

os_region_name = RegionOne



[oslo_concurrency]
lock_path=/var/lock/nova

[workarounds]
disable_libvirt_livesnapshot = False



[serial_console]
enabled = false
proxyclient_address = $my_ip
base_url = ws://$NCC_ADDR:6083/
EOF
}

nova_up() {
  step "/etc/nova per compute machine (nova.conf, nova-compute.conf)"
  nova_secrets_load
  # The host's /etc/nova is only the mount point the machines' namespaces bind over.
  if [ ! -d /etc/nova ]; then mkdir -p /etc/nova; mark etc-nova; fi
  local m d
  for m in "${MACHINES[@]}"; do
    [ "${M_ROLE[$m]}" = compute ] || continue
    d=$(ep_dir "$m")/etc-nova
    mkdir -p "$d"; chmod 755 "$d"
    nova_conf "$m" >"$d/nova.conf"
    chown "root:$(id -gn "$LAB_USER")" "$d/nova.conf"; chmod 640 "$d/nova.conf"
    printf '[DEFAULT]\ncompute_driver = lxd.LXDDriver\n' >"$d/nova-compute.conf"
    chmod 644 "$d/nova-compute.conf"
  done
  step_done
}

nova_down() {
  if marked etc-nova; then rmdir /etc/nova 2>/dev/null || warn "/etc/nova not empty; left in place"; fi
  return 0
}
