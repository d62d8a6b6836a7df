// `juju status` in whichever format it was captured: JSON (what the probes ask for), YAML, or the
// tabular default an engineer pastes from a terminal.
import type { JujuStatus } from '../../contract/lab-model';
import { isEmptyModel, problem, UNREADABLE, type ParseProblem, type ParseResult, appendProblems } from './parse-result';
import { parseCleanJson, parseJsonText, parseYamlText } from './structured-input';
import { emptyJujuStatus } from './juju-status-common';
import { normalizeJujuStatusDocument } from './juju-status-structured';
import { isJujuTabularHeading, parseJujuStatusTabular } from './juju-status-tabular';
import { firstContentLine, prepareInput, quoteLine, type InputLine, type PreparedInput } from './text-input';

/** The top-level keys of a `juju status --format=yaml` document (1.x: environment, services). */
const YAML_TOP_LEVEL = /^(?:model|machines|applications|application-endpoints|controller|storage|offers|remote-applications|environment|services):\s*$/;

export function parseJujuStatus(text: string): ParseResult<JujuStatus> {
  const clean = parseCleanJson(text);
  if (clean) {
    const normalized = normalizeJujuStatusDocument(clean.value);
    return { value: normalized.value, format: isEmptyModel(normalized.value) && normalized.problems.length > 0 ? UNREADABLE : 'json', problems: normalized.problems };
  }
  const input = prepareInput(text);
  const problems: ParseProblem[] = [...input.problems];
  const first = firstContentLine(input.lines);
  if (first === null) return { value: emptyJujuStatus(), format: UNREADABLE, problems: [...problems, problem(null, 'the juju status output is empty')] };

  const structuredStart = input.lines.findIndex((line) => /^\s*\{/.test(line.text));
  if (first.text.trimStart().startsWith('{') || (structuredStart >= 0 && !input.lines.some((line) => isJujuTabularHeading(line.text)))) {
    return fromStructured('json', sliceFrom(input, structuredStart, problems), problems);
  }
  if (input.lines.some((line) => YAML_TOP_LEVEL.test(line.text))) {
    const yamlStart = input.lines.findIndex((line) => YAML_TOP_LEVEL.test(line.text));
    return fromStructured('yaml', sliceFrom(input, yamlStart, problems), problems);
  }
  if (input.lines.some((line) => isJujuTabularHeading(line.text))) {
    const { value, problems: tableProblems } = parseJujuStatusTabular(input.lines);
    appendProblems(problems, tableProblems);
    return { value, format: isEmptyModel(value) ? UNREADABLE : 'tabular', problems };
  }
  problems.push(problem(first.number, `not juju status output: ${quoteLine(first.text)} (expected JSON, YAML, or the table starting "Model  Controller  Cloud/Region")`));
  return { value: emptyJujuStatus(), format: UNREADABLE, problems };
}

/** Lines before the document (a warning Juju printed first) are reported, then skipped. */
function sliceFrom(input: PreparedInput, start: number, problems: ParseProblem[]): PreparedInput {
  if (start <= 0) return input;
  const skipped = input.lines.slice(0, start).filter((line: InputLine) => line.text.trim() !== '');
  for (const line of skipped) problems.push(problem(line.number, `not part of the status document: ${quoteLine(line.text)}`));
  const lines = input.lines.slice(start);
  return { lines, problems: [], text: lines.map((line) => line.text).join('\n') };
}

function fromStructured(format: 'json' | 'yaml', input: PreparedInput, problems: ParseProblem[]): ParseResult<JujuStatus> {
  const parsed = format === 'json' ? parseJsonText(input, 'juju status JSON') : parseYamlText(input, 'juju status YAML');
  appendProblems(problems, parsed.problems);
  if (parsed.value === undefined) return { value: emptyJujuStatus(), format: UNREADABLE, problems };
  const normalized = normalizeJujuStatusDocument(parsed.value);
  appendProblems(problems, normalized.problems);
  return { value: normalized.value, format: isEmptyModel(normalized.value) && problems.length > 0 ? UNREADABLE : format, problems };
}
