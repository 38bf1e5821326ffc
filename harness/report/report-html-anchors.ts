// The ids report.html's links point at: a target's section and each scenario's evidence. A target is
// named by its position (names are free text, even hostile); a scenario by its id, kept to the
// characters an id and a URL fragment take as they are.

/** `t2`: the section of the second target. */
export function targetAnchor(targetIndex: number): string {
  return `t${targetIndex + 1}`;
}

/** `t2-second-ca-client`: the evidence of one scenario of the second target. */
export function scenarioAnchor(targetIndex: number, scenarioId: string): string {
  return `${targetAnchor(targetIndex)}-${scenarioId.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}
