import { describe, expect, it } from 'vitest';
import { FLOW_ACK_STEP_CHARS, FLOW_HIGH_WATERMARK_CHARS, FLOW_LOW_WATERMARK_CHARS } from '../../electron/terminals/flow-control';
import { FlowAcknowledger } from './flow-acknowledger';

describe('acknowledging written terminal output', () => {
  it('reports in steps, not per chunk, and only what was written', () => {
    const sent: number[] = [];
    const acks = new FlowAcknowledger((chars) => sent.push(chars));
    // Nine chunks of a fifth of a step: one report after the fifth, four fifths held back.
    const chunk = FLOW_ACK_STEP_CHARS / 5;
    for (let index = 0; index < 9; index += 1) acks.written(chunk);
    expect(sent).toEqual([FLOW_ACK_STEP_CHARS]);
    acks.flush();
    expect(sent).toEqual([FLOW_ACK_STEP_CHARS, 4 * chunk]);
    acks.flush();
    expect(sent).toHaveLength(2);
  });

  it('never holds back as much as the low watermark (a paused channel always resumes)', () => {
    expect(FLOW_ACK_STEP_CHARS).toBeLessThanOrEqual(FLOW_LOW_WATERMARK_CHARS);
    expect(FLOW_LOW_WATERMARK_CHARS).toBeLessThan(FLOW_HIGH_WATERMARK_CHARS);
  });

  it('reports one large chunk at once', () => {
    const sent: number[] = [];
    new FlowAcknowledger((chars) => sent.push(chars)).written(3 * FLOW_ACK_STEP_CHARS + 7);
    expect(sent).toEqual([3 * FLOW_ACK_STEP_CHARS + 7]);
  });
});
