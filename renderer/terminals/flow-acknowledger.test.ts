import { describe, expect, it } from 'vitest';
import { FLOW_ACK_STEP_CHARS } from '../../electron/terminals/flow-control';
import { FlowAcknowledger } from './flow-acknowledger';

describe('acknowledging written terminal output', () => {
  it('reports in steps, not per chunk, and only what was written', () => {
    const sent: number[] = [];
    const acks = new FlowAcknowledger((chars) => sent.push(chars));
    for (let index = 0; index < 9; index += 1) acks.written(1000);
    expect(sent).toEqual([FLOW_ACK_STEP_CHARS]);
    acks.flush();
    expect(sent).toEqual([FLOW_ACK_STEP_CHARS, 9000 - FLOW_ACK_STEP_CHARS]);
    acks.flush();
    expect(sent).toHaveLength(2);
  });

  it('reports one large chunk at once', () => {
    const sent: number[] = [];
    new FlowAcknowledger((chars) => sent.push(chars)).written(3 * FLOW_ACK_STEP_CHARS + 7);
    expect(sent).toEqual([3 * FLOW_ACK_STEP_CHARS + 7]);
  });
});
