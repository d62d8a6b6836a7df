// A pasted terminal session ("root@node02ob64:~# ip netns" followed by its output, then the next
// prompt…) split into one entry per command, so each output can go to its own parser.
import { isPromptLine } from './text-input';

/** The command after a prompt: "ubuntu@host:~$ juju status" → "juju status". */
const PROMPT_AND_COMMAND = /^(?:[\w.-]+@[\w.-]+:[^\s]*\s?[#$%]|\[[\w.-]+@[\w.-]+[^\]]*\][#$])\s?(.*)$/;

export interface TranscriptCommand {
  /** The command as typed ("" for a bare prompt). */
  command: string;
  /** 1-based line of the prompt in the transcript. */
  line: number;
  /** The lines after the prompt up to the next one, joined with "\n". */
  output: string;
  /** 1-based line of the first output line in the transcript. */
  outputLine: number;
}

export function splitShellTranscript(text: string): TranscriptCommand[] {
  const lines = (typeof text === 'string' ? text : '').replace(/\r\n?/g, '\n').split('\n');
  const commands: TranscriptCommand[] = [];
  let current: (TranscriptCommand & { body: string[] }) | null = null;
  for (const [index, line] of lines.entries()) {
    if (isPromptLine(line)) {
      if (current) commands.push(finish(current));
      current = { command: PROMPT_AND_COMMAND.exec(line)?.[1]?.trim() ?? '', line: index + 1, output: '', outputLine: index + 2, body: [] };
    } else if (current) current.body.push(line);
  }
  if (current) commands.push(finish(current));
  return commands;
}

function finish(entry: TranscriptCommand & { body: string[] }): TranscriptCommand {
  const { body, ...command } = entry;
  return { ...command, output: body.join('\n') };
}
