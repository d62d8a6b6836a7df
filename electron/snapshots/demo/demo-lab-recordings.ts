// The demo's terminal recordings, as asciicast v2 texts: walkthrough step 10, `lxc exec
// instance-0000000c /bin/bash` on node07ob64 and `ifconfig` inside (hostname lxc-test-1, MTU
// 1456); and step 12, a shell in the gateway's qrouter namespace pinging the floating addresses.
// The output is the write-up's; the timing and terminal size are invented (fixed, for a stable
// file).

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
const TERMINAL = { width: 100, height: 30 };
const castHeader = (title: string, timestamp: number) => JSON.stringify({ version: 2, ...TERMINAL, timestamp, title, env: { TERM: 'xterm-256color', SHELL: '/bin/bash' } });
const castText = (header: string, events: readonly (readonly [number, string])[]) => [header, ...events.map(([time, text]) => JSON.stringify([round(time), 'o', text]))].join('\n') + '\n';
/** Event times to the millisecond, as recorders print them (and free of float noise: 2.1 + 0.1). */
const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

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

export const DEMO_IFCONFIG_CAST = castText(castHeader('lxc exec instance-0000000c on node07ob64', RECORDED_AT_EPOCH_SECONDS), events);

/** 2016-12-07T10:06:00Z: the namespace shell, a minute after the instance's. */
const PING_RECORDED_AT_EPOCH_SECONDS = 1481105160;
/** Typing speed of the invented keystrokes (echoed output, one character each). */
const KEYSTROKE_S = 0.08;
/** The prompt appears, and the engineer starts typing a moment later. */
const THINK_S = 1;
/** ping prints its header at once and the first reply within a millisecond on this network. */
const FIRST_OUTPUT_S = 0.05;
/** ping's own pace (no -i): one echo request a second, so icmp_seq n answers n − 1 seconds in. */
const PING_PACE_S = 1;
/** After the last reply shown, the engineer presses Ctrl+C this much later. */
const CTRL_C_AFTER_S = 0.6;
const SEQUENCE = /icmp_seq=(\d+)/;

/**
 * Walkthrough step 12 as a terminal recording: a shell opened with `ip netns exec <qrouter> bash`
 * on the gateway (the title the console gives such a terminal), then every command the transcript
 * shows typed at its prompt, with the output it printed. A reply's time follows its icmp_seq at
 * ping's one-second pace. The write-up's quote ends after the second ping's third reply, so the
 * recording ends there too, as one stopped mid-ping does: nothing is added after it.
 */
export function namespacePingCast(transcript: string, namespace: string, hostName: string): string {
  const lines = transcript.split('\n');
  const entered = lines.findIndex((line) => line.includes(`ip netns exec ${namespace} `));
  if (entered < 0) throw new Error(`the walkthrough transcript never enters ${namespace}`);
  const events: [number, string][] = [];
  let clock = 0;
  let commandStart = 0;
  let lastReply = 0;
  for (const line of lines.slice(entered + 1)) {
    const prompt = /^(\S+@\S+[#$] )(.*)$/.exec(line);
    if (prompt) {
      clock += 0.2;
      events.push([clock, prompt[1]!]);
      clock += THINK_S;
      for (const character of prompt[2]!) events.push([(clock += KEYSTROKE_S), character]);
      events.push([(clock += KEYSTROKE_S), '\r\n']);
      commandStart = clock;
    } else if (line === '') {
      // The write-up's blank lines set commands apart; a terminal prints none there.
    } else if (line === '^C') {
      clock = lastReply + CTRL_C_AFTER_S;
      events.push([clock, '^C\r\n']);
    } else {
      const sequence = SEQUENCE.exec(line);
      if (sequence) clock = lastReply = commandStart + FIRST_OUTPUT_S + (Number(sequence[1]) - 1) * PING_PACE_S;
      else clock = Math.max(clock, commandStart + FIRST_OUTPUT_S);
      events.push([clock, `${line}\r\n`]);
    }
  }
  return castText(castHeader(`ip netns exec ${namespace} on ${hostName}`, PING_RECORDED_AT_EPOCH_SECONDS), events);
}
