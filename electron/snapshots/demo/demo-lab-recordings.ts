// The demo's terminal recording: walkthrough step 10, `lxc exec instance-0000000c /bin/bash` on
// node07ob64 and `ifconfig` inside (hostname lxc-test-1, MTU 1456), as an asciicast v2 text. The
// output is the write-up's; the timing and terminal size are invented (fixed, for a stable file).

const IFCONFIG = `eth0      Link encap:Ethernet  HWaddr fa:16:3e:54:f9:9d  
          inet addr:192.168.20.12  Bcast:192.168.20.255  Mask:255.255.255.0
          inet6 addr: fe80::f816:3eff:fe54:f99d/64 Scope:Link
          UP BROADCAST RUNNING MULTICAST  MTU:1456  Metric:1
          RX packets:2711 errors:0 dropped:0 overruns:0 frame:0
          TX packets:1425 errors:0 dropped:0 overruns:0 carrier:0
          collisions:0 txqueuelen:1000 
          RX bytes:252983 (252.9 KB)  TX bytes:129955 (129.9 KB)

lo        Link encap:Local Loopback  
          inet addr:127.0.0.1  Mask:255.0.0.0
          inet6 addr: ::1/128 Scope:Host
          UP LOOPBACK RUNNING  MTU:65536  Metric:1
          RX packets:4 errors:0 dropped:0 overruns:0 frame:0
          TX packets:4 errors:0 dropped:0 overruns:0 carrier:0
          collisions:0 txqueuelen:1 
          RX bytes:280 (280.0 B)  TX bytes:280 (280.0 B)

`;

/** 2016-12-07T10:05:00Z, in seconds, as asciicast's header counts time. */
const RECORDED_AT_EPOCH_SECONDS = 1481105100;
const crlf = (text: string) => text.replaceAll('\n', '\r\n');

const events: [number, string][] = [
  [0.2, 'root@lxc-test-1:~# '],
  [1.4, 'i'],
  [1.5, 'f'],
  [1.6, 'c'],
  [1.7, 'o'],
  [1.8, 'n'],
  [1.9, 'f'],
  [2.0, 'i'],
  [2.1, 'g'],
  [2.4, '\r\n'],
  [2.45, crlf(IFCONFIG)],
  [2.5, 'root@lxc-test-1:~# '],
  [4.0, 'exit\r\n'],
];

export const DEMO_IFCONFIG_CAST = [
  JSON.stringify({ version: 2, width: 100, height: 30, timestamp: RECORDED_AT_EPOCH_SECONDS, title: 'lxc exec instance-0000000c on node07ob64', env: { TERM: 'xterm-256color', SHELL: '/bin/bash' } }),
  ...events.map(([time, text]) => JSON.stringify([time, 'o', text])),
].join('\n') + '\n';
