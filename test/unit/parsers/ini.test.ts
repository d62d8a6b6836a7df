import { describe, expect, it } from 'vitest';
import { mergeIniFiles, parseIni } from '../../../electron/probes/parsers/ini';
import { hypervisorFromComputeDriver, hypervisorOf } from '../../../electron/probes/parsers/nova-hypervisor';
import { isSecretKey, maskConfigValue, maskUrlCredentials, SECRET_MASK } from '../../../electron/probes/parsers/secret-masking';
import { fixture } from './fixtures';

describe('nova.conf, walkthrough compute node (node07ob64)', () => {
  const text = fixture('ini', 'walkthrough-nova.conf.txt');
  const result = parseIni(text);

  it('reads every section and key of the file', () => {
    expect(result.format).toBe('ini');
    expect(result.problems).toEqual([]);
    expect(Object.keys(result.value.sections)).toEqual(['DEFAULT', 'neutron', 'keystone_authtoken', 'glance', 'libvirt', 'oslo_messaging_rabbit', 'cinder', 'oslo_concurrency', 'workarounds', 'serial_console']);
    const keysInText = text.split('\n').filter((line) => /^[a-z0-9_]+\s*=/.test(line)).length;
    const keysRead = Object.values(result.value.sections).reduce((count, section) => count + Object.keys(section).length, 0);
    expect(keysRead).toBe(keysInText);
    expect(result.value.sections.DEFAULT?.my_ip).toBe('172.27.64.8');
    expect(result.value.sections.libvirt?.live_migration_uri).toBe('qemu+ssh://%s/system');
    expect(result.value.sections.neutron?.signing_dir).toBe('');
  });

  it('masks the service passwords and lists them; the clear value appears nowhere', () => {
    expect(result.value.masked).toEqual(['neutron.password', 'keystone_authtoken.password', 'oslo_messaging_rabbit.rabbit_password']);
    expect(result.value.sections.neutron?.password).toBe(SECRET_MASK);
    expect(JSON.stringify(result)).not.toContain('REDACTED');
  });

  it('keeps non-secrets readable (auth_type = password, usernames), and an empty secret key as empty', () => {
    expect(result.value.sections.neutron?.auth_type).toBe('password');
    expect(result.value.sections.neutron?.username).toBe('nova');
    expect(result.value.sections.libvirt?.rbd_secret_uuid).toBe('');
  });

  it('finds no hypervisor in nova.conf alone, and lxd once nova-compute.conf is read after it', () => {
    const compute = parseIni(fixture('ini', 'walkthrough-nova-compute.conf.txt')).value;
    expect(hypervisorOf(result.value).hypervisor).toBe('unknown');
    expect(hypervisorOf(compute)).toEqual({ hypervisor: 'lxd', computeDriver: 'lxd.LXDDriver', virtType: null });
    const merged = mergeIniFiles(result.value, compute);
    expect(hypervisorOf(merged).hypervisor).toBe('lxd');
    expect(merged.masked).toEqual(result.value.masked);
  });
});

describe('nova.conf rendered for Kubernetes (real secrets in it)', () => {
  const text = fixture('ini', 'rendered-k8s-nova.conf.txt');
  const result = parseIni(text);
  const serialised = JSON.stringify(result);

  it('masks every secret key and the password of every host of a multi-host transport_url', () => {
    expect(result.value.masked.sort()).toEqual(
      [
        'DEFAULT.transport_url',
        'ironic.memcache_secret_key',
        'ironic.password',
        'keystone_authtoken.memcache_secret_key',
        'keystone_authtoken.password',
        'keystone_authtoken.service_token_roles',
        'libvirt.rbd_secret_uuid',
        'neutron.metadata_proxy_shared_secret',
        'neutron.password',
        'placement.password',
        'service_user.password',
      ].sort(),
    );
    expect(result.value.sections.DEFAULT?.transport_url).toBe(
      `rabbit://nova:${SECRET_MASK}@rabbitmq-rabbitmq-0.rabbitmq.openstack.svc.cluster.local:5672,nova:${SECRET_MASK}@rabbitmq-rabbitmq-1.rabbitmq.openstack.svc.cluster.local:5672/nova`,
    );
  });

  it('leaves no clear secret in the result', () => {
    for (const secret of ['7jLMUQiFUMTtTFqR3Nln9ahml7KgxCA5kkuBfGE7AHDBub3jM48jNDLmuKJuBeO4', 'JrcNrm8yNFAkzthUDR68xDhKVlMzhQqM4ndkCVAFbCj4v1g91dWT03q3E5jr00AR', 'nova:password@']) {
      expect(serialised).not.toContain(secret);
    }
  });

  it('does not mask switches; descriptions named after a secret are masked (it errs on the side of masking)', () => {
    expect(result.value.sections.keystone_authtoken).toMatchObject({ service_token_roles: SECRET_MASK, service_token_roles_required: 'true', memcache_security_strategy: 'ENCRYPT' });
    expect(result.value.sections.service_user?.send_service_user_token).toBe('true');
    expect(result.value.sections.libvirt?.rbd_secret_uuid).toBe(SECRET_MASK);
  });

  it('reads libvirt with virt_type unset as kvm, nova’s default', () => {
    expect(hypervisorOf(result.value)).toEqual({ hypervisor: 'kvm', computeDriver: 'libvirt.LibvirtDriver', virtType: null });
  });

  it('reads the nova-lxd notes: compute_driver decides even with [libvirt] virt_type = lxc', () => {
    expect(hypervisorOf(parseIni(fixture('ini', 'nova-lxd-rpm-notes-nova.conf.txt')).value).hypervisor).toBe('lxd');
  });
});

describe('oslo.config INI rules', () => {
  it('joins continuation lines, keeps every value of a repeated key, unquotes, splits at the first ":" or "="', () => {
    const { value, problems } = parseIni(
      [
        '[DEFAULT]',
        'pci_passthrough_whitelist = {"vendor_id": "8086"}',
        'pci_passthrough_whitelist = {"vendor_id": "15b3"}',
        'banner = first line',
        '   second line',
        '',
        'quoted = "with spaces "',
        'url: http://example.invalid:8080/path',
        '; a comment',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(value.sections.DEFAULT).toMatchObject({ pci_passthrough_whitelist: '{"vendor_id": "15b3"}', banner: 'first line\nsecond line', quoted: 'with spaces ', url: 'http://example.invalid:8080/path' });
    expect(value.repeated['DEFAULT.pci_passthrough_whitelist']).toEqual(['{"vendor_id": "8086"}', '{"vendor_id": "15b3"}']);
  });

  it('masks each value of a repeated secret, and a secret continued on several lines', () => {
    const result = parseIni('[a]\npassword = one\npassword = two\n[b]\nsecret = part1\n  part2\n');
    expect(result.value.repeated['a.password']).toEqual([SECRET_MASK, SECRET_MASK]);
    expect(result.value.sections.b?.secret).toBe(SECRET_MASK);
    expect(JSON.stringify(result)).not.toMatch(/one|two|part1|part2/);
  });

  it('reports a malformed line without quoting it (it may be a secret)', () => {
    const result = parseIni('[DEFAULT]\nhunter2-the-password\n');
    expect(result.problems).toEqual([{ line: 2, message: 'this line is neither a [section], a comment nor "key = value"' }]);
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('reads keys before any section as [DEFAULT], saying so', () => {
    const result = parseIni('debug = true\n');
    expect(result.value.sections.DEFAULT?.debug).toBe('true');
    expect(result.problems[0]?.message).toMatch(/before any \[section\]/);
  });

  it('keeps a section called "__proto__" as data', () => {
    const result = parseIni('[__proto__]\npolluted = yes\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.value.sections.__proto__?.polluted).toBe('yes');
  });
});

describe('the file as it may be shown (IniFile.text) and where each value came from (IniFile.lines)', () => {
  it('is the walkthrough file line for line, with only the three passwords masked', () => {
    const text = fixture('ini', 'walkthrough-nova.conf.txt');
    const shown = parseIni(text).value.text.split('\n');
    const original = text.replace(/\n$/, '').split('\n');
    expect(shown.length).toBeGreaterThanOrEqual(original.length);
    const changed = original.flatMap((line, index) => (line.replace(/\s+$/, '') === shown[index] ? [] : [index + 1]));
    expect(changed.map((number) => shown[number - 1])).toEqual([`password = ${SECRET_MASK}`, `password = ${SECRET_MASK}`, `rabbit_password = ${SECRET_MASK}`]);
  });

  it('names the line that set each value, the last one for a repeated key', () => {
    const { value } = parseIni('[DEFAULT]\n# comment\ndebug = true\n\n[neutron]\nurl = http://h:9696\nurl = http://other:9696\n');
    expect(value.lines).toEqual({ 'DEFAULT.debug': 3, 'neutron.url': 7 });
  });

  it('masks secrets in the text as in the model: continued, commented out, in URLs, and unreadable lines', () => {
    const result = parseIni(
      [
        '[DEFAULT]',
        'transport_url = rabbit://nova:rabbit-clear@10.0.0.1:5672/',
        '#admin_password = commented-clear',
        '# connection = mysql://nova:comment-url-clear@db/nova',
        'secret = first-clear',
        '  second-clear',
        'stray-line-clear',
        '[broken',
        'password =',
      ].join('\n'),
    );
    const lines = result.value.text.split('\n');
    expect(lines).toEqual([
      '[DEFAULT]',
      `transport_url = rabbit://nova:${SECRET_MASK}@10.0.0.1:5672/`,
      `#admin_password = ${SECRET_MASK}`,
      `# connection = mysql://nova:${SECRET_MASK}@db/nova`,
      `secret = ${SECRET_MASK}`,
      `  ${SECRET_MASK}`,
      SECRET_MASK,
      SECRET_MASK,
      'password =',
    ]);
    expect(JSON.stringify(result)).not.toMatch(/clear/);
  });
});

describe('which keys are secrets', () => {
  it.each([
    'password', 'admin_password', 'rabbit_password', 'metadata_proxy_shared_secret', 'memcache_secret_key', 'fixed_key', 'admin_token', 'application_credential_secret', 'api_key', 'private_key', 'key', 'db_passwd',
    // Whatever the suffix: a "token id" is often the token itself, a key file may hold pasted key material.
    'root_token_id', 'approle_secret_id', 'hmac_keys', 'rbd_secret_uuid', 'application_credential_id', 'password_file', 'ssh_private_key_file', 'token_cache_time', 'ssl_key_file', 'X-Auth-Token', 'keystone.authtoken',
  ])(
    '%s is secret',
    (key) => expect(isSecretKey(key)).toBe(true),
  );

  it('keeps a switch whatever its key: true, false, yes, no, on, off', () => {
    for (const value of ['true', 'False', 'yes', 'NO', 'on', 'off', '"true"']) expect(maskConfigValue('send_service_user_token', value)).toEqual({ value, masked: false });
    expect(maskConfigValue('send_service_user_token', 'tru3')).toEqual({ value: SECRET_MASK, masked: true });
  });

  it.each(['auth_type', 'bypass_cache', 'username', 'compass_heading', 'monkey_patch', 'passive_deletes', 'tokenizer'])(
    '%s is not secret',
    (key) => expect(isSecretKey(key)).toBe(false),
  );

  it('masks URL passwords holding "/", "@" or ",", and secret query parameters', () => {
    expect(maskUrlCredentials('mysql+pymysql://nova:pa/ss@10.0.0.1/nova').value).toBe(`mysql+pymysql://nova:${SECRET_MASK}@10.0.0.1/nova`);
    expect(maskUrlCredentials('rabbit://nova:p@ss@h1:5672/').value).toBe(`rabbit://nova:${SECRET_MASK}@h1:5672/`);
    expect(maskUrlCredentials('rabbit://u:a,b@h1:5672,u:c@h2:5672/v').value).toBe(`rabbit://u:${SECRET_MASK}@h1:5672,u:${SECRET_MASK}@h2:5672/v`);
    expect(maskUrlCredentials('http://h/v3?password=x&region=One').value).toBe(`http://h/v3?password=${SECRET_MASK}&region=One`);
    expect(maskUrlCredentials('qemu+ssh://%s/system')).toEqual({ value: 'qemu+ssh://%s/system', masked: false });
  });

  it('maps compute drivers to hypervisors', () => {
    expect(hypervisorFromComputeDriver('nova_lxd.nova.virt.lxd.LXDDriver')).toBe('lxd');
    expect(hypervisorFromComputeDriver('libvirt.LibvirtDriver', 'qemu')).toBe('qemu');
    expect(hypervisorFromComputeDriver('libvirt.LibvirtDriver', 'lxc')).toBe('lxc');
    expect(hypervisorFromComputeDriver('libvirt.LibvirtDriver', 'something-new')).toBe('libvirt');
    expect(hypervisorFromComputeDriver('ironic.IronicDriver')).toBe('ironic');
    expect(hypervisorFromComputeDriver('fake.FakeDriver')).toBe('fake');
    expect(hypervisorFromComputeDriver(null)).toBe('unknown');
  });
});
